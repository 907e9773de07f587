import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { tableCounts } from './support/table-counts';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

/** Each mutation's input type, and a field every one of its answers has. */
const MUTATIONS: Record<string, [input: string, selection: string]> = {
  submitObservation: ['SubmitObservationInput', 'id'],
  createOrgUnit: ['CreateOrgUnitInput', 'id'],
  addStory: ['AddStoryInput', 'id'],
  editStory: ['EditStoryInput', 'id'],
  setTierThresholds: ['SetTierThresholdsInput', 'id'],
  resetTierThresholds: ['ResetTierThresholdsInput', 'id'],
  addReviewAction: ['AddReviewActionInput', 'id'],
  updateReviewAction: ['UpdateReviewActionInput', 'id'],
  signOffReview: ['SignOffReviewInput', 'step'],
  refreshReview: ['RefreshReviewInput', 'step'],
  importObservations: ['ImportObservationsInput', 'rows'],
};

/** The mutation taking its whole input as one variable. */
function mutation(name: string): string {
  const [input, selection] = MUTATIONS[name]!;
  return `mutation Bad($input: ${input}!) { ${name}(input: $input) { ${selection} } }`;
}

const NHS_NUMBER = '943 476 5919';
const TOO_LONG = 'x'.repeat(4_001);

const submission = followUp('SVC1-T1', '2026-01', 8, 10, 5);
const unit = { code: 'SVC1-T9', name: 'Ward nine', level: 'TEAM', parentCode: 'SVC1', tags: ['inpatient'] };
const story = {
  orgUnit: 'SVC1-T1',
  period: '2026-01',
  kind: 'ACTION',
  text: 'Calls now follow every discharge.',
};
const thresholds = {
  kpi: 'seven-day-follow-up',
  orgUnit: 'SVC1',
  essential: 80,
  desirable: 85,
  aspirational: 90,
  breakthrough: 95,
  reason: 'Local ambition agreed by the service board.',
};
const action = {
  orgUnit: 'SVC1',
  period: '2026-01',
  text: 'Audit the call log.',
  owner: 'Ward manager',
  duePeriod: '2026-03',
};
const importRow = (row: Record<string, unknown>) => ({
  rows: [
    { kpi: 'seven-day-follow-up', orgUnit: 'SVC1-T2', period: '2026-01', values: submission.values, ...row },
  ],
});

type Case = [
  description: string,
  mutation: keyof typeof MUTATIONS,
  input: Record<string, unknown>,
  field: string,
];

