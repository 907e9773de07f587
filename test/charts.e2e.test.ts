import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { variationWords } from '../server/transport/charts/mdc-icons';
import { variationIconOf } from '../server/transport/charts/series-icons';
import type { ChartSeries } from '../server/transport/charts/series-icons';
import { createUnits, treeOf } from './support/build-tree';
import { launchChromium } from './support/chromium';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SCREENSHOT = path.resolve(__dirname, '../test-results/spc-chart.png');
const TEAM = 'SVC1-T1';
const KPI = 'seven-day-follow-up';
/** Followed up of 20 discharged, 2025-01 to 2026-02: steady, then a fall the chart must flag. */
const FOLLOWED_UP = [17, 18, 19, 18, 17, 18, 19, 18, 17, 18, 19, 18, 17, 10];
const MONTHS = FOLLOWED_UP.map(
  (_, index) => `${2025 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
);
const CHART = `unit=${TEAM}&kpi=${KPI}&from=2025-01&to=2026-02`;

const SERIES = `query Series($code: String!) {
  orgUnit(code: $code) {
    series(kpi: "${KPI}", from: "2025-01", to: "2026-02") {
      variation assurance trialLimits
      points { period value mean upperProcessLimit lowerProcessLimit pointType essential }
    }
  }
}`;

let test: TestServer;
let browser: Browser;
let page: Page;
let viewer: string;
let series: ChartSeries;

/** The ward agreed a higher floor in June 2025, from July; the months are submitted in March 2026. */
let now = new Date('2025-06-15T12:00:00Z');

beforeAll(async () => {
  test = await startTestServer({}, { now: () => now });
  await createUnits(test, treeOf(2, 2));
  const raised = await test.graphql(
    'mutation($input: SetTierThresholdsInput!) { setTierThresholds(input: $input) { id } }',
    {
      input: {
        kpi: KPI,
        orgUnit: TEAM,
        essential: 85,
        desirable: 90,
        aspirational: 95,
        breakthrough: 98,
        fromPeriod: '2025-07',
        reason: 'Agreed by the ward after the spring audit.',
      },
    },
    await test.token(['MANAGER']),
  );
  expect(raised.errors).toBeUndefined();
  now = new Date('2026-03-15T12:00:00Z');
  const contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
  for (const [index, month] of MONTHS.entries()) {
    const submitted = await test.graphql(
      SUBMIT,
      { input: followUp(TEAM, month, FOLLOWED_UP[index]!, 20, FOLLOWED_UP[index]!) },
      contributor,
    );
    expect(submitted.errors).toBeUndefined();
  }
  for (const [period, kind, text] of [
    [
      '2026-02',
      'CONTEXT',
      'Two of the four discharge coordinators were off sick <all month> & cover ran thin.',
    ],
    ['2026-02', 'ACTION', 'Calls are now booked before the person leaves the ward.'],
    ['2025-06', 'CELEBRATION', 'Every call made within three days.'],
  ]) {
    const told = await test.graphql(
      'mutation($input: AddStoryInput!) { addStory(input: $input) { id } }',
      { input: { orgUnit: TEAM, kpi: KPI, period, kind, text } },
      contributor,
    );
    expect(told.errors).toBeUndefined();
  }
  const read = await test.graphql<{ orgUnit: { series: ChartSeries } }>(SERIES, { code: TEAM }, viewer);
  expect(read.errors).toBeUndefined();
  series = read.data!.orgUnit.series;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${viewer}` });
});
afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

function chartUrl(file: string, query = CHART): string {
  return `http://127.0.0.1:${test.server.port}/charts/${file}?${query}`;
}

