import path from 'node:path';
import { readdirSync } from 'node:fs';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';
import { postGraphQL } from './support/post-graphql';
import { expectFailedStart, spawnServer } from './support/spawn-server';

const FIXTURES = path.join(__dirname, 'fixtures/plugins');
const BUILT_IN_KEYS = readdirSync(path.join(__dirname, '../plugins'))
  .filter((name) => /\.kpi\.ts$/.test(name) && !name.includes('.test.'))
  .map((name) => name.replace('.kpi.ts', ''));

let database: TestDatabase;
let databaseEnv: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  databaseEnv = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {};
});
afterAll(() => database.drop());

describe('an invalid plugin stops the server at start-up', () => {
  it.each([
    ['unordered-tiers', 'KPI_TIERS_UNORDERED', 'bad-tiers.kpi.js', 'field "tiers"'],
    ['duplicate-key', 'KPI_DUPLICATE_KEY', 'seven-day-follow-up-local.kpi.js', 'field "key"'],
    ['syntax-error', 'KPI_LOAD_FAILED', 'broken.kpi.js', 'line 6:'],
    ['syntax-error-esm', 'KPI_LOAD_FAILED', 'broken-module.kpi.mjs', 'line 5:'],
    ['no-such-folder', 'KPI_LOAD_FAILED', 'no-such-folder', ''],
  ])(
    '%s: exits non-zero naming the code, the file and the field or line',
    async (folder, code, file, where) => {
      const { exitCode, stderr } = await expectFailedStart({
        ...databaseEnv,
        KPI_PLUGIN_DIRS: path.join(FIXTURES, folder),
      });
      expect(exitCode).toBe(1);
      expect(stderr).toContain(code);
      expect(stderr).toContain(file);
      expect(stderr).toContain(where);
    },
  );
});

describe("a trust's own plugin folders", () => {
  const ADD_TEAM = `mutation {
    system: createOrgUnit(input: { code: "S", name: "System", level: SYSTEM }) { code }
    org: createOrgUnit(input: { code: "O", name: "Trust", level: ORGANISATION, parentCode: "S" }) { code }
    team: createOrgUnit(input: { code: "T", name: "Team", level: TEAM, parentCode: "O" }) { code }
  }`;

  it('the compiled server, having no compiler, refuses a TypeScript plugin and says how to compile it', async () => {
    const { exitCode, stderr } = await expectFailedStart({
      ...databaseEnv,
      KPI_PLUGIN_DIRS: path.join(FIXTURES, 'formats'),
    });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('KPI_LOAD_FAILED');
    expect(stderr).toContain('peer-support.kpi.ts');
    expect(stderr).toContain('compile it to .kpi.js');
  });

  it('the compiled server serves its kit to plugins that import it by package name, required or imported', async () => {
    const server = await spawnServer({ ...databaseEnv, KPI_PLUGIN_DIRS: path.join(FIXTURES, 'kit-imports') });
    try {
      const kpis = await postGraphQL(server.url, '{ kpis { key } }');
      expect((kpis.data!.kpis as { key: string }[]).map((kpi) => kpi.key)).toEqual([
        ...BUILT_IN_KEYS,
        'bed-days-lost',
        'ward-moves',
      ]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('loads .js, .cjs, .mjs and, from source, .ts plugins after the built-ins, and contains a plugin that fails at run time', async () => {
    const server = await spawnServer(
      {
        ...databaseEnv,
        KPI_PLUGIN_DIRS: [path.join(FIXTURES, 'formats'), path.join(FIXTURES, 'throwing-calculate')].join(
          ':',
        ),
      },
      'source',
    );
    try {
      for (const [file, reason] of <[string, string][]>[
        ['README.md', 'not named <key>.kpi.js'],
        ['bed-occupancy.kpi.test.js', 'a test'],
        ['helpers.js', 'not named <key>.kpi.js'],
      ]) {
        expect(server.output()).toContain(
          `Not a plugin, skipped: ${path.join(FIXTURES, 'formats', file)} (${reason}`,
        );
      }
      const kpis = await postGraphQL(server.url, '{ kpis { key } }');
      expect((kpis.data!.kpis as { key: string }[]).map((kpi) => kpi.key)).toEqual([
        ...BUILT_IN_KEYS,
        'bed-occupancy',
        'crisis-response',
        'discharge-summaries',
        'peer-support',
        'always-throws',
      ]);

      expect((await postGraphQL(server.url, ADD_TEAM, {}, server.tokens.ADMIN)).errors).toBeUndefined();
      const submitted = await postGraphQL(
        server.url,
        `mutation {
          a: submitObservation(input: { kpi: "always-throws", orgUnit: "T", period: "2026-01", values: [{ name: "events", value: 3 }] }) { version }
          b: submitObservation(input: { kpi: "mandatory-training-compliance", orgUnit: "T", period: "2026-01",
               values: [{ name: "compliant", value: 9 }, { name: "staff", value: 10 }] }) { version }
        }`,
        {},
        server.tokens.CONTRIBUTOR,
      );
      expect(submitted.errors).toBeUndefined();

      const scorecard = await postGraphQL(
        server.url,
        '{ orgUnit(code: "S") { scorecard(period: "2026-01") { kpi { key } value tier } } }',
      );
      const values = scorecard.data!.orgUnit as {
        scorecard: { kpi: { key: string }; value: number | null; tier: string | null }[];
      };
      const byKey = new Map(values.scorecard.map((value, index) => [value.kpi.key, { ...value, index }]));
      expect(byKey.get('always-throws')).toMatchObject({ value: null, tier: null });
      expect(byKey.get('mandatory-training-compliance')).toMatchObject({ value: 90, tier: 'DESIRABLE' });
      expect(scorecard.errors).toEqual([
        expect.objectContaining({
          path: ['orgUnit', 'scorecard', byKey.get('always-throws')!.index, 'value'],
          extensions: expect.objectContaining({ code: 'KPI_CALCULATION_FAILED', kpi: 'always-throws' }),
        }),
      ]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
