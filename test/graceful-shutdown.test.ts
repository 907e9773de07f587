import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tokens } from '../server/transport/auth/tokens';
import { connectLive } from './support/live-client';
import { postGraphQL } from './support/post-graphql';
import { spawnServer } from './support/spawn-server';
import type { SpawnedServer } from './support/spawn-server';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';

const SECRET = 'graceful-shutdown-test-secret-of-enough-length';
const SUBMISSION = `mutation {
  submitObservation(input: { kpi: "mandatory-training-compliance", orgUnit: "T", period: "2026-01",
    values: [{ name: "compliant", value: 9 }, { name: "staff", value: 10 }] }) { version }
}`;
const UNITS = `mutation {
  system: createOrgUnit(input: { code: "S", name: "System", level: SYSTEM }) { code }
  org: createOrgUnit(input: { code: "O", name: "Trust", level: ORGANISATION, parentCode: "S" }) { code }
  team: createOrgUnit(input: { code: "T", name: "Team", level: TEAM, parentCode: "O" }) { code }
}`;
const READ_BACK = `{ orgUnit(code: "S") { kpiValue(kpi: "mandatory-training-compliance", period: "2026-01") { value } } }`;

interface HeldRequest {
  /** Sends the rest of the body; resolves with the status and the parsed answer. */
  finish(): Promise<{ status: number; body: { data?: unknown; errors?: unknown } }>;
}

/** A POST whose headers and first byte have reached the server, and whose body has not: a request in flight. */
async function holdRequest(url: string, token: string, query: string): Promise<HeldRequest> {
  const body = JSON.stringify({ query });
  const request = http.request(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      Authorization: `Bearer ${token}`,
    },
  });
  const answered = new Promise<{ status: number; body: { data?: unknown; errors?: unknown } }>(
    (resolve, reject) => {
      request.on('error', reject);
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    request.once('error', reject);
    request.write(body.slice(0, 1), () => resolve());
  });
  return {
    finish() {
      request.end(body.slice(1));
      return answered;
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let database: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'progress-shutdown-'));
  env = database.databaseUrl
    ? { DATABASE_URL: database.databaseUrl, JWT_SECRET: SECRET }
    : { DATA_DIR: path.join(dataDir, 'data'), JWT_SECRET: SECRET };
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database.drop();
});

it('on SIGTERM the compiled server finishes the request in flight, closes subscriptions so they reconnect, and exits 0 with nothing lost', async () => {
  const tokens = new Tokens(SECRET);
  const admin = await tokens.issue({ sub: 'shutdown-admin', roles: ['ADMIN'], orgUnits: ['*'] });
  const writer = await tokens.issue({ sub: 'shutdown-writer', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });

  let server: SpawnedServer = await spawnServer(env);
  try {
    expect((await postGraphQL(server.url, UNITS, {}, admin)).errors).toBeUndefined();
    const live = connectLive(server.url, admin);
    const changes = live.subscribe('subscription { kpiValueChanged(orgUnit: "S", initial: true) { value } }');
    await changes.received(1);

    const inFlight = await holdRequest(server.url, writer, SUBMISSION);
    const exited = server.stop();
    await until(
      () => server.output().includes('SIGTERM: finishing requests in flight'),
      'the SIGTERM log line',
    );

    expect(await live.closed).toBe(1012);
    const answer = await inFlight.finish();
    expect(answer).toEqual({ status: 200, body: { data: { submitObservation: { version: 1 } } } });
    expect(await exited).toBe(0);
  } finally {
    await server.kill();
  }

  server = await spawnServer(env);
  try {
    const read = await postGraphQL(server.url, READ_BACK, {}, admin);
    expect(read.data).toEqual({ orgUnit: { kpiValue: { value: 90 } } });
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