describe('GET /charts/spc.svg', () => {
  it('draws every point of the series where the API puts it, coloured by its type', async () => {
    const response = await page.goto(chartUrl('spc.svg'));
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    const drawn = await page.locator('circle.point').evaluateAll((points) =>
      points.map((point) => ({
        period: point.getAttribute('data-period'),
        value: Number(point.getAttribute('data-value')),
        pointType: point.getAttribute('data-point-type'),
        fill: point.getAttribute('fill'),
        cy: Number(point.getAttribute('cy')),
      })),
    );
    const valued = series.points.filter((point) => point.value !== null);
    expect(drawn.map(({ period, value, pointType }) => ({ period, value, pointType }))).toEqual(
      valued.map(({ period, value, pointType }) => ({ period, value, pointType })),
    );
    // The fall in the last month is special-cause concern, orange; the steady months are common cause, grey.
    expect(series.points.at(-1)!.pointType).toBe('SPECIAL_CAUSE_CONCERN');
    expect(drawn.at(-1)!.fill).toBe('#ED8B00');
    expect(new Set(drawn.slice(0, -1).map((point) => point.fill))).toEqual(new Set(['#768692']));
    // Higher values are drawn higher up.
    const highest = drawn.reduce((top, point) => (point.value > top.value ? point : top));
    expect(Math.min(...drawn.map((point) => point.cy))).toBe(highest.cy);
  });

  it('says the signal in its title and description, and shows the icons the series calls for', async () => {
    await page.goto(chartUrl('spc.svg'));
    const chart = {
      title: await page.locator('svg > title').first().textContent(),
      desc: await page.locator('svg > desc').textContent(),
      icons: await page
        .locator('svg svg[role="img"]')
        .evaluateAll((icons) => icons.map((icon) => icon.getAttribute('aria-label'))),
      targets: await page.locator('path.target').count(),
      means: await page.locator('path.mean').count(),
    };
    expect(chart.title).toContain('Seven-day follow-up');
    expect(chart.title).toContain('Jan 25 to Feb 26');
    const icon = variationIconOf(series)!;
    expect(icon).toBe('concern-low');
    expect(chart.desc).toContain(`${variationWords(icon)}.`);
    expect(chart.desc).toContain('February 2026: 50%');
    expect(chart.icons[0]).toBe(variationWords(icon));
    expect(chart.icons).toHaveLength(series.assurance && series.assurance !== 'NO_TARGET' ? 2 : 1);
    // The target steps where the ward's own floor took over from the plugin's; one mean, as no rebase was asked.
    expect(series.points.map((point) => point.essential)).toEqual([
      ...Array(6).fill(80),
      ...Array(8).fill(85),
    ]);
    expect(chart.targets).toBe(2);
    expect(chart.means).toBe(1);
  });

  it("numbers the months' stories on the chart and keys their text, escaped", async () => {
    await page.goto(chartUrl('spc.svg'));
    const notes = {
      marked: await page
        .locator('g.note')
        .evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-period'))),
      key: await page.locator('text.key').allTextContents(),
    };
    expect(notes.marked).toEqual(['2025-06', '2026-02', '2026-02']);
    expect(notes.key[0]).toContain('1. Jun 25 (celebration) Every call made within three days.');
    expect(notes.key.join(' ')).toContain('off sick <all month> & cover ran thin.');
  });

  it('steps the mean and limits at a rebase', async () => {
    await page.goto(chartUrl('spc.svg', `${CHART}&rebase=2025-07`));
    expect(await page.locator('path.mean').count()).toBe(2);
  });

  it("refuses a chart it cannot draw with the API's own coded error, naming the field", async () => {
    const cases: [string, number, string, string][] = [
      [`unit=${TEAM}&kpi=${KPI}&from=2025-01`, 400, 'BAD_USER_INPUT', 'to:'],
      [`unit=${TEAM}&kpi=${KPI}&from=2025-13&to=2026-02`, 400, 'BAD_USER_INPUT', 'from:'],
      [`unit=${TEAM}&kpi=no-such-kpi&from=2025-01&to=2026-02`, 400, 'BAD_USER_INPUT', 'kpi:'],
      [`unit=NOWHERE&kpi=${KPI}&from=2025-01&to=2026-02`, 404, 'NOT_FOUND', 'NOWHERE'],
      [`${CHART}&baseline=two`, 400, 'BAD_USER_INPUT', 'baseline:'],
    ];
    for (const [query, status, code, named] of cases) {
      const response = await fetch(chartUrl('spc.svg', query), {
        headers: { Authorization: `Bearer ${viewer}` },
      });
      expect([query, response.status]).toEqual([query, status]);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe(code);
      expect(body.errors[0]!.message).toContain(named);
    }
  });

  it('reads with the caller’s token: none is refused, and a viewer of another unit is forbidden', async () => {
    const anonymous = await fetch(chartUrl('spc.svg'));
    expect(anonymous.status).toBe(401);
    const elsewhere = await fetch(chartUrl('spc.svg'), {
      headers: { Authorization: `Bearer ${await test.token(['VIEWER'], ['SVC2'])}` },
    });
    expect(elsewhere.status).toBe(403);
    expect(
      ((await elsewhere.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('FORBIDDEN');
  });
});

describe('GET /charts/spc.html', () => {
  it('shows the chart with the table of its points, every value as the API gives it', async () => {
    const response = await page.goto(chartUrl('spc.html'));
    expect(response!.status()).toBe(200);
    const rows = await page.locator('tbody tr').evaluateAll((found) =>
      found.map((row) => ({
        period: row.getAttribute('data-period'),
        cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent),
      })),
    );
    expect(rows.map((row) => row.period)).toEqual(MONTHS);
    expect(rows.map((row) => row.cells[0])).toEqual(FOLLOWED_UP.map((count) => `${(100 * count) / 20}%`));
    expect(rows.at(-1)!.cells[5]).toBe('Special cause: concern');
    expect(rows.at(-1)!.cells[6]).toContain('context: Two of the four discharge coordinators');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.locator('figure').screenshot({ path: SCREENSHOT });
  });
});

describe('GET /icons', () => {
  it('serves every variation and assurance icon as a titled SVG, and names the icons when asked for another', async () => {
    for (const name of [
      'common-cause',
      'improvement-high',
      'improvement-low',
      'concern-high',
      'concern-low',
    ]) {
      const response = await page.goto(`http://127.0.0.1:${test.server.port}/icons/variation/${name}.svg`);
      expect(response!.headers()['content-type']).toContain('image/svg+xml');
      expect(await page.locator('svg > title').textContent()).toMatch(/variation/);
    }
    for (const name of ['pass', 'fail', 'inconsistent']) {
      const response = await page.goto(`http://127.0.0.1:${test.server.port}/icons/assurance/${name}.svg`);
      expect(response!.status()).toBe(200);
      expect(await page.locator('svg > title').textContent()).toMatch(/^Assurance/);
    }
    const unknown = await fetch(`http://127.0.0.1:${test.server.port}/icons/variation/sideways.svg`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain(
      'common-cause',
    );
  });
});
