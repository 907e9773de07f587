import type { RunningServer } from '../../server/transport/start-server';

/**
 * How many units, observations, roll-ups, live changes, threshold settings and stories are stored: what a
 * refused write must leave as it was.
 */
export async function tableCounts(server: RunningServer) {
  const [counts] = await server.database.orm.em.fork().execute<
    {
      units: string;
      observations: string;
      rollups: string;
      changes: string;
      thresholds: string;
      stories: string;
    }[]
  >(
    `select (select count(*) from org_unit) as units, (select count(*) from observation) as observations,
       (select count(*) from rollup) as rollups, (select count(*) from kpi_change) as changes,
       (select count(*) from tier_threshold_setting) as thresholds, (select count(*) from story) as stories`,
  );
  return counts;
}
