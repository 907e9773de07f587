import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const TEAMS = 10;
const MONTHS = ['2026-01', '2026-02'];
const SUBMISSIONS_PER_SLOT = 3;

let test: TestServer;

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, TEAMS));
});
afterAll(() => test.stop());

interface StoredObservation {
  kpi_key: string;
  org_unit_id: number;
  period: string;
  version: number;
  values: Record<string, number>;
}

it(`keeps every ancestor's roll-up exact under ${TEAMS * MONTHS.length * SUBMISSIONS_PER_SLOT} concurrent submissions and corrections`, async () => {
  const contributor = await test.token(['CONTRIBUTOR']);
  const inputs = Array.from({ length: TEAMS }, (_, team) =>
    MONTHS.flatMap((month) =>
      Array.from({ length: SUBMISSIONS_PER_SLOT }, (_, attempt) =>
        followUp(`SVC1-T${team + 1}`, month, 5 + team + attempt, 20 + team, 2 + attempt),
      ),
    ),
  ).flat();

  const results = await Promise.all(inputs.map((input) => test.graphql(SUBMIT, { input }, contributor)));
  expect(results.filter((result) => result.errors)).toEqual([]);

  const em = test.server.database.orm.em.fork();
  const observations = await em.execute<StoredObservation[]>(
    'select kpi_key, org_unit_id, period, version, "values" from observation',
  );
  // Racing corrections to one unit and month queue up: versions 1, 2, 3, none lost or repeated.
  const versionsBySlot = new Map<string, number[]>();
  for (const row of observations) {
    const slot = `${row.org_unit_id}|${row.period}`;
    versionsBySlot.set(slot, [...(versionsBySlot.get(slot) ?? []), row.version].sort());
  }
  expect(versionsBySlot.size).toBe(TEAMS * MONTHS.length);
  for (const versions of versionsBySlot.values()) expect(versions).toEqual([1, 2, 3]);

  // Recompute every roll-up from the latest versions and each unit's path, independently of the server.
  const units = await em.execute<{ id: number; path: string }[]>('select id, path from org_unit');
  const latest = observations.filter((row) => row.version === SUBMISSIONS_PER_SLOT);
  const expected = new Map<string, { sums: Record<string, number>; reporting: number }>();
  for (const row of latest) {
    const path = units.find((unit) => unit.id === row.org_unit_id)!.path;
    for (const ancestor of units.filter((unit) => path.startsWith(unit.path))) {
      const key = `${ancestor.id}|${row.period}`;
      const rollup = expected.get(key) ?? { sums: {}, reporting: 0 };
      for (const [name, value] of Object.entries(row.values))
        rollup.sums[name] = (rollup.sums[name] ?? 0) + value;
      rollup.reporting += 1;
      expected.set(key, rollup);
    }
  }
  const stored = await em.execute<
    { org_unit_id: number; period: string; sums: Record<string, number>; reporting: number }[]
  >(`select org_unit_id, period, sums, reporting from rollup where kpi_key = 'seven-day-follow-up'`);
  expect(stored).toHaveLength(expected.size);
  for (const row of stored) {
    expect({ sums: row.sums, reporting: row.reporting }).toEqual(
      expected.get(`${row.org_unit_id}|${row.period}`),
    );
  }
});
