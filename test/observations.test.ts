import { createUnits, treeOf } from './support/build-tree';
import { KPI_VALUE, SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const HISTORY = `
  query History($code: String!, $kpi: String!, $period: String!) {
    orgUnit(code: $code) { observations(kpi: $kpi, period: $period) { version values { name value } submittedBy } }
  }`;

let test: TestServer;
let contributor: string;

async function valueAt(code: string, period: string, kpi = 'seven-day-follow-up') {
  const result = await test.graphql<{ orgUnit: { kpiValue: Record<string, unknown> } }>(
    KPI_VALUE,
    { code, kpi, period },
    contributor,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit.kpiValue;
}

async function submit(input: Record<string, unknown>) {
  return test.graphql<{ submitObservation: Record<string, unknown> }>(SUBMIT, { input }, contributor);
}

/** Every stored version and roll-up, to prove a rejected request wrote nothing. */
async function storedState() {
  const em = test.server.database.orm.em.fork();
  return {
    observations: await em.execute('select id, version, "values" from observation order by id'),
    rollups: await em.execute(
      'select kpi_key, org_unit_id, period, sums, reporting from rollup order by 1, 2, 3',
    ),
  };
}

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(2, 2));
  contributor = await test.token(['CONTRIBUTOR']);
});
afterAll(() => test.stop());

