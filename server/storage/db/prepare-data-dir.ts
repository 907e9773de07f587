import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirError } from './data-dir-error';

/** The file PostgreSQL writes into a data folder it has made: here, the last one moved into place. */
const VERSION_FILE = 'PG_VERSION';
/** Where a new database is made before it moves into the data folder: inside it, so on the same file system. */
const MAKING = '.initialising';

/**
 * Makes the embedded database's folder the first time, so that a crash at any point leaves either a whole
 * database or one the next start makes again: PGlite creates the cluster in a folder of its own inside the
 * data folder, then its files move up, the version file last. Until that file is there, the folder holds
 * no database, and what an interrupted start left is cleared. A folder holding other files is refused.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const folder = path.resolve(dataDir);
  if (existsSync(path.join(folder, VERSION_FILE))) return;
  mkdirSync(folder, { recursive: true });
  const making = path.join(folder, MAKING);
  const entries = readdirSync(folder);
  if (entries.length > 0 && !entries.includes(MAKING)) {
    throw new DataDirError(
      `${folder} holds files but no embedded database: give DATA_DIR an empty or new folder`,
    );
  }
  for (const entry of entries) rmSync(path.join(folder, entry), { recursive: true, force: true });

  const store = new PGlite(making);
  await store.waitReady;
  await store.close();
  const made = readdirSync(making).filter((entry) => entry !== VERSION_FILE);
  for (const entry of [...made, VERSION_FILE]) renameSync(path.join(making, entry), path.join(folder, entry));
  rmSync(making, { recursive: true, force: true });
}
