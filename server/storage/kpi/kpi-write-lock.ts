import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from '../db/sql';

/**
 * Advisory locks in a key space of their own (the two-number form), so they never meet the single-number
 * locks taken per KPI, unit and month.
 */
const KPI_WRITE_LOCKS = 7_340_202;

/**
 * A submission shares its KPI's write lock with every other submission, and queues behind a bulk write of
 * that KPI: many single submissions run side by side, while an import or a rebuild, which moves roll-ups
 * across the whole tree set-based, has the KPI to itself until it commits. It then takes the lock of the one
 * KPI, unit and month it writes (`cell`), so that versions are gap-free and deltas exact.
 */
export async function takeSubmissionLocks(sql: Sql, kpiKey: string, cell: string): Promise<void> {
  // One statement, the KPI's shared lock first: a target list is evaluated in order.
  await sql.query(
    'select pg_advisory_xact_lock_shared($1, hashtext($2)), pg_advisory_xact_lock(hashtext($3))',
    [KPI_WRITE_LOCKS, kpiKey, cell],
  );
}

/** Taken in key order, so two bulk writes of overlapping KPIs queue rather than deadlock. */
export async function takeKpiWriteLocks(em: EntityManager, kpiKeys: Iterable<string>): Promise<void> {
  for (const key of [...new Set(kpiKeys)].sort()) {
    await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [KPI_WRITE_LOCKS, key]);
  }
}
