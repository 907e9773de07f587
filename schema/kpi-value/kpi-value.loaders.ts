import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/** A KPI's input sums at one unit over a period, and how many collecting units reported in its last month. */
export interface PeriodRollup {
  sums: Record<string, number>;
  /** The number of the period's months with any data. */
  monthsWithData: number;
  /** For a single month: the collecting units in the subtree that submitted. */
  reporting: number;
}

export interface RollupKey {
  unitId: number;
  /** The period's months; longer periods are summed from their months in PostgreSQL numerics. */
  months: readonly string[];
}

/** Units in a subtree that submitted for every one of `months`, for one KPI. */
export interface CompleteReportersKey {
  unitId: number;
  kpiKey: string;
  months: readonly string[];
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

export function createKpiValueLoaders(em: EntityManager) {
  /** Every KPI's roll-up at one unit over one period, keyed by KPI. */
  const rollups = new DataLoader<RollupKey, Map<string, PeriodRollup>, string>(
    async (keys) => {
      const found = new Map<string, Map<string, PeriodRollup>>();
      for (const [monthsLabel, group] of groupBy(keys, (key) => key.months.join(','))) {
        const rows = await em.execute<
          {
            unit_id: number;
            kpi_key: string;
            input_name: string;
            total: string;
            months: string;
            reporting: string;
          }[]
        >(
          `select rollup.org_unit_id as unit_id, rollup.kpi_key, input.key as input_name,
                  sum(input.value::numeric) as total, count(*) as months, sum(rollup.reporting) as reporting
           from rollup cross join lateral jsonb_each_text(rollup.sums) as input(key, value)
           where rollup.org_unit_id = any(array[?]::int[]) and rollup.period = any(array[?]::text[])
           group by 1, 2, 3`,
          [[...new Set(group.map((key) => key.unitId))], [...group[0]!.months]],
        );
        for (const row of rows) {
          const unitKey = `${row.unit_id}|${monthsLabel}`;
          const byKpi = found.get(unitKey) ?? new Map<string, PeriodRollup>();
          found.set(unitKey, byKpi);
          const rollup = byKpi.get(row.kpi_key) ?? { sums: {}, monthsWithData: 0, reporting: 0 };
          byKpi.set(row.kpi_key, rollup);
          rollup.sums[row.input_name] = Number(row.total);
          rollup.monthsWithData = Math.max(rollup.monthsWithData, Number(row.months));
          rollup.reporting = Math.max(rollup.reporting, Number(row.reporting));
        }
      }
      return keys.map((key) => found.get(`${key.unitId}|${key.months.join(',')}`) ?? new Map());
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.months.join(',')}` },
  );

  const completeReporters = new DataLoader<CompleteReportersKey, number, string>(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const [monthsLabel, group] of groupBy(keys, (key) => key.months.join(','))) {
        const months = group[0]!.months;
        const rows = await em.execute<{ unit_id: number; kpi_key: string; reporters: string }[]>(
          `select unit.id as unit_id, complete.kpi_key, count(*) as reporters
           from (
             select org_unit_id, kpi_key from observation
             where version = 1 and period = any(array[?]::text[]) and kpi_key = any(array[?]::text[])
             group by org_unit_id, kpi_key having count(*) = ?
           ) complete
           join org_unit reporter on reporter.id = complete.org_unit_id
           join org_unit unit on reporter.path like unit.path || '%'
           where unit.id = any(array[?]::int[])
           group by unit.id, complete.kpi_key`,
          [
            [...months],
            [...new Set(group.map((key) => key.kpiKey))],
            months.length,
            [...new Set(group.map((key) => key.unitId))],
          ],
        );
        for (const row of rows)
          counts.set(`${row.unit_id}|${row.kpi_key}|${monthsLabel}`, Number(row.reporters));
      }
      return keys.map((key) => counts.get(`${key.unitId}|${key.kpiKey}|${key.months.join(',')}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.kpiKey}|${key.months.join(',')}` },
  );

  return { rollups, completeReporters };
}

export type KpiValueLoaders = ReturnType<typeof createKpiValueLoaders>;
