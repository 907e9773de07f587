import { setTimeout } from 'node:timers/promises';
import type { RunningServer } from '../../server/transport/start-server';

const WAIT_MS = 30_000;

/** Resolves once the server has worked out every attention fact its writes have queued, and its worker is idle. */
export async function factsWorkedOut(server: RunningServer): Promise<void> {
  const em = server.database.orm.em.fork();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [{ pending }] = (await em.execute<{ pending: boolean }[]>(
      'select exists (select from fact_refresh) as pending',
    )) as [{ pending: boolean }];
    // The queue empties before the round that emptied it ends (its last statement is a look for more).
    if (!pending) return server.facts.idle();
    if (Date.now() > deadline) throw new Error(`the facts were not worked out within ${WAIT_MS} ms`);
    await setTimeout(20);
  }
}
