import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Adds one observation's change (its new values less the version it replaces) to the roll-up of every
 * unit on its path, in one statement. Rows are locked root first, so concurrent submissions under the
 * same ancestors queue instead of deadlocking; the arithmetic is PostgreSQL numeric, so sums stay exact.
 */
const APPLY_CHANGE = `
with change as (
  select jsonb_object_agg(k, coalesce((?::jsonb ->> k)::numeric, 0) - coalesce((?::jsonb ->> k)::numeric, 0)) as sums
  from (select jsonb_object_keys(?::jsonb) union select jsonb_object_keys(?::jsonb)) as input_names(k)
),
upserted as (
  insert into rollup (kpi_key, org_unit_id, period, sums, reporting)
  select ?, unit.id, ?, change.sums, ?
  from unnest(array[?]::int[]) with ordinality as unit(id, position), change
  order by unit.position
  on conflict (kpi_key, org_unit_id, period) do update set
    sums = (
      select jsonb_object_agg(k, coalesce((rollup.sums ->> k)::numeric, 0) + coalesce((excluded.sums ->> k)::numeric, 0))
      from (select jsonb_object_keys(rollup.sums) union select jsonb_object_keys(excluded.sums)) as input_names(k)
    ),
    reporting = rollup.reporting + excluded.reporting
  returning org_unit_id, sums, reporting
)
select upserted.org_unit_id as unit_id, upserted.sums, upserted.reporting,
  (select jsonb_object_agg(k, (upserted.sums ->> k)::numeric - coalesce((change.sums ->> k)::numeric, 0))
   from jsonb_object_keys(upserted.sums) as input_names(k)) as sums_before
from upserted, change`;

export interface RollupChange {
  kpiKey: string;
  period: string;
  /** The unit's path ids, root first, ending with the unit itself. */
  pathIds: readonly number[];
  values: Readonly<Record<string, number>>;
  /** The values of the version being replaced; null for a first submission. */
  replaced: Readonly<Record<string, number>> | null;
}

export interface RollupState {
  sums: Record<string, number>;
  /** Collecting units that have submitted; 0 means the roll-up holds no data. */
  reporting: number;
}

/** One unit's roll-up either side of a change: what live subscribers are told. */
export interface UnitRollupChange {
  unitId: number;
  before: RollupState;
  after: RollupState;
}

/** Applies the change and returns each unit's roll-up before and after it, root first. */
export async function applyRollupChange(
  em: EntityManager,
  change: RollupChange,
): Promise<UnitRollupChange[]> {
  const values = JSON.stringify(change.values);
  const replaced = JSON.stringify(change.replaced ?? {});
  const reportingAdded = change.replaced ? 0 : 1;
  const rows = await em.execute<
    {
      unit_id: number;
      sums: Record<string, number>;
      reporting: number;
      sums_before: Record<string, number>;
    }[]
  >(APPLY_CHANGE, [
    values,
    replaced,
    values,
    replaced,
    change.kpiKey,
    change.period,
    reportingAdded,
    change.pathIds,
  ]);
  const byUnit = new Map(rows.map((row) => [row.unit_id, row]));
  return change.pathIds.map((unitId) => {
    const row = byUnit.get(unitId)!;
    return {
      unitId,
      before: { sums: row.sums_before, reporting: row.reporting - reportingAdded },
      after: { sums: row.sums, reporting: row.reporting },
    };
  });
}

/** Recomputes every roll-up from the latest version of each observation; the demo seed loads in bulk with it. */
export async function rebuildRollups(em: EntityManager): Promise<void> {
  await em.execute('delete from rollup');
  await em.execute(`
    with latest as (
      select distinct on (kpi_key, org_unit_id, period) kpi_key, org_unit_id, period, "values"
      from observation order by kpi_key, org_unit_id, period, version desc
    ),
    by_input as (
      select latest.kpi_key, ancestor.id as unit_id, latest.period, input.key as input_name,
             sum(input.value::numeric) as total, count(*) as observations
      from latest
      join org_unit submitter on submitter.id = latest.org_unit_id
      join org_unit ancestor on submitter.path like ancestor.path || '%'
      cross join lateral jsonb_each_text(latest."values") as input(key, value)
      group by 1, 2, 3, 4
    )
    insert into rollup (kpi_key, org_unit_id, period, sums, reporting)
    select kpi_key, unit_id, period, jsonb_object_agg(input_name, total), max(observations)
    from by_input group by 1, 2, 3`);
}

export function pathIds(path: string): number[] {
  return path
    .split('.')
    .filter((id) => id !== '')
    .map(Number);
}
