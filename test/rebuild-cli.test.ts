import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { byKey, recomputeRollups, storedRollups } from './support/recompute-rollups';
import { startTestServer } from './support/test-server';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

it('npm run rebuild puts right every roll-up that has drifted from the observations, and says how many', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'progress-rebuild-'));
  const dataDir = path.join(folder, 'store');
  const test = await startTestServer(process.env.TEST_DATABASE === 'postgres' ? {} : { dataDir });
  try {
    await createUnits(test, treeOf(2, 2));
    const contributor = await test.token(['CONTRIBUTOR']);
    for (const [team, month] of [
      ['SVC1-T1', '2026-01'],
      ['SVC1-T2', '2026-01'],
      ['SVC2-T1', '2026-02'],
    ] as const) {
      const result = await test.graphql(SUBMIT, { input: followUp(team, month, 8, 10, 8) }, contributor);
      expect(result.errors).toBeUndefined();
    }
    const em = test.server.database.orm.em.fork();
    const right = byKey(await recomputeRollups(em));
    await em.execute(`update rollup set reporting = reporting + 5 where period = '2026-01'`);
    await em.execute(`delete from rollup where period = '2026-02'`);

    const env = test.server.database.pglite
      ? { DATA_DIR: dataDir, DATABASE_URL: '' }
      : { DATABASE_URL: test.server.database.orm.config.get('clientUrl') as string };
    if (test.server.database.pglite) await test.server.close();
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'server/transport/cli/rebuild-cli.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '', ...env },
      },
    );
    expect(stdout).toMatch(/Corrected 6 that were wrong, added 5 that were missing and removed 0/);

    if (test.server.database.pglite) {
      const reopened = await startTestServer({ dataDir });
      try {
        expect(byKey(await storedRollups(reopened.server.database.orm.em.fork()))).toEqual(right);
      } finally {
        await reopened.stop();
      }
    } else {
      expect(byKey(await storedRollups(em))).toEqual(right);
    }
  } finally {
    if (!test.server.database.pglite) await test.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
