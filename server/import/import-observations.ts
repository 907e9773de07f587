import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Access } from '../auth/access';
import { CLIENT_ERROR_CODES } from '../errors';
import { checkSubmission } from '../kpi/check-submission';
import type { SubmittingUnit } from '../kpi/check-submission';
import type { KpiRegistry } from '../kpi/kpi-registry';
import { takeKpiWriteLocks } from '../kpi/kpi-write-lock';
import { TO_DATE_FLAGS, rollUpLeaves } from '../kpi/rollups';
import { KPI_CHANGES } from '../live/kpi-change';
import { noSuchUnit } from '../org/named-unit';
import type { ImportReport, RowProblem } from './import-report';
import type { ReadRow } from './read-import-rows';

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
const STAGING_BATCH = 2_000;

/** Ends the transaction with nothing written, carrying the report out. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

function problemOf(line: number, error: unknown): RowProblem | null {
  if (!(error instanceof GraphQLError)) return null;
  const code = error.extensions.code;
  if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) return null;
  const field = typeof error.extensions.field === 'string' ? error.extensions.field : 'orgUnit';
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
  await access.coverage();
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
    unitNamed: (code: string) => {
      const unit = units.get(code);
      if (!unit) throw noSuchUnit(code);
      return unit;
    },
  };

  try {
    return await em.transactional(async (tx) => {
      await tx.execute(
        `create temp table import_row (line int not null, kpi_key varchar(100) not null, org_unit_id int not null,
           period varchar(7) not null, "values" jsonb not null) on commit drop`,
      );
      const kpiKeys = new Set<string>();
      let batch: { line: number; kpi: string; unitId: number; period: string; values: string }[] = [];
      const stage = async () => {
        if (batch.length === 0) return;
        await tx.execute(
          `insert into import_row select * from unnest(array[?]::int[], array[?]::text[], array[?]::int[], array[?]::text[], array[?]::jsonb[])`,
          [
            batch.map((row) => row.line),
            batch.map((row) => row.kpi),
            batch.map((row) => row.unitId),
            batch.map((row) => row.period),
            batch.map((row) => row.values),
          ],
        );
        batch = [];
        progress('checking');
      };

      for await (const row of rows) {
        report.rows += 1;
        if ('problem' in row) {
          refuse(row.problem);
          continue;
        }
        try {
          const checked = await checkSubmission(checks, row.request);
          // Staged even once a row is refused, which rolls everything back, so that repeats are still found.
          kpiKeys.add(checked.kpi.key);
          batch.push({
            line: row.line,
            kpi: checked.kpi.key,
            unitId: checked.unit.id,
            period: checked.period,
            values: JSON.stringify(checked.values),
          });
        } catch (error) {
          const problem = problemOf(row.line, error);
          if (!problem) throw error;
          refuse(problem);
        }
        if (batch.length >= STAGING_BATCH) await stage();
      }
      await stage();
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
      await rollUpLeaves(tx);
      report.valuesChanged = await applyRollupTotals(tx);
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

/** A file gives each KPI, unit and month once: a second row for one would silently win over the first. */
async function refuseRepeatedRows(tx: EntityManager, refuse: (problem: RowProblem) => void): Promise<void> {
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
     select staged.kpi_key, staged.org_unit_id, staged.period, staged."values",
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
 * date move (`TO_DATE_FLAGS` after the import less before it, over the periods that hold a new month).
 */
async function stageRollupLeaves(tx: EntityManager): Promise<void> {
  await tx.execute(`
    create temp table rollup_leaf on commit drop as
    with change as (
      select kpi_key, org_unit_id, period,
        (select jsonb_object_agg(name, coalesce(("values" ->> name)::numeric, 0) - coalesce((replaced ->> name)::numeric, 0))
         from (select jsonb_object_keys("values") union select jsonb_object_keys(coalesce(replaced, '{}'))) as names(name)
        ) as sums,
        (replaced_version is null)::int as reporting
      from import_change
    ),
    new_month as (select kpi_key, org_unit_id, period from import_change where replaced_version is null),
    -- Every quarter, financial year and calendar year holding a new month lies within these bounds.
    span as (
      select kpi_key, org_unit_id,
        lpad((min(substr(period, 1, 4))::int - 1)::text, 4, '0') || '-04' as first_month,
        lpad((max(substr(period, 1, 4))::int + 1)::text, 4, '0') || '-03' as last_month
      from new_month group by kpi_key, org_unit_id
    ),
    reported as (
      select observation.kpi_key, observation.org_unit_id, observation.period,
        new_month.period is not null as is_new
      from span
      join observation on observation.kpi_key = span.kpi_key and observation.org_unit_id = span.org_unit_id
        and observation.period between span.first_month and span.last_month and observation.version = 1
      left join new_month on new_month.kpi_key = observation.kpi_key
        and new_month.org_unit_id = observation.org_unit_id and new_month.period = observation.period
    ),
    after_import as (select kpi_key, org_unit_id, period, ${TO_DATE_FLAGS} from reported),
    before_import as (select kpi_key, org_unit_id, period, ${TO_DATE_FLAGS} from reported where not is_new),
    to_date as (
      select kpi_key, org_unit_id, period,
        after_import.reporting_quarter - coalesce(before_import.reporting_quarter, 0) as reporting_quarter,
        after_import.reporting_financial_year - coalesce(before_import.reporting_financial_year, 0) as reporting_financial_year,
        after_import.reporting_year - coalesce(before_import.reporting_year, 0) as reporting_year
      from after_import left join before_import using (kpi_key, org_unit_id, period)
    )
    select kpi_key, org_unit_id, period, coalesce(change.sums, '{}') as sums, coalesce(change.reporting, 0) as reporting,
      coalesce(to_date.reporting_quarter, 0) as reporting_quarter,
      coalesce(to_date.reporting_financial_year, 0) as reporting_financial_year,
      coalesce(to_date.reporting_year, 0) as reporting_year, unit.level
    from change
    full join (
      select * from to_date
      where reporting_quarter <> 0 or reporting_financial_year <> 0 or reporting_year <> 0
    ) as to_date using (kpi_key, org_unit_id, period)
    join org_unit unit on unit.id = org_unit_id`);
}

/**
 * Adds each unit's total change to its roll-up, and records one live change per KPI and month with every unit
 * whose value or reporting moved, before and after, root first; PostgreSQL sends the notifications on commit.
 * Returns how many unit values moved.
 */
async function applyRollupTotals(tx: EntityManager): Promise<number> {
  await tx.execute(
    `create temp table rollup_applied (kpi_key varchar(100), org_unit_id int, period varchar(7), sums jsonb,
       reporting int, change jsonb, reporting_added int) on commit drop`,
  );
  await tx.execute(`
    with applied as (
      insert into rollup (kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year)
      select kpi_key, org_unit_id, period, sums, reporting, reporting_quarter, reporting_financial_year, reporting_year
      from rollup_total
      on conflict (kpi_key, org_unit_id, period) do update set
        sums = (
          select jsonb_object_agg(name, coalesce((rollup.sums ->> name)::numeric, 0) + coalesce((excluded.sums ->> name)::numeric, 0))
          from (select jsonb_object_keys(rollup.sums) union select jsonb_object_keys(excluded.sums)) as names(name)
        ),
        reporting = rollup.reporting + excluded.reporting,
        reporting_quarter = rollup.reporting_quarter + excluded.reporting_quarter,
        reporting_financial_year = rollup.reporting_financial_year + excluded.reporting_financial_year,
        reporting_year = rollup.reporting_year + excluded.reporting_year
      returning kpi_key, org_unit_id, period, sums, reporting
    )
    insert into rollup_applied
    select applied.kpi_key, applied.org_unit_id, applied.period, applied.sums, applied.reporting,
      total.sums, total.reporting
    from applied join rollup_total total using (kpi_key, org_unit_id, period)
    where total.reporting <> 0 or exists (select from jsonb_each_text(total.sums) as entry where entry.value::numeric <> 0)`);
  const [{ moved }] = (await tx.execute<{ moved: string }[]>(
    `with recorded as (
       insert into kpi_change (kpi_key, period, units, committed_at)
       select applied.kpi_key, applied.period,
         jsonb_agg(jsonb_build_object(
           'unitId', applied.org_unit_id,
           'before', jsonb_build_object(
             'sums', (select jsonb_object_agg(name, (applied.sums ->> name)::numeric - coalesce((applied.change ->> name)::numeric, 0))
                      from jsonb_object_keys(applied.sums) as names(name)),
             'reporting', applied.reporting - applied.reporting_added),
           'after', jsonb_build_object('sums', applied.sums, 'reporting', applied.reporting)
         ) order by unit.path),
         now()
       from rollup_applied applied join org_unit unit on unit.id = applied.org_unit_id
       group by applied.kpi_key, applied.period
       returning id
     )
     select count(pg_notify(?, recorded.id::text)) as changes, (select count(*) from rollup_applied) as moved
     from recorded`,
    [KPI_CHANGES.channel],
  )) as [{ moved: string }];
  return Number(moved);
}
