import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Tokens } from '../server/transport/auth/tokens';
import { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import { chartStart } from '../server/engine/kpi/kpi-facts';
import { nextMonth, periodContaining, previousMonth } from '../server/engine/kpi/period';
import { scaleHierarchy, scaleObservations } from '../seeds/scale-system';
import { asCsv } from '../seeds/seed-scale';
import { createBenchDatabase } from './bench-database';
import { machineFacts, progressFrom, wholeNumber } from './bench-report';
import { Cleanup } from './cleanup';
import { LatencyProbe, probedBetween } from './latency-probe';
import { startServerProcess } from './server-process';
import { percentiles, ratioTo, rounded } from './statistics';
import type { Percentiles } from './statistics';

/**
 * `npm run bench -- scale`: every read the issue of scale names, against an integrated care system of 4,000
 * teams (or an existing one), each beside its baselines in the same run: `{ __typename }`, the bare read of the
 * roll-up rows, and the same figures worked out on the fly by a recursive query. Throughout, a thread of its
 * own sends `{ __typename }` to the server, so each read also says how long it held up everyone else; last,
 * a month for the whole system is imported while that probe runs.
 */

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;
const KPI = 'appraisal-rate';
/** One unit of each level of the synthetic system, top first. */
const UNITS = {
  SYSTEM: 'ICS',
  ORGANISATION: 'ICS-O1',
  DIRECTORATE: 'ICS-O1-D1',
  SERVICE: 'ICS-O1-D1-S01',
  TEAM: 'ICS-O1-D1-S01-T01',
} as const;
const WARM_UP_RUNS = 2;
const FACTS_TIMEOUT_MS = 60 * 60_000;
/** Targets, as the issue sets them. */
const TARGETS = {
  scorecardWithinTypename: 5,
  scorecardFasterThanOnTheFly: 50,
  attentionSystemP50Ms: 1_000,
  attentionOrganisationP50Ms: 250,
  walkP50Ms: 500,
  typenameP99WhileBusyMs: 50,
  serverRssMb: 512,
};

const SCORECARD = `query Scorecard($code: String!, $period: String!) {
  orgUnit(code: $code) { scorecard(period: $period) { kpi { key } value tier reporting expected inputs { name value } } } }`;
const LIST = (list: 'attention' | 'celebrations') => `query List($code: String!, $period: String!) {
  orgUnit(code: $code) { ${list}(period: $period, first: 20) { reason sentence orgUnit { code } alsoAt { code } } } }`;
const SERIES = `query Series($code: String!, $from: String!, $to: String!) {
  orgUnit(code: $code) { series(kpi: "${KPI}", from: $from, to: $to) { mean variation assurance points { value pointType } } } }`;
const WALK = `query Walk($code: String!, $period: String!) {
  orgUnit(code: $code) { descendants { code kpiValue(kpi: "${KPI}", period: $period) { value tier reporting expected } } } }`;

/** What a scorecard worked out from the observations alone, with no roll-ups, costs: the subtree by recursion. */
const ON_THE_FLY = `
  with recursive subtree as (
    select id from org_unit where id = $1
    union all
    select child.id from org_unit child join subtree on child.parent_id = subtree.id
  ),
  latest as (
    select distinct on (kpi_key, org_unit_id, period) kpi_key, org_unit_id, "values"
    from observation where period = any($2::text[]) and org_unit_id in (select id from subtree)
    order by kpi_key, org_unit_id, period, version desc
  )
  select kpi_key, input.key, sum(input.value::numeric) as total, count(distinct org_unit_id) as reporting
  from latest, jsonb_each_text(latest."values") as input group by kpi_key, input.key`;

interface Options {
  databaseUrl: string | undefined;
  teams: number;
  runs: number;
  plugins: string;
  keep: boolean;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      'database-url': { type: 'string' },
      teams: { type: 'string', default: '4000' },
      runs: { type: 'string', default: '20' },
      plugins: { type: 'string', default: './scale-plugins' },
      keep: { type: 'boolean', default: false },
    },
  });
  return {
    databaseUrl: values['database-url'],
    teams: wholeNumber(values.teams, 'teams'),
    runs: wholeNumber(values.runs, 'runs'),
    plugins: path.resolve(values.plugins),
    keep: values.keep,
  };
}

interface Reading {
  name: string;
  ms: Percentiles;
  /** The server's resident memory once the runs were done. */
  serverRssMb: number | null;
  /** How `{ __typename }` fared at the same time, from the probe's thread. */
  typenameWhileRunning: Percentiles & { probes: number; failed: number };
}

