import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from '../db/sql';
import { ORG_LEVELS } from '../../engine/kpi/vocabulary';

/**
 * For a first submission: its month marked as reported for its unit, and what that month's and later months'
 * counts to date gain (see `toDateGains`). Beside the changed year the masks hold the stored years either side,
 * since a financial year runs from April to the next March.
 */
const MARK_REPORTED = `
marked as (
  insert into reported_months (kpi_key, org_unit_id, year, months) values ($3::text, $8::int, $9::int, $10::int)
  on conflict (kpi_key, org_unit_id, year) do update set months = reported_months.months | excluded.months
  returning kpi_key, org_unit_id, year, months & ~$10::int as before, months as after
),
masks as (
  select * from marked
  union all
  select kpi_key, org_unit_id, year, months, months from reported_months
  where kpi_key = $3::text and org_unit_id = $8::int and year in ($9::int - 1, $9::int + 1)
),
gains as (select * from (${toDateGains('select * from masks')}) as gains),`;

/** A correction leaves the months reported as they were. */
const NO_GAINS = `
gains as (
  select null::text as period, 0 as reporting_quarter, 0 as reporting_financial_year, 0 as reporting_year where false
),`;

/**
 * Adds one observation's change (its new values less the version it replaces) to the roll-up of every unit on
 * its path, with what the month's counts to date gain, and records the change for live subscribers, in one
 * statement. Every submission of a KPI and month updates the same rows at the top of the tree and holds them
 * until it commits, so this is the submission's last statement: they are held for one round trip. Rows are
 * locked root first, so concurrent submissions under the same ancestors queue instead of deadlocking; the
 * arithmetic is PostgreSQL numeric, so sums stay exact. Returns the gains of later months, still to be added.
 */
const applyChange = (gains: string) => `
with ${gains}
month_gain as (
  select coalesce(sum(reporting_quarter), 0)::int as quarter, coalesce(sum(reporting_financial_year), 0)::int as financial_year,
    coalesce(sum(reporting_year), 0)::int as calendar_year
  from gains where period = $4::text
),
change as (
  select jsonb_object_agg(k, coalesce(($1::jsonb ->> k)::numeric, 0) - coalesce(($2::jsonb ->> k)::numeric, 0)) as sums
  from (select jsonb_object_keys($1::jsonb) union select jsonb_object_keys($2::jsonb)) as input_names(k)
),
path as (select * from unnest($6::int[]) with ordinality as unit(id, position)),
upserted as (
  insert into rollup (kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year)
  select $3::text, path.id, $4::text, change.sums, $5::int, month_gain.quarter, month_gain.financial_year,
    month_gain.calendar_year
  from path, change, month_gain
  order by path.position
  on conflict (kpi_key, org_unit_id, period) do update set
    sums = (
      select jsonb_object_agg(k, coalesce((rollup.sums ->> k)::numeric, 0) + coalesce((excluded.sums ->> k)::numeric, 0))
      from (select jsonb_object_keys(rollup.sums) union select jsonb_object_keys(excluded.sums)) as input_names(k)
    ),
    reporting = rollup.reporting + excluded.reporting,
    reporting_quarter = rollup.reporting_quarter + excluded.reporting_quarter,
    reporting_financial_year = rollup.reporting_financial_year + excluded.reporting_financial_year,
    reporting_year = rollup.reporting_year + excluded.reporting_year
  returning org_unit_id, sums, reporting
),
recorded as (
  insert into kpi_change (kpi_key, period, units)
  select $3::text, $4::text, json_agg(json_build_array(
      upserted.org_unit_id,
      (select coalesce(jsonb_object_agg(k, (upserted.sums ->> k)::numeric - coalesce((change.sums ->> k)::numeric, 0)), '{}')
       from jsonb_object_keys(upserted.sums) as input_names(k)),
      upserted.reporting - $5::int, upserted.sums, upserted.reporting)
    order by path.position)
  from upserted join path on path.id = upserted.org_unit_id, change
  returning id
)
select pg_notify($7::text, recorded.id::text),
  (select coalesce(json_agg(gains), '[]') from gains where period <> $4::text) as later
from recorded`;

const APPLY_FIRST_SUBMISSION = applyChange(MARK_REPORTED);
const APPLY_CORRECTION = applyChange(NO_GAINS);

