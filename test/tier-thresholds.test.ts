import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

const SETTING = `id kpi { key } orgUnit { code } essential desirable aspirational breakthrough reset fromPeriod setBy setAt reason`;
const SET = `mutation Set($input: SetTierThresholdsInput!) { setTierThresholds(input: $input) { ${SETTING} } }`;
const RESET = `mutation Reset($input: ResetTierThresholdsInput!) { resetTierThresholds(input: $input) { ${SETTING} } }`;
const EVERY_UNIT = `
  query EveryUnit($kpi: String!, $period: String!) {
    orgUnits {
      code
      kpiValue(kpi: $kpi, period: $period) {
        value tier
        thresholds { essential desirable aspirational breakthrough source setting { orgUnit { code } fromPeriod } }
      }
    }
  }`;
const HISTORY = `
  query History($code: String!, $kpi: String!) {
    orgUnit(code: $code) { tierThresholdHistory(kpi: $kpi) { orgUnit { code } reset fromPeriod essential } }
  }`;
const OBSERVATIONS = `
  query Observations($code: String!, $period: String!) {
    orgUnit(code: $code) { observations(kpi: "seven-day-follow-up", period: $period) { version value tier } }
  }`;
const TIERS = `
  subscription Tiers($unit: String!) {
    tierChanged(orgUnit: $unit, descendants: true) { orgUnit { code } period from to }
  }`;
const VALUES = `
  subscription Values($unit: String!, $period: String!) {
    kpiValueChanged(orgUnit: $unit, kpis: ["seven-day-follow-up"], period: $period) {
      value tier thresholds { source setting { orgUnit { code } } }
    }
  }`;

const PLUGIN_TIERS = { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 };
/** 70% seven-day follow-up is below the plugin's Essential, and Aspirational against these. */
const SERVICE_TIERS = { essential: 60, desirable: 65, aspirational: 70, breakthrough: 75 };
const DIRECTORATE_TIERS = { essential: 65, desirable: 68, aspirational: 72, breakthrough: 76 };
const TEAM_TIERS = { essential: 50, desirable: 55, aspirational: 60, breakthrough: 65 };
const TEAMS = ['SVC1-T1', 'SVC1-T2', 'SVC2-T1', 'SVC2-T2'];
const MONTHS_WITH_DATA = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-06'];

let test: TestServer;
let settingReads = 0;
let manager: string;
let contributor: string;

interface UnitValue {
  value: number | null;
  tier: string | null;
  thresholds: Record<string, unknown> & { setting: { orgUnit: { code: string }; fromPeriod: string } | null };
}

async function everyUnit(period: string, kpi = 'seven-day-follow-up'): Promise<Record<string, UnitValue>> {
  const result = await test.graphql<{ orgUnits: { code: string; kpiValue: UnitValue }[] }>(
    EVERY_UNIT,
    { kpi, period },
    manager,
  );
  expect(result.errors).toBeUndefined();
  return Object.fromEntries(result.data!.orgUnits.map((unit) => [unit.code, unit.kpiValue]));
}

async function tiers(period: string): Promise<Record<string, string | null>> {
  const values = await everyUnit(period);
  return Object.fromEntries(Object.entries(values).map(([code, value]) => [code, value.tier]));
}

function everywhere(tier: string, except: Record<string, string> = {}): Record<string, string> {
  const codes = ['SYS', 'ORG', 'DIR', 'SVC1', 'SVC2', ...TEAMS];
  return Object.fromEntries(codes.map((code) => [code, except[code] ?? tier]));
}

async function set(input: Record<string, unknown>, token = manager) {
  return test.graphql<{ setTierThresholds: Record<string, unknown> }>(SET, { input }, token);
}

async function reset(input: Record<string, unknown>, token = manager) {
  return test.graphql<{ resetTierThresholds: Record<string, unknown> }>(RESET, { input }, token);
}

