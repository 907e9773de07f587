import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUnits } from './support/build-tree';
import { launchChromium } from './support/chromium';
import type { UnitSpec } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { startTcpProxy } from './support/tcp-proxy';
import type { TcpProxy } from './support/tcp-proxy';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SCREENSHOT = path.resolve(__dirname, '../test-results/control-room.png');
/** Long enough for a live event to cross the server and the page; the waits end as soon as it lands. */
const WAIT = { timeout: 15_000 };

const UNITS: UnitSpec[] = [
  { code: 'SYS', level: 'SYSTEM' },
  { code: 'ORG', level: 'ORGANISATION', parentCode: 'SYS' },
  { code: 'DIR', level: 'DIRECTORATE', parentCode: 'ORG' },
  { code: 'SVC1', level: 'SERVICE', parentCode: 'DIR', tags: ['acute-inpatient-service'] },
  { code: 'SVC1-T1', level: 'TEAM', parentCode: 'SVC1', tags: ['inpatient'] },
  { code: 'SVC1-T2', level: 'TEAM', parentCode: 'SVC1', tags: ['inpatient'] },
  { code: 'QUIET', level: 'SERVICE', parentCode: 'DIR' },
];

let test: TestServer;
let proxy: TcpProxy;
let browser: Browser;
let contributor: string;
let viewer: string;
let kpiCount: number;

async function submit(input: Record<string, unknown>) {
  const result = await test.graphql(SUBMIT, { input }, contributor);
  expect(result.errors).toBeUndefined();
}

function pageUrl(query: string, token: string | null = viewer): string {
  return `http://127.0.0.1:${proxy.port}/control-room?${query}${token ? `#token=${token}` : ''}`;
}

