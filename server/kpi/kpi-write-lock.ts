import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Advisory locks in a key space of their own (the two-number form), so they never meet the single-number
 * locks taken per KPI, unit and month.
 */
const KPI_WRITE_LOCKS = 7_340_202;

/**
 * A submission shares its KPI's write lock with every other submission, and queues behind a bulk write of
 * that KPI: many single submissions run side by side, while an import or a rebuild, which moves roll-ups
 * across the whole tree set-based, has the KPI to itself until it commits.
 */
export async function shareKpiWriteLock(em: EntityManager, kpiKey: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock_shared(?, hashtext(?))', [KPI_WRITE_LOCKS, kpiKey]);
}

/** Taken in key order, so two bulk writes of overlapping KPIs queue rather than deadlock. */
export async function takeKpiWriteLocks(em: EntityManager, kpiKeys: Iterable<string>): Promise<void> {
  for (const key of [...new Set(kpiKeys)].sort()) {
    await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [KPI_WRITE_LOCKS, key]);
  }
}
