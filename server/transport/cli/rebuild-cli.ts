import 'reflect-metadata';
import { readStorageConfig } from '../config';
import { takeKpiWriteLocks } from '../../storage/kpi/kpi-write-lock';
import { FIRST_MONTH } from '../../storage/facts/fact-refresher';
import { requestFactRefresh } from '../../storage/facts/request-fact-refresh';
import { transactionSql } from '../../storage/db/sql';
import { rebuildRollups } from '../../storage/kpi/rollups';
import { DatabaseUrlError } from '../../storage/db/database-url-error';
import { DataDirError } from '../../storage/db/data-dir-error';
import { openDatabase } from '../../storage/db/open-database';

interface Drift {
  wrong: string;
  missing: string;
  extra: string;
  rollups: string;
}

/**
 * `npm run rebuild`: recomputes every roll-up, and the months submitted behind the counts to date, from the
 * stored observations, in one transaction, and says how many were wrong; then queues every KPI's attention
 * facts to be worked out again by a running server. Submissions and imports wait for it; running servers read
 * the result as soon as it commits.
 */
async function main() {
  const database = await openDatabase(readStorageConfig());
  try {
    const started = Date.now();
    const drift = await database.orm.em.fork().transactional(async (tx) => {
      const kpis = await tx.execute<{ kpi_key: string }[]>('select distinct kpi_key from reported_months');
      await takeKpiWriteLocks(
        tx,
        kpis.map((row) => row.kpi_key),
      );
      await tx.execute('create temp table rollup_before on commit drop as select * from rollup');
      await rebuildRollups(tx);
      // Every chart may read differently now: the facts of every KPI are worked out again in the background.
      const sql = await transactionSql(tx);
      for (const { kpi_key } of kpis) await requestFactRefresh(sql, { kpiKey: kpi_key, from: FIRST_MONTH });
      const [counts] = await tx.execute<Drift[]>(
        `select count(*) filter (where before.sums is not null and after.sums is not null) as wrong,
           count(*) filter (where before.sums is null) as missing, count(*) filter (where after.sums is null) as extra,
           (select count(*) from rollup) as rollups
         from rollup_before before full join rollup after using (kpi_key, org_unit_id, period)
         where row(before.sums, before.reporting, before.reporting_quarter, before.reporting_financial_year, before.reporting_year)
           is distinct from row(after.sums, after.reporting, after.reporting_quarter, after.reporting_financial_year, after.reporting_year)`,
      );
      return counts!;
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Rebuilt ${drift.rollups} roll-ups from the observations in ${database.describe} in ${seconds} s.`,
    );
    const fixed = Number(drift.wrong) + Number(drift.missing) + Number(drift.extra);
    console.log(
      fixed === 0
        ? 'Every roll-up already matched the observations.'
        : `Corrected ${drift.wrong} that were wrong, added ${drift.missing} that were missing and removed ${drift.extra} that had no observations behind them.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof DataDirError || error instanceof DatabaseUrlError;
  console.error(known ? `Cannot rebuild: ${error.message}` : error);
  process.exit(1);
});
