import type { Sql } from '../db/sql';
import { nextMonth } from '../../engine/kpi/period';
import type { ChangeFeed } from '../live/listen-for-changes';

/** Every instance hears of each request; the one that works facts out acts on it. */
export const FACT_REFRESHES: ChangeFeed = { channel: 'progress_fact_refresh', table: 'fact_refresh' };

/** The months a chart of a later month can reach back over: a change in a month moves this many charts. */
export const MONTHS_A_CHANGE_MOVES = 24;

/** Which facts a write made stale: one KPI, some units or a subtree or every unit, from a month on. */
export interface FactRefreshRequest {
  kpiKey: string;
  /** Null with `subtreeOf` null: every unit. */
  unitIds?: readonly number[] | null;
  subtreeOf?: number | null;
  from: string;
  /** Null: every month from `from` on. */
  to?: string | null;
}

/** The last month whose chart a change in `month` moves. */
export function lastMonthMoved(month: string): string {
  let last = month;
  for (let step = 1; step < MONTHS_A_CHANGE_MOVES; step++) last = nextMonth(last);
  return last;
}

/** Queues the refresh in the writer's transaction, so it is seen exactly when what made it stale is. */
export async function requestFactRefresh(sql: Sql, request: FactRefreshRequest): Promise<void> {
  await sql.query(
    `with queued as (
       insert into fact_refresh (kpi_key, unit_ids, subtree_of, from_period, to_period)
       values ($1, $2::int[], $3::int, $4, $5) returning id
     )
     select pg_notify($6, id::text) from queued`,
    [
      request.kpiKey,
      request.unitIds ? [...request.unitIds] : null,
      request.subtreeOf ?? null,
      request.from,
      request.to ?? null,
      FACT_REFRESHES.channel,
    ],
  );
}
