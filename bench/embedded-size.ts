import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Tokens } from '../server/transport/auth/tokens';
import { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import { nextMonth } from '../server/engine/kpi/period';
import { scaleHierarchy, scaleObservations } from '../seeds/scale-system';
import { asCsv } from '../seeds/seed-scale';
import { machineFacts, wholeNumber } from './bench-report';
import { Cleanup } from './cleanup';
import { LatencyProbe, probedBetween } from './latency-probe';
import { startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { percentiles, rounded } from './statistics';
import type { Percentiles } from './statistics';

/**
 * `npm run bench -- embedded`: the synthetic system at several sizes on the embedded database (PGlite), each
 * in a data folder of its own: how long loading it takes and how big the folder grows, how long a server
 * takes to start on it and to work out its attention facts, what the main reads take, and how an import of
 * one more month fares, with `{ __typename }` probed all the while. What it answers is up to what size one
 * embedded server serves, and where PostgreSQL is needed instead.
 */

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;
const LAST_MONTH = '2026-02';
const SYSTEM = 'ICS';
const ORGANISATION = 'ICS-O1';
const FACTS_DONE = /Attention facts worked out/;
const FACTS_TIMEOUT_MS = 30 * 60_000;

const SCORECARD = `query Scorecard($code: String!, $period: String!) {
  orgUnit(code: $code) { scorecard(period: $period) { kpi { key } value tier reporting expected } } }`;
const ATTENTION = `query Attention($code: String!, $period: String!) {
  orgUnit(code: $code) { attention(period: $period, first: 20) { reason sentence orgUnit { code } } } }`;
const WALK = `query Walk($code: String!, $period: String!) {
  orgUnit(code: $code) { descendants { code kpiValue(kpi: "appraisal-rate", period: $period) { value tier } } } }`;

interface Options {
  teams: number[];
  months: number;
  runs: number;
  plugins: string;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      teams: { type: 'string', default: '100,400,1000' },
      months: { type: 'string', default: '24' },
      runs: { type: 'string', default: '10' },
      plugins: { type: 'string', default: './scale-plugins' },
    },
  });
  return {
    teams: values.teams.split(',').map((text) => wholeNumber(text, 'teams')),
    months: wholeNumber(values.months, 'months'),
    runs: wholeNumber(values.runs, 'runs'),
    plugins: path.resolve(values.plugins),
  };
}

function folderMegabytes(folder: string): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return rounded(bytes / 1024 ** 2);
}

async function untilOutput(server: ServerProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.output())) {
    if (Date.now() > deadline) throw new Error(`the server never said ${pattern}:\n${server.output()}`);
    await sleep(100);
  }
}

async function ask(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`a read failed: ${JSON.stringify(body.errors)}`);
}

