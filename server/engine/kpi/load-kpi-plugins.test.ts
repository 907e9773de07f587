import { readdirSync } from 'node:fs';
import path from 'node:path';
import { KpiPluginError } from './kpi-plugin-error';
import type { KpiPluginErrorCode } from './kpi-plugin-error';
import { BUILT_IN_PLUGIN_DIR, listPluginFolder, loadKpiPlugins } from './load-kpi-plugins';
import { classifyTier } from './tiers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/plugins');
const fixture = (folder: string) => path.join(FIXTURES, folder);

/** The built-in keys, one per `plugins/<key>.kpi.ts`, in file-name order. */
const BUILT_IN_KEYS = readdirSync(BUILT_IN_PLUGIN_DIR)
  .filter((name) => name.endsWith('.kpi.ts') && !name.endsWith('.test.ts'))
  .sort()
  .map((name) => name.replace(/\.kpi\.ts$/, ''));

const FORMAT_FIXTURES = [
  ['bed-occupancy', 'bed-occupancy.kpi.js'],
  ['crisis-response', 'crisis-response.kpi.mjs'],
  ['discharge-summaries', 'discharge-summaries.kpi.cjs'],
  ['peer-support', 'peer-support.kpi.ts'],
] as const;

async function refusal(load: Promise<unknown>): Promise<KpiPluginError> {
  const error = await load.then(
    () => {
      throw new Error('expected the plugins to be refused');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(KpiPluginError);
  return error as KpiPluginError;
}

describe('listPluginFolder', () => {
  it('lists only *.kpi.{js,cjs,mjs,ts} files, skipping tests, helpers and documents, in name order', () => {
    expect(listPluginFolder(fixture('formats')).plugins).toEqual(
      FORMAT_FIXTURES.map(([, file]) => path.join(fixture('formats'), file)),
    );
  });

  it('names every file it skips, and why', () => {
    expect(listPluginFolder(fixture('formats')).skipped).toEqual([
      {
        file: path.join(fixture('formats'), 'README.md'),
        reason: 'not named <key>.kpi.js, .kpi.cjs, .kpi.mjs or .kpi.ts',
      },
      { file: path.join(fixture('formats'), 'bed-occupancy.kpi.test.js'), reason: 'a test' },
      {
        file: path.join(fixture('formats'), 'helpers.js'),
        reason: 'not named <key>.kpi.js, .kpi.cjs, .kpi.mjs or .kpi.ts',
      },
    ]);
    expect(listPluginFolder(path.join(__dirname, '../../../test/fixtures')).skipped).toEqual([
      {
        file: path.join(__dirname, '../../../test/fixtures/plugins'),
        reason: 'a folder: sub-folders are not searched',
      },
    ]);
  });

  it('skips the built-ins’ own tests', () => {
    const files = listPluginFolder(BUILT_IN_PLUGIN_DIR).plugins.map((file) => path.basename(file));
    expect(files).toEqual(BUILT_IN_KEYS.map((key) => `${key}.kpi.ts`));
  });

  it.each([
    ['a folder that does not exist', fixture('no-such-folder')],
    ['a file rather than a folder', path.join(fixture('formats'), 'README.md')],
  ])('refuses %s with KPI_LOAD_FAILED naming it', (_description, directory) => {
    let error: unknown;
    try {
      listPluginFolder(directory);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(KpiPluginError);
    expect(error).toMatchObject({ code: 'KPI_LOAD_FAILED', file: directory });
    expect((error as Error).message).toContain(directory);
  });
});

describe('loadKpiPlugins', () => {
  it('loads the fourteen built-ins, each from its own file, when no folder is configured', async () => {
    expect(BUILT_IN_KEYS).toHaveLength(14);
    const loaded = await loadKpiPlugins([]);
    expect(loaded.map((kpi) => kpi.definition.key)).toEqual(BUILT_IN_KEYS);
    for (const { definition, file } of loaded) {
      expect(file).toBe(path.join(BUILT_IN_PLUGIN_DIR, `${definition.key}.kpi.ts`));
      expect(typeof definition.calculate).toBe('function');
    }
  });

  it('loads a trust’s plugins in every format after the built-ins, in file-name order', async () => {
    const loaded = await loadKpiPlugins([fixture('formats')]);
    expect(loaded.map((kpi) => kpi.definition.key)).toEqual([
      ...BUILT_IN_KEYS,
      ...FORMAT_FIXTURES.map(([key]) => key),
    ]);
    expect(loaded.slice(BUILT_IN_KEYS.length).map((kpi) => kpi.file)).toEqual(
      FORMAT_FIXTURES.map(([, file]) => path.join(fixture('formats'), file)),
    );
  });

  it('resolves a relative folder from the working directory, as KPI_PLUGIN_DIRS gives it', async () => {
    const relative = path.relative(process.cwd(), fixture('formats'));
    const loaded = await loadKpiPlugins([relative]);
    expect(loaded.at(-1)!.file).toBe(path.join(fixture('formats'), 'peer-support.kpi.ts'));
  });

  it.each([
    ['bed-occupancy', { occupiedBedDays: 85, availableBedDays: 100 }, 85, 'ASPIRATIONAL'],
    ['crisis-response', { seenWithin24Hours: 9, urgentReferrals: 10 }, 90, 'ASPIRATIONAL'],
    ['discharge-summaries', { sentWithin24Hours: 7, discharges: 10 }, 70, 'ESSENTIAL'],
    ['peer-support', { offered: 17, caseload: 20 }, 85, 'BREAKTHROUGH'],
  ])('gives a working %s plugin, whatever its format', async (key, inputs, value, tier) => {
    const loaded = await loadKpiPlugins([fixture('formats')]);
    const definition = loaded.find((kpi) => kpi.definition.key === key)!.definition;
    expect(definition.calculate(inputs)).toBeCloseTo(value, 10);
    expect(classifyTier(value, definition.tiers, definition.direction)).toBe(tier);
    expect(definition.collectedAt).toBe('TEAM');
    expect(Object.values(definition.inputs).map((input) => input.kind)).toEqual(['count', 'count']);
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const missing = fixture('no-such-folder');
    const error = await refusal(loadKpiPlugins([missing]));
    expect(error.code).toBe('KPI_LOAD_FAILED');
    expect(error.message).toContain(missing);
  });

  it.each<[string, string, KpiPluginErrorCode, string | undefined, string]>([
    [
      'duplicate-key',
      'seven-day-follow-up-local.kpi.js',
      'KPI_DUPLICATE_KEY',
      'key',
      '"seven-day-follow-up" is already defined by',
    ],
    ['unordered-tiers', 'bad-tiers.kpi.js', 'KPI_TIERS_UNORDERED', 'tiers', 'must strictly decrease'],
    [
      'syntax-error',
      'broken.kpi.js',
      'KPI_LOAD_FAILED',
      undefined,
      "Identifier 'tiers' has already been declared",
    ],
  ])('refuses the %s folder, naming %s', async (folder, file, code, field, detail) => {
    const culprit = path.join(fixture(folder), file);
    const error = await refusal(loadKpiPlugins([fixture('formats'), fixture(folder)]));
    expect(error).toMatchObject({ code, file: culprit, field });
    expect(error.message).toContain(culprit);
    expect(error.message).toContain(detail);
  });

  it('names the built-in a duplicate key clashes with', async () => {
    const error = await refusal(loadKpiPlugins([fixture('duplicate-key')]));
    expect(error.message).toContain(path.join(BUILT_IN_PLUGIN_DIR, 'seven-day-follow-up.kpi.ts'));
  });

  it('refuses the same folder configured twice, since every key would be defined twice', async () => {
    const error = await refusal(loadKpiPlugins([fixture('formats'), fixture('formats')]));
    expect(error).toMatchObject({
      code: 'KPI_DUPLICATE_KEY',
      file: path.join(fixture('formats'), 'bed-occupancy.kpi.js'),
    });
  });

  it('loads a plugin whose calculate throws: it fails at run time, not at start-up', async () => {
    const loaded = await loadKpiPlugins([fixture('throwing-calculate')]);
    const alwaysThrows = loaded.at(-1)!.definition;
    expect(alwaysThrows.key).toBe('always-throws');
    expect(() => alwaysThrows.calculate({ events: 3 })).toThrow('division by zero in local formula');
  });
});
