import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const COMPANIONS = `
  query Companions($code: String!, $period: String!) {
    orgUnit(code: $code) {
      followUp: kpiValue(kpi: "seven-day-follow-up", period: $period) {
        value tier companions { key label unit value floor belowFloor }
      }
      training: kpiValue(kpi: "mandatory-training-compliance", period: $period) { companions { key } }
    }
  }`;

let test: TestServer;
let contributor: string;

async function companionsAt(code: string, period: string) {
  const result = await test.graphql<{
    orgUnit: { followUp: Record<string, unknown>; training: { companions: unknown[] } };
  }>(COMPANIONS, { code, period }, contributor);
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit;
}

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(2, 2));
  contributor = await test.token(['CONTRIBUTOR']);
  for (const input of [
    // Every follow-up made in time, few of them assessing anyone: the target hit, the point missed.
    followUp('SVC1-T1', '2026-02', 20, 20, 4),
    followUp('SVC1-T2', '2026-02', 18, 20, 18),
    followUp('SVC2-T1', '2026-02', 9, 10, 9),
  ]) {
    const submitted = await test.graphql(SUBMIT, { input }, contributor);
    expect(submitted.errors).toBeUndefined();
  }
});
afterAll(() => test.stop());

it('reads a companion from the same rolled-up sums as the value, beside its floor', async () => {
  expect((await companionsAt('SVC1-T1', '2026-02')).followUp).toEqual({
    value: 100,
    tier: 'BREAKTHROUGH',
    companions: [
      {
        key: 'assessedShare',
        label: 'Follow-ups that included a clinical assessment',
        unit: 'PERCENT',
        value: 20,
        floor: 80,
        belowFloor: true,
      },
    ],
  });
  // The service's share is of its summed follow-ups (22 of 38), not the mean of its teams' shares (60%).
  const service = (await companionsAt('SVC1', '2026-02')).followUp;
  expect(service.companions).toEqual([expect.objectContaining({ belowFloor: true })]);
  expect((service.companions as { value: number }[])[0]!.value).toBeCloseTo((100 * 22) / 38, 10);
  // Above both services, 31 of 47 follow-ups assessed the person.
  const [system] = (await companionsAt('SYS', '2026-02')).followUp.companions as { value: number }[];
  expect(system!.value).toBeCloseTo((100 * 31) / 47, 10);
});

it('has no companion value where there is no data, and no companions for a KPI that declares none', async () => {
  const empty = await companionsAt('SVC2-T2', '2026-02');
  expect(empty.followUp.companions).toEqual([
    expect.objectContaining({ key: 'assessedShare', value: null, floor: 80, belowFloor: null }),
  ]);
  expect(empty.training.companions).toEqual([]);
});

it('lists what companions a KPI carries', async () => {
  const result = await test.graphql<{ kpis: { key: string; companions: unknown[] }[] }>(
    '{ kpis { key companions { key label unit floor } } }',
    {},
    contributor,
  );
  expect(result.errors).toBeUndefined();
  const carrying = result.data!.kpis.filter((kpi) => kpi.companions.length > 0);
  expect(carrying).toEqual([
    {
      key: 'physical-interventions',
      companions: [
        { key: 'proneShare', label: 'Restraints that were prone (face-down)', unit: 'PERCENT', floor: null },
      ],
    },
    {
      key: 'seven-day-follow-up',
      companions: [
        {
          key: 'assessedShare',
          label: 'Follow-ups that included a clinical assessment',
          unit: 'PERCENT',
          floor: 80,
        },
      ],
    },
  ]);
});
