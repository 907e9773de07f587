import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SCREENSHOT = path.resolve(__dirname, '../test-results/graphql-ide.png');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

describe('the IDE at /graphql', () => {
  let test: TestServer;
  beforeAll(async () => {
    // The demo: reads need no token, so the IDE's first query answers as it stands.
    test = await startTestServer({ jwtSecret: undefined });
  });
  afterAll(() => test.stop());

  it('runs a query with everything it loads from this server, offline, and nothing refused by its policy', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    try {
      const elsewhere: string[] = [];
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === 'localhost') return route.continue();
        elsewhere.push(url.href);
        return route.abort();
      });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });

      await page.goto(test.server.url);
      await page.waitForSelector('.graphiql-container');
      await page.click('.graphiql-execute-button');
      await page.locator('.result-window', { hasText: 'agency-spend-share' }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: SCREENSHOT });
      expect({ elsewhere, problems }).toEqual({ elsewhere: [], problems: [] });
    } finally {
      await page.close();
    }
  });
});

it('is not served in production, where GET /graphql is for operations only', async () => {
  const test = await startTestServer({ production: true });
  try {
    const response = await fetch(test.server.url, { headers: { Accept: 'text/html' } });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await fetch(new URL('/graphql-ide/ide.js', test.server.url))).status).toBe(404);
  } finally {
    await test.stop();
  }
});
