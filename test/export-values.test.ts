import { parse } from 'csv-parse/sync';
import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

/** 3 + 3 services + 24 teams: more units than one page of the export, so it reads several. */
const UNITS = treeOf(3, 8);
const KPI = 'seven-day-follow-up';
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

type Row = Record<string, string>;

let test: TestServer;
let viewer: string;

async function exportCsv(query: string, token: string | null = viewer): Promise<Response> {
  return fetch(`http://127.0.0.1:${test.server.port}/export/values.csv?${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

async function rows(query: string): Promise<Row[]> {
  const response = await exportCsv(query);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return parse(await response.text(), { columns: true }) as Row[];
}

beforeAll(async () => {
  test = await startTestServer({}, { now: () => new Date('2026-04-15T12:00:00Z') });
  await createUnits(test, UNITS);
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  // Every team but SVC1-T1 steady at 18 of 20; SVC1-T1 falls to 5 of 20 in March.
  for (const team of UNITS.filter((unit) => unit.level === 'TEAM')) {
    for (const month of MONTHS) {
      const followed = team.code === 'SVC1-T1' && month === '2026-03' ? 5 : 18 - (MONTHS.indexOf(month) % 2);
      const submitted = await test.graphql(
        SUBMIT,
        { input: followUp(team.code, month, followed, 20, followed) },
        contributor,
      );
      expect(submitted.errors).toBeUndefined();
    }
  }
});
afterAll(() => test.stop());

it("writes the unit's row for each KPI, with the values, inputs and signal the API gives", async () => {
  const exported = await rows(`unit=SVC1-T1&period=2026-03`);
  const read = await test.graphql<{
    orgUnit: {
      scorecard: {
        kpi: { key: string };
        value: number | null;
        tier: string | null;
        reporting: number;
        expected: number;
      }[];
      series: { variation: string | null; assurance: string | null };
    };
  }>(
    `{ orgUnit(code: "SVC1-T1") {
         scorecard(period: "2026-03") { kpi { key } value tier reporting expected }
         series(kpi: "${KPI}", from: "2024-04", to: "2026-03") { variation assurance } } }`,
    {},
    viewer,
  );
  const { scorecard, series } = read.data!.orgUnit;
  expect(exported.map((row) => row.kpi)).toEqual(scorecard.map((value) => value.kpi.key));
  const followUpRow = exported.find((row) => row.kpi === KPI)!;
  const followUpValue = scorecard.find((value) => value.kpi.key === KPI)!;
  expect(followUpRow).toMatchObject({
    orgUnit: 'SVC1-T1',
    orgUnitName: expect.any(String),
    level: 'TEAM',
    period: '2026-03',
    value: String(followUpValue.value),
    tier: followUpValue.tier,
    variation: series.variation,
    assurance: series.assurance,
    reporting: '1',
    expected: '1',
    followedUp: '5',
    discharged: '20',
  });
  expect(followUpValue.value).toBe(25);
  expect(series.variation).toBe('SPECIAL_CAUSE_CONCERN');
  // A KPI with no value that month still has its row, empty where there is nothing to say.
  const other = exported.find((row) => row.kpi !== KPI)!;
  expect(other.value).toBe('');
});

it('with descendants, writes every unit below the unit too, top-down, across pages', async () => {
  const exported = await rows(`unit=SYS&period=2026-03&descendants=true`);
  const units = [...new Set(exported.map((row) => row.orgUnit))];
  expect([...units].sort()).toEqual(UNITS.map((unit) => unit.code).sort());
  // Top-down: a unit comes after the unit above it.
  for (const unit of UNITS.filter((spec) => spec.parentCode)) {
    expect(units.indexOf(unit.parentCode!)).toBeLessThan(units.indexOf(unit.code));
  }
  const system = exported.find((row) => row.orgUnit === 'SYS' && row.kpi === KPI)!;
  // The roll-up: in March 23 teams at 17 and one at 5, of 20 each.
  expect(system).toMatchObject({
    followedUp: String(23 * 17 + 5),
    discharged: String(24 * 20),
    reporting: '24',
  });
});

it('reads a longer period from its summed months, with the signal of the series ending in its last month', async () => {
  const [quarter] = (await rows(`unit=SVC2-T1&period=2026-Q1`)).filter((row) => row.kpi === KPI);
  expect(quarter).toMatchObject({ period: '2026-Q1', followedUp: String(17 + 18 + 17), discharged: '60' });
});

it('refuses, before writing anything, with the coded error naming what is wrong', async () => {
  const cases: [string, string | null, number, string, string][] = [
    ['period=2026-03', viewer, 400, 'BAD_USER_INPUT', 'unit'],
    ['unit=SYS', viewer, 400, 'BAD_USER_INPUT', 'period'],
    ['unit=SYS&period=2026-3', viewer, 400, 'BAD_USER_INPUT', 'period'],
    ['unit=SYS&period=2026-03&descendants=yes', viewer, 400, 'BAD_USER_INPUT', 'descendants'],
    ['unit=NOWHERE&period=2026-03', viewer, 404, 'NOT_FOUND', 'NOWHERE'],
    ['unit=SYS&period=2026-03', null, 401, 'UNAUTHENTICATED', ''],
  ];
  for (const [query, token, status, code, named] of cases) {
    const response = await exportCsv(query, token);
    expect([query, response.status]).toEqual([query, status]);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe(code);
    expect(body.errors[0]!.message).toContain(named);
  }
  const elsewhere = await exportCsv('unit=SVC1&period=2026-03', await test.token(['VIEWER'], ['SVC2']));
  expect(elsewhere.status).toBe(403);
});
