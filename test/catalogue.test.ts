import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';
import { createUnits, treeOf } from './support/build-tree';

let test: TestServer;
let viewer: string;

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 1));
  viewer = await test.token(['VIEWER']);
});
afterAll(() => test.stop());

const STAGES = ['ACCESS', 'ASSESSMENT', 'TREATMENT', 'DISCHARGE', 'FOLLOW_UP'];

it('walks the pathway from Access to Follow-up, each stage with its KPIs', async () => {
  const result = await test.graphql<{
    pathways: {
      stages: {
        key: string;
        position: number;
        previous: { key: string } | null;
        next: { key: string } | null;
        kpis: { key: string; stages: { key: string }[] }[];
      }[];
    }[];
  }>(
    '{ pathways { key name stages { key name position previous { key } next { key } pathway { key } kpis { key stages { key } } } } }',
    {},
    viewer,
  );
  expect(result.errors).toBeUndefined();
  const stages = result.data!.pathways[0]!.stages;
  expect(stages.map((stage) => stage.key)).toEqual(STAGES);
  stages.forEach((stage, index) => {
    expect(stage.position).toBe(index);
    expect(stage.previous?.key ?? null).toBe(STAGES[index - 1] ?? null);
    expect(stage.next?.key ?? null).toBe(STAGES[index + 1] ?? null);
    // Every stage is measured by at least one built-in KPI, and each KPI listed there says so itself.
    expect(stage.kpis.length).toBeGreaterThan(0);
    for (const kpi of stage.kpis) expect(kpi.stages.map((tagged) => tagged.key)).toContain(stage.key);
  });
  expect(stages.find((stage) => stage.key === 'DISCHARGE')!.kpis.map((kpi) => kpi.key)).toContain(
    'seven-day-follow-up',
  );
});

it('filters KPIs by stage and by domain, and covers all four domains', async () => {
  const result = await test.graphql<{
    all: { key: string; domain: string }[];
    discharge: { key: string }[];
    finance: { domain: string }[];
  }>(
    '{ all: kpis { key domain } discharge: kpis(stage: "DISCHARGE") { key } finance: kpis(domain: FINANCE) { domain } }',
    {},
    viewer,
  );
  const { all, discharge, finance } = result.data!;
  expect(new Set(all.map((kpi) => kpi.domain))).toEqual(
    new Set(['CLINICAL_EFFECTIVENESS', 'PATIENT_EXPERIENCE', 'STAFF_ENGAGEMENT', 'FINANCE']),
  );
  expect(discharge.map((kpi) => kpi.key)).toEqual(['seven-day-follow-up']);
  expect(finance.length).toBeGreaterThan(0);
  expect(finance.every((kpi) => kpi.domain === 'FINANCE')).toBe(true);
});

it('describes a KPI fully', async () => {
  const result = await test.graphql<{ kpi: Record<string, unknown>; missing: null }>(
    `{ kpi(key: "physical-interventions") { key name domain unit direction collectedAt inputs { name label kind }
         tiers { essential desirable aspirational breakthrough } why prompts appliesTo stages { key } }
       missing: kpi(key: "no-such-kpi") { key } }`,
    {},
    viewer,
  );
  expect(result.data!.missing).toBeNull();
  expect(result.data!.kpi).toMatchObject({
    key: 'physical-interventions',
    domain: 'CLINICAL_EFFECTIVENESS',
    unit: 'PER_1000_OCCUPIED_BED_DAYS',
    direction: 'LOWER_IS_BETTER',
    collectedAt: 'TEAM',
    tiers: { essential: 8, desirable: 6, aspirational: 4, breakthrough: 2 },
    stages: [{ key: 'TREATMENT' }],
    appliesTo: ['inpatient'],
  });
  expect((result.data!.kpi.inputs as { name: string }[]).map((input) => input.name)).toEqual([
    'interventions',
    'prone',
    'bedDays',
  ]);
  expect(result.data!.kpi.why).toEqual(expect.any(String));
  expect((result.data!.kpi.prompts as string[]).length).toBeGreaterThan(0);
});

it('filters a scorecard by domain and by stage, and refuses a malformed period naming it', async () => {
  const result = await test.graphql<{ orgUnit: Record<string, { kpi: { key: string; domain: string } }[]> }>(
    `{ orgUnit(code: "SYS") {
         all: scorecard(period: "2026-01") { kpi { key domain } }
         staff: scorecard(period: "2026-01", domain: STAFF_ENGAGEMENT) { kpi { key domain } }
         access: scorecard(period: "FY2025", stage: "ACCESS") { kpi { key domain } }
       } }`,
    {},
    viewer,
  );
  const { all, staff, access } = result.data!.orgUnit as Record<
    string,
    { kpi: { key: string; domain: string } }[]
  >;
  const kpis = await test.graphql<{ kpis: { key: string }[] }>(
    '{ kpis(stage: "ACCESS") { key } }',
    {},
    viewer,
  );
  expect(all!.length).toBe(test.server.registry.all().length);
  expect(staff!.length).toBeGreaterThan(0);
  expect(staff!.every((value) => value.kpi.domain === 'STAFF_ENGAGEMENT')).toBe(true);
  expect(access!.map((value) => value.kpi.key)).toEqual(kpis.data!.kpis.map((kpi) => kpi.key));

  const bad = await test.graphql(
    '{ orgUnit(code: "SYS") { scorecard(period: "2026-13") { value } } }',
    {},
    viewer,
  );
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
});
