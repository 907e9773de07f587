/** What the server's thread asks of the embedded database's thread (server/storage/db/pglite-worker.ts). */
export type PGliteRequest =
  | { kind: 'query'; id: number; sql: string; params: unknown[] }
  | { kind: 'listen'; id: number; channel: string }
  | { kind: 'unlisten'; id: number; listenId: number }
  | { kind: 'close'; id: number };

/** An error's message, name and own fields (PostgreSQL's `code`, `detail`, `constraint` …). */
export interface SerialisedError {
  message: string;
  name: string;
  fields: Record<string, unknown>;
}

/** What the embedded database's thread tells the server's. */
export type PGliteWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'failed'; error: SerialisedError }
  | { kind: 'answer'; id: number; result?: unknown; error?: SerialisedError }
  | { kind: 'notification'; listenId: number; payload: string };
