import type { EntityManager } from '@mikro-orm/postgresql';
import { ORG_LEVELS } from './vocabulary';
import { toDateIncrements } from './reporting-to-date';

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

/**
 * Later months' roll-ups on the path are locked in month order, then root first, as every submission locks
 * them: a submission only ever waits for rows after those it holds, so two never wait for each other.
 */
const LOCK_LATER_MONTHS = `
select 1 from rollup
join unnest(array[?]::int[]) with ordinality as unit(id, position) on rollup.org_unit_id = unit.id
where rollup.kpi_key = ? and rollup.period = any(array[?]::text[])
order by rollup.period, unit.position
for update of rollup`;

const ADD_TO_DATE = `
update rollup set
  reporting_quarter = rollup.reporting_quarter + increment.quarter,
  reporting_financial_year = rollup.reporting_financial_year + increment.financial_year,
  reporting_year = rollup.reporting_year + increment.calendar_year
from unnest(array[?]::text[], array[?]::int[], array[?]::int[], array[?]::int[])
  as increment(period, quarter, financial_year, calendar_year)
where rollup.kpi_key = ? and rollup.org_unit_id = any(array[?]::int[]) and rollup.period = increment.period`;

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
  if (!change.replaced) await addToDateCounts(em, change);
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

/** A first submission may complete its unit's quarter, financial year and calendar year to date. */
async function addToDateCounts(em: EntityManager, change: RollupChange): Promise<void> {
  const unitId = change.pathIds.at(-1)!;
  // Every period containing the month lies within the year either side of it.
  const [year] = change.period.split('-').map(Number) as [number];
  const rows = await em.execute<{ period: string }[]>(
    `select distinct period from observation
     where kpi_key = ? and org_unit_id = ? and period between ? and ?`,
    [
      change.kpiKey,
      unitId,
      `${String(year - 1).padStart(4, '0')}-01`,
      `${String(year + 1).padStart(4, '0')}-12`,
    ],
  );
  const increments = toDateIncrements(change.period, new Set(rows.map((row) => row.period)));
  if (increments.size === 0) return;
  const months = [...increments.keys()];
  const later = months.filter((month) => month !== change.period);
  if (later.length > 0) await em.execute(LOCK_LATER_MONTHS, [change.pathIds, change.kpiKey, later]);
  const counts = [...increments.values()];
  await em.execute(ADD_TO_DATE, [
    months,
    counts.map((count) => count.QUARTER),
    counts.map((count) => count.FINANCIAL_YEAR),
    counts.map((count) => count.YEAR),
    change.kpiKey,
    change.pathIds,
  ]);
}

/**
 * For rows of distinct months per KPI and unit, whether each month completes its unit's quarter, financial
 * year and calendar year to date: the rule of kpi/reporting-to-date.ts, set-based.
 */
export const TO_DATE_FLAGS = `
  (count(*) over (partition by kpi_key, org_unit_id, substr(period, 1, 4), (substr(period, 6, 2)::int - 1) / 3 order by period)
    = (substr(period, 6, 2)::int - 1) % 3 + 1)::int as reporting_quarter,
  (count(*) over (partition by kpi_key, org_unit_id, substr(period, 1, 4)::int - (substr(period, 6, 2)::int < 4)::int order by period)
    = (substr(period, 6, 2)::int + 8) % 12 + 1)::int as reporting_financial_year,
  (count(*) over (partition by kpi_key, org_unit_id, substr(period, 1, 4) order by period)
    = substr(period, 6, 2)::int)::int as reporting_year`;

/** The columns a leaf, a part and a total of a roll-up share. */
const ROLLUP_COLUMNS = `kpi_key varchar(100) not null, org_unit_id int not null, period varchar(7) not null,
  sums jsonb not null, reporting int not null, reporting_quarter int not null,
  reporting_financial_year int not null, reporting_year int not null`;
const COUNTS = 'reporting, reporting_quarter, reporting_financial_year, reporting_year';

/**
 * Sums `rollup_leaf` (what changed at each submitting unit: `ROLLUP_COLUMNS` plus the unit's `level`) up the
 * tree into `rollup_total`: one row per KPI, unit and month for every unit with a leaf in its subtree, the
 * leaf units included. It works a level at a time from the bottom: a level's totals are its leaves and what
 * its children passed up, and each total is passed to the parent, so every row is read once at its own level
 * and once at its parent's, and the time grows linearly with the leaves. Both tables are temporary and go
 * with the transaction.
 */
export async function rollUpLeaves(em: EntityManager): Promise<void> {
  await em.execute(`create temp table rollup_part (${ROLLUP_COLUMNS}, level text not null) on commit drop`);
  await em.execute(`create temp table rollup_total (${ROLLUP_COLUMNS}, level text not null) on commit drop`);
  await em.execute('create index on rollup_leaf (level)');
  await em.execute('create index on rollup_part (level)');
  for (const level of ORG_LEVELS) {
    await em.execute(
      `insert into rollup_total
       select kpi_key, org_unit_id, period,
         case when count(*) = 1 then (array_agg(sums))[1]
         else (select jsonb_object_agg(input.key, input.total) from (
           select entry.key, sum(entry.value::numeric) as total
           from unnest(array_agg(sums)) as contribution(sums), jsonb_each_text(contribution.sums) as entry
           group by entry.key) as input)
         end,
         sum(reporting), sum(reporting_quarter), sum(reporting_financial_year), sum(reporting_year), ?
       from (
         select kpi_key, org_unit_id, period, sums, ${COUNTS} from rollup_leaf where level = ?
         union all
         select kpi_key, org_unit_id, period, sums, ${COUNTS} from rollup_part where level = ?
       ) as contributions
       group by kpi_key, org_unit_id, period`,
      [level, level, level],
    );
    await em.execute(
      `insert into rollup_part
       select total.kpi_key, unit.parent_id, total.period, total.sums, ${COUNTS.split(', ')
         .map((column) => `total.${column}`)
         .join(', ')}, parent.level
       from rollup_total total
       join org_unit unit on unit.id = total.org_unit_id
       join org_unit parent on parent.id = unit.parent_id
       where total.level = ?`,
      [level],
    );
  }
}

/**
 * Recomputes every roll-up from the latest version of each observation, level by level (see `rollUpLeaves`):
 * how the demo seed loads in bulk, and how an operator repairs roll-ups. Runs inside the caller's transaction.
 */
export async function rebuildRollups(em: EntityManager): Promise<void> {
  await em.execute(`
    create temp table rollup_leaf on commit drop as
    select latest.kpi_key, latest.org_unit_id, latest.period, latest."values" as sums, 1 as reporting,
      ${TO_DATE_FLAGS}, unit.level
    from (
      select distinct on (kpi_key, org_unit_id, period) kpi_key, org_unit_id, period, "values"
      from observation order by kpi_key, org_unit_id, period, version desc
    ) as latest
    join org_unit unit on unit.id = latest.org_unit_id`);
  await rollUpLeaves(em);
  await em.execute('delete from rollup');
  await em.execute(
    `insert into rollup (kpi_key, org_unit_id, period, sums, ${COUNTS})
     select kpi_key, org_unit_id, period, sums, ${COUNTS} from rollup_total`,
  );
  await em.execute('drop table rollup_leaf, rollup_part, rollup_total');
}

export function pathIds(path: string): number[] {
  return path
    .split('.')
    .filter((id) => id !== '')
    .map(Number);
}
