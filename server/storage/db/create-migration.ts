import 'reflect-metadata';
import path from 'node:path';
import { MEMORY_DATA_DIR, openDatabase } from './open-database';

/**
 * Writes the migration that takes the committed schema to the entities' schema, diffing against
 * a fresh in-memory database with every committed migration applied.
 */
async function main() {
  const database = await openDatabase({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR });
  try {
    const result = await database.orm
      .getMigrator()
      .createMigration(path.join(__dirname, 'migrations'), false, process.argv.includes('--initial'));
    if (!result.fileName) {
      console.log('The entities match the committed migrations: nothing to write.');
      return;
    }
    console.log(
      `Wrote server/storage/db/migrations/${result.fileName}; add it to MIGRATIONS in server/storage/db/migrations/index.ts.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
