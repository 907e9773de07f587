import WebSocket from 'ws';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

const DASHBOARD = 'https://dashboard.example.org';
const ELSEWHERE = 'https://elsewhere.example.com';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ corsOrigins: [DASHBOARD] });
});
afterAll(() => test.stop());

function preflight(origin: string): Promise<Response> {
  return fetch(test.server.url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

async function post(origin: string): Promise<Response> {
  return fetch(test.server.url, {
    method: 'POST',
    headers: {
      Origin: origin,
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await test.token(['VIEWER'])}`,
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

/** The HTTP status the upgrade is answered with: 101 when the socket opens. */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(test.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode!);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

describe('a front end on another origin', () => {
  it('passes the preflight from a listed origin, for the headers the API needs', async () => {
    const response = await preflight(DASHBOARD);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('reads the answer from a listed origin, and the request id with it', async () => {
    const response = await post(DASHBOARD);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('gives any other origin no CORS headers, so its browser withholds the answer', async () => {
    const response = await preflight(ELSEWHERE);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(ELSEWHERE)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('checks the WebSocket upgrade against the same list: listed, same-origin and non-browser clients connect', async () => {
    const own = new URL(test.server.url);
    expect(await upgradeStatus({ Origin: DASHBOARD })).toBe(101);
    expect(await upgradeStatus({ Origin: `http://${own.host}` })).toBe(101);
    expect(await upgradeStatus({})).toBe(101);
    expect(await upgradeStatus({ Origin: ELSEWHERE })).toBe(403);
  });
});

describe('errors answered as JSON', () => {
  it('answers a path nothing serves, and a malformed one, in the API’s shape', async () => {
    const base = new URL(test.server.url).origin;
    for (const [path, status, code] of [
      ['/no-such-page', 404, 'NOT_FOUND'],
      ['/graphql%00', 404, 'NOT_FOUND'],
      ['/control-room/vendor/graphql-ws/%E0%A4%A', 400, 'BAD_REQUEST'],
    ] as const) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status,
        type: expect.stringContaining('application/json'),
      });
      expect(await response.json()).toEqual({
        errors: [{ message: expect.any(String), extensions: { code } }],
      });
    }
  });
});
