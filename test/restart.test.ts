import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tokens } from '../server/transport/auth/tokens';
import { MIGRATIONS } from '../server/storage/db/migrations';
import type { Config } from '../server/transport/config';
import { startServer } from '../server/transport/start-server';
import { KPI_VALUE, SUBMIT, followUp } from './support/operations';
import { postGraphQL } from './support/post-graphql';
import { createTestDatabase } from './support/test-database';
import { TEST_JWT_SECRET } from './support/test-server';

const quiet = { logger: { info: () => undefined, error: () => undefined } };

it('keeps what it accepted across a restart, applying migrations only once', async () => {
  const database = await createTestDatabase();
  // Embedded: a folder whose parents do not exist yet, as a fresh clone's ./data does not.
  const folder = database.databaseUrl ? null : mkdtempSync(path.join(tmpdir(), 'progress-restart-'));
  const config: Config = {
    port: 0,
    databaseUrl: database.databaseUrl,
    dataDir: folder ? path.join(folder, 'nested', 'store') : database.dataDir,
    jwtSecret: TEST_JWT_SECRET,
    demoSeed: false,
    kpiPluginDirs: [],
    production: false,
    requestTimeoutMs: 30_000,
    corsOrigins: [],
    chromiumPath: '/usr/bin/chromium',
  };
  const admin = await new Tokens(TEST_JWT_SECRET).issue({
    sub: 'restart-admin',
    roles: ['ADMIN'],
    orgUnits: ['*'],
  });
  try {
    const first = await startServer(config, quiet);
    for (const input of [
      { code: 'R-ORG', name: 'Trust', level: 'ORGANISATION' },
      { code: 'R-TEAM', name: 'Team', level: 'TEAM', parentCode: 'R-ORG', tags: ['inpatient'] },
    ]) {
      await postGraphQL<{ orgUnit?: { kpiValue: unknown } | null }>(
        first.url,
        'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }',
        { input },
        admin,
      );
    }
    expect(
      (
        await postGraphQL<{ orgUnit?: { kpiValue: unknown } | null }>(
          first.url,
          SUBMIT,
          { input: followUp('R-TEAM', '2026-01', 9, 10, 7) },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    const before = await postGraphQL<{ orgUnit?: { kpiValue: unknown } | null }>(
      first.url,
      KPI_VALUE,
      { code: 'R-ORG', kpi: 'seven-day-follow-up', period: '2026-01' },
      admin,
    );
    await first.close();

    const second = await startServer(config, quiet);
    try {
      const after = await postGraphQL<{ orgUnit?: { kpiValue: unknown } | null }>(
        second.url,
        KPI_VALUE,
        { code: 'R-ORG', kpi: 'seven-day-follow-up', period: '2026-01' },
        admin,
      );
      expect(after).toEqual(before);
      expect(after.data!.orgUnit!.kpiValue).toMatchObject({ value: 90, reporting: 1 });
      const migrations = await second.database.orm.em.fork().execute('select name from mikro_orm_migrations');
      expect(migrations).toHaveLength(MIGRATIONS.length);
    } finally {
      await second.close();
    }
  } finally {
    await database.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
});
