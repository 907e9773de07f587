import { rebuildRollups } from '../server/storage/kpi/rollups';
import { createUnits, treeOf } from './support/build-tree';
import { KPI_VALUE, SUBMIT, followUp } from './support/operations';
import { byKey, recomputeRollups, storedRollups } from './support/recompute-rollups';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

let test: TestServer;
let contributor: string;

beforeAll(async () => {
  test = await startTestServer({}, { now: () => new Date('2026-12-15T12:00:00Z') });
  await createUnits(test, treeOf(2, 3));
  contributor = await test.token(['CONTRIBUTOR']);
});
afterAll(() => test.stop());

async function submit(team: string, month: string, followedUp: number) {
  const result = await test.graphql(
    SUBMIT,
    { input: followUp(team, month, followedUp, 20, followedUp) },
    contributor,
  );
  expect(result.errors).toBeUndefined();
}

it('keeps every roll-up, counts to date included, as the observations define it, and a rebuild agrees', async () => {
  // Months out of order, a gap filled late, corrections, and a month of the next financial year.
  const plan: [string, string, number][] = [
    ['SVC1-T1', '2026-02', 10],
    ['SVC1-T1', '2026-01', 11],
    ['SVC1-T1', '2026-04', 12],
    ['SVC1-T1', '2026-03', 13],
    ['SVC1-T2', '2026-01', 9],
    ['SVC1-T2', '2026-03', 9],
    ['SVC1-T2', '2026-03', 8],
    ['SVC2-T1', '2025-12', 15],
    ['SVC2-T1', '2026-01', 15],
    ['SVC2-T1', '2026-02', 16],
    ['SVC2-T3', '2026-02', 5],
    ['SVC2-T3', '2026-01', 6],
    ['SVC2-T3', '2026-03', 7],
    ['SVC2-T3', '2026-01', 7],
  ];
  for (const [team, month, followedUp] of plan) await submit(team, month, followedUp);

  const em = test.server.database.orm.em.fork();
  const kept = byKey(await storedRollups(em));
  expect(kept).toEqual(byKey(await recomputeRollups(em)));
  await em.transactional((tx) => rebuildRollups(tx));
  expect(byKey(await storedRollups(em))).toEqual(kept);
});

it('counts for a quarter the teams that submitted for every one of its months', async () => {
  const read = async (code: string, period: string) => {
    const result = await test.graphql<{ orgUnit: { kpiValue: { reporting: number; expected: number } } }>(
      KPI_VALUE,
      { code, kpi: 'seven-day-follow-up', period },
      contributor,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit.kpiValue;
  };
  // SVC1-T1 and SVC2-T3 submitted January to March; SVC1-T2 missed February; SVC2-T1 missed March.
  expect(await read('SYS', '2026-Q1')).toMatchObject({ reporting: 2, expected: 6 });
  expect(await read('SVC1', '2026-Q1')).toMatchObject({ reporting: 1, expected: 3 });
  // 2026 so far needs every month to December: nobody.
  expect(await read('SYS', '2026')).toMatchObject({ reporting: 0, expected: 6 });
  // FY2025 runs from April 2025: nobody submitted its first months.
  expect(await read('SYS', 'FY2025')).toMatchObject({ reporting: 0, expected: 6 });
});
