import { embeddedSizeWarning, EMBEDDED_LIMITS } from '../server/storage/db/embedded-size';
import { insertOrgUnit } from '../server/storage/org/create-org-unit';
import { scaleHierarchy } from '../seeds/scale-system';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

describe('the embedded database past what it serves well', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer();
  });

  afterAll(async () => {
    await test?.stop();
  });

  it('says nothing for a trust, and names the units and PostgreSQL past the limit', async () => {
    const em = test.server.database.orm.em.fork();
    expect(await embeddedSizeWarning(em)).toBeNull();

    const teams = Math.ceil(EMBEDDED_LIMITS.units * 0.92);
    const units = scaleHierarchy(teams);
    expect(units.length).toBeGreaterThan(EMBEDDED_LIMITS.units);
    await em.transactional(async (tx) => {
      const inserted = new Map<string, { id: number; path: string }>();
      for (const unit of units) {
        const parent = unit.parentCode ? inserted.get(unit.parentCode)! : null;
        inserted.set(unit.code, await insertOrgUnit(tx, { ...unit, parent }));
      }
    });

    const warning = await embeddedSizeWarning(em);
    expect(warning).toContain(`holds ${units.length} units`);
    expect(warning).toContain('DATABASE_URL');
  });
});
