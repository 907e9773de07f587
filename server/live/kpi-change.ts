import type { EntityManager } from '@mikro-orm/postgresql';
import { KpiChangeEntity } from '../db/entities/kpi-change.entity';
import type { StoredUnitChange } from '../db/entities/kpi-change.entity';
import type { UnitRollupChange } from '../kpi/rollups';
import type { ChangeFeed } from './listen-for-changes';

/** The PostgreSQL channel every instance listens on; PGlite delivers it in-process the same way. */
export const KPI_CHANGES: ChangeFeed = { channel: 'progress_kpi_change', table: 'kpi_change' };

export interface KpiChange {
  id: number;
  kpiKey: string;
  period: string;
  units: UnitRollupChange[];
}

/**
 * Records the change and notifies every instance, inside the submission's transaction: PostgreSQL
 * delivers a notification only when its transaction commits, so listeners never see a change that
 * was rolled back.
 */
export async function announceChange(em: EntityManager, change: Omit<KpiChange, 'id'>): Promise<KpiChange> {
  const units = change.units.map(({ unitId, before, after }): StoredUnitChange => [
    unitId,
    before.sums,
    before.reporting,
    after.sums,
    after.reporting,
  ]);
  const [row] = await em.execute<{ id: number }[]>(
    `with recorded as (
       insert into kpi_change (kpi_key, period, units) values (?, ?, ?::json) returning id
     )
     select id, pg_notify(?, id::text) from recorded`,
    [change.kpiKey, change.period, JSON.stringify(units), KPI_CHANGES.channel],
  );
  return { id: row!.id, ...change };
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
      units: row.units.map(([unitId, sumsBefore, reportingBefore, sumsAfter, reportingAfter]) => ({
        unitId,
        before: { sums: sumsBefore, reporting: reportingBefore },
        after: { sums: sumsAfter, reporting: reportingAfter },
      })),
    };
  });
}
