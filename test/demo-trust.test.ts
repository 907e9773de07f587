import {
  ADULT_ACUTE_SERVICE,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  MISSING_DATA_TEAM,
  PHYSICAL_INTERVENTIONS_BY_YEAR,
} from '../seeds/demo-stories';
import { seedDemoTrustIfEmpty } from '../seeds/seed-demo-trust';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

let test: TestServer;
let viewer: string;

beforeAll(async () => {
  test = await startTestServer({ demoSeed: true });
  viewer = await test.token(['VIEWER']);
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

it('seeds only an empty database', async () => {
  expect(await seedDemoTrustIfEmpty(test.server.database.orm.em.fork())).toBe(false);
});
