import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs, promisify } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { stringify } from 'csv-stringify';
import { Tokens } from '../server/transport/auth/tokens';
import type { SubmissionRequest } from '../server/storage/kpi/check-submission';
import { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import { KEY_COLUMNS } from '../server/storage/import/read-import-rows';
import { scaleHierarchy, scaleObservations } from '../seeds/scale-system';
import { scaleMonths } from '../seeds/seed-scale';
import { createPostgresDatabase } from '../test/support/postgres-database';
import { BENCH_POSTGRES_URL, copyDatabase } from './bench-database';
import { machineFacts, progressFrom, wholeNumber } from './bench-report';
import { Cleanup } from './cleanup';
import { LatencyProbe, probedBetween } from './latency-probe';
import { startServerProcess } from './server-process';
import { rounded } from './statistics';

/**
 * `npm run bench -- import`: a file of a million observations of the synthetic system imported three ways,
 * each into a fresh copy of the same database holding the system's units and nothing else: PostgreSQL's own
 * COPY of the same rows straight into the observation table (the baseline: what the database itself takes to
 * store them, with no checks, versions or roll-ups), `npm run import` run on the database, and the same file
 * sent to a running server; with the peak memory of the importing process and, for the server, how long
 * `{ __typename }` waited meanwhile.
 */

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;
const LAST_MONTH = '2026-03';
/** Targets, as the issue sets them. */
const TARGETS = { shareOfCopy: 1 / 3, rssMb: 512 };

interface Options {
  rows: number;
  teams: number;
  plugins: string;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '1000000' },
      teams: { type: 'string', default: '4000' },
      plugins: { type: 'string', default: './scale-plugins' },
    },
  });
  return {
    rows: wholeNumber(values.rows, 'rows'),
    teams: wholeNumber(values.teams, 'teams'),
    plugins: path.resolve(values.plugins),
  };
}

/** Peak resident memory of a process so far (VmHWM), or null once it has gone. */
async function peakRssMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = status && /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? rounded(Number(match[1]) / 1024) : null;
}