async function openPage(url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

function tile(page: Page, kpi: string) {
  return page.locator(`article.tile[data-kpi="${kpi}"]`);
}

/** Waits until the tile's figure reads exactly `figure`, then reads the whole tile. */
async function tileReading(page: Page, kpi: string, figure: string) {
  const article = tile(page, kpi);
  const exactly = new RegExp(`^${figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await article.locator('.tile-figure', { hasText: exactly }).waitFor(WAIT);
  const text = async (part: string) => ((await article.locator(part).textContent()) ?? '').trim();
  return {
    figure: await text('.tile-figure'),
    tier: await text('.tile-tier'),
    dataTier: await article.getAttribute('data-tier'),
    trend: await text('.tile-trend-text'),
    direction: await article.locator('.tile-trend').getAttribute('data-direction'),
    verdict: await article.locator('.tile-trend').getAttribute('data-verdict'),
    coverage: await text('.tile-coverage'),
    domain: await text('.tile-domain'),
    flashing: await article.evaluate((node) => node.classList.contains('flashing')),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  test = await startTestServer();
  proxy = await startTcpProxy(test.server.port);
  await createUnits(test, UNITS);
  contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER'], ['SVC1'], 'control-room-wall');
  kpiCount = test.server.registry.all().length;

  // December, then January: the page shows January, and the trend is against December.
  await submit(followUp('SVC1-T1', '2025-12', 9, 10, 9));
  await submit(followUp('SVC1-T1', '2026-01', 19, 20, 18));
  await submit({
    kpi: 'cost-per-occupied-bed-day',
    orgUnit: 'SVC1-T1',
    period: '2026-01',
    values: [
      { name: 'inpatientCost', value: 612_345.6 },
      { name: 'bedDays', value: 1000 },
    ],
  });
  await submit({
    kpi: 'physical-interventions',
    orgUnit: 'SVC1-T1',
    period: '2026-01',
    values: [
      { name: 'interventions', value: 7 },
      { name: 'prone', value: 1 },
      { name: 'bedDays', value: 1508 },
    ],
  });
  await submit({
    kpi: 'out-of-area-placements',
    orgUnit: 'SVC1',
    period: '2026-01',
    values: [{ name: 'inappropriateBedDays', value: 240 }],
  });
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await test?.stop();
});

describe('the control-room page', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await openPage(pageUrl('unit=SVC1')));
  });
  afterAll(() => context?.close());

  it('shows the unit’s latest month, one tile per KPI, with values formatted by unit', async () => {
    await page.locator('#connection[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('#heading-unit').textContent()).toBe('Unit SVC1');
    expect(await page.locator('#heading-period').textContent()).toBe('January 2026');
    expect(await page.locator('article.tile').count()).toBe(kpiCount);

    expect(await tileReading(page, 'seven-day-follow-up', '95.0%')).toMatchObject({
      tier: 'Aspirational',
      dataTier: 'ASPIRATIONAL',
      trend: 'Better than Dec (90.0%)',
      direction: 'up',
      verdict: 'better',
      coverage: '1 of 2 units reporting',
      domain: 'Clinical effectiveness',
      flashing: false,
    });
    expect(await tileReading(page, 'cost-per-occupied-bed-day', '£612')).toMatchObject({
      tier: 'Essential',
      domain: 'Finance',
      trend: 'No Dec value to compare',
      direction: 'none',
    });
    expect(await tileReading(page, 'physical-interventions', '4.64')).toMatchObject({ tier: 'Desirable' });
    expect(await tileReading(page, 'out-of-area-placements', '240')).toMatchObject({ tier: 'Essential' });
    expect(await tileReading(page, 'staff-sickness-absence', '—')).toMatchObject({
      tier: 'No data',
      dataTier: 'NONE',
    });
    // Community teams only: nothing under this service collects it.
    expect(await tileReading(page, 'community-four-week-wait', '—')).toMatchObject({ tier: 'Not collected' });
  });

  it('keeps the token for the tab and takes it out of the address bar', async () => {
    expect(page.url()).toBe(`http://127.0.0.1:${proxy.port}/control-room?unit=SVC1`);
    expect(await page.evaluate('sessionStorage.getItem("progress.control-room.token")')).toBe(viewer);
  });

  it('moves a tile as submissions arrive, and flashes it when its tier changes', async () => {
    // Another team's month: the value moves, the tier stays, so no flash.
    await submit(followUp('SVC1-T2', '2026-01', 10, 10, 10));
    expect(await tileReading(page, 'seven-day-follow-up', '96.7%')).toMatchObject({
      tier: 'Aspirational',
      coverage: '2 of 2 units reporting',
      flashing: false,
    });

    // A correction that drops the service below Essential: 20 of 30.
    await submit(followUp('SVC1-T1', '2026-01', 10, 20, 10));
    await tile(page, 'seven-day-follow-up').and(page.locator('.flashing')).waitFor(WAIT);
    expect(await tileReading(page, 'seven-day-follow-up', '66.7%')).toMatchObject({
      tier: 'Below essential',
      dataTier: 'BELOW_ESSENTIAL',
      trend: 'Worse than Dec (90.0%)',
      direction: 'down',
      verdict: 'worse',
      flashing: true,
    });
    expect(await tile(page, 'seven-day-follow-up').locator('.tile-tier-change').textContent()).toMatch(
      /^was Aspirational · \d\d:\d\d$/,
    );
    await page
      .locator('#announcer', {
        hasText:
          'Seven-day follow-up after discharge changed tier from Aspirational to Below essential: now 66.7%.',
      })
      .waitFor({ ...WAIT, state: 'attached' });
    expect(await page.locator('article.tile.flashing').count()).toBe(1);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // The flash ends by itself.
    await page.locator('article.tile.flashing').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('says when the connection drops, reconnects, and catches up on what it missed', async () => {
    await proxy.cut();
    await page.locator('#connection[data-state="reconnecting"]').waitFor(WAIT);
    expect(await page.locator('#notice').textContent()).toMatch(
      /^Connection to the server lost: reconnecting/,
    );

    await submit(followUp('SVC1-T2', '2026-01', 5, 10, 5));
    await proxy.restore();
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 30_000 });
    expect(await tileReading(page, 'seven-day-follow-up', '50.0%')).toMatchObject({
      tier: 'Below essential',
      flashing: false,
    });
    expect(await page.locator('#notice').isHidden()).toBe(true);
  });

  it('moves on to a new month when its first values arrive', async () => {
    await submit(followUp('SVC1-T1', '2026-02', 18, 20, 18));
    await page.locator('#heading-period', { hasText: 'February 2026' }).waitFor(WAIT);
    expect(await tileReading(page, 'seven-day-follow-up', '90.0%')).toMatchObject({
      tier: 'Desirable',
      trend: 'Better than Jan (50.0%)',
      coverage: '1 of 2 units reporting',
    });
    expect(await tileReading(page, 'cost-per-occupied-bed-day', '—')).toMatchObject({ tier: 'No data' });
  });
});

