import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { variationIconOf } from '../server/transport/charts/series-icons';
import type { ChartSeries } from '../server/transport/charts/series-icons';
import { createUnits, treeOf } from './support/build-tree';
import { launchChromium } from './support/chromium';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SCREENSHOT = path.resolve(__dirname, '../test-results/report.png');
const KPI = 'seven-day-follow-up';
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];

let test: TestServer;
let browser: Browser;
let page: Page;
let viewer: string;

beforeAll(async () => {
  test = await startTestServer({}, { now: () => new Date('2026-03-15T12:00:00Z') });
  await createUnits(test, treeOf(1, 2));
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  // Every discharge followed up, but few of the calls a clinical assessment: the target hit, the point missed.
  for (const team of ['SVC1-T1', 'SVC1-T2']) {
    for (const month of MONTHS) {
      const submitted = await test.graphql(SUBMIT, { input: followUp(team, month, 10, 10, 4) }, contributor);
      expect(submitted.errors).toBeUndefined();
    }
  }
  const told = await test.graphql(
    'mutation($input: AddStoryInput!) { addStory(input: $input) { id } }',
    {
      input: {
        orgUnit: 'SVC1-T2',
        kpi: KPI,
        period: '2026-02',
        kind: 'ACTION',
        text: 'A structured check on every call.',
      },
    },
    contributor,
  );
  expect(told.errors).toBeUndefined();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${viewer}` });
});
afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

const address = (query: string) => `http://127.0.0.1:${test.server.port}${query}`;

it('reads as the board report: a row per KPI by domain, with the API’s value, tier, icons, companions and stories', async () => {
  const response = await page.goto(address('/report?unit=SVC1&period=2026-02'));
  expect(response!.status()).toBe(200);
  const read = await test.graphql<{
    orgUnit: {
      scorecard: { kpi: { key: string } }[];
      kpiValue: { tier: string };
      series: ChartSeries;
    };
  }>(
    `{ orgUnit(code: "SVC1") {
         scorecard(period: "2026-02") { kpi { key } }
         kpiValue(kpi: "${KPI}", period: "2026-02") { tier }
         series(kpi: "${KPI}", from: "2024-03", to: "2026-02") {
           variation assurance trialLimits
           points { period value mean upperProcessLimit lowerProcessLimit pointType essential } } } }`,
    {},
    viewer,
  );
  const { scorecard, kpiValue, series } = read.data!.orgUnit;
  expect(await page.locator('tbody tr').count()).toBe(scorecard.length);
  expect(await page.locator('h2').allTextContents()).toEqual(
    expect.arrayContaining(['Clinical effectiveness', 'Patient experience', 'Staff engagement', 'Finance']),
  );
  const row = page.locator(`tr[data-kpi="${KPI}"]`);
  expect(await row.locator('.value').textContent()).toBe('100%2 of 2 reporting');
  expect(await row.locator('.tier').getAttribute('data-tier')).toBe(kpiValue.tier);
  expect(await row.locator('.variation').getAttribute('data-icon')).toBe(variationIconOf(series) ?? '');
  expect(await row.locator('.variation img').getAttribute('src')).toBe(
    `/icons/variation/${variationIconOf(series)}.svg`,
  );
  expect(await row.locator('.companion.below-floor').textContent()).toContain('Below its floor');
  expect(await row.locator('.stories').textContent()).toBe('1');
  // Every icon the page shows is served.
  const icons = await page
    .locator('img.icon')
    .evaluateAll((images) =>
      images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
    );
  expect(icons.every((width) => width > 0)).toBe(true);
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

it("opens a KPI's chart, and its spread across the units below, from its row", async () => {
  await page.goto(address('/report?unit=SVC1&period=2026-02'));
  await page.locator(`tr[data-kpi="${KPI}"] th a`).first().click();
  await page.locator('figure > svg').waitFor();
  expect(page.url()).toContain(`/charts/spc.html?unit=SVC1&kpi=${KPI}`);

  await page.goto(address('/report?unit=SVC1&period=2026-02'));
  await page.locator(`tr[data-kpi="${KPI}"] a.across`).click();
  await page.locator('ul.multiples').waitFor();
  expect(
    await page.locator('li.unit').evaluateAll((units) => units.map((unit) => unit.getAttribute('data-unit'))),
  ).toEqual(['SVC1-T1', 'SVC1-T2']);
  expect(await page.locator('li.unit svg.sparkline').count()).toBe(2);
});

it('prints the report as an A4 landscape PDF for the board pack', async () => {
  const response = await fetch(address('/report.pdf?unit=SVC1&period=2026-02'), {
    headers: { Authorization: `Bearer ${viewer}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const file = Buffer.from(await response.arrayBuffer());
  expect(file.subarray(0, 5).toString()).toBe('%PDF-');
  // A4 landscape: 297 × 210 mm, 841.92 × 594.96 points.
  expect(file.toString('latin1')).toMatch(
    /\/MediaBox \[0 0 841\.9\d* 595(\.\d+)?\]|\/MediaBox \[0 0 841\.9\d* 594\.9\d*\]/,
  );
});

it('refuses a report it cannot read with the coded error, naming the parameter, before printing anything', async () => {
  for (const [query, status, named] of [
    ['/report?unit=SVC1', 400, 'period'],
    ['/report.pdf?period=2026-02', 400, 'unit'],
    ['/report?unit=NOWHERE&period=2026-02', 404, 'NOWHERE'],
  ] as const) {
    const response = await fetch(address(query), { headers: { Authorization: `Bearer ${viewer}` } });
    expect([query, response.status]).toEqual([query, status]);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain(
      named,
    );
  }
  expect((await fetch(address('/report.pdf?unit=SVC1&period=2026-02'))).status).toBe(401);
});
