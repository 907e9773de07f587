import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { prepareDataDir } from '../server/storage/db/prepare-data-dir';
import { postGraphQL } from './support/post-graphql';
import { expectFailedStart, killedWhen, spawnServer } from './support/spawn-server';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'progress-first-start-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

it('starts on a data folder whose very first start was killed while PGlite was making the database', async () => {
  const dataDir = path.join(parent, 'data');
  // No JWT_SECRET: the server prints a token for each role to read with.
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  expect(await killedWhen(env, () => existsSync(path.join(dataDir, '.initialising')))).toBe(true);

  const server = await spawnServer(env);
  try {
    const result = await postGraphQL(server.url, '{ kpis { key } }', {}, server.tokens.VIEWER);
    expect(result.errors).toBeUndefined();
    expect((result.data as { kpis: unknown[] }).kpis.length).toBeGreaterThan(0);
  } finally {
    await server.stop();
  }
  expect(readdirSync(dataDir)).toContain('PG_VERSION');
  expect(readdirSync(dataDir)).not.toContain('.initialising');
});

it('makes the database again where a start stopped while its files were moving into place', async () => {
  const dataDir = path.join(parent, 'data');
  // What a crash between two moves leaves: some of the made files up in the folder, the rest still below.
  mkdirSync(path.join(dataDir, '.initialising', 'global'), { recursive: true });
  mkdirSync(path.join(dataDir, 'base'));
  writeFileSync(path.join(dataDir, '.initialising', 'PG_VERSION'), '17\n');
  await prepareDataDir(dataDir);
  expect(readdirSync(dataDir)).not.toContain('.initialising');
  const store = new PGlite(dataDir);
  try {
    expect((await store.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await store.close();
  }
});

it('refuses a data folder that holds files but no database, and leaves them as they are', async () => {
  const dataDir = path.join(parent, 'documents');
  mkdirSync(dataDir);
  writeFileSync(path.join(dataDir, 'board-report.docx'), 'not a database');
  const { exitCode, stderr } = await expectFailedStart({ DATA_DIR: dataDir, DATABASE_URL: '' });
  expect(exitCode).not.toBe(0);
  // One line that says what to do, as for any other known reason a start cannot go on; no stack trace.
  expect(stderr).toMatch(
    /^Cannot start: \S+ holds files but no embedded database: give DATA_DIR an empty or new folder$/m,
  );
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(readdirSync(dataDir)).toEqual(['board-report.docx']);
});
