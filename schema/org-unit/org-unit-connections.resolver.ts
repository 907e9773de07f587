import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import { DEFAULT_PAGE, decodeCursor, pageSize } from '../connection/paging';
import { connectionType, toConnection } from '../connection/connection';
import type { Connection } from '../connection/connection';
import type { Context } from '../context';
import { OrgLevelEnum } from '../enums';
import { OrgUnit } from './org-unit.type';

export const OrgUnitConnection = connectionType(OrgUnit, 'OrgUnit');

/** A page of units in path order (top of the tree first), read in SQL from the cursor's path on. */
async function unitPage(
  em: Context['em'],
  where: FilterQuery<OrgUnitEntity>[],
  first: number,
  after: string | null | undefined,
): Promise<Connection<OrgUnitEntity>> {
  const size = pageSize(first);
  const [afterPath] = decodeCursor(after, ['string']) ?? [];
  const units = await em.find(
    OrgUnitEntity,
    { $and: afterPath === undefined ? where : [...where, { path: { $gt: afterPath as string } }] },
    { orderBy: { path: 'asc' }, limit: size + 1 },
  );
  return toConnection(units, size, (unit) => [unit.path]);
}

@Resolver(() => OrgUnit)
export class OrgUnitConnectionsResolver {
  @Query(() => OrgUnitConnection, {
    description: 'Every unit, or every unit of one level, top of the tree first, a page at a time.',
  })
  orgUnitsConnection(
    @Ctx() { em }: Context,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level?: OrgLevel | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<OrgUnitEntity>> {
    return unitPage(em, level ? [{ level }] : [], first, after);
  }

  @FieldResolver(() => OrgUnitConnection, {
    description: 'Every unit below, optionally of one level only, top-down, a page at a time.',
  })
  descendantsConnection(
    @Root() unit: OrgUnitEntity,
    @Ctx() { em }: Context,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level?: OrgLevel | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<OrgUnitEntity>> {
    const below: FilterQuery<OrgUnitEntity>[] = [
      { path: { $like: `${unit.path}%` } },
      { path: { $ne: unit.path } },
    ];
    return unitPage(em, level ? [...below, { level }] : below, first, after);
  }
}
