import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

/** Thirty scorecards of every KPI: far more values than are worked out between two turns of the event loop. */
const MANY_SCORECARDS = `{ ${Array.from(
  { length: 30 },
  (_, index) =>
    `s${index}: orgUnit(code: "SYS") { scorecard(period: "2026-01") { value reporting expected } }`,
).join(' ')} }`;

type Scorecards = Record<string, { scorecard: { value: number | null }[] }>;

/** A server with this time budget for each request, holding one submission. */
function serverWith(requestTimeoutMs: number): () => TestServer {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ requestTimeoutMs });
    await createUnits(test, treeOf(1, 2));
    const contributor = await test.token(['CONTRIBUTOR']);
    const submitted = await test.graphql(
      SUBMIT,
      { input: followUp('SVC1-T1', '2026-01', 8, 10, 5) },
      contributor,
    );
    expect(submitted.errors).toBeUndefined();
  });
  afterAll(() => test.stop());
  return () => test;
}

describe('a request that runs past its time budget', () => {
  const test = serverWith(1);

  it('is answered HTTP 503 with one REQUEST_TIMEOUT error that says so, and no partial data', async () => {
    const answer = await test().graphql<Scorecards>(MANY_SCORECARDS, {}, await test().token(['VIEWER']));
    expect(answer.status).toBe(503);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      { message: expect.stringMatching(/time budget of 1 ms/), extensions: { code: 'REQUEST_TIMEOUT' } },
    ]);
  });
});

describe('the same request within its time budget', () => {
  const test = serverWith(30_000);

  it('is answered in full', async () => {
    const answer = await test().graphql<Scorecards>(MANY_SCORECARDS, {}, await test().token(['VIEWER']));
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data!)).toHaveLength(30);
    expect(answer.data!.s29!.scorecard.map((value) => value.value)).toContain(80);
  });
});