/**
 * Later months' roll-ups on the path are locked in month order, then root first, as every submission locks
 * them: a submission only ever waits for rows after those it holds, so two never wait for each other.
 */
const LOCK_LATER_MONTHS = `
select 1 from rollup
join unnest($1::int[]) with ordinality as unit(id, position) on rollup.org_unit_id = unit.id
where rollup.kpi_key = $2 and rollup.period = any($3::text[])
order by rollup.period, unit.position
for update of rollup`;

const ADD_TO_DATE = `
update rollup set
  reporting_quarter = rollup.reporting_quarter + increment.quarter,
  reporting_financial_year = rollup.reporting_financial_year + increment.financial_year,
  reporting_year = rollup.reporting_year + increment.calendar_year
from unnest($1::text[], $2::int[], $3::int[], $4::int[])
  as increment(period, quarter, financial_year, calendar_year)
where rollup.kpi_key = $5 and rollup.org_unit_id = any($6::int[]) and rollup.period = increment.period`;

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

interface ToDateGain {
  period: string;
  reporting_quarter: number;
  reporting_financial_year: number;
  reporting_year: number;
}

/**
 * Applies the change to every roll-up on its path and announces it on `channel` (see `applyChange`); each
 * unit's roll-up before and after it is in the announcement.
 */
export async function applyRollupChange(sql: Sql, change: RollupChange, channel: string): Promise<void> {
  const [year, month] = change.period.split('-').map(Number) as [number, number];
  const [applied] = await sql.query<{ later: ToDateGain[] }>(
    change.replaced ? APPLY_CORRECTION : APPLY_FIRST_SUBMISSION,
    [
      JSON.stringify(change.values),
      JSON.stringify(change.replaced ?? {}),
      change.kpiKey,
      change.period,
      change.replaced ? 0 : 1,
      change.pathIds,
      channel,
      // Only a first submission marks its month reported.
      ...(change.replaced ? [] : [change.pathIds.at(-1)!, year, 1 << (month - 1)]),
    ],
  );
  const later = applied!.later;
  if (later.length === 0) return;
  await sql.query(LOCK_LATER_MONTHS, [change.pathIds, change.kpiKey, later.map((gain) => gain.period)]);
  await sql.query(ADD_TO_DATE, [
    later.map((gain) => gain.period),
    later.map((gain) => gain.reporting_quarter),
    later.map((gain) => gain.reporting_financial_year),
    later.map((gain) => gain.reporting_year),
    change.kpiKey,
    change.pathIds,
  ]);
}

/**
 * For a quarter or a year, `reporting` counts the collecting units that submitted for every month of it so
 * far. Each month's roll-up keeps that count to date for the quarter, financial year and calendar year the
 * month falls in, so a longer period's figure is one read of its latest month's roll-up.
 *
 * A unit is complete to date at a month of a period when it has submitted for every month of the period up to
 * and including that one: with the period's months as bits by position, through the run of ones at its start.
 * New months lengthen the run, and each month they add to it gains one in that period's count.
 *
 * `yearMasks` is a query of `kpi_key`, `org_unit_id`, `year` and that year's months as bits `before` and
 * `after` the change (January is bit 0). Beside each changed year it must hold the stored years before and
 * after it, unchanged, since a financial year runs from April to the next March. The result has a row for
 * each KPI, unit and month whose counts the change moves, with what each count gains.
 */
