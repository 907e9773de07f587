import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { countUnitsBelow } from '../../server/storage/org/unit-counts';
import type { UnitCount } from '../../server/storage/org/unit-counts';
import type { UnitRow } from '../../server/storage/org/unit-row';

function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** Units read and made into entities per statement: a subtree of thousands at once would hold the event loop. */
const UNITS_PER_PAGE = 250;

/** The units a filter finds, ordered by path, read a page at a time. */
export async function unitsByPath(
  em: EntityManager,
  where: FilterQuery<OrgUnitEntity>,
): Promise<OrgUnitEntity[]> {
  const units: OrgUnitEntity[] = [];
  for (;;) {
    const after = units.at(-1)?.path;
    const page = await em.find(OrgUnitEntity, after ? { $and: [where, { path: { $gt: after } }] } : where, {
      orderBy: { path: 'asc' },
      limit: UNITS_PER_PAGE,
    });
    units.push(...page);
    if (page.length < UNITS_PER_PAGE) return units;
  }
}

export function createOrgUnitLoaders(em: EntityManager) {
  const byId = new DataLoader<number, OrgUnitEntity | null>(
    async (ids) => byKey(ids, await em.find(OrgUnitEntity, { id: { $in: [...ids] } }), (unit) => unit.id),
    { maxBatchSize: UNITS_PER_PAGE },
  );
  /** Many units by id, a page after the page before, so that their entities are made a page at a turn. */
  const manyById = async (ids: readonly number[]): Promise<Map<number, OrgUnitEntity>> => {
    const units = new Map<number, OrgUnitEntity>();
    for (let start = 0; start < ids.length; start += UNITS_PER_PAGE) {
      for (const unit of await byId.loadMany(ids.slice(start, start + UNITS_PER_PAGE))) {
        if (unit instanceof OrgUnitEntity) units.set(unit.id, unit);
      }
    }
    return units;
  };
  const byCode = new DataLoader<string, OrgUnitEntity | null>(async (codes) =>
    byKey(codes, await em.find(OrgUnitEntity, { code: { $in: [...codes] } }), (unit) => unit.code),
  );

  const children = new DataLoader<number, OrgUnitEntity[]>(async (parentIds) => {
    const rows = await em.find(
      OrgUnitEntity,
      { parent: { $in: [...parentIds] } },
      { orderBy: { code: 'asc' } },
    );
    return parentIds.map((id) => rows.filter((unit) => unit.parent?.id === id));
  });

  /** Keyed by a unit's path: every unit below it, ordered by path so a subtree reads top-down. */
  const descendants = new DataLoader<string, OrgUnitEntity[]>(async (paths) => {
    const units = await unitsByPath(em, { $or: paths.map((path) => ({ path: { $like: `${path}%` } })) });
    return paths.map((path) => units.filter((unit) => unit.path !== path && unit.path.startsWith(path)));
  });

  /**
   * Keyed by a unit's path: the unit and every unit below it, as plain rows rather than entities, for reads
   * that only rank or count a subtree's units and make entities of the few they show.
   */
  const subtreeRows = new DataLoader<string, UnitRow[]>(async (paths) => {
    const rows = await em.execute<UnitRow[]>(
      `select id, code, name, level, path, tags from org_unit where ${paths.map(() => 'path like ?').join(' or ')}`,
      paths.map((path) => `${path}%`),
    );
    return paths.map((path) => rows.filter((unit) => unit.path.startsWith(path)));
  });

  const unitCounts = new DataLoader<number, UnitCount[]>(async (unitIds) => {
    const counts = await countUnitsBelow(em, unitIds);
    return unitIds.map((id) => counts.get(id) ?? []);
  });

  /** The paths of the units a token's roles apply to. */
  const pathsOfCodes = async (codes: readonly string[]): Promise<string[]> =>
    (await byCode.loadMany(codes)).flatMap((unit) => (unit instanceof OrgUnitEntity ? [unit.path] : []));

  return { byId, manyById, byCode, children, descendants, subtreeRows, unitCounts, pathsOfCodes };
}

export type OrgUnitLoaders = ReturnType<typeof createOrgUnitLoaders>;
