import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { writeFileSync } from 'node:fs';
import { Access } from '../server/engine/access/access';
import { readStorageConfig } from '../server/transport/config';
import { OrgUnitEntity } from '../server/storage/db/entities/org-unit.entity';
import { openDatabase } from '../server/storage/db/open-database';
import { importObservations } from '../server/storage/import/import-observations';
import { KEY_COLUMNS } from '../server/storage/import/read-import-rows';
import { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import { monthsBetween, nextMonth, previousMonth } from '../server/engine/kpi/period';
import type { SubmissionRequest } from '../server/storage/kpi/check-submission';
import { insertOrgUnit } from '../server/storage/org/create-org-unit';
import { writeLocalPlugins } from './scale-kpis';
import { scaleHierarchy, scaleObservations } from './scale-system';

const USAGE = `Usage: npm run seed:scale -- --teams <n> [--months 36] [--last-month 2026-03] [--plugins <folder>] [--csv <folder>]

  --months 0 writes the units and the plugins only, for data imported afterwards.

  Writes the synthetic system's local KPI plugins into --plugins (default ./scale-plugins), then loads its
  units and months of observations through the bulk import into DATABASE_URL (or the embedded DATA_DIR),
  which must hold no units yet. With --csv, writes one CSV file a month there instead, for npm run import.
  Start the server with KPI_PLUGIN_DIRS set to the plugin folder.`;

export interface ScaleSeedOptions {
  teams: number;
  months: number;
  lastMonth: string;
  pluginDir: string;
}

export function scaleMonths(count: number, lastMonth: string): string[] {
  if (count === 0) return [];
  let first = lastMonth;
  for (let step = 1; step < count; step++) first = previousMonth(first);
  return monthsBetween(first, lastMonth);
}

/** A month's rows as long-format CSV: the key columns, then every input any row of the file uses. */
export function asCsv(rows: readonly SubmissionRequest[]): string {
  const inputs = [...new Set(rows.flatMap((row) => row.values.map((value) => value.name)))];
  const records = rows.map((row) => {
    const values = new Map(row.values.map((value) => [value.name, value.value]));
    return [row.kpi, row.orgUnit, row.period, ...inputs.map((name) => values.get(name) ?? '')];
  });
  return stringify([[...KEY_COLUMNS, ...inputs], ...records]);
}

async function main() {
  const { values } = parseArgs({
    options: {
      teams: { type: 'string' },
      months: { type: 'string', default: '36' },
      'last-month': { type: 'string', default: '2026-03' },
      plugins: { type: 'string', default: './scale-plugins' },
      csv: { type: 'string' },
    },
  });
  const teams = Number(values.teams);
  const monthCount = Number(values.months);
  if (!Number.isInteger(teams) || teams < 1 || !Number.isInteger(monthCount) || monthCount < 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const months = scaleMonths(monthCount, values['last-month']);
  const pluginDir = path.resolve(values.plugins);
  writeLocalPlugins(pluginDir);
  const storage = readStorageConfig();
  const registry = new KpiRegistry(await loadKpiPlugins([pluginDir, ...storage.kpiPluginDirs]));
  const units = scaleHierarchy(teams);
  const span = months.length === 0 ? 'no months yet' : `${months[0]} to ${months.at(-1)}`;
  console.log(
    `${units.length} units (${teams} teams), ${registry.all().length} KPIs, ${span}; local plugins in ${pluginDir}`,
  );

  if (values.csv) {
    mkdirSync(values.csv, { recursive: true });
    for (const { month, rows } of scaleObservations(units, registry.all(), months)) {
      const file = path.join(values.csv, `observations-${month}.csv`);
      writeFileSync(file, asCsv(rows));
      console.log(`${month}: ${rows.length} rows in ${file}`);
    }
    console.log(
      `Units are not in the files: load them first, with npm run seed:scale -- --teams ${teams} --months 0 on an empty database.`,
    );
    return;
  }

  const database = await openDatabase(storage);
  try {
    const em = database.orm.em.fork();
    if ((await em.count(OrgUnitEntity)) > 0) {
      throw new Error(
        `${database.describe} already holds units: seed the synthetic system into an empty database`,
      );
    }
    await em.transactional(async (tx) => {
      const inserted = new Map<string, { id: number; path: string }>();
      for (const unit of units) {
        const parent = unit.parentCode ? inserted.get(unit.parentCode)! : null;
        inserted.set(unit.code, await insertOrgUnit(tx, { ...unit, parent }));
      }
    });
    const access = new Access(
      { subject: 'seed:scale', roles: ['ADMIN'], orgUnits: ['*'], anonymous: false },
      async () => [],
    );
    const started = Date.now();
    let total = 0;
    for (const { month, rows } of scaleObservations(units, registry.all(), months)) {
      const monthStarted = Date.now();
      async function* read() {
        for (const [index, request] of rows.entries()) yield { line: index + 1, request };
      }
      const report = await importObservations(
        { em: database.orm.em.fork(), registry, access, now: new Date(`${nextMonth(month)}-01T00:00:00Z`) },
        read(),
      );
      if (!report.committed) throw new Error(`${month} was refused: ${report.problemCount} rows`);
      total += report.created;
      console.log(
        `${month}: ${report.created} observations in ${((Date.now() - monthStarted) / 1000).toFixed(1)} s`,
      );
    }
    console.log(
      `${total} observations in ${((Date.now() - started) / 1000).toFixed(0)} s into ${database.describe}.`,
    );
    console.log(`Start the server with KPI_PLUGIN_DIRS=${pluginDir} to read them.`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
