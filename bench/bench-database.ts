import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server benchmarks create their databases on; the role must be allowed to create them. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  name: string;
  /** The server's version, for the report. */
  serverVersion: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: BENCH_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database named progress_bench_<random>, as the integration tests make theirs. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `progress_bench_${randomBytes(6).toString('hex')}`;
  const serverVersion = await withAdmin(async (client) => {
    await client.query(`create database ${name}`);
    const { rows } = await client.query<{ version: string }>(
      "select current_setting('server_version') as version",
    );
    return rows[0]?.version ?? 'unknown';
  });
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    serverVersion,
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}
