import { randomBytes } from 'node:crypto';
import { checkDatabaseUrl } from '../server/storage/db/check-database-url';
import { DatabaseUrlError } from '../server/storage/db/database-url-error';
import { withPostgresAdmin } from './support/postgres-database';
import { expectFailedStart } from './support/spawn-server';
import { POSTGRES_ADMIN_URL } from './support/test-database';

function urlOfDatabase(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseExists(name: string): Promise<boolean> {
  const { rows } = await withPostgresAdmin(POSTGRES_ADMIN_URL, (client) =>
    client.query('select 1 from pg_database where datname = $1', [name]),
  );
  return rows.length > 0;
}

describe('a DATABASE_URL naming a database that does not exist', () => {
  const name = `progress_mistyped_${randomBytes(6).toString('hex')}`;

  afterAll(() =>
    withPostgresAdmin(POSTGRES_ADMIN_URL, (client) => client.query(`drop database if exists ${name}`)),
  );

  it('stops the server with a message naming the database, and creates nothing', async () => {
    const failed = await expectFailedStart({ DATABASE_URL: urlOfDatabase(name), DEMO_SEED: '1' });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain(
      `Cannot start: DATABASE_URL names the database "${name}", which does not exist`,
    );
    expect(failed.stderr).toContain('the server never creates a database');
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('a DATABASE_URL whose server does not answer', () => {
  it('is refused, naming the server', async () => {
    // Port 1 is reserved, and nothing listens there.
    const check = checkDatabaseUrl('postgres://postgres@127.0.0.1:1/progress');
    await expect(check).rejects.toThrow(DatabaseUrlError);
    await expect(check).rejects.toThrow("nothing answers at DATABASE_URL's server, 127.0.0.1:1");
  });
});

it('takes a DATABASE_URL naming a database that exists', async () => {
  await expect(checkDatabaseUrl(POSTGRES_ADMIN_URL)).resolves.toBeUndefined();
});
