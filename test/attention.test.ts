import type { UnitSpec } from './support/build-tree';
import { createUnits } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const ATTENTION = `
  query Attention($code: String!, $period: String!, $first: Int) {
    orgUnit(code: $code) {
      attention(period: $period, first: $first) { reason reasons sentence orgUnit { code } kpi { key } alsoAt { code } value { tier } }
      celebrations(period: $period, first: $first) { reason reasons sentence orgUnit { code } kpi { key } alsoAt { code } }
    }
  }`;

const WARDS = ['STEADY', 'FALLING', 'CALLING', 'SILENT'];
const TREE: UnitSpec[] = [
  { code: 'SYS', level: 'SYSTEM' },
  { code: 'ORG', level: 'ORGANISATION', parentCode: 'SYS' },
  { code: 'DIR', level: 'DIRECTORATE', parentCode: 'ORG' },
  { code: 'SVC', level: 'SERVICE', parentCode: 'DIR' },
  ...WARDS.map((code) => ({ code, level: 'TEAM' as const, parentCode: 'SVC', tags: ['inpatient'] })),
];

/** 2025-01 to 2026-03. */
const MONTHS = Array.from(
  { length: 15 },
  (_, index) => `${2025 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
);
const LAST = MONTHS.at(-1)!;

/** Followed up of 20 discharged, month by month. Every follow-up assessed the person unless said otherwise. */
const HISTORY: Record<string, number[]> = {
  // Eight months at 80–90%, then seven at 95–100%: a sustained improvement, and a first Breakthrough at the end.
  STEADY: [16, 17, 18, 17, 16, 17, 18, 17, 19, 19, 19, 19, 19, 19, 20],
  // Around 95% for fourteen months, then 55%: far outside its limits.
  FALLING: [19, 19, 18, 19, 19, 18, 19, 19, 18, 19, 19, 18, 19, 19, 11],
  // Every discharge followed up this month, but only two follow-ups assessed anyone.
  CALLING: [20],
  // Submitted until the last month, then nothing.
  SILENT: [18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18],
};

let test: TestServer;
let viewer: string;

interface Item {
  reason: string;
  reasons: string[];
  sentence: string;
  orgUnit: { code: string };
  kpi: { key: string };
  alsoAt: { code: string }[];
}

async function lists(code: string, period = LAST, first = 50, token = viewer) {
  const result = await test.graphql<{ orgUnit: { attention: Item[]; celebrations: Item[] } }>(
    ATTENTION,
    { code, period, first },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit;
}

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, TREE);
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  for (const [ward, counts] of Object.entries(HISTORY)) {
    const months = ward === 'CALLING' ? [LAST] : MONTHS.slice(0, counts.length);
    for (const [index, month] of months.entries()) {
      const count = counts[index]!;
      const assessed = ward === 'CALLING' ? 2 : count;
      const result = await test.graphql(
        SUBMIT,
        { input: followUp(ward, month, count, 20, assessed) },
        contributor,
      );
      expect(result.errors).toBeUndefined();
    }
  }
});
afterAll(() => test.stop());

it('names what needs attention at each ward, with a reason and one plain sentence', async () => {
  const attention = Object.fromEntries(
    await Promise.all(WARDS.map(async (ward) => [ward, (await lists(ward)).attention] as const)),
  );
  expect(attention.STEADY).toEqual([]);
  expect(attention.FALLING).toEqual([
    expect.objectContaining({
      reason: 'SPECIAL_CAUSE_CONCERN',
      reasons: ['SPECIAL_CAUSE_CONCERN', 'FELL_IN_TIER', 'BELOW_ESSENTIAL'],
      sentence:
        'Seven-day follow-up after discharge at Unit FALLING is 55% in 2026-03: beyond its process limits, a signal of change for the worse rather than noise.',
    }),
  ]);
  expect(attention.CALLING).toEqual([
    expect.objectContaining({
      reason: 'TARGET_HIT_POINT_MISSED',
      sentence:
        'Seven-day follow-up after discharge at Unit CALLING meets Breakthrough at 100%, but "Follow-ups that included a clinical assessment" reads 10%, under its floor of 80%: the target is hit and the point missed.',
    }),
  ]);
  expect(attention.SILENT).toEqual([
    expect.objectContaining({
      reason: 'MISSING_DATA',
      sentence: 'Unit SILENT has not submitted Seven-day follow-up after discharge for 2026-03.',
    }),
  ]);
});

it('ranks a subtree by reason and says a signal once, at the highest unit that shows it', async () => {
  const { attention } = await lists('SYS');
  expect(
    attention.map((item) => [item.reason, item.orgUnit.code, item.alsoAt.map((unit) => unit.code)]),
  ).toEqual([
    ['SPECIAL_CAUSE_CONCERN', 'SYS', ['ORG', 'DIR', 'SVC', 'FALLING']],
    ['TARGET_HIT_POINT_MISSED', 'CALLING', []],
    ['MISSING_DATA', 'SILENT', []],
  ]);
  expect((await lists('SYS', LAST, 1)).attention).toHaveLength(1);
});

it('celebrates a sustained improvement and a tier reached for the first time, not ordinary months', async () => {
  const { celebrations } = await lists('STEADY');
  expect(celebrations).toEqual([
    expect.objectContaining({
      reason: 'SPECIAL_CAUSE_IMPROVEMENT',
      reasons: expect.arrayContaining(['SPECIAL_CAUSE_IMPROVEMENT', 'FIRST_TIME_TIER']),
    }),
  ]);
  expect(celebrations[0]!.sentence).toMatch(
    /^Seven-day follow-up after discharge at Unit STEADY is 100% in 2026-03: .*a real improvement rather than luck\.$/,
  );
  expect((await lists('FALLING')).celebrations).toEqual([]);
});

it.each<[string, Record<string, unknown>, string]>([
  ['a quarter', { period: '2026-Q1' }, 'period'],
  ['no items', { first: 0 }, 'first'],
  ['too many items', { first: 101 }, 'first'],
])('refuses %s, naming the field', async (_description, variables, field) => {
  const result = await test.graphql(ATTENTION, { code: 'SVC', period: LAST, ...variables }, viewer);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.message).toContain(field);
});

it('needs VIEWER on the unit', async () => {
  const wardOnly = await test.token(['VIEWER'], ['STEADY']);
  const result = await test.graphql(ATTENTION, { code: 'SVC', period: LAST }, wardOnly);
  expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
