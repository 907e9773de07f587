import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Access } from '../../engine/access/access';
import { DomainError } from '../../engine/errors';
import { checkSubmissionNow } from '../kpi/check-submission';
import type { SubmittingUnit } from '../kpi/check-submission';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { takeKpiWriteLocks } from '../kpi/kpi-write-lock';
import { rollUpLeaves, toDateGains, useBulkSettings } from '../kpi/rollups';
import { FACT_REFRESHES, MONTHS_A_CHANGE_MOVES } from '../facts/request-fact-refresh';
import { KPI_CHANGES } from '../live/kpi-change';
import { noSuchUnit } from '../org/named-unit';
import type { ImportReport, RowProblem } from './import-report';
import type { ReadRow } from './read-import-rows';
import { executeBound } from '../db/execute-bound';
import { pacer } from '../../engine/pace';

export interface ImportDeps {
  /** A fresh entity manager: the import runs in a transaction of its own. */
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
}

export type ImportPhase = 'checking' | 'storing' | 'rolling up' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Rows read so far. */
  rows: number;
  problemCount: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Each refused row, as soon as it is found. */
  onProblem?: (problem: RowProblem) => void;
  onProgress?: (progress: ImportProgress) => void;
}

/** Rows staged per statement: big enough to keep PostgreSQL busy, small enough to keep the event loop free. */
const STAGING_BATCH = 5_000;
/**
 * Rows read and checked between two turns of the event loop, some tens of microseconds each: a stream
 * that stays ahead of the checks would otherwise hand them over for as long as the file lasts.
 */
const ROWS_PER_TURN = 500;

/** Ends the transaction with nothing written, carrying the report out. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

function problemOf(line: number, error: unknown): RowProblem | null {
  if (!(error instanceof DomainError)) return null;
  const code = error.code;
  const field = error.field ?? 'orgUnit';
  const message = error.message.startsWith(`${field}: `)
    ? error.message.slice(field.length + 2)
    : error.message;
  return { line, field, code, message };
}

async function readUnits(em: EntityManager): Promise<Map<string, SubmittingUnit>> {
  const rows = await em.execute<SubmittingUnit[]>('select id, code, level, tags, path from org_unit');
  return new Map(rows.map((unit) => [unit.code, unit]));
}

/**
 * Imports many months of many KPIs at once, with exactly the checks of `submitObservation` for every row
 * (`checkSubmission`), all or nothing: a file with any refused row writes nothing and reports every refused
 * row. A row for a KPI, unit and month already stored with other values is a correction (a new version); with
 * the same values it writes nothing, so importing a file twice changes nothing the second time.
 *
 * Rows stream through: they are checked as they are read and staged in a temporary table, so memory does not
 * grow with the file. Then, set-based in the same transaction: versions, observations, the roll-ups of every
 * unit above them (level by level, `rollUpLeaves`), and one live change per KPI and month naming every unit
 * whose value moved, announced when the transaction commits.
 */
