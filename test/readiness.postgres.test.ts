import { MEMORY_DATA_DIR } from '../server/storage/db/open-database';
import { startServer } from '../server/transport/start-server';
import type { RunningServer } from '../server/transport/start-server';
import { createPostgresDatabase } from './support/postgres-database';
import type { PostgresDatabase } from './support/postgres-database';
import { startTcpProxy } from './support/tcp-proxy';
import type { TcpProxy } from './support/tcp-proxy';
import { POSTGRES_ADMIN_URL } from './support/test-database';
import { testConfig } from './support/test-server';

let database: PostgresDatabase;
let proxy: TcpProxy;
let server: RunningServer;

beforeAll(async () => {
  database = await createPostgresDatabase(POSTGRES_ADMIN_URL, 'progress_readiness');
  const url = new URL(database.url);
  proxy = await startTcpProxy(Number(url.port || 5432));
  url.port = String(proxy.port);
  server = await startServer(
    testConfig({ databaseUrl: url.toString(), dataDir: MEMORY_DATA_DIR, drop: async () => undefined }),
    {
      logger: { info: () => undefined, error: () => undefined },
    },
  );
});

afterAll(async () => {
  await proxy?.restore().catch(() => undefined);
  await server?.close();
  await proxy?.close();
  await database?.drop();
});

async function readiness(): Promise<{
  status: number;
  body: { status: string; checks: Record<string, string> };
}> {
  const response = await fetch(`${new URL(server.url).origin}/readyz`);
  return { status: response.status, body: (await response.json()) as never };
}

type Answer = Awaited<ReturnType<typeof readiness>>;

/** Asks until the answer is as expected, or 30 s have passed: then the last answer, for the test to judge. */
async function readinessWhen(expected: (answer: Answer) => boolean): Promise<Answer> {
  const deadline = Date.now() + 30_000;
  let answer = await readiness();
  while (!expected(answer) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await readiness();
  }
  return answer;
}

it('is not ready while the database cannot be reached, and ready again once it can', async () => {
  expect((await readiness()).status).toBe(200);

  await proxy.cut();
  const cut = await readinessWhen((answer) => answer.body.checks.listener !== 'ok');
  expect(cut.status).toBe(503);
  expect(cut.body.status).toBe('not ready');
  expect(cut.body.checks.database).toMatch(/^not answering: /);
  expect(cut.body.checks.listener).toBe('reconnecting: live changes wait until it is back');

  await proxy.restore();
  // The listener comes back after its own wait (a second at first).
  const again = await readinessWhen((answer) => answer.status === 200);
  expect(again.body).toEqual({
    status: 'ready',
    checks: { database: 'ok', migrations: 'ok', listener: 'ok', shutdown: 'ok' },
  });
});
