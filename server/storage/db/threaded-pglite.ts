import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import type { PGliteRequest, PGliteWorkerMessage, SerialisedError } from './pglite-messages';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };
type Request = PGliteRequest extends infer Each
  ? Each extends PGliteRequest
    ? Omit<Each, 'id'>
    : never
  : never;

/** The worker is TypeScript beside this file when the server runs from source, JavaScript when compiled. */
function workerScript(): { script: string; eval: boolean } {
  const file = path.join(__dirname, `pglite-worker${path.extname(__filename)}`);
  if (path.extname(__filename) !== '.ts') return { script: file, eval: false };
  return {
    script: `require(${JSON.stringify(require.resolve('@swc-node/register'))}); require(${JSON.stringify(file)});`,
    eval: true,
  };
}

/** PostgreSQL's date, timestamp and timestamptz, and their arrays: PGlite reads them as `Date`s. */
const DATE_TYPES = new Set([1082, 1114, 1184, 1182, 1115, 1185]);

/**
 * A result parsed from the JSON the database's thread sends, with its dates made `Date`s again. It comes as
 * text, not as a structured clone, so that its objects, arrays and dates are made by this module's globals:
 * under a test runner that runs modules in a context of their own, a clone's would be of another realm, and
 * the ORM's `instanceof` checks would fail on them.
 */
function withDates(result: Results<Record<string, unknown>>): Results {
  const dateFields = result.fields
    .filter((field) => DATE_TYPES.has(field.dataTypeID))
    .map((field) => field.name);
  if (dateFields.length === 0) return result;
  const asDate = (value: unknown): unknown =>
    typeof value === 'string' ? new Date(value) : Array.isArray(value) ? value.map(asDate) : value;
  for (const row of result.rows) for (const name of dateFields) row[name] = asDate(row[name]);
  return result;
}

function revived(error: SerialisedError): Error {
  return Object.assign(new Error(error.message), error.fields, { name: error.name });
}

/**
 * PGlite, as much of it as the server uses, with the database on a thread of its own
 * (server/storage/db/pglite-worker.ts): a long statement there leaves this thread free to serve other requests.
 * Statements are answered in the order they were sent, as PGlite answers them on one connection.
 */
export class ThreadedPGlite {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  private lastId = 0;
  /** Set once the thread can answer no more: every request from then on is refused with it. */
  private gone: Error | null = null;

  constructor(dataDir: string | undefined) {
    const { script, eval: isEval } = workerScript();
    this.worker = new Worker(script, { eval: isEval, workerData: { dataDir } });
    // Only a statement in flight keeps the process alive, as it would with the database in this thread.
    this.worker.unref();
    let ready: () => void;
    let failed: (error: Error) => void;
    this.waitReady = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
    // Known to have been handled: a caller that never awaits readiness meets the failure at its first statement.
    this.waitReady.catch(() => undefined);
    this.worker.on('message', (message: PGliteWorkerMessage) => {
      switch (message.kind) {
        case 'ready':
          return ready();
        case 'failed':
          return failed(this.end(revived(message.error)));
        case 'answer':
          return this.settle(message.id, message.error ? revived(message.error) : null, message.result);
        case 'notification':
          return this.listeners.get(message.listenId)?.(message.payload);
      }
    });
    this.worker.on('error', (error) => failed(this.end(error)));
    this.worker.on('exit', (code) =>
      failed(this.end(new Error(`the embedded database's thread stopped (${code})`))),
    );
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<Results<Row>> {
    const json = (await this.ask({ kind: 'query', sql, params })) as string;
    return withDates(JSON.parse(json) as Results<Record<string, unknown>>) as Results<Row>;
  }

  /** Calls `callback` with the payload of each notification on `channel`; resolves to a function that stops it. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const listenId = ++this.lastId;
    this.listeners.set(listenId, callback);
    await this.ask({ kind: 'listen', channel }, listenId);
    return async () => {
      this.listeners.delete(listenId);
      await this.ask({ kind: 'unlisten', listenId });
    };
  }

  async close(): Promise<void> {
    if (this.gone) return;
    await this.ask({ kind: 'close' });
    this.end(new Error('the embedded database is closed'));
    await this.worker.terminate();
  }

  private ask(request: Request, id = ++this.lastId): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(id: number, error: Error | null, result: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if (error) pending.reject(error);
    else pending.resolve(result);
  }

  /** Refuses what is in flight and all that comes after with `error`; returns it. */
  private end(error: Error): Error {
    if (this.gone) return this.gone;
    this.gone = error;
    for (const [id] of this.pending) this.settle(id, error, undefined);
    return error;
  }
}
