import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../server/transport/start-server';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { KPI_VALUE } from './support/operations';
import { postGraphQL } from './support/post-graphql';
import type { TestServer } from './support/test-server';
import { TEST_JWT_SECRET, startTestServer } from './support/test-server';
import { Tokens } from '../server/transport/auth/tokens';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

/** `npm run import -- <args>`, as an operator types it, in a process of its own. */
async function importCommand(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'server/transport/cli/import-cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const FILE = [
  'kpi,orgUnit,period,followedUp,discharged,assessed',
  'seven-day-follow-up,SVC1-T1,2026-01,9,10,9',
  'seven-day-follow-up,SVC1-T2,2026-01,7,10,7',
].join('\n');

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'progress-import-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const written = path.join(folder, name);
  writeFileSync(written, text);
  return written;
}

describe('npm run import --url', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
    await createUnits(test, treeOf(1, 2));
  });
  afterAll(() => test.stop());

  it('sends the file to a running server with a token, and writes refused rows beside it', async () => {
    const token = await test.token(['CONTRIBUTOR']);
    const bad = file('bad.csv', `${FILE}\nseven-day-follow-up,SVC1-T9,2026-01,1,1,1`);
    const refused = await importCommand([bad, '--url', test.server.url], { PROGRESS_TOKEN: token });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/1 refused, so nothing was written/);
    expect(readFileSync(path.join(folder, 'bad.problems.csv'), 'utf8')).toBe(
      'line,field,code,message\n4,orgUnit,BAD_USER_INPUT,"there is no org unit ""SVC1-T9"""\n',
    );
    expect(JSON.parse(readFileSync(path.join(folder, 'bad.problems.json'), 'utf8'))).toEqual([
      { line: 4, field: 'orgUnit', code: 'BAD_USER_INPUT', message: 'there is no org unit "SVC1-T9"' },
    ]);

    const good = file('good.csv', FILE);
    const stored = await importCommand([good, '--url', test.server.url, '--token', token], {});
    expect(stored).toMatchObject({ code: 0 });
    expect(stored.stdout).toMatch(/2 rows: 2 new, 0 corrected, 0 unchanged\. Stored/);
    expect(existsSync(path.join(folder, 'good.problems.csv'))).toBe(false);
    const value = await test.graphql<{ orgUnit: { kpiValue: { value: number } } }>(
      KPI_VALUE,
      { code: 'SVC1', kpi: 'seven-day-follow-up', period: '2026-01' },
      token,
    );
    expect(value.data!.orgUnit.kpiValue.value).toBe(80);
  });

  it('says what a dry run does instead of storing, and writes nothing', async () => {
    const token = await test.token(['CONTRIBUTOR']);
    const result = await importCommand([file('dry.csv', FILE), '--dry-run', '--url', test.server.url], {
      PROGRESS_TOKEN: token,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Dry run: comparing the rows with what is stored, writing nothing/);
    expect(result.stderr).not.toMatch(/Storing/);
    expect(result.stdout).toMatch(/Dry run: every row passed its checks, and nothing was written/);
  });

  it('needs a token', async () => {
    const result = await importCommand([file('any.csv', FILE), '--url', test.server.url], {
      PROGRESS_TOKEN: '',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--url needs a token/);
  });
});

describe('npm run import, before it imports', () => {
  it('names a file that does not exist, with no stack trace, and exits as on a wrong command line', async () => {
    const missing = path.join(folder, 'no-such-file.csv');
    const result = await importCommand([missing], {});
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`Cannot import: ${missing} does not exist`);
  });

  it('prints its usage, every option included, with --help', async () => {
    const result = await importCommand(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run import -- <file\.csv\|file\.jsonl>/);
    for (const option of ['--dry-run', '--format csv|jsonl', '--url', '--token', '--problems', '--help'])
      expect(result.stdout).toContain(option);
    expect(result.stderr).toBe('');
  });
});

describe('npm run import on the database itself', () => {
  it('imports as an administrator, and a running server reads it at once', async () => {
    // Embedded, the folder is the database: a server opened on it afterwards reads what was imported.
    // On PostgreSQL the server runs throughout, and its subscribers hear of the import as of any commit.
    const test = await startTestServer(
      process.env.TEST_DATABASE === 'postgres' ? {} : { dataDir: path.join(folder, 'store') },
    );
    const connections: LiveConnection[] = [];
    try {
      await createUnits(test, treeOf(1, 2));
      const token = await test.token(['VIEWER']);
      const env: Record<string, string> = test.server.database.pglite
        ? { DATA_DIR: path.join(folder, 'store'), DATABASE_URL: '' }
        : { DATABASE_URL: test.server.database.orm.config.get('clientUrl') as string };
      let heard: Promise<unknown> = Promise.resolve();
      if (test.server.database.pglite) {
        await test.server.close();
      } else {
        const live = connectLive(test.server.url, token);
        connections.push(live);
        const watch = live.subscribe(
          `subscription { kpiValueChanged(orgUnit: "SYS", period: "2026-01", initial: true) { value } }`,
        );
        await watch.received(14);
        heard = watch.received(15);
      }

      const result = await importCommand([file('operator.csv', FILE)], env);
      expect(result.stdout).toMatch(/2 new/);
      expect(result.code).toBe(0);
      await heard;

      const reader = test.server.database.pglite
        ? await startServer(
            {
              port: 0,
              databaseUrl: undefined,
              dataDir: path.join(folder, 'store'),
              jwtSecret: TEST_JWT_SECRET,
              demoSeed: false,
              kpiPluginDirs: [],
              production: false,
              requestTimeoutMs: 30_000,
              corsOrigins: [],
              chromiumPath: '/usr/bin/chromium',
            },
            { logger: { info: () => undefined, error: () => undefined } },
          )
        : test.server;
      try {
        const value = await postGraphQL<{ orgUnit: { kpiValue: { value: number; reporting: number } } }>(
          reader.url,
          KPI_VALUE,
          { code: 'SYS', kpi: 'seven-day-follow-up', period: '2026-01' },
          await new Tokens(TEST_JWT_SECRET).issue({ sub: 'reader', roles: ['VIEWER'], orgUnits: ['*'] }),
        );
        expect(value.data!.orgUnit.kpiValue).toMatchObject({ value: 80, reporting: 2 });
        const history = await reader.database.orm.em
          .fork()
          .execute<{ submitted_by: string }[]>('select distinct submitted_by from observation');
        expect(history).toEqual([{ submitted_by: expect.stringMatching(/^import:/) }]);
      } finally {
        if (reader !== test.server) await reader.close();
      }
    } finally {
      await Promise.all(connections.map((connection) => connection.dispose()));
      if (!test.server.database.pglite) await test.stop();
    }
  });
});
