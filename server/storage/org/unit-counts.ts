import type { EntityManager } from '@mikro-orm/postgresql';
import type { KpiDefinition } from '../../engine/kpi/define-kpi';
import { pathIds } from '../kpi/rollups';
import type { OrgLevel } from '../../engine/kpi/vocabulary';

/** How many units of one level and tag set a subtree holds: the basis of `expected`. */
export interface UnitCount {
  level: OrgLevel;
  tags: string[];
  count: number;
}

/** Each unit's subtree (the unit included), counted by level and tags, as kept when units are added. */
export async function countUnitsBelow(
  em: EntityManager,
  unitIds: readonly number[],
): Promise<Map<number, UnitCount[]>> {
  const rows = await em.execute<{ unit_id: number; level: OrgLevel; tags: string[]; units: number }[]>(
    `select org_unit_id as unit_id, level, tags, units from subtree_unit_count
     where org_unit_id = any(array[?]::int[])`,
    [[...unitIds]],
  );
  const counts = new Map<number, UnitCount[]>(unitIds.map((id) => [id, []]));
  for (const row of rows)
    counts.get(row.unit_id)?.push({ level: row.level, tags: row.tags, count: Number(row.units) });
  return counts;
}

/** Counts a new unit in its own subtree and in every ancestor's, root first as roll-ups are locked. */
export async function countNewUnit(
  em: EntityManager,
  unit: { path: string; level: OrgLevel; tags: readonly string[] },
): Promise<void> {
  await em.execute(
    `insert into subtree_unit_count (org_unit_id, level, tags, units)
     select ancestor.id, ?, array[?]::text[], 1
     from unnest(array[?]::int[]) with ordinality as ancestor(id, position)
     order by ancestor.position
     on conflict (org_unit_id, level, tags) do update set units = subtree_unit_count.units + 1`,
    [unit.level, [...unit.tags], pathIds(unit.path)],
  );
}

/** Collecting units in a subtree that a KPI applies to: the `expected` of its value there. */
export function expectedReporters(kpi: KpiDefinition, counts: readonly UnitCount[]): number {
  return counts
    .filter(
      ({ level, tags }) =>
        level === kpi.collectedAt && (!kpi.appliesTo || kpi.appliesTo.some((tag) => tags.includes(tag))),
    )
    .reduce((total, { count }) => total + count, 0);
}
