import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { LongerPeriodKind } from '../../server/kpi/period';

/** A KPI's input sums at one unit over a period, and how many collecting units reported in its last month. */
export interface PeriodRollup {
  sums: Record<string, number>;
  /** For a single month: the collecting units in the subtree that submitted. */
  reporting: number;
}

export interface RollupKey {
  unitId: number;
  /** The period's months; longer periods are summed from their months in PostgreSQL numerics. */
  months: readonly string[];
}

/** The counts to date of a quarter or year at its latest month so far (see kpi/reporting-to-date.ts). */
export interface ReportingToDateKey {
  unitId: number;
  kind: LongerPeriodKind;
  month: string;
}

const TO_DATE_COLUMN: Record<LongerPeriodKind, string> = {
  QUARTER: 'reporting_quarter',
  FINANCIAL_YEAR: 'reporting_financial_year',
  YEAR: 'reporting_year',
};

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
            reporting: string;
          }[]
        >(
          `select rollup.org_unit_id as unit_id, rollup.kpi_key, input.key as input_name,
                  sum(input.value::numeric) as total, sum(rollup.reporting) as reporting
           from rollup cross join lateral jsonb_each_text(rollup.sums) as input(key, value)
           where rollup.org_unit_id = any(array[?]::int[]) and rollup.period = any(array[?]::text[])
           group by 1, 2, 3`,
          [[...new Set(group.map((key) => key.unitId))], [...group[0]!.months]],
        );
        for (const row of rows) {
          const unitKey = `${row.unit_id}|${monthsLabel}`;
          const byKpi = found.get(unitKey) ?? new Map<string, PeriodRollup>();
          found.set(unitKey, byKpi);
          const rollup = byKpi.get(row.kpi_key) ?? { sums: {}, reporting: 0 };
          byKpi.set(row.kpi_key, rollup);
          rollup.sums[row.input_name] = Number(row.total);
          rollup.reporting = Math.max(rollup.reporting, Number(row.reporting));
        }
      }
      return keys.map((key) => found.get(`${key.unitId}|${key.months.join(',')}`) ?? new Map());
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.months.join(',')}` },
  );

  /** Every KPI's count to date at one unit, keyed by KPI. */
  const toDateKeyOf = (key: ReportingToDateKey) => `${key.unitId}|${key.kind}|${key.month}`;
  const reportingToDate = new DataLoader<ReportingToDateKey, Map<string, number>, string>(
    async (keys) => {
      const found = new Map<string, Map<string, number>>();
      for (const group of groupBy(keys, (key) => `${key.kind}|${key.month}`).values()) {
        const { kind, month } = group[0]!;
        const rows = await em.execute<{ unit_id: number; kpi_key: string; reporting: number }[]>(
          `select org_unit_id as unit_id, kpi_key, ${TO_DATE_COLUMN[kind]} as reporting from rollup
           where org_unit_id = any(array[?]::int[]) and period = ?`,
          [[...new Set(group.map((key) => key.unitId))], month],
        );
        for (const row of rows) {
          const unitKey = toDateKeyOf({ unitId: row.unit_id, kind, month });
          const byKpi = found.get(unitKey) ?? new Map<string, number>();
          found.set(unitKey, byKpi.set(row.kpi_key, row.reporting));
        }
      }
      return keys.map((key) => found.get(toDateKeyOf(key)) ?? new Map());
    },
    { cacheKeyFn: toDateKeyOf },
  );

  return { rollups, reportingToDate };
}

export type KpiValueLoaders = ReturnType<typeof createKpiValueLoaders>;
