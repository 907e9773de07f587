import type { RunningServer } from '../../server/start-server';

/** How many observations, roll-ups and live changes are stored: what a refused write must leave as it was. */
export async function tableCounts(server: RunningServer) {
  const [counts] = await server.database.orm.em
    .fork()
    .execute<{ observations: string; rollups: string; changes: string }[]>(
      `select (select count(*) from observation) as observations, (select count(*) from rollup) as rollups,
         (select count(*) from kpi_change) as changes`,
    );
  return counts;
}