export async function scaleReads(args: string[]) {
  const options = readOptions(args);
  const started = performance.now();
  const loadAverageAtStart = os.loadavg().map(rounded);
  const progress = progressFrom(started);
  const cleanup = new Cleanup();
  let serverOutput = () => '';
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const database = await createBenchDatabase();
      if (!options.keep) cleanup.add(`database ${database.name}`, database.drop);
      databaseUrl = database.url;
      progress(`seeding ${options.teams} teams into ${database.name}; this takes a while at full size`);
      await run(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          'seeds/seed-scale.ts',
          '--teams',
          String(options.teams),
          '--plugins',
          options.plugins,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      progress(`seeded; ${options.keep ? `kept as ${databaseUrl}` : 'dropped at the end'}`);
    }

    const sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    cleanup.add('the SQL connection', () => sql.end());
    const one = async <T>(text: string, values: unknown[] = []) =>
      (await sql.query(text, values)).rows[0] as T;
    // Planner statistics as they would be on a database in use, for the on-the-fly baseline's plan too.
    await sql.query('analyze observation, rollup, reported_months, kpi_fact');
    const { month } = await one<{ month: string }>('select max(period) as month from rollup');
    const { observations } = await one<{ observations: string }>(
      'select count(*) as observations from observation',
    );
    const { units } = await one<{ units: string }>('select count(*) as units from org_unit');
    const { id: systemId } = await one<{ id: number }>('select id from org_unit where code = $1', [
      UNITS.SYSTEM,
    ]);
    const quarter = periodContaining('QUARTER', month);
    // The latest financial year with all its months in: the one the month ends, or the one before.
    const financialYear = periodContaining('FINANCIAL_YEAR', month);
    const lastFullYear =
      month === financialYear.months.at(-1)
        ? financialYear
        : periodContaining('FINANCIAL_YEAR', previousMonth(financialYear.months[0]!));
    progress(
      `${units} units, ${observations} observations; reading ${month}, ${quarter.label} and ${lastFullYear.label}`,
    );

    const server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      DEMO_SEED: '0',
      KPI_PLUGIN_DIRS: options.plugins,
    });
    cleanup.add('the server', server.stop);
    serverOutput = () => server.output().slice(-4_000);
    let rssMax = 0;
    const rssTimer = setInterval(
      () => void server.rssMb().then((rss) => (rssMax = Math.max(rssMax, rss ?? 0))),
      250,
    );
    cleanup.add('the memory watch', async () => clearInterval(rssTimer));
    progress(`server ${server.pid}; waiting for its attention facts to be worked out`);
    const factsFrom = performance.now();
    for (;;) {
      const { pending } = await one<{ pending: string }>('select count(*) as pending from fact_refresh');
      if (Number(pending) === 0) break;
      if (performance.now() - factsFrom > FACTS_TIMEOUT_MS) throw new Error('the facts took too long');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const factsSeconds = rounded((performance.now() - factsFrom) / 1000);
    progress(`facts current after ${factsSeconds} s`);

    const token = await new Tokens(JWT_SECRET).issue({
      sub: 'bench-viewer',
      roles: ['VIEWER'],
      orgUnits: ['*'],
    });
    const importer = await new Tokens(JWT_SECRET).issue({
      sub: 'bench-import',
      roles: ['CONTRIBUTOR'],
      orgUnits: ['*'],
    });
    const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query.split('\n')[0]}: ${JSON.stringify(body.errors)}`);
    };

    // Written before any read: left idle while it is written, the client's kept-alive connection would meet
    // the server closing it.
    const importMonth = nextMonth(month);
    const registry = new KpiRegistry(await loadKpiPlugins([options.plugins]));
    const { rows } = [...scaleObservations(scaleHierarchy(options.teams), registry.all(), [importMonth])][0]!;
    const file = asCsv(rows);
    const probe = new LatencyProbe(server.url, token);
    const readings: Reading[] = [];
    let probeSamples: [number, number][] = [];
    const measure = async (name: string, read: () => Promise<unknown>, runs = options.runs) => {
      for (let warm = 0; warm < WARM_UP_RUNS; warm++) await read();
      const times: number[] = [];
      const from = Date.now();
      for (let index = 0; index < runs; index++) {
        const sent = performance.now();
        await read();
        times.push(performance.now() - sent);
      }
      readings.push({
        name,
        ms: percentiles(times),
        serverRssMb: await server.rssMb().then((rss) => rss && rounded(rss)),
        typenameWhileRunning: { from, to: Date.now() } as never,
      });
      progress(`${name}: p50 ${percentiles(times).p50} ms`);
    };

    await measure('typename', () => graphql('{ __typename }'));
    await measure('bare read of the roll-up rows', () =>
      sql.query('select kpi_key, sums, reporting from rollup where org_unit_id = $1 and period = $2', [
        systemId,
        month,
      ]),
    );
    await measure(
      'recursive query on the fly: SYSTEM, month',
      () => sql.query(ON_THE_FLY, [systemId, [month]]),
      3,
    );
    await measure(
      `recursive query on the fly: SYSTEM, ${lastFullYear.label}`,
      () => sql.query(ON_THE_FLY, [systemId, lastFullYear.months]),
      3,
    );
    for (const [level, code] of Object.entries(UNITS)) {
      for (const period of [month, quarter.label, lastFullYear.label]) {
        await measure(`scorecard ${level} ${period}`, () => graphql(SCORECARD, { code, period }));
      }
    }
    for (const list of ['attention', 'celebrations'] as const) {
      for (const level of ['SYSTEM', 'ORGANISATION'] as const) {
        await measure(`${list} ${level}`, () => graphql(LIST(list), { code: UNITS[level], period: month }));
      }
    }
    await measure('series ORGANISATION, 24 months', () =>
      graphql(SERIES, { code: UNITS.ORGANISATION, from: chartStart(month), to: month }),
    );
    await measure('walk: ORGANISATION to every unit below it, one value each', () =>
      graphql(WALK, { code: UNITS.ORGANISATION, period: month }),
    );

    // A month for every team, through POST /import, while the probe keeps asking.
    const importFrom = Date.now();
    const importSent = performance.now();
    const response = await fetch(server.url.replace(/\/graphql$/, '/import'), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${importer}` },
      body: file,
    });
    const imported = (await response.json()) as { committed: boolean; created: number; summary: string };
    const importSeconds = rounded((performance.now() - importSent) / 1000);
    const importTo = Date.now();
    progress(`imported ${importMonth}: ${imported.summary} in ${importSeconds} s`);

    probeSamples = await probe.stop();
    clearInterval(rssTimer);
    for (const reading of readings) {
      const { from, to } = reading.typenameWhileRunning as unknown as { from: number; to: number };
      reading.typenameWhileRunning = probedBetween(probeSamples, from, to);
    }
    const p50 = (name: string) => readings.find((reading) => reading.name === name)!.ms.p50;
    const typename = p50('typename');
    const onTheFly = p50('recursive query on the fly: SYSTEM, month');
    const scorecards = readings.filter((reading) => reading.name.startsWith('scorecard'));
    const busy = readings.filter((reading) => reading.name !== 'typename');
    const whileImporting = probedBetween(probeSamples, importFrom, importTo);
    const worstTypename = Math.max(
      ...[...busy.map((reading) => reading.typenameWhileRunning.p99), whileImporting.p99].filter(
        (p99) => !Number.isNaN(p99),
      ),
    );

    return {
      benchmark: 'scale',
      measures:
        'each read over HTTP against a server in its own process, after two unmeasured runs; percentiles over the runs; the probe sends { __typename } from a thread of its own throughout',
      machine: machineFacts(loadAverageAtStart),
      system: {
        units: Number(units),
        observations: Number(observations),
        month,
        factsWorkedOutSeconds: factsSeconds,
      },
      results: readings.map((reading) => ({ ...reading, ratioToTypename: ratioTo(typename, reading.ms) })),
      import: {
        month: importMonth,
        rows: rows.length,
        seconds: importSeconds,
        rowsPerSecond: Math.round(rows.length / importSeconds),
        committed: imported.committed,
        typenameWhileImporting: whileImporting,
      },
      serverRssMaxMb: rounded(rssMax),
      targets: {
        scorecardWorstRatioToTypename: {
          target: TARGETS.scorecardWithinTypename,
          measured: rounded(Math.max(...scorecards.map((reading) => reading.ms.p50)) / typename),
        },
        onTheFlyOverWorstScorecard: {
          target: TARGETS.scorecardFasterThanOnTheFly,
          measured: rounded(
            onTheFly /
              Math.max(
                ...scorecards
                  .filter((reading) => reading.name.includes(month))
                  .map((reading) => reading.ms.p50),
              ),
          ),
        },
        attentionSystemP50Ms: { target: TARGETS.attentionSystemP50Ms, measured: p50('attention SYSTEM') },
        celebrationsSystemP50Ms: {
          target: TARGETS.attentionSystemP50Ms,
          measured: p50('celebrations SYSTEM'),
        },
        attentionOrganisationP50Ms: {
          target: TARGETS.attentionOrganisationP50Ms,
          measured: p50('attention ORGANISATION'),
        },
        celebrationsOrganisationP50Ms: {
          target: TARGETS.attentionOrganisationP50Ms,
          measured: p50('celebrations ORGANISATION'),
        },
        walkP50Ms: {
          target: TARGETS.walkP50Ms,
          measured: p50('walk: ORGANISATION to every unit below it, one value each'),
        },
        typenameWorstP99WhileBusyMs: { target: TARGETS.typenameP99WhileBusyMs, measured: worstTypename },
        serverRssMaxMb: { target: TARGETS.serverRssMb, measured: rounded(rssMax) },
      },
    };
  } catch (error) {
    console.error(serverOutput());
    throw error;
  } finally {
    await cleanup.run();
  }
}
