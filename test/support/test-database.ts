import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MEMORY_DATA_DIR } from '../../server/db/open-database';

/** Where the PostgreSQL runs of the integration suite create their databases. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Drops the database (PostgreSQL); the in-memory store just goes away. */
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    return { databaseUrl: undefined, dataDir: MEMORY_DATA_DIR, drop: async () => undefined };
  }
  const name = `progress_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: MEMORY_DATA_DIR,
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}