export function toDateGains(yearMasks: string): string {
  const runFromStart = (mask: string) => `bit_count(((((${mask}) + 1) & ~(${mask})) - 1)::bit(16))`;
  // Positions as a table of twelve rather than generate_series, whose guess of a thousand rows a call would
  // have the planner sort what it should hash.
  const positions = `(values ${Array.from({ length: 12 }, (_, position) => `(${position})`).join(', ')})`;
  return `
    with periods as (
      select kpi_key, org_unit_id, kind, first_index, ${runFromStart('before')} as run_before,
        ${runFromStart('after')} as run_after
      from (
        select kpi_key, org_unit_id, 'QUARTER' as kind, year * 12 + quarter * 3 as first_index,
          (before >> (quarter * 3)) & 7 as before, (after >> (quarter * 3)) & 7 as after
        from (${yearMasks}) as masks, (values (0), (1), (2), (3)) as quarters(quarter)
        union all
        select kpi_key, org_unit_id, 'YEAR', year * 12, before, after from (${yearMasks}) as masks
        union all
        select this.kpi_key, this.org_unit_id, 'FINANCIAL_YEAR', this.year * 12 + 3,
          (this.before >> 3) | ((coalesce(next.before, 0) & 7) << 9),
          (this.after >> 3) | ((coalesce(next.after, 0) & 7) << 9)
        from (${yearMasks}) as this
        left join (${yearMasks}) as next on next.kpi_key = this.kpi_key and next.org_unit_id = this.org_unit_id
          and next.year = this.year + 1
      ) as period_masks
      where before <> after
    ),
    -- Most changes lengthen a run by one month: only longer gains, from a gap filled, are spread over months.
    months_gained as (
      select kpi_key, org_unit_id, kind, first_index + run_before as month_index
      from periods where run_after = run_before + 1
      union all
      select kpi_key, org_unit_id, kind, first_index + position
      from periods join ${positions} as positions(position) on position >= run_before and position < run_after
      where run_after > run_before + 1
    )
    select kpi_key, org_unit_id,
      lpad((month_index / 12)::text, 4, '0') || '-' || lpad((month_index % 12 + 1)::text, 2, '0') as period,
      count(*) filter (where kind = 'QUARTER')::int as reporting_quarter,
      count(*) filter (where kind = 'FINANCIAL_YEAR')::int as reporting_financial_year,
      count(*) filter (where kind = 'YEAR')::int as reporting_year
    from months_gained
    group by kpi_key, org_unit_id, month_index`;
}

/** The columns a leaf, a part and a total of a roll-up share. */
const ROLLUP_COLUMNS = `kpi_key varchar(100) not null, org_unit_id int not null, period varchar(7) not null,
  sums jsonb not null, reporting int not null, reporting_quarter int not null,
  reporting_financial_year int not null, reporting_year int not null`;
const COUNTS = 'reporting, reporting_quarter, reporting_financial_year, reporting_year';

/**
 * Sums `rollup_leaf` (what changed at each submitting unit, one row per KPI, unit and month: `ROLLUP_COLUMNS`
 * plus the unit's `level`) up the tree, and returns the query of the totals: one row per KPI, unit and month
 * for every unit with a leaf in its subtree, the leaf units included. It works a level at a time from the
 * bottom: a unit's total is its leaf and what its children passed up, and each total is passed to the parent,
 * so every row is read once at its own level and once at its parent's, and the time grows linearly with the
 * leaves. A leaf to which nothing was passed is its unit's total as it stands, and is not copied. The tables
 * are temporary and go with the transaction.
 */
export async function rollUpLeaves(em: EntityManager): Promise<string> {
  await em.execute(`create temp table rollup_part (${ROLLUP_COLUMNS}, level text not null) on commit drop`);
  await em.execute(`create temp table rollup_total (${ROLLUP_COLUMNS}, level text not null) on commit drop`);
  // The KPIs whose leaves at a level were summed with parts from below, rather than taken as they are.
  await em.execute(
    'create temp table rollup_summed_leaf (level text not null, kpi_key varchar(100) not null) on commit drop',
  );
  await em.execute('create index on rollup_leaf (level)');
  await em.execute('create index on rollup_part (level)');
  const leavesTakenAsTheyAre = `
    select kpi_key, org_unit_id, period, sums, ${COUNTS}, level from rollup_leaf leaf
    where not exists (select from rollup_summed_leaf summed where summed.level = leaf.level and summed.kpi_key = leaf.kpi_key)`;
  for (const level of ORG_LEVELS) {
    await em.execute(
      'insert into rollup_summed_leaf select distinct level, kpi_key from rollup_part where level = ?',
      [level],
    );
    await em.execute(
      `insert into rollup_total
       select kpi_key, org_unit_id, period,
         case when count(*) filter (where sums <> '{}') <= 1
           then coalesce((array_agg(sums) filter (where sums <> '{}'))[1], '{}')
         else (select jsonb_object_agg(input.key, input.total) from (
           select entry.key, sum(entry.value::numeric) as total
           from unnest(array_agg(sums)) as contribution(sums), jsonb_each_text(contribution.sums) as entry
           group by entry.key) as input)
         end,
         sum(reporting), sum(reporting_quarter), sum(reporting_financial_year), sum(reporting_year), ?
       from (
         select kpi_key, org_unit_id, period, sums, ${COUNTS} from rollup_part where level = ?
         union all
         select kpi_key, org_unit_id, period, sums, ${COUNTS} from rollup_leaf leaf
         where level = ? and exists (
           select from rollup_summed_leaf summed where summed.level = leaf.level and summed.kpi_key = leaf.kpi_key)
       ) as contributions
       group by kpi_key, org_unit_id, period`,
      [level, level, level],
    );
    await em.execute(
      `insert into rollup_part
       select total.kpi_key, unit.parent_id, total.period, total.sums, ${COUNTS.split(', ')
         .map((column) => `total.${column}`)
         .join(', ')}, parent.level
       from (
         select * from rollup_total where level = ?
         union all
         select * from (${leavesTakenAsTheyAre}) as leaves where level = ?
       ) as total
       join org_unit unit on unit.id = total.org_unit_id
       join org_unit parent on parent.id = unit.parent_id`,
      [level, level],
    );
  }
  // Temporary tables have no statistics until analysed: the totals' readers join them with the roll-ups.
  await em.execute('analyze rollup_leaf');
  await em.execute('analyze rollup_total');
  return `(select kpi_key, org_unit_id, period, sums, ${COUNTS}, level from rollup_total union all ${leavesTakenAsTheyAre})`;
}