/** One bad value for each argument of each mutation, and the field the refusal must name. */
const CASES: Case[] = [
  ['an unknown KPI', 'submitObservation', { ...submission, kpi: 'no-such-kpi' }, 'kpi'],
  ['an unknown unit', 'submitObservation', { ...submission, orgUnit: 'NOPE' }, 'orgUnit'],
  ['a month 13', 'submitObservation', { ...submission, period: '2026-13' }, 'period'],
  ['a month in year 9999', 'submitObservation', { ...submission, period: '9999-12' }, 'period'],
  ['a quarter', 'submitObservation', { ...submission, period: '2026-Q1' }, 'period'],
  [
    'no values, so the first input missing',
    'submitObservation',
    { ...submission, values: [] },
    'values.followedUp',
  ],
  [
    'a negative count',
    'submitObservation',
    {
      ...submission,
      values: submission.values.map((value) =>
        value.name === 'discharged' ? { ...value, value: -1 } : value,
      ),
    },
    'values.discharged',
  ],
  [
    'an NHS number as idempotency key',
    'submitObservation',
    { ...submission, idempotencyKey: NHS_NUMBER },
    'idempotencyKey',
  ],
  ['an empty code', 'createOrgUnit', { ...unit, code: '' }, 'code'],
  ['an NHS number as code', 'createOrgUnit', { ...unit, code: '9434765919' }, 'code'],
  ['an NHS number in the name', 'createOrgUnit', { ...unit, name: `Bed of ${NHS_NUMBER}` }, 'name'],
  ['an unknown parent', 'createOrgUnit', { ...unit, parentCode: 'NOPE' }, 'parentCode'],
  ['a level above its parent', 'createOrgUnit', { ...unit, level: 'DIRECTORATE' }, 'parentCode'],
  ['21 tags', 'createOrgUnit', { ...unit, tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }, 'tags'],
  ['a tag of 65 characters', 'createOrgUnit', { ...unit, tags: ['t'.repeat(65)] }, 'tags'],
  ['an unknown unit', 'addStory', { ...story, orgUnit: 'NOPE' }, 'orgUnit'],
  ['a month in year 0000', 'addStory', { ...story, period: '0000-01' }, 'period'],
  ['an unknown KPI', 'addStory', { ...story, kpi: 'no-such-kpi' }, 'kpi'],
  ['empty text', 'addStory', { ...story, text: '  ' }, 'text'],
  ['text over 4,000 characters', 'addStory', { ...story, text: TOO_LONG }, 'text'],
  ['an NHS number in the text', 'addStory', { ...story, text: `Seen: ${NHS_NUMBER}` }, 'text'],
  ['an unknown story', 'editStory', { id: '999999', text: 'Changed.' }, 'id'],
  ['an unknown KPI', 'setTierThresholds', { ...thresholds, kpi: 'no-such-kpi' }, 'kpi'],
  ['an unknown unit', 'setTierThresholds', { ...thresholds, orgUnit: 'NOPE' }, 'orgUnit'],
  ['thresholds out of order', 'setTierThresholds', { ...thresholds, desirable: 70 }, 'desirable'],
  ['a bad first month', 'setTierThresholds', { ...thresholds, fromPeriod: '2026-00' }, 'fromPeriod'],
  ['an NHS number as reason', 'setTierThresholds', { ...thresholds, reason: NHS_NUMBER }, 'reason'],
  ['an unknown unit', 'resetTierThresholds', { kpi: 'seven-day-follow-up', orgUnit: 'NOPE' }, 'orgUnit'],
  ['an unknown unit', 'addReviewAction', { ...action, orgUnit: 'NOPE' }, 'orgUnit'],
  ['a quarter', 'addReviewAction', { ...action, period: '2026-Q1' }, 'period'],
  ['an NHS number in the text', 'addReviewAction', { ...action, text: NHS_NUMBER }, 'text'],
  ['an empty owner', 'addReviewAction', { ...action, owner: '' }, 'owner'],
  ['a due month before the review', 'addReviewAction', { ...action, duePeriod: '2025-12' }, 'duePeriod'],
  ['an unknown action', 'updateReviewAction', { id: '999999', status: 'DONE' }, 'id'],
  ['an unknown unit', 'signOffReview', { orgUnit: 'NOPE', period: '2026-01', comment: 'Seen.' }, 'orgUnit'],
  [
    'an NHS number in the note',
    'refreshReview',
    { orgUnit: 'SVC1', period: '2026-01', note: NHS_NUMBER },
    'note',
  ],
  [
    'an unknown focus KPI',
    'refreshReview',
    { orgUnit: 'SVC1', period: '2026-01', note: 'Next quarter.', focusKpis: ['no-such-kpi'] },
    'focusKpis',
  ],
  [
    '5,001 rows',
    'importObservations',
    { rows: Array.from({ length: 5_001 }, () => importRow({}).rows[0]) },
    'rows',
  ],
];

let test: TestServer;
let admin: string;

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 2));
  admin = await test.token(['ADMIN']);
  const submitted = await test.graphql(SUBMIT, { input: submission }, admin);
  expect(submitted.errors).toBeUndefined();
});
afterAll(() => test.stop());

it.each(CASES)(
  '%s given to %s is BAD_USER_INPUT on its field, and writes nothing',
  async (_bad, name, input, field) => {
    const before = await tableCounts(test.server);
    const answer = await test.graphql(mutation(name), { input }, admin);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await tableCounts(test.server)).toEqual(before);
  },
);

it('reports a bad row of an import on its line and field, as the analyst reads it, and writes nothing', async () => {
  const before = await tableCounts(test.server);
  const answer = await test.graphql<{
    importObservations: { committed: boolean; problems: { line: number; field: string; code: string }[] };
  }>(
    'mutation Bad($input: ImportObservationsInput!) { importObservations(input: $input) { committed problems { line field code } } }',
    { input: { rows: [importRow({}).rows[0], importRow({ kpi: 'no-such-kpi' }).rows[0]] } },
    admin,
  );
  expect(answer.data!.importObservations).toEqual({
    committed: false,
    problems: [{ line: 2, field: 'kpi', code: 'BAD_USER_INPUT' }],
  });
  expect(await tableCounts(test.server)).toEqual(before);
});
