import { createUnits, treeOf } from './support/build-tree';
import { fhirValidators } from './support/fhir-schema';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const KPI = 'seven-day-follow-up';
const {
  Bundle: validBundle,
  Measure: validMeasure,
  MeasureReport: validMeasureReport,
  OperationOutcome: validOutcome,
} = fhirValidators('Bundle', 'Measure', 'MeasureReport', 'OperationOutcome');

type Resource = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let test: TestServer;
let viewer: string;

function read(path: string, token: string | null = viewer): Promise<Response> {
  return fetch(`http://127.0.0.1:${test.server.port}/fhir/${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

function extensionValue(resource: Resource, name: string): unknown {
  const found = (resource.extension as Resource[] | undefined)?.find((extension) =>
    String(extension.url).endsWith(`/StructureDefinition/${name}`),
  );
  return found?.valueCode;
}

beforeAll(async () => {
  test = await startTestServer({}, { now: () => new Date('2026-04-15T12:00:00Z') });
  await createUnits(test, treeOf(1, 2));
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  for (const [team, followed, discharged] of [
    ['SVC1-T1', 9, 10],
    ['SVC1-T2', 3, 5],
  ] as const) {
    const submitted = await test.graphql(
      SUBMIT,
      { input: followUp(team, '2026-03', followed, discharged, followed) },
      contributor,
    );
    expect(submitted.errors).toBeUndefined();
  }
  const told = await test.graphql(
    'mutation($input: AddStoryInput!) { addStory(input: $input) { id } }',
    {
      input: {
        orgUnit: 'SVC1',
        kpi: KPI,
        period: '2026-03',
        kind: 'ACTION',
        text: 'Calls booked before discharge.',
      },
    },
    contributor,
  );
  expect(told.errors).toBeUndefined();
});
afterAll(() => test.stop());

it('gives a KPI as a valid FHIR R4 Measure: its inputs as populations, its direction as improvement notation', async () => {
  const response = await read(`Measure/${KPI}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
  const measure = (await response.json()) as Resource;
  expect(validMeasure(measure)).toBe(true);
  expect(measure).toMatchObject({ resourceType: 'Measure', id: KPI, status: 'active' });
  expect(measure.improvementNotation.coding[0].code).toBe('increase');
  expect(measure.group[0].population.map((population: Resource) => population.code.coding[0].code)).toEqual([
    'followedUp',
    'discharged',
    'assessed',
  ]);
});

it("gives a unit's value as a valid summary MeasureReport, stratified by the units below it", async () => {
  const response = await read(`MeasureReport?measure=${KPI}&reporter=SVC1&period=2026-03`);
  expect(response.status).toBe(200);
  const bundle = (await response.json()) as Resource;
  expect(validBundle(bundle)).toBe(true);
  const report = bundle.entry[0].resource as Resource;
  expect(validMeasureReport(report)).toBe(true);
  expect(validMeasureReport.errors).toBeNull();
  const value = await test.graphql<{ orgUnit: { kpiValue: { value: number; tier: string } } }>(
    `{ orgUnit(code: "SVC1") { kpiValue(kpi: "${KPI}", period: "2026-03") { value tier } } }`,
    {},
    viewer,
  );
  expect(report).toMatchObject({
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    period: { start: '2026-03-01', end: '2026-03-31' },
    reporter: { identifier: { value: 'SVC1' } },
  });
  expect(String(report.measure)).toMatch(new RegExp(`/fhir/Measure/${KPI}$`));
  const [group] = report.group as Resource[];
  expect(group!.measureScore).toMatchObject({ value: value.data!.orgUnit.kpiValue.value, code: '%' });
  expect(value.data!.orgUnit.kpiValue.value).toBe(80);
  const counts = Object.fromEntries(
    (group!.population as Resource[]).map((population) => [population.code.coding[0].code, population.count]),
  );
  expect(counts).toEqual({ followedUp: 12, discharged: 15, assessed: 12 });
  expect(
    group!.stratifier[0].stratum.map((stratum: Resource) => [stratum.value.text, stratum.measureScore.value]),
  ).toEqual([
    ['SVC1-T1', 90],
    ['SVC1-T2', 60],
  ]);
  expect(extensionValue(report, 'kpi-tier')).toBe(value.data!.orgUnit.kpiValue.tier);
  const story = (report.extension as Resource[]).find((extension) =>
    String(extension.url).endsWith('/kpi-story'),
  )!;
  expect(story.extension).toContainEqual({ url: 'text', valueString: 'Calls booked before discharge.' });
});

it('checks what it gives: the schema refuses a report that breaks FHIR (a status R4 does not have)', async () => {
  const bundle = (await (
    await read(`MeasureReport?measure=${KPI}&reporter=SVC1&period=2026-03`)
  ).json()) as Resource;
  const report = bundle.entry[0].resource as Resource;
  report.status = 'finished';
  expect(validMeasureReport(report)).toBe(false);
});

it('refuses with an OperationOutcome that names the field and carries the API code', async () => {
  const cases: [string, string | null, number, string, string][] = [
    [`MeasureReport?reporter=SVC1&period=2026-03`, viewer, 400, 'invalid', 'measure'],
    [`MeasureReport?measure=${KPI}&reporter=SVC1&period=March`, viewer, 400, 'invalid', 'period'],
    [`MeasureReport?measure=${KPI}&reporter=NOWHERE&period=2026-03`, viewer, 404, 'not-found', 'NOWHERE'],
    [`Measure/no-such-kpi`, viewer, 404, 'not-found', 'no-such-kpi'],
    [`Measure/${KPI}`, null, 401, 'login', ''],
  ];
  for (const [path, token, status, issueType, named] of cases) {
    const response = await read(path, token);
    expect([path, response.status]).toEqual([path, status]);
    const outcome = (await response.json()) as Resource;
    expect(validOutcome(outcome)).toBe(true);
    expect(outcome.issue[0].code).toBe(issueType);
    expect(outcome.issue[0].details.text).toContain(named);
  }
});