describe('submitting a month and reading it at every level', () => {
  it('stores version 1 with its value and tier', async () => {
    const result = await submit(followUp('SVC1-T1', '2026-01', 8, 10, 6));
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitObservation).toMatchObject({
      version: 1,
      period: '2026-01',
      value: 80,
      tier: 'ESSENTIAL',
      submittedBy: 'test-contributor',
      kpi: { key: 'seven-day-follow-up' },
      orgUnit: { code: 'SVC1-T1' },
      values: [
        { name: 'followedUp', value: 8 },
        { name: 'discharged', value: 10 },
        { name: 'assessed', value: 6 },
      ],
    });
  });

  it('rolls the sums up the tree, calculating at each level rather than averaging', async () => {
    await submit(followUp('SVC1-T2', '2026-01', 29, 30, 10));
    await submit(followUp('SVC2-T1', '2026-01', 1, 4, 1));
    // Averaging the teams' values (80%, 96.7%, 25%) would give 67.2%; the exact value is 38 / 44.
    for (const code of ['SYS', 'ORG', 'DIR']) {
      expect(await valueAt(code, '2026-01')).toEqual({
        period: '2026-01',
        value: (100 * 38) / 44,
        tier: 'ESSENTIAL',
        reporting: 3,
        expected: 4,
        inputs: [
          { name: 'followedUp', value: 38 },
          { name: 'discharged', value: 44 },
          { name: 'assessed', value: 17 },
        ],
      });
    }
    expect(await valueAt('SVC1', '2026-01')).toMatchObject({
      value: 92.5,
      tier: 'DESIRABLE',
      reporting: 2,
      expected: 2,
    });
    expect(await valueAt('SVC2', '2026-01')).toMatchObject({
      value: 25,
      tier: 'BELOW_ESSENTIAL',
      reporting: 1,
      expected: 2,
    });
    expect(await valueAt('SVC2-T2', '2026-01')).toMatchObject({
      value: null,
      tier: null,
      reporting: 0,
      expected: 1,
      inputs: [],
    });
  });

  it('treats a second submission as a correction: the version goes up, every ancestor moves, history is kept', async () => {
    const correction = await submit({ ...followUp('SVC1-T1', '2026-01', 10, 10, 9), expectedVersion: 1 });
    expect(correction.errors).toBeUndefined();
    expect(correction.data!.submitObservation).toMatchObject({
      version: 2,
      value: 100,
      tier: 'BREAKTHROUGH',
    });

    expect(await valueAt('SVC1', '2026-01')).toMatchObject({ value: 97.5, reporting: 2 });
    expect(await valueAt('SYS', '2026-01')).toMatchObject({ value: (100 * 40) / 44, reporting: 3 });

    const history = await test.graphql<{
      orgUnit: { observations: { version: number; values: unknown[] }[] };
    }>(HISTORY, { code: 'SVC1-T1', kpi: 'seven-day-follow-up', period: '2026-01' }, contributor);
    expect(history.data!.orgUnit.observations.map((observation) => observation.version)).toEqual([2, 1]);
    expect(history.data!.orgUnit.observations[1]!.values).toContainEqual({ name: 'followedUp', value: 8 });
  });

  it('refuses a correction made against a stale version with CONFLICT, writing nothing', async () => {
    const before = await storedState();
    const stale = await submit({ ...followUp('SVC1-T1', '2026-01', 5, 10, 1), expectedVersion: 1 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/version 2/);
    expect(await storedState()).toEqual(before);
  });

  it('returns the first result for a repeated idempotency key and writes nothing new', async () => {
    const input = { ...followUp('SVC2-T2', '2026-01', 3, 3, 3), idempotencyKey: 'retry-42' };
    const first = await submit(input);
    const afterFirst = await storedState();
    const again = await submit(input);
    expect(again.errors).toBeUndefined();
    expect(again.data!.submitObservation).toEqual(first.data!.submitObservation);
    expect(await storedState()).toEqual(afterFirst);

    const reused = await submit({ ...followUp('SVC2-T2', '2026-01', 2, 3, 1), idempotencyKey: 'retry-42' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await storedState()).toEqual(afterFirst);
  });
});

describe('longer periods sum their months first', () => {
  beforeAll(async () => {
    await submit(followUp('SVC1-T2', '2025-04', 9, 10, 5));
    await submit(followUp('SVC1-T2', '2025-05', 1, 10, 1));
    await submit(followUp('SVC1-T2', '2025-06', 20, 20, 20));
    await submit(followUp('SVC1-T1', '2025-05', 5, 5, 5));
  });

  it.each([
    ['2025-Q2', 35, 45],
    ['FY2025', 35 + 39, 45 + 40],
    ['2025', 35, 45],
    ['2026', 39, 40],
  ])('%s at the service is calculate(sum of its months)', async (period, followedUp, discharged) => {
    const value = await valueAt('SVC1', period);
    expect(value.value).toBeCloseTo((100 * followedUp) / discharged, 10);
    expect(value.inputs).toContainEqual({ name: 'followedUp', value: followedUp });
    expect(value.inputs).toContainEqual({ name: 'discharged', value: discharged });
  });

  it('counts as reporting, over a longer period, only the units that submitted for every month of it', async () => {
    expect(await valueAt('SVC1', '2025-Q2')).toMatchObject({ reporting: 1, expected: 2 });
  });
});

describe('a submission that breaks a rule is refused with the field named, and writes nothing', () => {
  const good = followUp('SVC1-T1', '2026-02', 8, 10, 5);
  const withValues = (values: { name: string; value: number }[]) => ({ ...good, values });

  it.each([
    ['an unknown KPI', { ...good, kpi: 'no-such-kpi' }, 'kpi'],
    ['an unknown unit', { ...good, orgUnit: 'NOPE' }, 'orgUnit'],
    ['a unit above the collecting level', { ...good, orgUnit: 'SVC1' }, 'orgUnit'],
    ['a period that is not a month', { ...good, period: '2026-Q1' }, 'period'],
    ['month 13', { ...good, period: '2026-13' }, 'period'],
    ['a future month', { ...good, period: '2999-01' }, 'period'],
    ['a missing input', withValues(good.values.slice(0, 2)), 'values.assessed'],
    [
      'an input the KPI does not have',
      withValues([...good.values, { name: 'extra', value: 1 }]),
      'values.extra',
    ],
    ['an input given twice', withValues([...good.values, { name: 'assessed', value: 1 }]), 'values.assessed'],
    [
      'a negative count',
      withValues([good.values[0]!, { name: 'discharged', value: -1 }, good.values[2]!]),
      'values.discharged',
    ],
    [
      'a fractional count',
      withValues([{ name: 'followedUp', value: 7.5 }, ...good.values.slice(1)]),
      'values.followedUp',
    ],
    ['values the plugin rejects', followUp('SVC1-T1', '2026-02', 11, 10, 5), 'values'],
    ['a negative expected version', { ...good, expectedVersion: -1 }, 'expectedVersion'],
  ])('%s', async (_case, input, field) => {
    const before = await storedState();
    const result = await submit(input);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message.startsWith(`${field}: `)).toBe(true);
    expect(await storedState()).toEqual(before);
  });

  it("gives the plugin's own reason when its validate rule fails", async () => {
    const result = await submit(followUp('SVC1-T1', '2026-02', 11, 10, 5));
    expect(result.errors?.[0]?.message).toBe('values: followedUp cannot exceed discharged');
  });

  it('refuses a KPI at a unit it does not apply to', async () => {
    await createUnits(test, [
      { code: 'SVC1-COMMUNITY', level: 'TEAM', parentCode: 'SVC1', tags: ['community'] },
    ]);
    const result = await submit(followUp('SVC1-COMMUNITY', '2026-02', 1, 1, 1));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orgUnit' });
    expect(result.errors?.[0]?.message).toMatch(/inpatient/);
  });
});
