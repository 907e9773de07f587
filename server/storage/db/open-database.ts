import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { MikroORM as CoreMikroORM, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';
import { checkDatabaseUrl } from './check-database-url';
import { lockDataDir } from './data-dir-lock';
import { prepareDataDir } from './prepare-data-dir';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PGliteDriver } from './pglite-driver';
import type { PGliteConnectionConfig } from './pglite-driver';
import { ThreadedPGlite } from './threaded-pglite';

export const MEMORY_DATA_DIR = 'memory://';

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Called with every SQL statement the ORM runs (statement counting, debugging). */
  onQuery?: (sql: string) => void;
}

export interface Database {
  orm: MikroORM;
  /** Set in embedded mode: the database on its own thread, through which LISTEN/NOTIFY also goes. */
  pglite: ThreadedPGlite | undefined;
  /** PostgreSQL's, or undefined for the embedded database. */
  databaseUrl: string | undefined;
  describe: string;
  close(): Promise<void>;
}

/** Any fixed number, shared by every instance: the lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 7_340_200;

/**
 * Instances starting together on one new database would race to create the same tables. A session lock
 * on a connection of its own holds them in turn, whatever connections the migrator itself uses.
 */
async function withMigrationLock(databaseUrl: string, migrate: () => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate();
  } finally {
    await client.end();
  }
}

function commonOptions(onQuery: DatabaseOptions['onQuery']): Options {
  return {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    allowGlobalContext: false,
    // A database that does not exist is refused (checkDatabaseUrl), never created.
    ensureDatabase: false,
    ...(onQuery && { debug: ['query'], logger: (message: string) => onQuery(message) }),
  };
}

/** Opens PostgreSQL when a URL is given, else PGlite in `dataDir`, and applies the committed migrations. */
export async function openDatabase({ databaseUrl, dataDir, onQuery }: DatabaseOptions): Promise<Database> {
  let orm: MikroORM;
  let pglite: ThreadedPGlite | undefined;
  let describe: string;
  let releaseDataDir = () => undefined as void;
  if (databaseUrl) {
    await checkDatabaseUrl(databaseUrl);
    orm = await MikroORM.init({ ...commonOptions(onQuery), clientUrl: databaseUrl });
    const url = new URL(databaseUrl);
    describe = `PostgreSQL at ${decodeURIComponent(url.host)}${url.pathname}`;
  } else {
    const inMemory = dataDir === MEMORY_DATA_DIR;
    if (!inMemory) {
      mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
      releaseDataDir = lockDataDir(dataDir);
      try {
        await prepareDataDir(dataDir);
      } catch (error) {
        releaseDataDir();
        throw error;
      }
    }
    const store = new ThreadedPGlite(inMemory ? undefined : dataDir);
    pglite = store;
    // The PGlite driver is PostgreSQL's driver over an in-process connection: same SQL, same entity manager.
    // It is handed the database on its thread as the PGlite it expects: the driver sends statements and
    // nothing else, which the thread answers as PGlite would.
    orm = (await CoreMikroORM.init({
      ...(commonOptions(onQuery) as object),
      driver: PGliteDriver,
      dbName: 'postgres',
      driverOptions: {
        connection: { pglite: () => store as unknown as PGlite } satisfies PGliteConnectionConfig,
      },
    })) as unknown as MikroORM;
    describe = inMemory ? 'embedded PostgreSQL in memory' : `embedded PostgreSQL in ${path.resolve(dataDir)}`;
  }
  if (databaseUrl) {
    await withMigrationLock(databaseUrl, () => orm.getMigrator().up());
  } else {
    await orm.getMigrator().up();
  }
  return {
    orm,
    pglite,
    databaseUrl,
    describe,
    async close() {
      await orm.close();
      await pglite?.close();
      releaseDataDir();
    },
  };
}
