import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { factsCurrent } from '../../server/facts/facts-current';
import type { StoredFacts } from '../../server/facts/stored-facts';
import { chartMonths } from '../../server/kpi/kpi-facts';
import type { OrgUnitLoaders } from '../org-unit/org-unit.loaders';

/** A KPI at a unit with a reason to be on a list. */
export interface Candidate {
  unitId: number;
  kpiKey: string;
  reasons: string[];
}

export type FactList = 'attention' | 'celebration';

export interface SubtreeMonthKey {
  /** The top of the subtree. */
  unit: OrgUnitEntity;
  month: string;
}

export interface ListKey extends SubtreeMonthKey {
  list: FactList;
}

export interface FactKey {
  unitId: number;
  month: string;
  kpiKey: string;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** For a month, each year's months of the chart before it, as bits: where a unit that stopped had reported. */
function earlierMonthsByYear(month: string): {
  years: number[];
  earlier: number[];
  year: number;
  bit: number;
} {
  const bits = new Map<number, number>();
  for (const earlier of chartMonths(month).slice(0, -1)) {
    const [year, monthNumber] = earlier.split('-').map(Number) as [number, number];
    bits.set(year, (bits.get(year) ?? 0) | (1 << (monthNumber - 1)));
  }
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return { years: [...bits.keys()], earlier: [...bits.values()], year, bit: 1 << (monthNumber - 1) };
}

/**
 * The stored facts behind the attention and celebration lists and the governance cycle. Each first read of a
 * request waits for the refreshes queued before it to be worked out (see server/facts/facts-current.ts).
 */
export function createFactLoaders(em: EntityManager, orgUnits: OrgUnitLoaders) {
  let current: Promise<void> | undefined;
  const ready = () => (current ??= factsCurrent(em));

  const subtreeIds = async (unit: OrgUnitEntity) => [
    unit.id,
    ...(await orgUnits.descendants.load(unit.path)).map((below) => below.id),
  ];

  /** The candidates for one list across a subtree in a month: each with its reasons, strongest first. */
  const reasons = new DataLoader<ListKey, Candidate[], string>(
    async (keys) => {
      await ready();
      const found = new Map<string, Candidate[]>();
      for (const group of groupBy(keys, (key) => `${key.list}|${key.month}`).values()) {
        const { list, month } = group[0]!;
        const members = await Promise.all(group.map((key) => subtreeIds(key.unit)));
        const rows = await em.execute<{ unit_id: number; kpi_key: string; reasons: string[] }[]>(
          `select org_unit_id as unit_id, kpi_key, ${list} as reasons from kpi_fact
           where org_unit_id = any(array[?]::int[]) and period = ? and cardinality(${list}) > 0`,
          [[...new Set(members.flat())], month],
        );
        group.forEach((key, index) => {
          const inSubtree = new Set(members[index]);
          found.set(
            `${key.unit.id}|${list}|${month}`,
            rows
              .filter((row) => inSubtree.has(row.unit_id))
              .map((row) => ({ unitId: row.unit_id, kpiKey: row.kpi_key, reasons: row.reasons })),
          );
        });
      }
      return keys.map((key) => found.get(`${key.unit.id}|${key.list}|${key.month}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.unit.id}|${key.list}|${key.month}` },
  );

  /**
   * The KPIs a unit in the subtree reported in earlier months of its chart and not in this one: read from the
   * months each unit has submitted, as bits. Which of them it still collects is the reader's to say.
   */
  const stoppedReporting = new DataLoader<SubtreeMonthKey, { unitId: number; kpiKey: string }[], string>(
    async (keys) => {
      const found = new Map<string, { unitId: number; kpiKey: string }[]>();
      for (const group of groupBy(keys, (key) => key.month).values()) {
        const { month } = group[0]!;
        const { years, earlier, year, bit } = earlierMonthsByYear(month);
        const members = await Promise.all(group.map((key) => subtreeIds(key.unit)));
        const rows = await em.execute<{ unit_id: number; kpi_key: string }[]>(
          `select reported.org_unit_id as unit_id, reported.kpi_key
           from reported_months reported
           left join unnest(array[?]::int[], array[?]::int[]) as window_bits(year, bits) using (year)
           where reported.org_unit_id = any(array[?]::int[]) and reported.year between ? and ?
           group by reported.org_unit_id, reported.kpi_key
           having bool_or(reported.months & coalesce(window_bits.bits, 0) <> 0)
             and not bool_or(reported.year = ? and reported.months & ? <> 0)`,
          [years, earlier, [...new Set(members.flat())], Math.min(...years, year), year, year, bit],
        );
        group.forEach((key, index) => {
          const inSubtree = new Set(members[index]);
          found.set(
            `${key.unit.id}|${month}`,
            rows
              .filter((row) => inSubtree.has(row.unit_id))
              .map((row) => ({ unitId: row.unit_id, kpiKey: row.kpi_key })),
          );
        });
      }
      return keys.map((key) => found.get(`${key.unit.id}|${key.month}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.unit.id}|${key.month}` },
  );

  /** One KPI's stored facts at one unit in one month, for a finding's sentence; null when none are stored. */
  const stored = new DataLoader<FactKey, StoredFacts | null, string>(
    async (keys) => {
      const rows = await em.execute<
        { unit_id: number; period: string; kpi_key: string; facts: StoredFacts }[]
      >(
        `select fact.org_unit_id as unit_id, fact.period, fact.kpi_key, fact.facts
         from unnest(array[?]::int[], array[?]::text[], array[?]::text[]) as wanted(org_unit_id, period, kpi_key)
         join kpi_fact fact using (org_unit_id, period, kpi_key)`,
        [keys.map((key) => key.unitId), keys.map((key) => key.month), keys.map((key) => key.kpiKey)],
      );
      const found = new Map(rows.map((row) => [`${row.unit_id}|${row.period}|${row.kpi_key}`, row.facts]));
      return keys.map((key) => found.get(`${key.unitId}|${key.month}|${key.kpiKey}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.month}|${key.kpiKey}` },
  );

  /** The KPIs whose month at a unit asks the team for a story (see server/review/calls-for-story.ts). */
  const callingForStory = new DataLoader<{ unitId: number; month: string }, Set<string>, string>(
    async (keys) => {
      await ready();
      const found = new Map<string, Set<string>>();
      for (const group of groupBy(keys, (key) => key.month).values()) {
        const rows = await em.execute<{ unit_id: number; kpi_key: string }[]>(
          `select org_unit_id as unit_id, kpi_key from kpi_fact
           where org_unit_id = any(array[?]::int[]) and period = ? and calls_for_story`,
          [[...new Set(group.map((key) => key.unitId))], group[0]!.month],
        );
        for (const row of rows) {
          const key = `${row.unit_id}|${group[0]!.month}`;
          found.set(key, (found.get(key) ?? new Set()).add(row.kpi_key));
        }
      }
      return keys.map((key) => found.get(`${key.unitId}|${key.month}`) ?? new Set());
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.month}` },
  );

  return { reasons, stoppedReporting, stored, callingForStory };
}

export type FactLoaders = ReturnType<typeof createFactLoaders>;
