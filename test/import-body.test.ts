import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { createUnits, treeOf } from './support/build-tree';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';
import { tableCounts } from './support/table-counts';

/** Small enough that a few dozen rows go over it. */
const MAX_BYTES = 2_048;

let test: TestServer;
let contributor: string;
const logged: unknown[] = [];
const statements: string[] = [];

beforeAll(async () => {
  test = await startTestServer(
    {},
    {
      now: () => new Date('2026-06-15T12:00:00Z'),
      maxImportBytes: MAX_BYTES,
      logger: { info: () => undefined, error: (message, error) => logged.push([message, error]) },
      onQuery: (sql) => statements.push(sql),
    },
  );
  await createUnits(test, treeOf(2, 3));
  contributor = await test.token(['CONTRIBUTOR']);
});
afterEach(() => {
  statements.length = 0;
});
afterAll(() => test.stop());

const importUrl = () => new URL(test.server.url.replace(/\/graphql$/, '/import'));

const TEAMS = ['SVC1-T1', 'SVC1-T2', 'SVC1-T3', 'SVC2-T1', 'SVC2-T2', 'SVC2-T3'];
/** Rows every check passes: one per team and month, from January 2024 on. */
function followUpRows(
  count: number,
): { kpi: string; orgUnit: string; period: string; [input: string]: unknown }[] {
  return Array.from({ length: count }, (_, index) => {
    const month = Math.floor(index / TEAMS.length);
    const period = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    return {
      kpi: 'seven-day-follow-up',
      orgUnit: TEAMS[index % TEAMS.length]!,
      period,
      followedUp: 9,
      discharged: 10,
      assessed: 8,
    };
  });
}
const csvOf = (rows: ReturnType<typeof followUpRows>) =>
  ['kpi,orgUnit,period,followedUp,discharged,assessed']
    .concat(rows.map((row) => `${row.kpi},${row.orgUnit},${row.period},9,10,8`))
    .join('\n');
const jsonLinesOf = (rows: ReturnType<typeof followUpRows>) =>
  rows.map((row) => JSON.stringify(row)).join('\n');

interface Answer {
  status: number;
  body: {
    committed?: boolean;
    created?: number;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

/** Sends the body as chunks with no length given, as a client streaming a file does. */
function postInChunks(chunks: string[], type: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(importUrl(), {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${contributor}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Answer['body'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function postWhole(body: string, type = 'text/csv'): Promise<Answer> {
  const response = await fetch(importUrl(), {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${contributor}` },
    body,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Resolves once the server has run a statement matching the pattern. */
async function statementRun(pattern: RegExp): Promise<void> {
  while (!statements.some((sql) => pattern.test(sql)))
    await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('POST /import, when the body fails', () => {
  it('refuses a body whose length is over the limit with 413 naming the limit, without reading it', async () => {
    const before = await tableCounts(test.server);
    const { status, body } = await postWhole(csvOf(followUpRows(60)));
    expect(status).toBe(413);
    expect(body.errors).toEqual([
      { message: expect.stringMatching(/larger than 2048 bytes/), extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(statements.some((sql) => /import_row/.test(sql))).toBe(false);
    expect(await tableCounts(test.server)).toEqual(before);
  });

  it.each([
    ['CSV', 'text/csv', csvOf],
    ['JSON Lines', 'application/x-ndjson', jsonLinesOf],
  ])(
    'refuses a %s body that grows over the limit as it streams with 413, writes nothing, and serves the next import',
    async (_format, type, write) => {
      const before = await tableCounts(test.server);
      const file = write(followUpRows(80));
      const chunks = Array.from({ length: Math.ceil(file.length / 500) }, (_, index) =>
        file.slice(index * 500, (index + 1) * 500),
      );
      const { status, body } = await postInChunks(chunks, type);
      expect(status).toBe(413);
      expect(body.errors).toEqual([
        { message: expect.stringMatching(/larger than 2048 bytes/), extensions: { code: 'BAD_USER_INPUT' } },
      ]);
      expect(await tableCounts(test.server)).toEqual(before);

      const next = await postInChunks([write(followUpRows(6))], type);
      expect(next).toMatchObject({ status: 200, body: { committed: true } });
      expect(logged).toEqual([]);
    },
  );

  it('frees the server when the client goes away mid-body: nothing written, nothing logged', async () => {
    const before = await tableCounts(test.server);
    const lines = csvOf(followUpRows(30).slice(12)).split('\n');
    const req: ClientRequest = request(importUrl(), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${contributor}` },
    });
    req.on('error', () => undefined);
    // The header and a first row: the import is under way, waiting for the rest.
    req.write(`${lines.slice(0, 2).join('\n')}\n`);
    await statementRun(/create temp table import_row/);
    req.write(`${lines.slice(2, 6).join('\n')}\n`);
    req.destroy();
    await statementRun(/rollback/);

    expect(await tableCounts(test.server)).toEqual(before);
    expect(logged).toEqual([]);
    const next = await postWhole(csvOf(followUpRows(30).slice(12)));
    expect(next).toMatchObject({ status: 200, body: { committed: true, created: 18 } });
  });
});
