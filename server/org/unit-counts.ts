import type { EntityManager } from '@mikro-orm/postgresql';
import type { KpiDefinition } from '../kpi/define-kpi';
import type { OrgLevel } from '../kpi/vocabulary';

/** How many units of one level and tag set a subtree holds: the basis of `expected`. */
export interface UnitCount {
  level: OrgLevel;
  tags: string[];
  count: number;
}

/** Each unit's subtree (the unit included), counted by level and tags, in one statement. */
export async function countUnitsBelow(
  em: EntityManager,
  unitIds: readonly number[],
): Promise<Map<number, UnitCount[]>> {
  const rows = await em.execute<{ unit_id: number; level: OrgLevel; tags: string[]; count: string }[]>(
    `select unit.id as unit_id, member.level, member.tags, count(*) as count
     from org_unit unit join org_unit member on member.path like unit.path || '%'
     where unit.id = any(array[?]::int[])
     group by unit.id, member.level, member.tags`,
    [[...unitIds]],
  );
  const counts = new Map<number, UnitCount[]>(unitIds.map((id) => [id, []]));
  for (const row of rows)
    counts.get(row.unit_id)?.push({ level: row.level, tags: row.tags, count: Number(row.count) });
  return counts;
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
