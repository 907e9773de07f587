import type { EntityManager } from '@mikro-orm/postgresql';
import { setTimeout } from 'node:timers/promises';

/**
 * How long a read of the facts waits for the refreshes queued before it to be worked out; after that it reads
 * them as they stand. Worked out in the background, a submission's refresh takes milliseconds, and an import
 * of a month for a whole system some seconds.
 */
export const FACTS_WAIT_MS = 5_000;
const POLL_MS = 20;

/** Resolves once every refresh queued before the call has been worked out, or the wait is over. */
export async function factsCurrent(em: EntityManager): Promise<void> {
  const [{ last }] = (await em.execute<{ last: number | null }[]>(
    'select max(id) as last from fact_refresh',
  )) as [{ last: number | null }];
  if (last === null) return;
  const deadline = Date.now() + FACTS_WAIT_MS;
  while (Date.now() < deadline) {
    await setTimeout(POLL_MS);
    const [{ pending }] = (await em.execute<{ pending: boolean }[]>(
      'select exists (select from fact_refresh where id <= ?) as pending',
      [last],
    )) as [{ pending: boolean }];
    if (!pending) return;
  }
}