describe('the control-room page’s messages', () => {
  async function noticeOf(url: string): Promise<string> {
    const { context, page } = await openPage(url);
    try {
      const notice = page.locator('#notice');
      await notice.waitFor(WAIT);
      return ((await notice.textContent()) ?? '').trim();
    } finally {
      await context.close();
    }
  }

  it('names a unit that does not exist', async () => {
    expect(await noticeOf(pageUrl('unit=NOWHERE'))).toBe(
      'There is no unit “NOWHERE”. Check the code in the address (?unit=CODE).',
    );
  });

  it('says when the token is refused, or missing where one is needed', async () => {
    expect(await noticeOf(pageUrl('unit=SVC1', 'not-a-token'))).toMatch(
      /^The server refused this display’s token .*#token=<token>/,
    );
    expect(await noticeOf(pageUrl('unit=SVC1', null))).toMatch(/^This server needs a token/);
  });

  it('says when the token may not read the unit', async () => {
    expect(await noticeOf(pageUrl('unit=QUIET'))).toMatch(/needs the VIEWER role on QUIET/);
  });

  it('says when the unit has no data yet, and asks for a unit when none is given', async () => {
    const quiet = await test.token(['VIEWER'], ['QUIET']);
    expect(await noticeOf(pageUrl('unit=QUIET', quiet))).toMatch(/^No KPI data for Unit QUIET yet/);
    expect(await noticeOf(pageUrl(''))).toMatch(/^Add the unit to the address/);
  });
});

describe('the control-room page in the demo', () => {
  it('reads without a token when the server has no JWT_SECRET', async () => {
    const demo = await startTestServer({ jwtSecret: undefined });
    const tokens = demo.server.demoTokens!;
    let context: BrowserContext | undefined;
    try {
      for (const unit of UNITS) {
        const created = await demo.graphql(
          `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`,
          { input: { name: `Unit ${unit.code}`, ...unit } },
          tokens.ADMIN,
        );
        expect(created.errors).toBeUndefined();
      }
      let page: Page;
      ({ context, page } = await openPage(
        `${demo.server.url.replace(/\/graphql$/, '')}/control-room?unit=SYS&period=2026-01`,
      ));
      await page.locator('#connection[data-state="live"]').waitFor(WAIT);
      expect(await page.locator('#heading-unit').textContent()).toBe('Unit SYS');
      expect(await page.locator('article.tile').count()).toBe(kpiCount);
      // The month as it stood before the submission, so that the submission arrives as a change.
      await tile(page, 'seven-day-follow-up')
        .locator('.tile-coverage', { hasText: /^0 of \d+ units? reporting$/ })
        .waitFor(WAIT);

      const result = await demo.graphql(
        SUBMIT,
        { input: followUp('SVC1-T1', '2026-01', 8, 10, 8) },
        tokens.CONTRIBUTOR,
      );
      expect(result.errors).toBeUndefined();
      expect(await tileReading(page, 'seven-day-follow-up', '80.0%')).toMatchObject({
        tier: 'Essential',
        flashing: true,
      });
    } finally {
      await context?.close();
      await demo.stop();
    }
  });
});
