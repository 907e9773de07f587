import { createPostgresDatabase, withPostgresAdmin } from '../test/support/postgres-database';
import type { Cleanup } from './cleanup';
import type { PostgresDatabase } from '../test/support/postgres-database';

/** The PostgreSQL server benchmarks create their databases on; the role must be allowed to create them. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends PostgresDatabase {
  /** The server's version, for the report. */
  serverVersion: string;
}

/** A fresh, empty database named progress_bench_<random>, made as the integration tests make theirs. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const database = await createPostgresDatabase(BENCH_POSTGRES_URL, 'progress_bench');
  const serverVersion = await withPostgresAdmin(BENCH_POSTGRES_URL, async (client) => {
    const { rows } = await client.query<{ version: string }>(
      "select current_setting('server_version') as version",
    );
    return rows[0]?.version ?? 'unknown';
  });
  return { ...database, serverVersion };
}

/**
 * A copy of database `template` named `name` on the same server, dropped by `cleanup`: each way of writing
 * that a benchmark compares starts from the same data. The template must have no connections open.
 */
export async function copyDatabase(template: string, name: string, cleanup: Cleanup): Promise<string> {
  await withPostgresAdmin(BENCH_POSTGRES_URL, (client) =>
    client.query(`create database ${name} template ${template}`),
  );
  cleanup.add(`database ${name}`, async () => {
    await withPostgresAdmin(BENCH_POSTGRES_URL, (client) =>
      client.query(`drop database if exists ${name} with (force)`),
    );
  });
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
