import { FACT_REFRESHES } from '../server/facts/request-fact-refresh';
import { FIRST_MONTH } from '../server/facts/fact-refresher';
import { createUnits, treeOf } from './support/build-tree';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

const KPI = 'seven-day-follow-up';
/** More than a round takes with it: a year's load for every team of a system queues about as many. */
const QUEUED_BEFORE = 6_000;

it("works a KPI's whole history out once, however many of its requests are queued before it", async () => {
  let counting = false;
  const passes: string[] = [];
  const test = await startTestServer(
    {},
    {
      // Each pass over a chunk of units replaces what was stored for them first.
      onQuery: (sql) => void (counting && /delete from kpi_fact where/i.test(sql) && passes.push(sql)),
    },
  );
  try {
    await createUnits(test, treeOf(1, 2));
    await factsWorkedOut(test.server);
    counting = true;

    // A load's requests for one month each, then the whole history, as a changed plugin or a rebuild queues it.
    await test.server.database.orm.em.fork().transactional(async (tx) => {
      await tx.execute(
        `insert into fact_refresh (kpi_key, unit_ids, from_period, to_period)
         select ?, array[(select min(id) from org_unit)], '2026-01', '2026-02' from generate_series(1, ?)`,
        [KPI, QUEUED_BEFORE],
      );
      await tx.execute(
        'insert into fact_refresh (kpi_key, unit_ids, subtree_of, from_period, to_period) values (?, null, null, ?, null)',
        [KPI, FIRST_MONTH],
      );
      await tx.execute('select pg_notify(?, max(id)::text) from fact_refresh', [FACT_REFRESHES.channel]);
    });
    await factsWorkedOut(test.server);

    // A handful of units are one chunk: one pass over them for the whole history, none for the months before it.
    expect(passes).toHaveLength(1);
    expect(passes[0]).not.toMatch(/period <=/);
  } finally {
    await test.stop();
  }
});
