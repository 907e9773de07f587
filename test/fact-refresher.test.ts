import { FACT_REFRESHES } from '../server/storage/facts/request-fact-refresh';
import { FIRST_MONTH, unitsRequested } from '../server/storage/facts/fact-refresher';
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

it('works out the units its requests name: listed, in a subtree, or every unit', async () => {
  const test = await startTestServer();
  try {
    await createUnits(test, treeOf(2, 2));
    const em = test.server.database.orm.em.fork();
    const ids = new Map(
      (await em.execute<{ id: number; code: string }[]>('select id, code from org_unit')).map((unit) => [
        unit.code,
        unit.id,
      ]),
    );
    const queue = async (unitIds: string | null, subtreeOf: string | null) => {
      const [queued] = await em.execute<{ id: number }[]>(
        `insert into fact_refresh (kpi_key, unit_ids, subtree_of, from_period, to_period)
         values (?, ${unitIds === null ? 'null' : `array[${unitIds}]::int[]`}, ?, '2026-01', '2026-02') returning id`,
        [KPI, subtreeOf === null ? null : ids.get(subtreeOf)],
      );
      return queued!.id;
    };
    const codesOf = (unitIds: number[]) =>
      unitIds.map((unitId) => [...ids].find(([, id]) => id === unitId)![0]);

    const listed = await queue(`${ids.get('SVC1-T2')}, ${ids.get('ORG')}`, null);
    const listedAgain = await queue(`${ids.get('ORG')}`, null);
    const subtree = await queue(null, 'SVC2');
    const everyUnit = await queue(null, null);

    const named = await unitsRequested(em, [
      { id: listed, every_unit: false },
      { id: listedAgain, every_unit: false },
      { id: subtree, every_unit: false },
    ]);
    expect(named).toEqual([...named].sort((a, b) => a - b));
    expect(codesOf(named).sort()).toEqual(['ORG', 'SVC1-T2', 'SVC2', 'SVC2-T1', 'SVC2-T2']);
    expect(
      await unitsRequested(em, [
        { id: listed, every_unit: false },
        { id: everyUnit, every_unit: true },
      ]),
    ).toEqual([...ids.values()].sort((a, b) => a - b));
  } finally {
    await test.stop();
  }
});
