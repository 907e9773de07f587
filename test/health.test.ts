import { checkReadiness } from '../server/transport/readiness';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

let test: TestServer;

beforeAll(async () => {
  test = await startTestServer();
});

afterAll(() => test.stop());

const origin = () => new URL(test.server.url).origin;

it('answers /healthz while the process is alive', async () => {
  const response = await fetch(`${origin()}/healthz`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toEqual({ status: 'alive' });
});

it('answers /readyz with every check passed once the database is migrated and the listener connected', async () => {
  const response = await fetch(`${origin()}/readyz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    status: 'ready',
    checks: { database: 'ok', migrations: 'ok', listener: 'ok', shutdown: 'ok' },
  });
});

it('is not ready once it is stopping, or when a migration it needs is not recorded as applied', async () => {
  const { database } = test.server;
  const stopping = await checkReadiness({ database, listenerConnected: () => true, stopping: () => true });
  expect(stopping).toEqual({
    ready: false,
    checks: expect.objectContaining({
      database: 'ok',
      shutdown: 'stopping: finishing the requests in flight',
    }),
  });

  const em = database.orm.em.fork();
  const [latest] = await em.execute<{ name: string }[]>(
    'select name from mikro_orm_migrations order by id desc limit 1',
  );
  await em.execute('delete from mikro_orm_migrations where name = ?', [latest!.name]);
  try {
    const response = await fetch(`${origin()}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'not ready',
      checks: { database: 'ok', migrations: `not applied: ${latest!.name}` },
    });
  } finally {
    await em.execute('insert into mikro_orm_migrations (name) values (?)', [latest!.name]);
  }
  expect((await fetch(`${origin()}/readyz`)).status).toBe(200);
});
