import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { tableCounts } from './support/table-counts';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

/** One valid NHS number (9434765919), written as people and pastes write it. */
const FORMS = [
  ['with dots', '943.476.5919'],
  ['with en dashes', '943–476–5919'],
  ['across a line break', '943\n476 5919'],
  ['with no-break spaces', '943\u00a0476\u00a05919'],
  ['in full-width digits', '９４３４７６５９１９'],
];

const CREATE_UNIT = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;
const SET_THRESHOLDS = `mutation Set($input: SetTierThresholdsInput!) { setTierThresholds(input: $input) { reason } }`;
const ADD_STORY = `mutation Add($input: AddStoryInput!) { addStory(input: $input) { text } }`;

let test: TestServer;
let admin: string;
beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 1));
  admin = await test.token(['ADMIN']);
});
afterAll(() => test.stop());

const WRITES: [string, (number: string) => [string, Record<string, unknown>], string][] = [
  [
    'a unit name',
    (n) => [CREATE_UNIT, { code: 'SVC1-T9', name: `Ward ${n}`, level: 'TEAM', parentCode: 'SVC1' }],
    'name',
  ],
  [
    'a threshold reason',
    (n) => [
      SET_THRESHOLDS,
      {
        kpi: 'seven-day-follow-up',
        orgUnit: 'SVC1',
        essential: 60,
        desirable: 65,
        aspirational: 70,
        breakthrough: 75,
        reason: `Agreed for ${n}`,
      },
    ],
    'reason',
  ],
  [
    'an idempotency key',
    (n) => [SUBMIT, { ...followUp('SVC1-T1', '2026-01', 9, 10, 4), idempotencyKey: `form ${n}` }],
    'idempotencyKey',
  ],
  [
    'a story',
    (n) => [ADD_STORY, { orgUnit: 'SVC1-T1', period: '2026-01', kind: 'ACTION', text: `Called ${n} back.` }],
    'text',
  ],
];

describe.each(FORMS)('an NHS number written %s', (_form, number) => {
  it.each(WRITES)(
    'in %s is refused on its field, not repeated, and writes nothing',
    async (_write, build, field) => {
      const [mutation, input] = build(number);
      const before = await tableCounts(test.server);
      const result = await test.graphql(mutation, { input }, admin);
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringContaining('NHS number'),
        extensions: { code: 'BAD_USER_INPUT', field },
      });
      expect(JSON.stringify(result.errors)).not.toContain('5919');
      expect(await tableCounts(test.server)).toEqual(before);
    },
  );
});

it.each([
  ['a unit code', { code: 'W-943-476-5919', name: 'Ward nine', level: 'TEAM', parentCode: 'SVC1' }, 'code'],
  [
    'a unit tag',
    { code: 'SVC1-T9', name: 'Ward nine', level: 'TEAM', parentCode: 'SVC1', tags: ['bed-9434765919'] },
    'tags',
  ],
])(
  'an NHS number as %s, which codes and tags can spell, is refused on its field',
  async (_write, input, field) => {
    const before = await tableCounts(test.server);
    const result = await test.graphql(CREATE_UNIT, { input }, admin);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('NHS number'),
      extensions: { code: 'BAD_USER_INPUT', field },
    });
    expect(await tableCounts(test.server)).toEqual(before);
  },
);

it('takes the same writes with a number that fails the check', async () => {
  for (const [, build] of WRITES) {
    const [mutation, input] = build('943.476.5918');
    const result = await test.graphql(mutation, { input }, admin);
    expect(result.errors).toBeUndefined();
  }
});
