import {
  ADULT_ACUTE_SERVICE,
  FFT_FALL_WARD,
  FIRST_BREAKTHROUGH_KPI,
  FIRST_BREAKTHROUGH_TEAM,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  MISSING_DATA_TEAM,
  PHYSICAL_INTERVENTIONS_BY_YEAR,
  SICKNESS_SHIFT_TEAM,
} from '../seeds/demo-stories';
import { seedDemoTrustIfEmpty } from '../seeds/seed-demo-trust';
import type { TestServer } from './support/test-server';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

let test: TestServer;
let viewer: string;

beforeAll(async () => {
  test = await startTestServer({ demoSeed: true });
  viewer = await test.token(['VIEWER']);
  // The first start works the attention facts of the seeded history out in the background.
  await factsWorkedOut(test.server);
});
afterAll(() => test.stop());

type Value = {
  value: number | null;
  tier: string | null;
  reporting: number;
  expected: number;
  inputs: { name: string; value: number }[];
};

async function valuesAt(code: string, kpi: string, periods: string[]): Promise<Value[]> {
  const fields = periods
    .map(
      (period, index) =>
        `p${index}: kpiValue(kpi: "${kpi}", period: "${period}") { value tier reporting expected inputs { name value } }`,
    )
    .join('\n');
  const result = await test.graphql<{ orgUnit: Record<string, Value> }>(
    `{ orgUnit(code: "${code}") { ${fields} } }`,
    {},
    viewer,
  );
  expect(result.errors).toBeUndefined();
  return periods.map((_, index) => result.data!.orgUnit[`p${index}`]!);
}

const input = (value: Value, name: string) => value.inputs.find((entry) => entry.name === name)?.value;

it('builds an integrated care system with a mental-health trust of the promised size', async () => {
  const result = await test.graphql<{
    orgUnits: { code: string; descendants: { level: string; tags: string[] }[] }[];
  }>('{ orgUnits(level: ORGANISATION) { code descendants { level tags } } }', {}, viewer);
  const organisations = result.data!.orgUnits;
  expect(organisations.length).toBeGreaterThanOrEqual(2);
  const trust = organisations.find((organisation) => organisation.code === 'RNM')!;
  const count = (level: string) => trust.descendants.filter((unit) => unit.level === level).length;
  expect(count('DIRECTORATE')).toBeGreaterThanOrEqual(3);
  expect(count('SERVICE')).toBeGreaterThanOrEqual(8);
  expect(count('TEAM')).toBeGreaterThanOrEqual(30);
  expect(count('INDIVIDUAL')).toBeGreaterThan(0);
  const teams = trust.descendants.filter((unit) => unit.level === 'TEAM');
  expect(teams.some((team) => team.tags.includes('inpatient'))).toBe(true);
  expect(teams.some((team) => team.tags.includes('community'))).toBe(true);
});

it('holds 36 months, April 2023 to March 2026, for every built-in KPI', async () => {
  const kpis = await test.graphql<{ kpis: { key: string }[] }>('{ kpis { key } }', {}, viewer);
  for (const { key } of kpis.data!.kpis) {
    const [before, first, last, after] = await valuesAt('QNS', key, [
      '2023-03',
      '2023-04',
      '2026-03',
      '2026-04',
    ]);
    expect([before!.inputs, after!.inputs]).toEqual([[], []]);
    expect(first!.inputs.length).toBeGreaterThan(0);
    expect(last!.inputs.length).toBeGreaterThan(0);
  }
});

it('tells the restraint story: adult acute physical interventions fall 328 → 241 → 210, prone 82 → 32', async () => {
  const years = Object.keys(
    PHYSICAL_INTERVENTIONS_BY_YEAR,
  ) as (keyof typeof PHYSICAL_INTERVENTIONS_BY_YEAR)[];
  const values = await valuesAt(ADULT_ACUTE_SERVICE, 'physical-interventions', years);
  expect(values.map((value) => input(value, 'interventions'))).toEqual([328, 241, 210]);
  expect(values.map((value) => input(value, 'prone'))).toEqual(
    years.map((year) => PHYSICAL_INTERVENTIONS_BY_YEAR[year].prone),
  );
  expect(values[0]!.value!).toBeGreaterThan(values[2]!.value!);
});

it('tells the follow-up story: every call made, few of them assessing the person', async () => {
  const [year] = await valuesAt(FOLLOW_UP_WITHOUT_ASSESSMENT_WARD, 'seven-day-follow-up', ['FY2025']);
  expect(year!.value).toBe(100);
  expect(year!.tier).toBe('BREAKTHROUGH');
  expect(input(year!, 'assessed')! / input(year!, 'followedUp')!).toBeLessThan(0.4);
});

it('shows a team that has stopped reporting as missing from its service and above', async () => {
  const [missing] = await valuesAt(MISSING_DATA_TEAM, 'staff-sickness-absence', ['2026-03']);
  expect(missing).toMatchObject({ value: null, reporting: 0, expected: 1 });
  const [system] = await valuesAt('QNS', 'staff-sickness-absence', ['2026-03']);
  expect(system!.reporting).toBe(system!.expected - 1);
});

