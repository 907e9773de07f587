import { createUnits, treeOf } from './support/build-tree';
import { connectLive } from './support/live-client';
import { tableCounts } from './support/table-counts';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const ADD_STORY = `mutation Add($input: AddStoryInput!) { addStory(input: $input) { text } }`;
const CREATE_UNIT = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;
const LONE_HIGH_SURROGATE = '\ud800';
const LONE_LOW_SURROGATE = '\udc00';

let test: TestServer;
let admin: string;
beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 1));
  admin = await test.token(['ADMIN']);
});
afterAll(() => test.stop());

const story = (text: string) => ({ orgUnit: 'SVC1-T1', period: '2026-01', kind: 'ACTION', text });
const unit = (name: string) => ({ code: 'SVC1-T9', name, level: 'TEAM', parentCode: 'SVC1' });

describe('a string that could not be stored as sent', () => {
  it.each([
    ['a NUL in a variable', ADD_STORY, { input: story('Rota\u0000 changed.') }, 'text', /NUL/],
    [
      'a lone high surrogate in a variable',
      CREATE_UNIT,
      { input: unit(`Ward ${LONE_HIGH_SURROGATE}`) },
      'name',
      /lone surrogate/,
    ],
    [
      'a lone low surrogate in a variable',
      CREATE_UNIT,
      { input: unit(`${LONE_LOW_SURROGATE} Ward`) },
      'name',
      /lone surrogate/,
    ],
    [
      'a NUL in a literal',
      'mutation { addStory(input: { orgUnit: "SVC1-T1", period: "2026-01", kind: ACTION, text: "Rota\\u0000 changed." }) { text } }',
      {},
      'text',
      /NUL/,
    ],
    ['a NUL in a read', '{ orgUnit(code: "SVC1\\u0000") { name } }', {}, 'code', /NUL/],
    [
      "a NUL in a variable's default value",
      'query($unit: String = "SVC1\\u0000") { orgUnit(code: $unit) { name } }',
      {},
      'code',
      /NUL/,
    ],
    [
      'a lone surrogate in a variable given to an argument',
      'query($unit: String!) { orgUnit(code: $unit) { name } }',
      { unit: `SVC1${LONE_HIGH_SURROGATE}` },
      'code',
      /lone surrogate/,
    ],
  ])(
    'is refused, with %s, as BAD_USER_INPUT (HTTP 400) naming the field, writing nothing',
    async (_case, query, variables, field, reason) => {
      const before = await tableCounts(test.server);
      const result = await test.graphql(query, variables, admin);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringMatching(reason),
        extensions: { code: 'BAD_USER_INPUT', field },
      });
      expect(await tableCounts(test.server)).toEqual(before);
    },
  );

  it('takes a surrogate pair, which is a character beyond the first plane, as it is', async () => {
    const result = await test.graphql<{ createOrgUnit: { code: string } }>(
      CREATE_UNIT,
      { input: { ...unit('Ward \ud83c\udf3b'), code: 'SVC1-T8' } },
      admin,
    );
    expect(result.errors).toBeUndefined();
    const read = await test.graphql<{ orgUnit: { name: string } }>(
      '{ orgUnit(code: "SVC1-T8") { name } }',
      {},
      admin,
    );
    expect(read.data!.orgUnit.name).toBe('Ward 🌻');
  });

  it('counts a name in characters as a reader does: 200 emoji are a name of 200 characters', async () => {
    const result = await test.graphql<{ createOrgUnit: { code: string } }>(
      CREATE_UNIT,
      { input: { ...unit('🌻'.repeat(200)), code: 'SVC1-T7' } },
      admin,
    );
    expect(result.errors).toBeUndefined();
    const read = await test.graphql<{ orgUnit: { name: string } }>(
      '{ orgUnit(code: "SVC1-T7") { name } }',
      {},
      admin,
    );
    expect([...read.data!.orgUnit.name]).toHaveLength(200);
  });

  it('is refused over WebSocket too, with its code and the argument its variable was given to', async () => {
    const live = connectLive(test.server.url, admin);
    try {
      const subscription = live.subscribe(
        'subscription($unit: String!) { kpiValueChanged(orgUnit: $unit) { value } }',
        { unit: 'SVC1\u0000' },
      );
      const [result] = await subscription.received(1);
      expect(result!.errors!.flat()[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'orgUnit' },
      });
    } finally {
      await live.dispose();
    }
  });
});
