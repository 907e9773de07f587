import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/** A KPI's roll-up at one unit for one month. */
export interface MonthRollup {
  sums: Record<string, number>;
  reporting: number;
}

export interface MonthRangeKey {
  unitId: number;
  /** First and last month, inclusive, as `YYYY-MM`. */
  from: string;
  to: string;
}

/** Each KPI's month-by-month roll-ups, keyed by KPI, then month. */
export type MonthlyRollups = Map<string, Map<string, MonthRollup>>;

const keyOf = (key: MonthRangeKey) => `${key.unitId}|${key.from}|${key.to}`;

export function createSeriesLoaders(em: EntityManager) {
  /** Every KPI's monthly roll-ups at a unit over a range of months: one query per range, whatever the units. */
  const monthlyRollups = new DataLoader<MonthRangeKey, MonthlyRollups, string>(
    async (keys) => {
      const found = new Map<string, MonthlyRollups>();
      const ranges = new Map<string, MonthRangeKey[]>();
      for (const key of keys) {
        const range = `${key.from}|${key.to}`;
        ranges.set(range, [...(ranges.get(range) ?? []), key]);
      }
      for (const group of ranges.values()) {
        const { from, to } = group[0]!;
        const rows = await em.execute<
          {
            unit_id: number;
            kpi_key: string;
            period: string;
            sums: Record<string, number | string>;
            reporting: number;
          }[]
        >(
          `select org_unit_id as unit_id, kpi_key, period, sums, reporting from rollup
           where org_unit_id = any(array[?]::int[]) and period between ? and ?`,
          [[...new Set(group.map((key) => key.unitId))], from, to],
        );
        for (const row of rows) {
          const unitKey = keyOf({ unitId: row.unit_id, from, to });
          const byKpi = found.get(unitKey) ?? new Map<string, Map<string, MonthRollup>>();
          found.set(unitKey, byKpi);
          const byMonth = byKpi.get(row.kpi_key) ?? new Map<string, MonthRollup>();
          byKpi.set(row.kpi_key, byMonth);
          const sums = Object.fromEntries(Object.entries(row.sums).map(([name, sum]) => [name, Number(sum)]));
          byMonth.set(row.period, { sums, reporting: Number(row.reporting) });
        }
      }
      return keys.map((key) => found.get(keyOf(key)) ?? new Map());
    },
    { cacheKeyFn: keyOf },
  );
  return { monthlyRollups };
}
