import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SERIES = `
  query Series($code: String!, $from: String!, $to: String!, $baseline: Int, $rebase: [String!], $kpi: String! = "seven-day-follow-up") {
    orgUnit(code: $code) {
      series(kpi: $kpi, from: $from, to: $to, baseline: $baseline, rebase: $rebase) {
        mean upperProcessLimit lowerProcessLimit variation assurance trialLimits
        points { period value mean upperProcessLimit lowerProcessLimit specialCause rules pointType }
      }
    }
  }`;

/** Seven-day follow-up at one ward, 2025-01 to 2026-02: followed up of 20 discharged, all assessed. */
const FOLLOWED_UP = [17, 18, 19, 18, 17, 18, 19, 18, 17, 18, 19, 18, 17, 10];
const MONTHS = FOLLOWED_UP.map(
  (_, index) => `${2025 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
);
const VALUES = FOLLOWED_UP.map((count) => (100 * count) / 20);

interface Series {
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  variation: string | null;
  assurance: string | null;
  trialLimits: boolean;
  points: {
    period: string;
    value: number | null;
    specialCause: boolean;
    rules: string[];
    pointType: string | null;
  }[];
}

let test: TestServer;
let viewer: string;

async function series(variables: Record<string, unknown>, token = viewer) {
  return test.graphql<{ orgUnit: { series: Series } }>(
    SERIES,
    { code: 'SVC1-T1', from: '2025-01', to: '2026-02', ...variables },
    token,
  );
}

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(2, 2));
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  for (const [index, month] of MONTHS.entries()) {
    const result = await test.graphql(
      SUBMIT,
      { input: followUp('SVC1-T1', month, FOLLOWED_UP[index]!, 20, FOLLOWED_UP[index]!) },
      contributor,
    );
    expect(result.errors).toBeUndefined();
  }
  const second = await test.graphql(
    SUBMIT,
    { input: followUp('SVC1-T2', '2026-02', 10, 10, 10) },
    contributor,
  );
  expect(second.errors).toBeUndefined();
});
afterAll(() => test.stop());

it('charts the monthly values with XmR limits, the fall flagged as special-cause concern', async () => {
  const result = await series({});
  expect(result.errors).toBeUndefined();
  const chart = result.data!.orgUnit.series;
  // Twelve moving ranges of 5 and one of 35; 35 is over 3.267 times their mean (95 / 13), so it is screened out.
  const mean = VALUES.reduce((sum, value) => sum + value, 0) / VALUES.length;
  expect(chart.mean).toBeCloseTo(mean, 9);
  expect(chart.upperProcessLimit).toBeCloseTo(mean + 2.66 * 5, 9);
  expect(chart.lowerProcessLimit).toBeCloseTo(mean - 2.66 * 5, 9);
  expect(chart.points.map((point) => point.value)).toEqual(VALUES);
  expect(chart.points.at(-1)).toMatchObject({
    period: '2026-02',
    specialCause: true,
    rules: ['ASTRONOMICAL'],
    pointType: 'SPECIAL_CAUSE_CONCERN',
  });
  expect(chart.points.slice(0, -1).every((point) => point.pointType === 'COMMON_CAUSE')).toBe(true);
  expect(chart).toMatchObject({
    variation: 'SPECIAL_CAUSE_CONCERN',
    assurance: 'INCONSISTENT',
    trialLimits: false,
  });
});

it('fixes the limits on a baseline, and calls limits on fewer than 12 points a trial', async () => {
  const twelve = (await series({ baseline: 12 })).data!.orgUnit.series;
  expect(twelve.mean).toBeCloseTo(90, 9);
  expect(twelve.upperProcessLimit).toBeCloseTo(90 + 2.66 * 5, 9);
  expect(twelve.trialLimits).toBe(false);
  expect((await series({ baseline: 6 })).data!.orgUnit.series.trialLimits).toBe(true);
});

it('charts a service from its summed inputs, and shows months without data as gaps', async () => {
  const result = await test.graphql<{ orgUnit: { series: Series } }>(
    SERIES,
    { code: 'SVC1', from: '2024-12', to: '2026-02' },
    viewer,
  );
  const points = result.data!.orgUnit.series.points;
  expect(points[0]).toMatchObject({ period: '2024-12', value: null, pointType: null });
  // 20 of 30 discharged across both wards, not the mean of 50% and 100%.
  expect(points.at(-1)!.value).toBeCloseTo((100 * 20) / 30, 9);
});

it.each<[string, Record<string, unknown>, string]>([
  ['an unknown KPI', { kpi: 'no-such-kpi' }, 'kpi'],
  ['a month that does not exist', { from: '2025-13' }, 'from'],
  ['a quarter', { to: '2026-Q1' }, 'to'],
  ['an end before the start', { from: '2026-03' }, 'to'],
  ['more than ten years', { from: '2010-01' }, 'from'],
  ['a baseline too short for limits', { baseline: 4 }, 'baseline'],
  ['a rebase outside the range', { rebase: ['2027-01'] }, 'rebase'],
])('refuses %s, naming the field', async (_description, variables, field) => {
  const result = await series(variables);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.message).toContain(field);
});

it('needs VIEWER on the unit', async () => {
  const elsewhere = await test.token(['VIEWER'], ['SVC2']);
  const result = await series({}, elsewhere);
  expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
