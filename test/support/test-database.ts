import { MEMORY_DATA_DIR } from '../../server/storage/db/open-database';
import { createPostgresDatabase } from './postgres-database';

/** Where the PostgreSQL runs of the integration suite create their databases. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Drops the database (PostgreSQL); the in-memory store just goes away. */
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    return { databaseUrl: undefined, dataDir: MEMORY_DATA_DIR, drop: async () => undefined };
  }
  const database = await createPostgresDatabase(POSTGRES_ADMIN_URL, 'progress_test');
  return { databaseUrl: database.url, dataDir: MEMORY_DATA_DIR, drop: database.drop };
}
