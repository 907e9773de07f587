import type { EntityManager } from '@mikro-orm/postgresql';
import { KpiChangeEntity } from '../db/entities/kpi-change.entity';
import type { UnitRollupChange } from '../kpi/rollups';
import type { ChangeFeed } from './listen-for-changes';

/** The PostgreSQL channel every instance listens on; PGlite delivers it in-process the same way. */
export const KPI_CHANGES: ChangeFeed = { channel: 'progress_kpi_change', table: 'kpi_change' };

export interface KpiChange {
  id: number;
  kpiKey: string;
  period: string;
  units: UnitRollupChange[];
  /** When its transaction began (PostgreSQL's `now()`). */
  committedAt: Date;
}

/** The changes with these ids, in the order asked for; an id with no row (never committed) is left out. */
export async function readChanges(em: EntityManager, ids: readonly number[]): Promise<KpiChange[]> {
  const rows = new Map(
    (await em.find(KpiChangeEntity, { id: { $in: [...ids] } })).map((row) => [row.id, row] as const),
  );
  return ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    return {
      id: row.id,
      kpiKey: row.kpiKey,
      period: row.period,
      committedAt: row.committedAt,
      units: row.units.map(([unitId, sumsBefore, reportingBefore, sumsAfter, reportingAfter]) => ({
        unitId,
        before: { sums: sumsBefore, reporting: reportingBefore },
        after: { sums: sumsAfter, reporting: reportingAfter },
      })),
    };
  });
}
