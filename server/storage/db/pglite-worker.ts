import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { PGliteRequest, PGliteWorkerMessage, SerialisedError } from './pglite-messages';

/**
 * The embedded database on a thread of its own: PGlite works each statement out on the thread that calls it,
 * so a statement of a few hundred milliseconds there would hold every request of the server's event loop.
 * This thread owns the database and answers the statements `ThreadedPGlite` sends it, one message each.
 */
const port = parentPort!;
const { dataDir } = workerData as { dataDir: string | undefined };
const store = new PGlite(dataDir);
const unlistenFns = new Map<number, () => Promise<void>>();

/** Errors cross threads as their fields: a structured clone keeps only an error's message and name. */
function serialised(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', fields: {} };
  return { message: error.message, name: error.name, fields: { ...error } };
}

function send(message: PGliteWorkerMessage): void {
  port.postMessage(message);
}

/** Results go as JSON text (see ThreadedPGlite), dates as ISO strings; anything else as it is. */
async function answer(request: PGliteRequest): Promise<unknown> {
  switch (request.kind) {
    case 'query':
      return JSON.stringify(await store.query(request.sql, request.params));
    case 'listen': {
      const unlisten = await store.listen(request.channel, (payload) =>
        send({ kind: 'notification', listenId: request.id, payload }),
      );
      unlistenFns.set(request.id, unlisten);
      return null;
    }
    case 'unlisten':
      await unlistenFns.get(request.listenId)?.();
      unlistenFns.delete(request.listenId);
      return null;
    case 'close':
      await store.close();
      return null;
  }
}

store.waitReady.then(
  () => send({ kind: 'ready' }),
  (error: unknown) => send({ kind: 'failed', error: serialised(error) }),
);

port.on('message', (request: PGliteRequest) => {
  answer(request).then(
    (result) => send({ kind: 'answer', id: request.id, result }),
    (error: unknown) => send({ kind: 'answer', id: request.id, error: serialised(error) }),
  );
});