export async function importObservations(
  { em, registry, access, now }: ImportDeps,
  rows: AsyncIterable<ReadRow>,
  { dryRun = false, onProblem, onProgress }: ImportOptions = {},
): Promise<ImportReport> {
  access.requireRole('CONTRIBUTOR', 'Importing observations');
  // Read before the transaction opens: the embedded database has a single connection.
  const covers = await access.coverage();
  const units = await readUnits(em);
  const submittedBy = access.viewer.subject ?? 'anonymous';

  const report: ImportReport = {
    dryRun,
    committed: false,
    rows: 0,
    created: 0,
    corrected: 0,
    unchanged: 0,
    problemCount: 0,
    valuesChanged: 0,
  };
  const refuse = (problem: RowProblem) => {
    report.problemCount += 1;
    onProblem?.(problem);
  };
  const progress = (phase: ImportPhase) =>
    onProgress?.({ phase, rows: report.rows, problemCount: report.problemCount });
  const checks = {
    registry,
    access,
    now,
    covers,
    unitNamed: (code: string) => {
      const unit = units.get(code);
      if (!unit) throw noSuchUnit(code);
      return unit;
    },
  };

  try {
    return await em.transactional(async (tx) => {
      await useBulkSettings(tx);
      await tx.execute(
        `create temp table import_row (line int not null, kpi_key varchar(100) not null, org_unit_id int not null,
           level text not null, period varchar(7) not null, "values" jsonb not null) on commit drop`,
      );
      const kpiKeys = new Set<string>();
      const pace = pacer(ROWS_PER_TURN);
      type Staged = {
        line: number;
        kpi: string;
        unit: SubmittingUnit;
        period: string;
        values: Record<string, number>;
      };
      let batch: Staged[] = [];
      // One batch is stored while the next is read and checked.
      let storing: Promise<unknown> = Promise.resolve();
      const stage = async () => {
        await storing;
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        // One JSON parameter for the whole batch: a parameter a value would be thousands a statement.
        storing = executeBound(
          tx,
          `insert into import_row
           select * from jsonb_to_recordset(?::jsonb)
             as staged(line int, kpi_key varchar(100), org_unit_id int, level text, period varchar(7), "values" jsonb)`,
          [
            JSON.stringify(
              rows.map((row) => ({
                line: row.line,
                kpi_key: row.kpi,
                org_unit_id: row.unit.id,
                level: row.unit.level,
                period: row.period,
                values: row.values,
              })),
            ),
          ],
        );
        progress('checking');
      };

      try {
        for await (const row of rows) {
          await pace();
          report.rows += 1;
          if ('problem' in row) {
            refuse(row.problem);
            continue;
          }
          try {
            const checked = checkSubmissionNow(checks, row.request);
            // Staged even once a row is refused, which rolls everything back, so that repeats are still found.
            kpiKeys.add(checked.kpi.key);
            batch.push({
              line: row.line,
              kpi: checked.kpi.key,
              unit: checked.unit,
              period: checked.period,
              values: checked.values,
            });
          } catch (error) {
            const problem = problemOf(row.line, error);
            if (!problem) throw error;
            refuse(problem);
          }
          if (batch.length >= STAGING_BATCH) await stage();
        }
        await stage();
      } finally {
        // A batch still being stored when the rows fail is waited for: the transaction ends only after it.
        await storing.catch(() => undefined);
      }
      await storing;
      await refuseRepeatedRows(tx, refuse);
      if (report.problemCount > 0) throw new RolledBack(report);

      progress('storing');
      // Bulk writes of a KPI queue behind its single submissions in flight, and hold new ones until commit.
      await takeKpiWriteLocks(tx, kpiKeys);
      Object.assign(report, await classifyRows(tx));
      if (dryRun) throw new RolledBack(report);
      await tx.execute(
        `insert into observation (kpi_key, org_unit_id, period, version, "values", submitted_by, submitted_at)
         select kpi_key, org_unit_id, period, coalesce(replaced_version, 0) + 1, "values", ?, ?
         from import_change`,
        [submittedBy, now],
      );
      progress('rolling up');
      await stageRollupLeaves(tx);
      report.valuesChanged = await applyRollupTotals(tx, await rollUpLeaves(tx));
      report.committed = true;
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  } finally {
    progress('done');
  }
}

/**
 * A file gives each KPI, unit and month once: a second row for one would silently win over the first. Building
 * a unique index over the staged rows says at once whether any repeat; only then are the repeats looked for.
 */
async function refuseRepeatedRows(tx: EntityManager, refuse: (problem: RowProblem) => void): Promise<void> {
  await tx.execute('savepoint unique_rows');
  try {
    await tx.execute('create unique index on import_row (kpi_key, org_unit_id, period)');
    await tx.execute('release savepoint unique_rows');
    return;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    await tx.execute('rollback to savepoint unique_rows');
  }
  const repeats = await tx.execute<{ kpi_key: string; code: string; period: string; lines: number[] }[]>(
    `select repeated.kpi_key, unit.code, repeated.period, repeated.lines from (
       select kpi_key, org_unit_id, period, array_agg(line order by line) as lines
       from import_row group by kpi_key, org_unit_id, period having count(*) > 1
     ) as repeated join org_unit unit on unit.id = repeated.org_unit_id
     order by repeated.lines[1]`,
  );
  for (const { kpi_key, code, period, lines } of repeats) {
    for (const line of lines.slice(1)) {
      refuse({
        line,
        field: 'period',
        code: 'BAD_USER_INPUT',
        message: `${kpi_key} for ${code} in ${period} is already on line ${lines[0]}: give each KPI, unit and month once`,
      });
    }
  }
}

/** Each row against the latest stored version: new, a correction, or the same values again (then dropped). */
async function classifyRows(
  tx: EntityManager,
): Promise<Pick<ImportReport, 'created' | 'corrected' | 'unchanged'>> {
  await tx.execute(
    `create temp table import_change on commit drop as
     select staged.kpi_key, staged.org_unit_id, staged.level, staged.period, staged."values",
       latest.version as replaced_version, latest."values" as replaced
     from import_row staged
     left join lateral (
       select version, "values" from observation
       where observation.kpi_key = staged.kpi_key and observation.org_unit_id = staged.org_unit_id
         and observation.period = staged.period
       order by version desc limit 1
     ) as latest on true`,
  );
  const [counts] = await tx.execute<{ created: string; corrected: string; unchanged: string }[]>(
    `select count(*) filter (where replaced_version is null) as created,
       count(*) filter (where replaced is not null and replaced <> "values") as corrected,
       count(*) filter (where replaced = "values") as unchanged
     from import_change`,
  );
  await tx.execute('delete from import_change where replaced = "values"');
  return {
    created: Number(counts!.created),
    corrected: Number(counts!.corrected),
    unchanged: Number(counts!.unchanged),
  };
}

/**
 * What the import changes at each submitting unit, as the leaves `rollUpLeaves` sums up the tree: each row's
 * values less those it replaces, one more unit reporting for each new month, and the months whose counts to
 * date move (`toDateGains`, from the months each unit has submitted, as bits).
 */
async function stageRollupLeaves(tx: EntityManager): Promise<void> {
  await tx.execute(`
    create temp table import_year_mask on commit drop as
    select added.kpi_key, added.org_unit_id, added.year, coalesce(stored.months, 0) as before,
      coalesce(stored.months, 0) | added.bits as after, stored.months is not null as stored
    from (
      select kpi_key, org_unit_id, substr(period, 1, 4)::int as year, bit_or(1 << (substr(period, 6, 2)::int - 1)) as bits
      from import_change where replaced_version is null
      group by 1, 2, 3
    ) as added
    left join reported_months stored using (kpi_key, org_unit_id, year)`);
  await tx.execute('analyze import_year_mask');
  await tx.execute(
    `update reported_months set months = changed.after from import_year_mask changed
     where changed.stored and reported_months.kpi_key = changed.kpi_key
       and reported_months.org_unit_id = changed.org_unit_id and reported_months.year = changed.year`,
  );
  await tx.execute(
    `insert into reported_months (kpi_key, org_unit_id, year, months)
     select kpi_key, org_unit_id, year, after from import_year_mask where not stored`,
  );
  // A financial year runs from April to the next March: the year before matters when January to March gain a
  // month, and the year after only when April to December are then all submitted.
  await tx.execute(`
    insert into import_year_mask
    select stored.kpi_key, stored.org_unit_id, stored.year, stored.months, stored.months, true
    from (
      select kpi_key, org_unit_id, year - 1 as year from import_year_mask where (after & ~before & 7) <> 0
      union
      select kpi_key, org_unit_id, year + 1 from import_year_mask where (after & ~before & 4088) <> 0 and (after & 4088) = 4088
    ) as neighbour
    join reported_months stored using (kpi_key, org_unit_id, year)
    where not exists (
      select from import_year_mask changed
      where changed.kpi_key = neighbour.kpi_key and changed.org_unit_id = neighbour.org_unit_id and changed.year = neighbour.year
    )`);
  await tx.execute(`
    create temp table rollup_leaf on commit drop as
    select kpi_key, org_unit_id, period, coalesce(change.sums, '{}') as sums, coalesce(change.reporting, 0) as reporting,
      coalesce(gains.reporting_quarter, 0) as reporting_quarter,
      coalesce(gains.reporting_financial_year, 0) as reporting_financial_year,
      coalesce(gains.reporting_year, 0) as reporting_year, coalesce(change.level, unit.level) as level
    from (
      select kpi_key, org_unit_id, level, period,
        case when replaced is null then "values" else (
          select jsonb_object_agg(name, coalesce(("values" ->> name)::numeric, 0) - coalesce((replaced ->> name)::numeric, 0))
          from (select jsonb_object_keys("values") union select jsonb_object_keys(replaced)) as names(name)
        ) end as sums,
        (replaced_version is null)::int as reporting
      from import_change
    ) as change
    full join (${toDateGains('select * from import_year_mask')}) as gains using (kpi_key, org_unit_id, period)
    -- A month gains in its counts to date without a row of its own only when it fills a gap.
    left join org_unit unit on change.level is null and unit.id = org_unit_id`);
}

/**
 * Adds each unit's total change to its roll-up, records one live change per KPI and month with every unit
 * whose value or reporting moved, before and after, and queues the refresh of their facts; PostgreSQL sends
 * the notifications on commit.
 * The KPIs' write locks are held, so nothing else moves these roll-ups meanwhile. Returns how many unit values
 * moved.
 */
async function applyRollupTotals(tx: EntityManager, totals: string): Promise<number> {
  await tx.execute(`
    create temp table rollup_applied on commit drop as
    select total.kpi_key, total.org_unit_id, total.period,
      case when stored.sums is null then total.sums else (
        select jsonb_object_agg(name, coalesce((stored.sums ->> name)::numeric, 0) + coalesce((total.sums ->> name)::numeric, 0))
        from (select jsonb_object_keys(stored.sums) union select jsonb_object_keys(total.sums)) as names(name)
      ) end as sums,
      coalesce(stored.reporting, 0) + total.reporting as reporting,
      coalesce(stored.reporting_quarter, 0) + total.reporting_quarter as reporting_quarter,
      coalesce(stored.reporting_financial_year, 0) + total.reporting_financial_year as reporting_financial_year,
      coalesce(stored.reporting_year, 0) + total.reporting_year as reporting_year,
      stored.sums is not null as stored, coalesce(stored.sums, '{}') as sums_before,
      coalesce(stored.reporting, 0) as reporting_before,
      total.reporting <> 0 or exists (select from jsonb_each_text(total.sums) as entry where entry.value::numeric <> 0)
        as moved
    from ${totals} as total left join rollup stored using (kpi_key, org_unit_id, period)`);
  await tx.execute(`
    update rollup set sums = applied.sums, reporting = applied.reporting,
      reporting_quarter = applied.reporting_quarter, reporting_financial_year = applied.reporting_financial_year,
      reporting_year = applied.reporting_year
    from rollup_applied applied
    where applied.stored and rollup.kpi_key = applied.kpi_key and rollup.org_unit_id = applied.org_unit_id
      and rollup.period = applied.period`);
  await tx.execute(`
    insert into rollup (kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year)
    select kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year
    from rollup_applied where not stored`);
  const [{ moved }] = (await tx.execute<{ moved: string }[]>(
    `with recorded as (
       insert into kpi_change (kpi_key, period, units, committed_at)
       select applied.kpi_key, applied.period,
         json_agg(json_build_array(applied.org_unit_id, applied.sums_before, applied.reporting_before, applied.sums,
           applied.reporting)),
         now()
       from rollup_applied applied
       where applied.moved
       group by applied.kpi_key, applied.period
       returning id
     )
     select count(pg_notify(?, recorded.id::text)) as changes,
       (select count(*) from rollup_applied where moved) as moved
     from recorded`,
    [KPI_CHANGES.channel],
  )) as [{ moved: string }];
  // The charts a month moves run to 23 months after it (see request-fact-refresh.ts).
  await tx.execute(
    `with requested as (
       insert into fact_refresh (kpi_key, unit_ids, from_period, to_period)
       select kpi_key, array_agg(distinct org_unit_id), min(period),
         to_char(to_date(max(period), 'YYYY-MM') + interval '${MONTHS_A_CHANGE_MOVES - 1} months', 'YYYY-MM')
       from rollup_applied where moved group by kpi_key
       returning id
     )
     select count(pg_notify(?, requested.id::text)) from requested`,
    [FACT_REFRESHES.channel],
  );
  return Number(moved);
}
