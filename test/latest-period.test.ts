import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

const LATEST = `
  query Latest {
    orgUnits { code latestPeriod }
  }`;

let test: TestServer;
let counting = false;
let rollupStatements = 0;

beforeAll(async () => {
  test = await startTestServer(
    {},
    { onQuery: (sql) => void (counting && /\bfrom\s+"?rollup"?/i.test(sql) && rollupStatements++) },
  );
  await createUnits(test, treeOf(2, 2));
  const contributor = await test.token(['CONTRIBUTOR']);
  for (const input of [
    followUp('SVC1-T1', '2025-11', 9, 10, 9),
    followUp('SVC1-T1', '2026-01', 9, 10, 9),
    followUp('SVC1-T2', '2025-12', 9, 10, 9),
  ]) {
    const result = await test.graphql(SUBMIT, { input }, contributor);
    expect(result.errors).toBeUndefined();
  }
  // The attention facts are worked out from the roll-ups in the background: only the query's reads count.
  await factsWorkedOut(test.server);
});
afterAll(() => test.stop());

describe('OrgUnit.latestPeriod', () => {
  it('is the latest month with data at the unit or below it, null without any, read in one statement', async () => {
    counting = true;
    const result = await test.graphql<{ orgUnits: { code: string; latestPeriod: string | null }[] }>(
      LATEST,
      {},
      await test.token(['VIEWER']),
    );
    counting = false;
    expect(result.errors).toBeUndefined();
    expect(Object.fromEntries(result.data!.orgUnits.map((unit) => [unit.code, unit.latestPeriod]))).toEqual({
      SYS: '2026-01',
      ORG: '2026-01',
      DIR: '2026-01',
      SVC1: '2026-01',
      'SVC1-T1': '2026-01',
      'SVC1-T2': '2025-12',
      SVC2: null,
      'SVC2-T1': null,
      'SVC2-T2': null,
    });
    expect(rollupStatements).toBe(1);
  });

  it('needs the VIEWER role on the unit, like its values', async () => {
    const result = await test.graphql<{ orgUnit: { latestPeriod: string | null } }>(
      `{ orgUnit(code: "SVC2") { code latestPeriod } }`,
      {},
      await test.token(['VIEWER'], ['SVC1']),
    );
    expect(result.data!.orgUnit).toEqual({ code: 'SVC2', latestPeriod: null });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
