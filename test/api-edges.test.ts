import path from 'node:path';
import { createUnits, treeOf } from './support/build-tree';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const THROWING_VALIDATE = path.join(__dirname, 'fixtures/plugins/throwing-validate');
const SUBMIT_FEEDBACK = `mutation { submitObservation(input: {
  kpi: "unchecked-feedback", orgUnit: "SVC1-T1", period: "2026-01",
  values: [{ name: "actedOn", value: 3 }, { name: "received", value: 4 }] }) { id } }`;

function nested(depth: number): string {
  let selection = 'code';
  for (let level = 0; level < depth; level++) selection = `children { ${selection} }`;
  return `{ orgUnit(code: "SYS") { ${selection} } }`;
}

describe.each([
  ['production', true],
  ['development', false],
])('in %s', (_mode, production) => {
  let test: TestServer;
  let admin: string;
  beforeAll(async () => {
    test = await startTestServer({ production, kpiPluginDirs: [THROWING_VALIDATE] });
    await createUnits(test, treeOf(1, 1));
    admin = await test.token(['ADMIN']);
  });
  afterAll(() => test.stop());

  it('refuses an operation deeper than the limit before running it', async () => {
    const allowed = await test.graphql(nested(4), {}, admin);
    expect(allowed.errors).toBeUndefined();
    const tooDeep = await test.graphql(nested(15), {}, admin);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: kpis { key }`).join(' ');
    const result = await test.graphql(`{ ${aliases} }`, {}, admin);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it(
    production
      ? 'masks an internal error: no message, no stack trace'
      : 'shows an internal error to the developer',
    async () => {
      const result = await test.graphql(SUBMIT_FEEDBACK, {}, admin);
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      if (production) {
        expect(error).toEqual({
          message: 'Internal server error',
          locations: expect.any(Array),
          path: ['submitObservation'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
        expect(JSON.stringify(result)).not.toMatch(/strict|TypeError|\.js:\d+/);
      } else {
        expect(error?.message).toMatch(/reading 'strict'/);
        expect(error?.extensions?.stacktrace).toEqual(expect.any(Array));
      }
    },
  );

  it.each([
    ['malformed JSON', '{"query": "{ __typename }"', 400, /not valid JSON/],
    [
      'NaN, which JSON does not have',
      '{"query": "{ __typename }", "variables": {"x": NaN}}',
      400,
      /not valid JSON/,
    ],
    [
      'a body over 1 MB',
      JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }),
      413,
      /over the limit of 1 MB/,
    ],
  ])('answers %s as GraphQL JSON with a code, not an HTML page', async (_case, body, status, message) => {
    const response = await fetch(test.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body,
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: expect.stringMatching(message), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(text).not.toMatch(/node_modules|at .*\.js/);
  });

  it('keeps client errors, with their codes, as they are', async () => {
    const result = await test.graphql(
      '{ orgUnit(code: "SYS") { kpiValue(kpi: "nope", period: "2026-01") { value } } }',
      {},
      admin,
    );
    expect(result.errors?.[0]).toMatchObject({
      message: 'kpi: there is no KPI "nope"',
      extensions: { code: 'BAD_USER_INPUT', field: 'kpi' },
    });
    if (production) expect(result.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
  });

  it('tells browsers and proxies to keep no answer: each depends on the token that asked', async () => {
    const response = await fetch(test.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ orgUnit(code: "SYS") { code name } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