async function submit(input: Record<string, unknown>) {
  const result = await test.graphql<{ submitObservation: Record<string, unknown> }>(
    SUBMIT,
    { input },
    contributor,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.submitObservation;
}

/** Every stored setting, to prove a rejected request wrote nothing. */
function storedSettings() {
  return test.server.database.orm.em.fork().execute('select * from tier_threshold_setting order by id');
}

beforeAll(async () => {
  // Mid-June 2026: a setting without fromPeriod starts in 2026-06.
  test = await startTestServer(
    {},
    {
      now: () => new Date('2026-06-15T09:00:00Z'),
      onQuery: (sql) => void (sql.includes('tier_threshold_setting') && settingReads++),
    },
  );
  await createUnits(test, treeOf(2, 2));
  manager = await test.token(['MANAGER']);
  contributor = await test.token(['CONTRIBUTOR']);
  for (const month of MONTHS_WITH_DATA) {
    for (const team of TEAMS) await submit(followUp(team, month, 7, 10, 5));
  }
});
afterAll(() => test.stop());

describe('a local setting changes the tiers of its unit and every unit below it', () => {
  it("moves the service and its teams, and neither the directorate's own tier nor a sibling service's", async () => {
    expect(await tiers('2026-01')).toEqual(everywhere('BELOW_ESSENTIAL'));

    const result = await set({
      kpi: 'seven-day-follow-up',
      orgUnit: 'SVC1',
      ...SERVICE_TIERS,
      fromPeriod: '2026-01',
      reason: 'A stepped ambition while the service rebuilds its discharge team',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.setTierThresholds).toEqual({
      id: expect.any(String),
      kpi: { key: 'seven-day-follow-up' },
      orgUnit: { code: 'SVC1' },
      ...SERVICE_TIERS,
      reset: false,
      fromPeriod: '2026-01',
      setBy: 'test-manager',
      setAt: '2026-06-15T09:00:00.000Z',
      reason: 'A stepped ambition while the service rebuilds its discharge team',
    });

    expect(await tiers('2026-01')).toEqual(
      everywhere('BELOW_ESSENTIAL', {
        SVC1: 'ASPIRATIONAL',
        'SVC1-T1': 'ASPIRATIONAL',
        'SVC1-T2': 'ASPIRATIONAL',
      }),
    );
  });

  it('says which thresholds applied to each value, and where they were set', async () => {
    const values = await everyUnit('2026-01');
    expect(values['SVC1-T1']).toEqual({
      value: 70,
      tier: 'ASPIRATIONAL',
      thresholds: {
        ...SERVICE_TIERS,
        source: 'LOCAL',
        setting: { orgUnit: { code: 'SVC1' }, fromPeriod: '2026-01' },
      },
    });
    expect(values.DIR!.thresholds).toEqual({ ...PLUGIN_TIERS, source: 'PLUGIN', setting: null });
  });

  it('leaves the months before fromPeriod alone, and holds a longer period to its last month', async () => {
    expect(await tiers('2025-12')).toEqual(everywhere('BELOW_ESSENTIAL'));
    expect((await everyUnit('2025-Q4')).SVC1).toMatchObject({
      tier: 'BELOW_ESSENTIAL',
      thresholds: { source: 'PLUGIN' },
    });
    for (const period of ['2026-Q1', 'FY2025']) {
      expect((await everyUnit(period)).SVC1).toMatchObject({
        value: 70,
        tier: 'ASPIRATIONAL',
        thresholds: { source: 'LOCAL' },
      });
    }
  });

  it('starts in the current month when fromPeriod is left out, and a nearer setting wins', async () => {
    const result = await set({ kpi: 'seven-day-follow-up', orgUnit: 'SVC1-T2', ...TEAM_TIERS });
    expect(result.errors).toBeUndefined();
    expect(result.data!.setTierThresholds).toMatchObject({ fromPeriod: '2026-06', reason: null });

    expect(await tiers('2026-06')).toMatchObject({
      SVC1: 'ASPIRATIONAL',
      'SVC1-T1': 'ASPIRATIONAL',
      'SVC1-T2': 'BREAKTHROUGH',
    });
    expect((await tiers('2026-03'))['SVC1-T2']).toBe('ASPIRATIONAL');
  });

  it("lets a directorate's setting reach every unit below it that has none of its own", async () => {
    const result = await set({
      kpi: 'seven-day-follow-up',
      orgUnit: 'DIR',
      ...DIRECTORATE_TIERS,
      fromPeriod: '2026-01',
    });
    expect(result.errors).toBeUndefined();
    expect(await tiers('2026-01')).toEqual(
      everywhere('DESIRABLE', {
        SYS: 'BELOW_ESSENTIAL',
        ORG: 'BELOW_ESSENTIAL',
        SVC1: 'ASPIRATIONAL',
        'SVC1-T1': 'ASPIRATIONAL',
        'SVC1-T2': 'ASPIRATIONAL',
      }),
    );
    expect((await everyUnit('2026-01'))['SVC2-T1']!.thresholds.setting).toEqual({
      orgUnit: { code: 'DIR' },
      fromPeriod: '2026-01',
    });
  });

  it('falls back, from a reset on, to what applies above the unit', async () => {
    const result = await reset({
      kpi: 'seven-day-follow-up',
      orgUnit: 'SVC1',
      fromPeriod: '2026-03',
      reason: 'Back to the directorate ambition',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.resetTierThresholds).toMatchObject({
      orgUnit: { code: 'SVC1' },
      reset: true,
      fromPeriod: '2026-03',
      essential: null,
      desirable: null,
      aspirational: null,
      breakthrough: null,
    });

    expect(await tiers('2026-03')).toMatchObject({
      SVC1: 'DESIRABLE',
      'SVC1-T1': 'DESIRABLE',
      'SVC1-T2': 'DESIRABLE',
    });
    expect(await tiers('2026-06')).toMatchObject({ SVC1: 'DESIRABLE', 'SVC1-T2': 'BREAKTHROUGH' });
    expect(await tiers('2026-02')).toMatchObject({ SVC1: 'ASPIRATIONAL', 'SVC1-T1': 'ASPIRATIONAL' });
  });

  it('keeps every setting on a unit and its ancestors as history, newest first', async () => {
    const history = await test.graphql<{ orgUnit: { tierThresholdHistory: unknown[] } }>(
      HISTORY,
      { code: 'SVC1-T2', kpi: 'seven-day-follow-up' },
      manager,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.orgUnit.tierThresholdHistory).toEqual([
      { orgUnit: { code: 'SVC1' }, reset: true, fromPeriod: '2026-03', essential: null },
      { orgUnit: { code: 'DIR' }, reset: false, fromPeriod: '2026-01', essential: 65 },
      { orgUnit: { code: 'SVC1-T2' }, reset: false, fromPeriod: '2026-06', essential: 50 },
      { orgUnit: { code: 'SVC1' }, reset: false, fromPeriod: '2026-01', essential: 60 },
    ]);

    const sibling = await test.graphql<{ orgUnit: { tierThresholdHistory: unknown[] } }>(
      HISTORY,
      { code: 'SVC2', kpi: 'seven-day-follow-up' },
      manager,
    );
    expect(sibling.data!.orgUnit.tierThresholdHistory).toEqual([
      { orgUnit: { code: 'DIR' }, reset: false, fromPeriod: '2026-01', essential: 65 },
    ]);
  });

  it("classifies an observation's tier with the thresholds of its unit and month", async () => {
    // The service's own thresholds still apply in February (60 / 65 / 70 / 75); the directorate's would not.
    const correction = await submit(followUp('SVC1-T1', '2026-02', 64, 100, 50));
    expect(correction).toMatchObject({ value: 64, tier: 'ESSENTIAL' });

    const history = await test.graphql<{ orgUnit: { observations: unknown[] } }>(
      OBSERVATIONS,
      { code: 'SVC2-T1', period: '2026-01' },
      manager,
    );
    expect(history.data!.orgUnit.observations).toEqual([{ version: 1, value: 70, tier: 'DESIRABLE' }]);
  });
});

describe('reading the thresholds that apply', () => {
  it('reads them for every KPI of every team in one query', async () => {
    const scorecards = `{ orgUnit(code: "SYS") { descendants(level: TEAM) {
      scorecard(period: "2026-01") { tier thresholds { source } } } } }`;
    // The attention facts, worked out in the background, read the settings too: only the query's reads count.
    await factsWorkedOut(test.server);
    settingReads = 0;
    const result = await test.graphql<{ orgUnit: { descendants: { scorecard: unknown[] }[] } }>(
      scorecards,
      {},
      manager,
    );
    expect(result.errors).toBeUndefined();
    const values = result.data!.orgUnit.descendants.flatMap((team) => team.scorecard);
    expect(values.length).toBe(TEAMS.length * test.server.registry.all().length);
    expect(settingReads).toBe(1);
  });
});

describe('a request that breaks a rule is refused with the field named, and writes nothing', () => {
  const good = { kpi: 'seven-day-follow-up', orgUnit: 'SVC2', ...SERVICE_TIERS, fromPeriod: '2026-04' };

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'desirable below essential where higher is better',
      { ...good, desirable: 55 },
      'desirable',
      /^desirable: must be above essential \(60\) for a KPI where higher is better/,
    ],
    [
      'aspirational equal to desirable',
      { ...good, aspirational: 65 },
      'aspirational',
      /^aspirational: must be above desirable \(65\)/,
    ],
    [
      'breakthrough above aspirational where lower is better',
      {
        ...good,
        kpi: 'physical-interventions',
        essential: 8,
        desirable: 6,
        aspirational: 4,
        breakthrough: 5,
      },
      'breakthrough',
      /^breakthrough: must be below aspirational \(4\) for a KPI where lower is better/,
    ],
    [
      'thresholds rising where lower is better',
      { ...good, kpi: 'physical-interventions' },
      'desirable',
      /^desirable: must be below essential \(60\) for a KPI where lower is better/,
    ],
    ['an unknown KPI', { ...good, kpi: 'no-such-kpi' }, 'kpi', /no-such-kpi/],
    ['an unknown unit', { ...good, orgUnit: 'NOPE' }, 'orgUnit', /NOPE/],
    ['a quarter for fromPeriod', { ...good, fromPeriod: '2026-Q2' }, 'fromPeriod', /month/],
    ['a fromPeriod that is not a period', { ...good, fromPeriod: 'soon' }, 'fromPeriod', /not a period/],
    ['a reason too long', { ...good, reason: 'x'.repeat(2_001) }, 'reason', /at most 2000 characters/],
  ])('setTierThresholds with %s', async (_case, input, field, message) => {
    const before = await storedSettings();
    const result = await set(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await storedSettings()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown KPI', { kpi: 'no-such-kpi', orgUnit: 'SVC2' }, 'kpi'],
    ['an unknown unit', { kpi: 'seven-day-follow-up', orgUnit: 'NOPE' }, 'orgUnit'],
    [
      'a year for fromPeriod',
      { kpi: 'seven-day-follow-up', orgUnit: 'SVC2', fromPeriod: '2026' },
      'fromPeriod',
    ],
  ])('resetTierThresholds with %s', async (_case, input, field) => {
    const before = await storedSettings();
    const result = await reset(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await storedSettings()).toEqual(before);
  });
});

describe('only a MANAGER of the unit may set or reset its thresholds', () => {
  const input = { kpi: 'mandatory-training-compliance', orgUnit: 'SVC1', ...SERVICE_TIERS };

  it.each<[string, () => Promise<string>]>([
    ['a CONTRIBUTOR of the whole tree', () => test.token(['CONTRIBUTOR'])],
    ['a MANAGER of another service', () => test.token(['MANAGER'], ['SVC2'])],
    ['a MANAGER of a team below the unit', () => test.token(['MANAGER'], ['SVC1-T1'])],
  ])('refuses %s as FORBIDDEN, writing nothing', async (_case, token) => {
    const before = await storedSettings();
    const refused = await set(input, await token());
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const refusedReset = await reset({ kpi: input.kpi, orgUnit: input.orgUnit }, await token());
    expect(refusedReset.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedSettings()).toEqual(before);
  });

  it('accepts a MANAGER of the unit', async () => {
    const result = await set(input, await test.token(['MANAGER'], ['SVC1'], 'svc1-manager'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.setTierThresholds).toMatchObject({
      setBy: 'svc1-manager',
      orgUnit: { code: 'SVC1' },
    });
  });

  it('lets only a VIEWER of the unit read its history', async () => {
    const refused = await test.graphql(
      HISTORY,
      { code: 'SVC1', kpi: 'seven-day-follow-up' },
      await test.token(['VIEWER'], ['SVC2']),
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('live events', () => {
  let live: LiveConnection | undefined;
  afterAll(() => live?.dispose());

  it('fire tierChanged, and carry tiers, according to the thresholds that apply locally', async () => {
    const connection = (live = connectLive(test.server.url, manager));
    const changes = connection.subscribe(TIERS, { unit: 'SVC2' });
    const values = connection.subscribe(VALUES, { unit: 'SVC2-T2', period: '2026-05' });
    await settle();

    // The directorate's thresholds apply to SVC2 and its teams: 65 / 68 / 72 / 76.
    await submit(followUp('SVC2-T2', '2026-05', 70, 100, 50)); // Desirable; below Essential for the plugin
    await submit(followUp('SVC2-T2', '2026-05', 66, 100, 50)); // Essential; no change for the plugin
    await submit(followUp('SVC2-T2', '2026-05', 90, 100, 50)); // Breakthrough; Desirable for the plugin
    await submit(followUp('SVC2-T2', '2026-05', 95, 100, 50)); // still Breakthrough; Aspirational for the plugin

    await values.received(4);
    await settle();
    const team = changes.results
      .map((result) => (result.data as { tierChanged: Record<string, unknown> }).tierChanged)
      .filter((change) => (change.orgUnit as { code: string }).code === 'SVC2-T2');
    expect(team).toEqual([
      { orgUnit: { code: 'SVC2-T2' }, period: '2026-05', from: null, to: 'DESIRABLE' },
      { orgUnit: { code: 'SVC2-T2' }, period: '2026-05', from: 'DESIRABLE', to: 'ESSENTIAL' },
      { orgUnit: { code: 'SVC2-T2' }, period: '2026-05', from: 'ESSENTIAL', to: 'BREAKTHROUGH' },
    ]);
    // The service holds only this team's data for the month, so it moved in step.
    expect(changes.results).toHaveLength(6);

    expect(values.results.map((result) => result.data!.kpiValueChanged)).toEqual(
      ['DESIRABLE', 'ESSENTIAL', 'BREAKTHROUGH', 'BREAKTHROUGH'].map((tier, index) => ({
        value: [70, 66, 90, 95][index],
        tier,
        thresholds: { source: 'LOCAL', setting: { orgUnit: { code: 'DIR' } } },
      })),
    );
  });
});
