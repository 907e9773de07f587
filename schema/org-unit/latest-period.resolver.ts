import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { Context } from '../context';
import { OrgUnit } from './org-unit.type';

/**
 * Keyed by unit id: the latest month with a roll-up of any loaded KPI at the unit (its subtree's data),
 * or null. One query per batch, whatever the number of units asked for.
 */
export function createLatestPeriodLoader(em: EntityManager, kpiKeys: readonly string[]) {
  return new DataLoader<number, string | null>(async (unitIds) => {
    const rows = await em.execute<{ unit_id: number; latest: string }[]>(
      `select org_unit_id as unit_id, max(period) as latest
       from rollup
       where org_unit_id = any(array[?]::int[]) and kpi_key = any(array[?]::text[])
       group by org_unit_id`,
      [[...new Set(unitIds)], [...kpiKeys]],
    );
    const latest = new Map(rows.map((row) => [Number(row.unit_id), row.latest]));
    return unitIds.map((id) => latest.get(id) ?? null);
  });
}

/** The shared loaders are per request; so is this one, kept beside the request's own loaders. */
const loadersOfRequest = new WeakMap<Context['loaders'], DataLoader<number, string | null>>();

function latestPeriodLoader({ em, loaders, registry }: Context): DataLoader<number, string | null> {
  let loader = loadersOfRequest.get(loaders);
  if (!loader) {
    loader = createLatestPeriodLoader(
      em,
      registry.all().map((kpi) => kpi.key),
    );
    loadersOfRequest.set(loaders, loader);
  }
  return loader;
}

@Resolver(() => OrgUnit)
export class LatestPeriodResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The latest month (e.g. 2026-03) with any KPI data at this unit or below it; null when there is none. A display with no period of its own shows this one.',
  })
  async latestPeriod(@Root() unit: OrgUnitEntity, @Ctx() context: Context): Promise<string | null> {
    await context.access.require('VIEWER', unit, `Reading the latest period of ${unit.code}`);
    return latestPeriodLoader(context).load(unit.id);
  }
}
