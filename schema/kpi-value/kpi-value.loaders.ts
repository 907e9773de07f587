import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { groupBy } from '../../server/engine/group-by';
import type { LongerPeriodKind } from '../../server/engine/kpi/period';

/** A KPI's input sums at one unit over a period, and how many collecting units reported in its last month. */
export interface PeriodRollup {
  sums: Record<string, number>;
  /** For a single month: the collecting units in the subtree that submitted. */
  reporting: number;
}

export interface RollupKey {
  unitId: number;
  kpiKey: string;
  /** The period's months; longer periods are summed from their months in PostgreSQL numerics. */
  months: readonly string[];
}

/** The counts to date of a quarter or year at its latest month so far (see kpi/reporting-to-date.ts). */
export interface ReportingToDateKey {
  unitId: number;
  kpiKey: string;
  kind: LongerPeriodKind;
  month: string;
}

const TO_DATE_COLUMN: Record<LongerPeriodKind, string> = {
  QUARTER: 'reporting_quarter',
  FINANCIAL_YEAR: 'reporting_financial_year',
  YEAR: 'reporting_year',
};

/** The units and the KPIs a batch asks about: it reads each of the ones with the other, and keeps what was asked. */
function unitsAndKpis(keys: readonly { unitId: number; kpiKey: string }[]): [number[], string[]] {
  return [[...new Set(keys.map((key) => key.unitId))], [...new Set(keys.map((key) => key.kpiKey))]];
}

/**
 * Keyed by unit and KPI, so that a scorecard reads one unit's KPIs and a walk down the tree one KPI at many
 * units, each no more than it shows.
 */
export function createKpiValueLoaders(em: EntityManager) {
  const rollupKeyOf = (key: RollupKey) => `${key.unitId}|${key.kpiKey}|${key.months.join(',')}`;
  /** A KPI's roll-up at one unit over one period; null when nothing was submitted. */
  const rollups = new DataLoader<RollupKey, PeriodRollup | null, string>(
    async (keys) => {
      const found = new Map<string, PeriodRollup>();
      for (const group of groupBy(keys, (key) => key.months.join(',')).values()) {
        const { months } = group[0]!;
        const [unitIds, kpiKeys] = unitsAndKpis(group);
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
             and rollup.kpi_key = any(array[?]::text[])
           group by 1, 2, 3`,
          [unitIds, [...months], kpiKeys],
        );
        for (const row of rows) {
          const key = rollupKeyOf({ unitId: row.unit_id, kpiKey: row.kpi_key, months });
          const rollup = found.get(key) ?? { sums: {}, reporting: 0 };
          found.set(key, rollup);
          rollup.sums[row.input_name] = Number(row.total);
          rollup.reporting = Math.max(rollup.reporting, Number(row.reporting));
        }
      }
      return keys.map((key) => found.get(rollupKeyOf(key)) ?? null);
    },
    { cacheKeyFn: rollupKeyOf },
  );

  /** A KPI's count to date at one unit. */
  const toDateKeyOf = (key: ReportingToDateKey) => `${key.unitId}|${key.kpiKey}|${key.kind}|${key.month}`;
  const reportingToDate = new DataLoader<ReportingToDateKey, number, string>(
    async (keys) => {
      const found = new Map<string, number>();
      for (const group of groupBy(keys, (key) => `${key.kind}|${key.month}`).values()) {
        const { kind, month } = group[0]!;
        const [unitIds, kpiKeys] = unitsAndKpis(group);
        const rows = await em.execute<{ unit_id: number; kpi_key: string; reporting: number }[]>(
          `select org_unit_id as unit_id, kpi_key, ${TO_DATE_COLUMN[kind]} as reporting from rollup
           where org_unit_id = any(array[?]::int[]) and period = ? and kpi_key = any(array[?]::text[])`,
          [unitIds, month, kpiKeys],
        );
        for (const row of rows)
          found.set(toDateKeyOf({ unitId: row.unit_id, kpiKey: row.kpi_key, kind, month }), row.reporting);
      }
      return keys.map((key) => found.get(toDateKeyOf(key)) ?? 0);
    },
    { cacheKeyFn: toDateKeyOf },
  );

  return { rollups, reportingToDate };
}

export type KpiValueLoaders = ReturnType<typeof createKpiValueLoaders>;
