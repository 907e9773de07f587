import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { tableCounts } from './support/table-counts';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const OUT_OF_RANGE = ['9999-12', '2101-01', '1999-12', '0000-01'];

/** Every field that takes a period, with the argument that carries it. */
const READS: [string, (period: string) => string, string][] = [
  ['kpiValue', (p) => `kpiValue(kpi: "seven-day-follow-up", period: "${p}") { value }`, 'period'],
  ['scorecard', (p) => `scorecard(period: "${p}") { value }`, 'period'],
  ['attention', (p) => `attention(period: "${p}") { sentence }`, 'period'],
  ['celebrations', (p) => `celebrations(period: "${p}") { sentence }`, 'period'],
  ['observations', (p) => `observations(kpi: "seven-day-follow-up", period: "${p}") { id }`, 'period'],
  ['review', (p) => `review(period: "${p}") { step }`, 'period'],
  ['reviews', (p) => `reviews(period: "${p}") { step }`, 'period'],
  ['stories', (p) => `stories(period: "${p}") { text }`, 'period'],
  ['series to', (p) => `series(kpi: "seven-day-follow-up", from: "2026-01", to: "${p}") { mean }`, 'to'],
  ['series from', (p) => `series(kpi: "seven-day-follow-up", from: "${p}", to: "2026-01") { mean }`, 'from'],
];

let test: TestServer;
let wardViewer: string;
beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 2));
  wardViewer = await test.token(['VIEWER'], ['SVC1-T1']);
});
afterAll(() => test.stop());

describe.each(OUT_OF_RANGE)('a period in a year the platform does not keep (%s)', (period) => {
  it.each(READS)(
    '%s answers BAD_USER_INPUT naming the argument, before any work',
    async (_field, read, field) => {
      const result = await test.graphql(`{ orgUnit(code: "SVC1-T1") { ${read(period)} } }`, {}, wardViewer);
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringContaining('outside the years the platform keeps: 2000 to 2100'),
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    },
  );
});

it.each(['1999-12', '0000-01'])(
  'a submission for %s is refused on its period and writes nothing',
  async (period) => {
    const contributor = await test.token(['CONTRIBUTOR'], ['SVC1-T1']);
    const before = await tableCounts(test.server);
    const result = await test.graphql(SUBMIT, { input: followUp('SVC1-T1', period, 9, 10, 4) }, contributor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(await tableCounts(test.server)).toEqual(before);
  },
);
