import { openDatabase } from '../server/storage/db/open-database';
import { createUnits, treeOf } from './support/build-tree';
import { factsWorkedOut } from './support/facts-worked-out';
import { createTestDatabase } from './support/test-database';
import { startTestServer } from './support/test-server';

/** Months queued for every KPI, as a seed or a bulk load leaves them: more than one round's first take. */
const MONTHS_QUEUED_PER_KPI = 25;

it("works each changed KPI's whole history out once at a start that finds months already queued for it", async () => {
  const database = await createTestDatabase();
  const onDatabase = { databaseUrl: database.databaseUrl, dataDir: database.dataDir };
  try {
    const first = await startTestServer(onDatabase);
    let kpiCount: number;
    try {
      await createUnits(first, treeOf(1, 2));
      await factsWorkedOut(first.server);
      kpiCount = first.server.registry.all().length;
    } finally {
      await first.stop();
    }

    // Every plugin changed since its facts were worked out, and a load's months queued, oldest first.
    const stopped = await openDatabase(onDatabase);
    try {
      await stopped.orm.em.fork().execute(`update kpi_fact_basis set fingerprint = 'an older plugin'`);
      await stopped.orm.em.fork().execute(
        `insert into fact_refresh (kpi_key, unit_ids, from_period, to_period)
         select basis.kpi_key, null, '2026-01', '2026-01'
         from generate_series(1, ?) as month, kpi_fact_basis basis order by month, basis.kpi_key`,
        [MONTHS_QUEUED_PER_KPI],
      );
    } finally {
      await stopped.close();
    }

    let counting = true;
    const passes: string[] = [];
    const second = await startTestServer(onDatabase, {
      // Each pass over a chunk of units replaces what was stored for them first.
      onQuery: (sql) => void (counting && /delete from kpi_fact where/i.test(sql) && passes.push(sql)),
    });
    try {
      await factsWorkedOut(second.server);
      counting = false;
      // A handful of units are one chunk: one pass over them per KPI, for its whole history, and no other.
      expect(passes).toHaveLength(kpiCount);
      expect(passes.filter((sql) => /period <=/.test(sql))).toEqual([]);
    } finally {
      await second.stop();
    }
  } finally {
    await database.drop();
  }
});