/**
 * For the set-based steps: sorts and hashes of a month of a whole system in memory, not on disk (the default
 * is 4 MB); no JIT compilation, which the planner's guesses about temporary tables make it choose, at half a
 * second a statement, for statements that take milliseconds; and the cost of an index probe as it is on disks
 * without seeks, so that looking up a month's rows by key is not traded for hashing every roll-up there is.
 */
const BULK_SETTINGS = [
  "set local work_mem = '256MB'",
  'set local jit = off',
  'set local random_page_cost = 1.1',
];

/** For the rest of the transaction: see `BULK_SETTINGS`. */
export async function useBulkSettings(tx: EntityManager): Promise<void> {
  for (const setting of BULK_SETTINGS) await tx.execute(setting);
}

/**
 * Recomputes every roll-up from the latest version of each observation, level by level (see `rollUpLeaves`):
 * how the demo seed loads in bulk, and how an operator repairs roll-ups. Runs inside the caller's transaction.
 */
export async function rebuildRollups(em: EntityManager): Promise<void> {
  await useBulkSettings(em);
  await em.execute('delete from reported_months');
  await em.execute(`
    insert into reported_months (kpi_key, org_unit_id, year, months)
    select kpi_key, org_unit_id, substr(period, 1, 4)::int, bit_or(1 << (substr(period, 6, 2)::int - 1))
    from observation where version = 1
    group by 1, 2, 3`);
  await em.execute(`
    create temp table rollup_latest on commit drop as
    select distinct on (kpi_key, org_unit_id, period) kpi_key, org_unit_id, period, "values"
    from observation order by kpi_key, org_unit_id, period, version desc`);
  await em.execute(`
    create temp table rollup_leaf on commit drop as
    select kpi_key, org_unit_id, period, latest."values" as sums, 1 as reporting,
      coalesce(gains.reporting_quarter, 0) as reporting_quarter,
      coalesce(gains.reporting_financial_year, 0) as reporting_financial_year,
      coalesce(gains.reporting_year, 0) as reporting_year, unit.level
    from rollup_latest latest
    left join (${toDateGains('select kpi_key, org_unit_id, year, 0 as before, months as after from reported_months')}) as gains
      using (kpi_key, org_unit_id, period)
    join org_unit unit on unit.id = org_unit_id`);
  const totals = await rollUpLeaves(em);
  await em.execute('delete from rollup');
  await em.execute(
    `insert into rollup (kpi_key, org_unit_id, period, sums, ${COUNTS})
     select kpi_key, org_unit_id, period, sums, ${COUNTS} from ${totals} as totals`,
  );
  await em.execute('drop table rollup_latest, rollup_leaf, rollup_part, rollup_total, rollup_summed_leaf');
}

export function pathIds(path: string): number[] {
  return path
    .split('.')
    .filter((id) => id !== '')
    .map(Number);
}
