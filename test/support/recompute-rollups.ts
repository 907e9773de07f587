import type { EntityManager } from '@mikro-orm/postgresql';
import { LONGER_PERIOD_KINDS, periodContaining } from '../../server/engine/kpi/period';

/** A roll-up row as stored, every column. */
export interface RollupRow {
  kpi_key: string;
  org_unit_id: number;
  period: string;
  sums: Record<string, number>;
  reporting: number;
  reporting_quarter: number;
  reporting_financial_year: number;
  reporting_year: number;
}

const TO_DATE_COLUMN = {
  QUARTER: 'reporting_quarter',
  FINANCIAL_YEAR: 'reporting_financial_year',
  YEAR: 'reporting_year',
} as const;

export function storedRollups(em: EntityManager): Promise<RollupRow[]> {
  return em.execute<RollupRow[]>(
    `select kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year
     from rollup`,
  );
}

/**
 * Every roll-up worked out here from the stored observations and the units' paths, as the platform defines
 * them, independently of its SQL: the latest version's values summed over each subtree, the units that
 * reported, and for each month the units that reported every month of its quarter, financial year and
 * calendar year up to it.
 */
export async function recomputeRollups(em: EntityManager): Promise<RollupRow[]> {
  const observations = await em.execute<
    {
      kpi_key: string;
      org_unit_id: number;
      period: string;
      version: number;
      values: Record<string, number>;
    }[]
  >('select kpi_key, org_unit_id, period, version, "values" from observation');
  const units = await em.execute<{ id: number; path: string }[]>('select id, path from org_unit');
  const pathOf = new Map(units.map((unit) => [unit.id, unit.path]));
  const latest = new Map<string, (typeof observations)[number]>();
  for (const row of observations) {
    const key = `${row.kpi_key}|${row.org_unit_id}|${row.period}`;
    if ((latest.get(key)?.version ?? 0) < row.version) latest.set(key, row);
  }
  const reported = (kpi: string, unitId: number, month: string) => latest.has(`${kpi}|${unitId}|${month}`);

  const rollups = new Map<string, RollupRow>();
  for (const row of latest.values()) {
    const path = pathOf.get(row.org_unit_id)!;
    for (const ancestor of units.filter((unit) => path.startsWith(unit.path))) {
      const key = `${row.kpi_key}|${ancestor.id}|${row.period}`;
      const rollup = rollups.get(key) ?? {
        kpi_key: row.kpi_key,
        org_unit_id: ancestor.id,
        period: row.period,
        sums: {},
        reporting: 0,
        reporting_quarter: 0,
        reporting_financial_year: 0,
        reporting_year: 0,
      };
      rollups.set(key, rollup);
      for (const [name, value] of Object.entries(row.values))
        rollup.sums[name] = (rollup.sums[name] ?? 0) + value;
      rollup.reporting += 1;
      for (const kind of LONGER_PERIOD_KINDS) {
        const { months } = periodContaining(kind, row.period);
        const soFar = months.slice(0, months.indexOf(row.period) + 1);
        if (soFar.every((month) => reported(row.kpi_key, row.org_unit_id, month)))
          rollup[TO_DATE_COLUMN[kind]] += 1;
      }
    }
  }
  return [...rollups.values()];
}

/** Rows by KPI, unit and month, to compare whatever order they were read in. */
export function byKey(rows: readonly RollupRow[]): Record<string, RollupRow> {
  return Object.fromEntries(rows.map((row) => [`${row.kpi_key}|${row.org_unit_id}|${row.period}`, row]));
}
