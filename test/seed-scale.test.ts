import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MEMORY_DATA_DIR } from '../server/storage/db/open-database';
import { startServer } from '../server/transport/start-server';
import { postGraphQL } from './support/post-graphql';
import { createTestDatabase } from './support/test-database';
import { TEST_JWT_SECRET } from './support/test-server';
import { Tokens } from '../server/transport/auth/tokens';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

it('loads a small synthetic system through the bulk import, which a server with its plugins then reads', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'progress-seed-scale-'));
  const database = await createTestDatabase();
  const dataDir = database.databaseUrl ? MEMORY_DATA_DIR : path.join(folder, 'store');
  const plugins = path.join(folder, 'plugins');
  try {
    const { stdout } = await run(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'seeds/seed-scale.ts',
        '--teams',
        '30',
        '--months',
        '3',
        '--plugins',
        plugins,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          DATABASE_URL: database.databaseUrl ?? '',
          DATA_DIR: dataDir,
        },
      },
    );
    expect(stdout).toMatch(/36 units \(30 teams\), 40 KPIs, 2026-01 to 2026-03/);

    const server = await startServer(
      {
        port: 0,
        databaseUrl: database.databaseUrl,
        dataDir,
        jwtSecret: TEST_JWT_SECRET,
        demoSeed: false,
        kpiPluginDirs: [plugins],
        production: false,
        requestTimeoutMs: 30_000,
        corsOrigins: [],
        chromiumPath: '/usr/bin/chromium',
      },
      { logger: { info: () => undefined, error: () => undefined } },
    );
    try {
      const token = await new Tokens(TEST_JWT_SECRET).issue({
        sub: 'reader',
        roles: ['VIEWER'],
        orgUnits: ['*'],
      });
      const result = await postGraphQL<{
        orgUnit: {
          scorecard: { kpi: { key: string }; value: number | null; reporting: number; expected: number }[];
        };
      }>(
        server.url,
        `{ orgUnit(code: "ICS") { scorecard(period: "2026-Q1") { kpi { key } value reporting expected } } }`,
        {},
        token,
      );
      expect(result.errors).toBeUndefined();
      const scorecard = result.data!.orgUnit.scorecard;
      expect(scorecard).toHaveLength(40);
      const appraisal = scorecard.find((value) => value.kpi.key === 'appraisal-rate')!;
      // Every team reports every local KPI, every month.
      expect(appraisal).toMatchObject({ reporting: 30, expected: 30 });
      expect(appraisal.value).toBeGreaterThan(80);
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
});
