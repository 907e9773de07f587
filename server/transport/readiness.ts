import { Client } from 'pg';
import type { Database } from '../storage/db/open-database';
import { MIGRATIONS } from '../storage/db/migrations';

/** A probe that waits longer than this reports the database as not answering. */
const PROBE_TIMEOUT_MS = 3_000;

export interface ReadinessSources {
  database: Database;
  listenerConnected(): boolean;
  stopping(): boolean;
}

export interface Readiness {
  ready: boolean;
  /** `ok`, or what is wrong, for each thing an instance needs to serve. */
  checks: { database: string; migrations: string; listener: string; shutdown: string };
}

function timedOut(): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)),
      PROBE_TIMEOUT_MS,
    );
    timer.unref();
  });
}

/**
 * The migrations the database records as applied. On PostgreSQL, read on a connection of its own rather than
 * from the pool, so that the answer is whether the database answers now, not whether a pooled connection did.
 */
async function appliedMigrations({ database }: ReadinessSources): Promise<Set<string>> {
  const { databaseUrl } = database;
  const sql = 'select name from mikro_orm_migrations';
  if (!databaseUrl) {
    const { rows } = await Promise.race([database.pglite!.query<{ name: string }>(sql), timedOut()]);
    return new Set(rows.map((row) => row.name));
  }
  const client = new Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string }>(sql);
    return new Set(rows.map((row) => row.name));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether this instance can serve: what a load balancer's readiness probe asks (`GET /readyz`). */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const checks: Readiness['checks'] = {
    database: 'ok',
    migrations: 'ok',
    listener: sources.listenerConnected() ? 'ok' : 'reconnecting: live changes wait until it is back',
    shutdown: sources.stopping() ? 'stopping: finishing the requests in flight' : 'ok',
  };
  try {
    const applied = await appliedMigrations(sources);
    const missing = MIGRATIONS.filter(({ name }) => !applied.has(name)).map(({ name }) => name);
    if (missing.length > 0) checks.migrations = `not applied: ${missing.join(', ')}`;
  } catch (error) {
    checks.database = `not answering: ${error instanceof Error ? error.message : String(error)}`;
    checks.migrations = 'unknown';
  }
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}