/** One size: loaded, started, facts worked out, read, and a month imported. */
async function measureSize(teams: number, options: Options, cleanup: Cleanup) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'progress-bench-embedded-'));
  const dataDir = path.join(folder, 'data');
  cleanup.add(`the data folder of ${teams} teams`, async () =>
    rmSync(folder, { recursive: true, force: true }),
  );

  const seedStarted = performance.now();
  const { stdout } = await run(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'seeds/seed-scale.ts',
      ...['--teams', String(teams), '--months', String(options.months), '--last-month', LAST_MONTH],
      ...['--plugins', options.plugins],
    ],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, DATABASE_URL: '' } },
  );
  const seedSeconds = rounded((performance.now() - seedStarted) / 1000);
  const observations = Number(/^(\d+) observations in [\d.]+ s into/m.exec(stdout)?.[1] ?? NaN);
  const units = scaleHierarchy(teams).length;
  const loadedMb = folderMegabytes(dataDir);
  console.error(
    `${teams} teams: ${units} units, ${options.months} months seeded in ${seedSeconds} s, ${loadedMb} MB`,
  );

  const startStarted = performance.now();
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    JWT_SECRET,
    DEMO_SEED: '0',
    KPI_PLUGIN_DIRS: options.plugins,
  });
  cleanup.add(`the server on ${teams} teams`, server.stop);
  const startSeconds = rounded((performance.now() - startStarted) / 1000);
  const tokens = new Tokens(JWT_SECRET);
  const viewer = await tokens.issue({ sub: 'bench-viewer', roles: ['VIEWER'], orgUnits: ['*'] });
  const probe = new LatencyProbe(server.url, viewer);

  const factsFrom = Date.now();
  await untilOutput(server, FACTS_DONE, FACTS_TIMEOUT_MS);
  const factsTo = Date.now();
  console.error(
    `  started in ${startSeconds} s, facts worked out in ${rounded((factsTo - factsFrom) / 1000)} s`,
  );

  const windows = new Map<string, { ms: Percentiles; from: number; to: number }>();
  const timed = async (name: string, query: string, variables: Record<string, unknown>) => {
    await ask(server.url, viewer, query, variables);
    const from = Date.now();
    const durations: number[] = [];
    for (let round = 0; round < options.runs; round++) {
      const sent = performance.now();
      await ask(server.url, viewer, query, variables);
      durations.push(performance.now() - sent);
    }
    windows.set(name, { ms: percentiles(durations), from, to: Date.now() });
  };
  await timed('scorecardSystemMonth', SCORECARD, { code: SYSTEM, period: LAST_MONTH });
  await timed('scorecardSystemFinancialYear', SCORECARD, { code: SYSTEM, period: 'FY2025' });
  await timed('attentionSystem', ATTENTION, { code: SYSTEM, period: LAST_MONTH });
  await timed('walkOrganisation', WALK, { code: ORGANISATION, period: LAST_MONTH });

  // One more month for every team, through POST /import, as a trust's monthly load would come.
  const month = nextMonth(LAST_MONTH);
  // The seed has written the plugins by now.
  const registry = new KpiRegistry(await loadKpiPlugins([options.plugins]));
  const [rows] = scaleObservations(scaleHierarchy(teams), registry.all(), [month]);
  const contributor = await tokens.issue({ sub: 'bench-import', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });
  const importFrom = Date.now();
  const response = await fetch(server.url.replace(/\/graphql$/, '/import'), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${contributor}` },
    body: asCsv(rows!.rows),
  });
  const report = (await response.json()) as { committed: boolean; created: number };
  const importTo = Date.now();
  if (!report.committed) throw new Error(`the month was not imported: ${JSON.stringify(report)}`);
  const serverRssMb = rounded((await server.rssMb()) ?? NaN);
  const samples = await probe.stop();
  await server.stop();

  const reads = Object.fromEntries(
    [...windows].map(([name, { ms, from, to }]) => [
      name,
      { ms, typenameWhileRunning: probedBetween(samples, from, to) },
    ]),
  );
  const result = {
    teams,
    units,
    months: options.months,
    observations,
    seedSeconds,
    dataFolderMb: { loaded: loadedMb, afterFactsAndImport: folderMegabytes(dataDir) },
    startSeconds,
    facts: {
      seconds: rounded((factsTo - factsFrom) / 1000),
      typenameMeanwhile: probedBetween(samples, factsFrom, factsTo),
    },
    reads,
    importMonth: {
      rows: rows!.rows.length,
      seconds: rounded((importTo - importFrom) / 1000),
      typenameMeanwhile: probedBetween(samples, importFrom, importTo),
    },
    serverRssMb,
  };
  rmSync(folder, { recursive: true, force: true });
  return result;
}

export async function embeddedSize(args: string[]) {
  const options = readOptions(args);
  const loadAverageAtStart = os.loadavg().map(rounded);
  const cleanup = new Cleanup();
  try {
    const sizes = [];
    for (const teams of options.teams) sizes.push(await measureSize(teams, options, cleanup));
    return {
      benchmark: 'embedded',
      measures: `the synthetic system on the embedded database (PGlite) at ${options.teams.join(', ')} teams with ${options.months} months: npm run seed:scale into a data folder, a server started on it working out its attention facts, ${options.runs} runs of each read after one to warm, and one more month imported through POST /import, with { __typename } probed from a thread of its own throughout`,
      machine: machineFacts(loadAverageAtStart),
      sizes,
    };
  } finally {
    await cleanup.run();
  }
}