/** The first `count` rows of the system's months, oldest first, as one long-format CSV file. */
async function writeFile(
  file: string,
  teams: number,
  count: number,
  kpis: KpiRegistry,
): Promise<SubmissionRequest[]> {
  const units = scaleHierarchy(teams);
  const months = scaleMonths(Math.ceil(count / (teams * 30)) + 1, LAST_MONTH);
  const rows: SubmissionRequest[] = [];
  for (const month of scaleObservations(units, kpis.all(), months)) {
    for (const row of month.rows.slice(0, count - rows.length)) rows.push(row);
    if (rows.length >= count) break;
  }
  const inputs = [...new Set(rows.flatMap((row) => row.values.map((value) => value.name)))];
  const csv = stringify({ header: true, columns: [...KEY_COLUMNS, ...inputs] });
  const written = pipeline(csv, createWriteStream(file));
  for (const row of rows) {
    const values = new Map(row.values.map((value) => [value.name, value.value]));
    if (!csv.write([row.kpi, row.orgUnit, row.period, ...inputs.map((name) => values.get(name) ?? '')])) {
      await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await written;
  return rows;
}

export async function importThroughput(args: string[]) {
  const options = readOptions(args);
  const started = performance.now();
  const loadAverageAtStart = os.loadavg().map(rounded);
  const progress = progressFrom(started);
  const cleanup = new Cleanup();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'progress-bench-import-'));
  cleanup.add('the file', async () => rmSync(folder, { recursive: true, force: true }));
  try {
    // One database with the units, copied for each way of importing.
    const units = await createPostgresDatabase(BENCH_POSTGRES_URL, 'progress_bench');
    cleanup.add(`database ${units.name}`, units.drop);
    await run(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'seeds/seed-scale.ts',
        '--teams',
        String(options.teams),
        '--months',
        '0',
        '--plugins',
        options.plugins,
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: units.url } },
    );
    const copies: string[] = [];
    for (const way of ['copy', 'cli', 'server']) {
      copies.push(await copyDatabase(units.name, `${units.name}_${way}`, cleanup));
    }
    const [copyUrl, cliUrl, serverUrl] = copies as [string, string, string];
    progress(`${options.teams} teams' units in three fresh databases`);

    const registry = new KpiRegistry(await loadKpiPlugins([options.plugins]));
    const file = path.join(folder, 'observations.csv');
    const rows = await writeFile(file, options.teams, options.rows, registry);
    const bytes = statSync(file).size;
    progress(`${rows.length} rows, ${rounded(bytes / 1024 ** 2)} MB, in ${file}`);

    // The baseline: COPY of the same rows into the observation table, versions and all, nothing else.
    const copyClient = new Client({ connectionString: copyUrl });
    await copyClient.connect();
    const ids = new Map(
      (await copyClient.query<{ id: number; code: string }>('select id, code from org_unit')).rows.map(
        (row) => [row.code, row.id],
      ),
    );
    const submittedAt = new Date().toISOString();
    const lines = rows.map((row) => {
      const values = JSON.stringify(Object.fromEntries(row.values.map((value) => [value.name, value.value])));
      return `${row.kpi}\t${ids.get(row.orgUnit)}\t${row.period}\t1\t${values}\tbench\t${submittedAt}\n`;
    });
    const copySent = performance.now();
    await pipeline(
      Readable.from(lines),
      copyClient.query(
        copyFrom(
          'copy observation (kpi_key, org_unit_id, period, version, "values", submitted_by, submitted_at) from stdin',
        ),
      ),
    );
    const copySeconds = rounded((performance.now() - copySent) / 1000);
    await copyClient.end();
    progress(`COPY: ${copySeconds} s`);

    // npm run import, on the database itself.
    const cliSent = performance.now();
    const cli = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'server/transport/cli/import-cli.ts', file],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: cliUrl, KPI_PLUGIN_DIRS: options.plugins },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let cliOutput = '';
    cli.stdout.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
    cli.stderr.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
    let cliRss = 0;
    const cliWatch = setInterval(
      () => void peakRssMb(cli.pid!).then((rss) => (cliRss = Math.max(cliRss, rss ?? 0))),
      200,
    );
    const cliCode = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    clearInterval(cliWatch);
    const cliSeconds = rounded((performance.now() - cliSent) / 1000);
    if (cliCode !== 0) throw new Error(`npm run import failed:\n${cliOutput}`);
    progress(`npm run import: ${cliSeconds} s, peak ${cliRss} MB`);

    // The same file to a running server, while { __typename } is asked of it.
    const server = await startServerProcess({
      DATABASE_URL: serverUrl,
      JWT_SECRET,
      DEMO_SEED: '0',
      KPI_PLUGIN_DIRS: options.plugins,
    });
    cleanup.add('the server', server.stop);
    const tokens = new Tokens(JWT_SECRET);
    const probe = new LatencyProbe(
      server.url,
      await tokens.issue({ sub: 'bench-viewer', roles: ['VIEWER'], orgUnits: ['*'] }),
    );
    const token = await tokens.issue({ sub: 'bench-import', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });
    let serverRss = 0;
    const serverWatch = setInterval(
      () => void peakRssMb(server.pid).then((rss) => (serverRss = Math.max(serverRss, rss ?? 0))),
      200,
    );
    const serverFrom = Date.now();
    const serverSent = performance.now();
    const response = await fetch(server.url.replace(/\/graphql$/, '/import'), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const report = (await response.json()) as { committed: boolean; created: number };
    const serverSeconds = rounded((performance.now() - serverSent) / 1000);
    const serverTo = Date.now();
    clearInterval(serverWatch);
    const samples = await probe.stop();
    if (!report.committed) throw new Error(`the server did not store the file: ${JSON.stringify(report)}`);
    progress(`POST /import: ${serverSeconds} s, server peak ${serverRss} MB`);

    const rate = (seconds: number) => Math.round(rows.length / seconds);
    const copyRate = rate(copySeconds);
    return {
      benchmark: 'import',
      measures:
        'one CSV file of the synthetic system, oldest month first, into fresh copies of one database with its units: COPY of the same rows into observation (baseline), npm run import on the database, and POST /import to a server in its own process; wall time from start to committed',
      machine: machineFacts(loadAverageAtStart),
      file: { rows: rows.length, megabytes: rounded(bytes / 1024 ** 2), teams: options.teams },
      copy: { seconds: copySeconds, rowsPerSecond: copyRate },
      cli: {
        seconds: cliSeconds,
        rowsPerSecond: rate(cliSeconds),
        shareOfCopy: rounded(rate(cliSeconds) / copyRate),
        peakRssMb: cliRss,
      },
      server: {
        seconds: serverSeconds,
        rowsPerSecond: rate(serverSeconds),
        shareOfCopy: rounded(rate(serverSeconds) / copyRate),
        peakRssMb: serverRss,
        typenameWhileImporting: probedBetween(samples, serverFrom, serverTo),
      },
      targets: {
        shareOfCopy: {
          target: rounded(TARGETS.shareOfCopy),
          cli: rounded(rate(cliSeconds) / copyRate),
          server: rounded(rate(serverSeconds) / copyRate),
        },
        peakRssMb: { target: TARGETS.rssMb, cli: cliRss, server: serverRss },
      },
    };
  } finally {
    await cleanup.run();
  }
}
