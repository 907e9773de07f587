import { createPostgresDatabase, withPostgresAdmin } from '../test/support/postgres-database';
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
