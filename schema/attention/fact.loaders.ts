import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { factsCurrent } from '../../server/storage/facts/facts-current';
import { groupBy } from '../../server/engine/group-by';
import { reasonsFromBits } from '../../server/storage/facts/reason-bits';
import { inTurns } from '../../server/engine/pace';
import { ATTENTION_REASONS, CELEBRATION_REASONS } from '../../server/engine/kpi/findings';
import { previousMonth } from '../../server/engine/kpi/period';
import { chartMonths, chartStart } from '../../server/engine/kpi/kpi-facts';

/** A KPI at a unit with a reason to be on a list. */
export interface Candidate {
  unitId: number;
  kpiKey: string;
  /** Shared by the candidates of a KPI with the same reasons: not to be changed. */
  reasons: readonly string[];
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
 * request waits for the refreshes queued before it to be worked out (see server/storage/facts/facts-current.ts).
 */
export function createFactLoaders(em: EntityManager, signal?: AbortSignal) {
  let current: Promise<void> | undefined;
  const ready = () => (current ??= factsCurrent(em));

  /** Each distinct subtree of a batch once: a path a statement names is a prefix the planner can use. */
  const subtrees = (keys: readonly SubtreeMonthKey[]) => [
    ...new Map(keys.map((key) => [key.unit.id, key.unit] as const)).values(),
  ];

  /** The candidates for one list across a subtree in a month: each with its reasons, strongest first. */
  const reasons = new DataLoader<ListKey, Candidate[], string>(
    async (keys) => {
      await ready();
      const found = new Map<string, Candidate[]>();
      for (const group of groupBy(keys, (key) => `${key.list}|${key.month}`).values()) {
        const { list, month } = group[0]!;
        const order: readonly string[] = list === 'attention' ? ATTENTION_REASONS : CELEBRATION_REASONS;
        for (const root of subtrees(group)) {
          // One row per KPI and set of reasons, its units as a JSON array: a system's tens of thousands of
          // candidates parsed as rows would hold the event loop while they arrive; JSON is parsed natively.
          const rows = await em.execute<{ kpi_key: string; reasons: number; unit_ids: number[] }[]>(
            `select fact.kpi_key, fact.${list} as reasons, json_agg(fact.org_unit_id) as unit_ids
             from org_unit unit join kpi_fact fact on fact.org_unit_id = unit.id
             where unit.path like ? and fact.period = ? and fact.${list} <> 0
             group by fact.kpi_key, fact.${list}`,
            [`${root.path}%`, month],
          );
          const candidates: Candidate[] = [];
          found.set(`${root.id}|${list}|${month}`, candidates);
          await inTurns(
            rows,
            (row) => {
              const reasons = reasonsFromBits(row.reasons, order);
              for (const unitId of row.unit_ids) candidates.push({ unitId, kpiKey: row.kpi_key, reasons });
            },
            { slice: 20, signal },
          );
        }
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
        // Whole numbers worked out here, so written into the statement: each year's months of the window.
        const window = `case reported.year ${years.map((each, index) => `when ${each} then ${earlier[index]}`).join(' ')} else 0 end`;
        for (const root of subtrees(group)) {
          const rows = await em.execute<{ unit_id: number; kpi_key: string }[]>(
            `select reported.org_unit_id as unit_id, reported.kpi_key
             from org_unit unit join reported_months reported on reported.org_unit_id = unit.id
             where unit.path like ? and reported.year between ? and ?
             group by reported.org_unit_id, reported.kpi_key
             having bit_or(reported.months & ${window}) <> 0
               and bit_or(case when reported.year = ${year} then reported.months & ${bit} else 0 end) = 0`,
            [`${root.path}%`, Math.min(...years, year), year],
          );
          found.set(
            `${root.id}|${month}`,
            rows.map((row) => ({ unitId: row.unit_id, kpiKey: row.kpi_key })),
          );
        }
      }
      return keys.map((key) => found.get(`${key.unit.id}|${key.month}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.unit.id}|${key.month}` },
  );

  /**
   * One KPI's roll-up sums at one unit over the chart that ends in a month, by month: what the facts of a
   * finding a list shows are worked out again from, for its sentence.
   */
  const chartSums = new DataLoader<FactKey, Map<string, Record<string, number>>, string>(
    async (keys) => {
      const found = new Map<string, Map<string, Record<string, number>>>();
      for (const group of groupBy(keys, (key) => key.month).values()) {
        const { month } = group[0]!;
        const rows = await em.execute<
          { unit_id: number; kpi_key: string; period: string; sums: Record<string, number | string> }[]
        >(
          `select rollup.org_unit_id as unit_id, rollup.kpi_key, rollup.period, rollup.sums
           from unnest(array[?]::int[], array[?]::text[]) as wanted(org_unit_id, kpi_key)
           join rollup on rollup.org_unit_id = wanted.org_unit_id and rollup.kpi_key = wanted.kpi_key
             and rollup.period between ? and ?`,
          [
            group.map((key) => key.unitId),
            group.map((key) => key.kpiKey),
            chartStart(previousMonth(month)),
            month,
          ],
        );
        for (const row of rows) {
          const key = `${row.unit_id}|${month}|${row.kpi_key}`;
          const byMonth = found.get(key) ?? new Map<string, Record<string, number>>();
          found.set(key, byMonth);
          byMonth.set(
            row.period,
            Object.fromEntries(Object.entries(row.sums).map(([name, sum]) => [name, Number(sum)])),
          );
        }
      }
      return keys.map((key) => found.get(`${key.unitId}|${key.month}|${key.kpiKey}`) ?? new Map());
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.month}|${key.kpiKey}` },
  );

  /** The KPIs whose month at a unit asks the team for a story (see server/engine/review/calls-for-story.ts). */
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

  return { reasons, stoppedReporting, chartSums, callingForStory };
}

export type FactLoaders = ReturnType<typeof createFactLoaders>;