describe('what a newcomer finds in the last month', () => {
  interface Finding {
    reason: string;
    reasons: string[];
    kpi: { key: string };
    orgUnit: { code: string };
    alsoAt: { code: string }[];
    alsoFor: { key: string }[];
  }
  let attention: Finding[];
  let celebrations: Finding[];
  /** The finding about this KPI that names this unit, itself or among the units below it. */
  const about = (findings: Finding[], kpi: string, unit: string) =>
    findings.find(
      (finding) =>
        finding.kpi.key === kpi &&
        (finding.orgUnit.code === unit || finding.alsoAt.some((below) => below.code === unit)),
    );

  beforeAll(async () => {
    const selection = 'reason reasons kpi { key } orgUnit { code } alsoAt { code } alsoFor { key }';
    const result = await test.graphql<{ orgUnit: { attention: Finding[]; celebrations: Finding[] } }>(
      `{ orgUnit(code: "RNM") {
           attention(period: "2026-03", first: 50) { ${selection} }
           celebrations(period: "2026-03", first: 50) { ${selection} } } }`,
      {},
      viewer,
    );
    expect(result.errors).toBeUndefined();
    ({ attention, celebrations } = result.data!.orgUnit);
  });

  it('lists each planted concern in the trust’s attention list', () => {
    expect(about(attention, 'staff-sickness-absence', SICKNESS_SHIFT_TEAM)?.reason).toBe(
      'SPECIAL_CAUSE_CONCERN',
    );
    expect(about(attention, 'friends-and-family-positive', FFT_FALL_WARD)?.reasons).toEqual([
      'SPECIAL_CAUSE_CONCERN',
      'FELL_IN_TIER',
      'BELOW_ESSENTIAL',
    ]);
    expect(about(attention, 'seven-day-follow-up', FOLLOW_UP_WITHOUT_ASSESSMENT_WARD)?.reason).toBe(
      'TARGET_HIT_POINT_MISSED',
    );
    const silent = attention.find((finding) => finding.orgUnit.code === MISSING_DATA_TEAM);
    expect(silent?.reason).toBe('MISSING_DATA');
    expect(silent?.alsoFor.map((kpi) => kpi.key)).toContain('staff-sickness-absence');
    expect(attention.some((finding) => finding.reason === 'CONSISTENTLY_FAILING')).toBe(true);
  });

  it('celebrates a first Breakthrough, special-cause improvement and reliable passes', () => {
    expect(about(celebrations, FIRST_BREAKTHROUGH_KPI, FIRST_BREAKTHROUGH_TEAM)?.reasons).toContain(
      'FIRST_TIME_TIER',
    );
    const reasons = new Set(celebrations.map((finding) => finding.reason));
    expect(reasons).toEqual(
      new Set(['SPECIAL_CAUSE_IMPROVEMENT', 'FIRST_TIME_TIER', 'CONSISTENTLY_PASSING']),
    );
  });

  it('tells the ward’s story beside its number, under the directorate’s own ambition', async () => {
    const result = await test.graphql<{
      orgUnit: { kpiValue: { thresholds: Record<string, unknown>; stories: { kind: string }[] } };
    }>(
      `{ orgUnit(code: "${FOLLOW_UP_WITHOUT_ASSESSMENT_WARD}") {
           kpiValue(kpi: "seven-day-follow-up", period: "2026-03") {
             thresholds { essential source setting { orgUnit { code } } }
             stories { kind }
           } } }`,
      {},
      viewer,
    );
    expect(result.errors).toBeUndefined();
    const { thresholds, stories } = result.data!.orgUnit.kpiValue;
    expect(thresholds).toEqual({
      essential: 85,
      source: 'LOCAL',
      setting: { orgUnit: { code: 'RNM-DIR-ADULT-ACUTE' } },
    });
    expect(stories.map((story) => story.kind).sort()).toEqual(['ACTION', 'CONTEXT']);
  });
});

it('shows which adult acute wards have yet to reflect on March 2026, and the one whose review is under way', async () => {
  const result = await test.graphql<{ orgUnit: { reviews: { orgUnit: { code: string }; step: string }[] } }>(
    `{ orgUnit(code: "${ADULT_ACUTE_SERVICE}") { reviews(period: "2026-03") { orgUnit { code } step } } }`,
    {},
    viewer,
  );
  expect(result.errors).toBeUndefined();
  const steps = new Map(result.data!.orgUnit.reviews.map((review) => [review.orgUnit.code, review.step]));
  expect(steps.get(FOLLOW_UP_WITHOUT_ASSESSMENT_WARD)).toBe('REFRESH');
  steps.delete(FOLLOW_UP_WITHOUT_ASSESSMENT_WARD);
  expect(new Set(steps.values())).toEqual(new Set(['REFLECT']));
});

it('seeds only an empty database', async () => {
  expect(await seedDemoTrustIfEmpty(test.server.database.orm.em.fork())).toBe(false);
});
