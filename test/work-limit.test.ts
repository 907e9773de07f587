import { createUnits, treeOf } from './support/build-tree';
import { connectLive } from './support/live-client';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

let test: TestServer;
let viewer: string;

// Six units and the fourteen built-in KPIs, with a limit small enough for them to reach.
beforeAll(async () => {
  test = await startTestServer({}, { maxWork: 50 });
  await createUnits(test, treeOf(1, 2));
  viewer = await test.token(['VIEWER']);
});
afterAll(() => test.stop());

const EVERY_SCORECARD = '{ orgUnits { code scorecard(period: "2026-01") { value } } }';

it('answers a query within the limit', async () => {
  const answer = await test.graphql<{ orgUnit: { scorecard: unknown[] } }>(
    '{ orgUnit(code: "SVC1-T1") { scorecard(period: "2026-01") { value } } }',
    {},
    viewer,
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.orgUnit.scorecard).toHaveLength(14);
});

it('refuses, before it runs, a query whose work over the whole tree is over the limit, saying how much it asked for', async () => {
  const answer = await test.graphql(EVERY_SCORECARD, {}, viewer);
  expect(answer.status).toBe(400);
  expect(answer.data).toBeUndefined();
  expect(answer.errors).toEqual([
    {
      message: expect.stringMatching(/would read about 90 values, units and findings; the limit is 50/),
      extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
    },
  ]);
});

it('counts the subtree of the unit a query names: the same shape at a team is within the limit', async () => {
  const atTeam = await test.graphql(
    'query($code: String!) { orgUnit(code: $code) { descendants { scorecard(period: "2026-01") { value } } } }',
    { code: 'SVC1-T1' },
    viewer,
  );
  expect(atTeam.errors).toBeUndefined();
  const atSystem = await test.graphql(
    'query($code: String!) { orgUnit(code: $code) { descendants { scorecard(period: "2026-01") { value } } } }',
    { code: 'SYS' },
    viewer,
  );
  expect(atSystem.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('refuses a subscription over the limit the same way', async () => {
  const live = connectLive(test.server.url, viewer);
  try {
    const [refused] = await live
      .subscribe(
        'subscription { kpiValueChanged(orgUnit: "SYS") { orgUnit { descendants { scorecard(period: "2026-01") { value } } } } }',
      )
      .received(1);
    expect(JSON.stringify(refused)).toMatch(/the limit is 50/);
  } finally {
    await live.dispose();
  }
});
