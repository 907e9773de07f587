import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { Tokens } from '../server/transport/auth/tokens';
import { FACT_WORKER_LOCK } from '../server/storage/facts/fact-refresher';
import type { SubmissionRequest } from '../server/storage/kpi/check-submission';
import { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import { scaleHierarchy, scaleObservations } from '../seeds/scale-system';
import { createPostgresDatabase } from '../test/support/postgres-database';
import { BENCH_POSTGRES_URL, copyDatabase } from './bench-database';
import { machineFacts, progressFrom, wholeNumber } from './bench-report';
import { Cleanup } from './cleanup';
import { startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { median, rounded } from './statistics';

/**
 * `npm run bench -- submissions`: `submitObservation` over HTTP from many concurrent clients, beside exactly
 * the statements those submissions make sent straight through `pg` by as many clients: the statements are
 * recorded from a server answering the same submissions one at a time (bench/record-statements.cjs), then
 * each round replays them into a fresh copy of the same database while another fresh copy takes them
 * through the API. What is left between the two rates is the server's own work per submission.
 */

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;
/** The system holds this month for every team; the submissions are the next. */
const SEEDED_MONTH = '2026-02';
const SUBMITTED_MONTH = '2026-03';
const SUBMIT = `
  mutation Submit($input: SubmitObservationInput!) { submitObservation(input: $input) { version } }`;
/** The target, as the issue sets it: the API at least half the rate of its own statements through pg. */
const TARGET_SHARE = 0.5;
const FACTS_TIMEOUT_MS = 10 * 60_000;

interface Options {
  teams: number;
  submissions: number;
  clients: number;
  rounds: number;
  plugins: string;
  /** Where the servers taking the submissions write CPU profiles, if anywhere. */
  serverCpuProf: string | undefined;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      teams: { type: 'string', default: '4000' },
      submissions: { type: 'string', default: '3000' },
      clients: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '3' },
      plugins: { type: 'string', default: './scale-plugins' },
      'server-cpu-prof': { type: 'string' },
    },
  });
  return {
    teams: wholeNumber(values.teams, 'teams'),
    submissions: wholeNumber(values.submissions, 'submissions'),
    clients: wholeNumber(values.clients, 'clients'),
    rounds: wholeNumber(values.rounds, 'rounds'),
    plugins: path.resolve(values.plugins),
    serverCpuProf: values['server-cpu-prof'] && path.resolve(values['server-cpu-prof']),
  };
}

interface Statement {
  text: string;
  values: unknown[];
}

interface Recorded extends Partial<Statement> {
  connection?: number;
  /** Written by the benchmark once the answer to submission `marker` has arrived. */
  marker?: number;
  /** Written by the benchmark before the first submission: what comes before is the server starting. */
  recording?: true;
}

const isBegin = (text: string) => /^\s*begin\b/i.test(text);
const isEnd = (text: string) => /^\s*(commit|rollback)\b/i.test(text);
const storesObservation = (text: string) => /\binsert into "?observation"?\s/i.test(text);

/**
 * Each submission's statements, from a log of a server answering them one at a time: what it read outside
 * a transaction before its own began, then that transaction, which is the one that stored an observation.
 * The listener's connection and the transactions of background work (the facts) are left out: neither is
 * the submission's.
 */
export function submissionStatements(log: readonly Recorded[]): Statement[][] {
  const listening = new Set<number>();
  const open = new Map<number, Statement[]>();
  const submissions: Statement[][] = [];
  let before: Statement[] = [];
  let found: Statement[] | null = null;
  for (const entry of log) {
    if (entry.marker !== undefined) {
      if (!found) throw new Error(`no transaction stored the observation of submission ${entry.marker}`);
      submissions.push(found);
      found = null;
      before = [];
      continue;
    }
    const statement = { text: entry.text!, values: entry.values ?? [] };
    const connection = entry.connection!;
    if (/^\s*(un)?listen\b/i.test(statement.text)) listening.add(connection);
    if (listening.has(connection) || /pg_try_advisory_lock/.test(statement.text)) continue;
    const block = open.get(connection);
    if (isBegin(statement.text)) open.set(connection, [statement]);
    else if (block) {
      block.push(statement);
      if (isEnd(statement.text)) {
        open.delete(connection);
        if (block.some((inBlock) => storesObservation(inBlock.text))) found = [...before, ...block];
      }
    } else if (!found) before.push(statement);
  }
  return submissions;
}

/** Resolves once nothing is left in the queue of facts to work out. */
async function factsWorkedOut(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + FACTS_TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ pending: boolean }>(
        'select exists (select from fact_refresh) as pending',
      );
      if (!rows[0]!.pending) return;
      if (Date.now() > deadline) throw new Error('the facts were not worked out in time');
      await sleep(250);
    }
  } finally {
    await client.end();
  }
}

/** What the submitted month's roll-ups add up to: the same after the API and after the replay. */
async function rollupTotals(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ totals: string }>(
      `select count(distinct (rollup.kpi_key, rollup.org_unit_id)) || ' roll-ups, ' || sum(reporting) || ' reporting, sums ' || sum(input.value::numeric) as totals
       from rollup, jsonb_each_text(rollup.sums) as input where rollup.period = $1`,
      [SUBMITTED_MONTH],
    );
    return rows[0]!.totals;
  } finally {
    await client.end();
  }
}

/** `work` for each item, by `clients` workers taking the next item as each finishes; seconds in all. */
async function timedByClients<T>(
  items: readonly T[],
  clients: number,
  work: (worker: number, item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      while (next < items.length) await work(worker, items[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function submit(url: string, token: string, input: SubmissionRequest): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SUBMIT, variables: { input } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`a submission was refused: ${JSON.stringify(body.errors)}`);
}

/** Every `stride`-th row of the month, so the submissions spread over teams and KPIs. */
function spreadSubmissions(teams: number, count: number, registry: KpiRegistry): SubmissionRequest[] {
  const [month] = scaleObservations(scaleHierarchy(teams), registry.all(), [SUBMITTED_MONTH]);
  const rows = month!.rows;
  if (rows.length < count) throw new Error(`the month holds only ${rows.length} rows; ask for fewer`);
  const stride = Math.floor(rows.length / count);
  return Array.from({ length: count }, (_, index) => rows[index * stride]!);
}

async function serverOn(
  url: string,
  plugins: string,
  cleanup: Cleanup,
  nodeOptions: { statementLog?: string; cpuProf?: string } = {},
) {
  const { statementLog, cpuProf } = nodeOptions;
  const server = await startServerProcess(
    {
      DATABASE_URL: url,
      JWT_SECRET,
      DEMO_SEED: '0',
      KPI_PLUGIN_DIRS: plugins,
      ...(statementLog ? { STATEMENT_LOG: statementLog } : {}),
    },
    [
      ...(statementLog ? ['-r', path.join(__dirname, 'record-statements.cjs')] : []),
      ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []),
    ],
  );
  cleanup.add('a server', server.stop);
  return server;
}

export async function submissionThroughput(args: string[]) {
  const options = readOptions(args);
  const started = performance.now();
  const loadAverageAtStart = os.loadavg().map(rounded);
  const progress = progressFrom(started);
  const cleanup = new Cleanup();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'progress-bench-submissions-'));
  cleanup.add('the statement log', async () => rmSync(folder, { recursive: true, force: true }));
  try {
    const template = await createPostgresDatabase(BENCH_POSTGRES_URL, 'progress_bench');
    cleanup.add(`database ${template.name}`, template.drop);
    await run(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'seeds/seed-scale.ts',
        ...['--teams', String(options.teams), '--months', '1', '--last-month', SEEDED_MONTH],
        ...['--plugins', options.plugins],
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: template.url } },
    );
    // The facts of the seeded month, worked out once, so no round's server starts with that to do.
    const seeding: ServerProcess = await serverOn(template.url, options.plugins, cleanup);
    await factsWorkedOut(template.url);
    await seeding.stop();
    progress(`${options.teams} teams and ${SEEDED_MONTH} seeded, its facts worked out`);

    const registry = new KpiRegistry(await loadKpiPlugins([options.plugins]));
    const submissions = spreadSubmissions(options.teams, options.submissions, registry);
    const tokens = new Tokens(JWT_SECRET);
    const token = await tokens.issue({ sub: 'bench-submitter', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });

    // The statements: one server, one submission at a time, everything it sends written down.
    const log = path.join(folder, 'statements.jsonl');
    // The benchmark holds the lock that makes an instance the one working out facts, so the recording
    // server does none of that work and what it sends is the submissions' alone.
    const recordedUrl = await copyDatabase(template.name, `${template.name}_recorded`, cleanup);
    const factWorker = new Client({ connectionString: recordedUrl });
    factWorker.on('error', (error) => progress(`the fact worker lock's connection failed: ${error.message}`));
    await factWorker.connect();
    await factWorker.query('select pg_advisory_lock($1)', [FACT_WORKER_LOCK]);
    cleanup.add('the fact worker lock', () => factWorker.end());
    const recording = await serverOn(recordedUrl, options.plugins, cleanup, { statementLog: log });
    appendFileSync(log, `${JSON.stringify({ recording: true })}\n`);
    for (const [index, input] of submissions.entries()) {
      await submit(recording.url, token, input);
      appendFileSync(log, `${JSON.stringify({ marker: index })}\n`);
    }
    await recording.stop();
    const recorded = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Recorded);
    const statements = submissionStatements(
      recorded.slice(recorded.findIndex((entry) => entry.recording) + 1),
    );
    const perSubmission = statements.map((sequence) => sequence.length);
    progress(`${statements.length} submissions recorded, ${median(perSubmission)} statements each (median)`);

    const rounds: { api: number; pg: number; serverCpuMsPerSubmission: number | null }[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const apiUrl = await copyDatabase(template.name, `${template.name}_api_${round}`, cleanup);
      const pgUrl = await copyDatabase(template.name, `${template.name}_pg_${round}`, cleanup);

      const server = await serverOn(apiUrl, options.plugins, cleanup, { cpuProf: options.serverCpuProf });
      const cpuBefore = await server.cpuMs();
      const apiSeconds = await timedByClients(submissions, options.clients, (_, input) =>
        submit(server.url, token, input),
      );
      const cpuAfter = await server.cpuMs();
      await server.stop();

      const connections = await Promise.all(
        Array.from({ length: options.clients }, async () => {
          const client = new Client({ connectionString: pgUrl });
          client.on('error', (error) => progress(`a pg connection failed: ${error.message}`));
          await client.connect();
          return client;
        }),
      );
      const pgSeconds = await timedByClients(statements, options.clients, async (worker, sequence) => {
        for (const { text, values } of sequence) await connections[worker]!.query(text, values);
      });
      await Promise.all(connections.map((client) => client.end()));

      const [apiTotals, pgTotals] = await Promise.all([apiUrl, pgUrl].map(rollupTotals));
      if (apiTotals !== pgTotals) {
        throw new Error(`the replay left other roll-ups than the API: ${pgTotals}, not ${apiTotals}`);
      }
      const rate = (seconds: number) => Math.round(submissions.length / seconds);
      const serverCpuMs =
        cpuBefore === null || cpuAfter === null ? null : rounded((cpuAfter - cpuBefore) / submissions.length);
      rounds.push({ api: rate(apiSeconds), pg: rate(pgSeconds), serverCpuMsPerSubmission: serverCpuMs });
      progress(
        `round ${round}: API ${rate(apiSeconds)}/s, the same statements through pg ${rate(pgSeconds)}/s`,
      );
    }

    const api = median(rounds.map((round) => round.api));
    const pg = median(rounds.map((round) => round.pg));
    return {
      benchmark: 'submissions',
      measures: `submitObservation over HTTP by ${options.clients} concurrent clients to a server in its own process, beside the statements those submissions make sent through pg by ${options.clients} connections; each into a fresh copy of a system of ${options.teams} teams holding ${SEEDED_MONTH}, the submissions first values for ${SUBMITTED_MONTH}; medians of the rounds`,
      machine: machineFacts(loadAverageAtStart),
      submissions: submissions.length,
      statementsPerSubmission: median(perSubmission),
      rounds,
      perSecond: { api, pg, shareOfPg: rounded(api / pg) },
      serverCpuMsPerSubmission: median(rounds.flatMap((round) => round.serverCpuMsPerSubmission ?? [])),
      target: { shareOfPg: TARGET_SHARE, met: api / pg >= TARGET_SHARE },
    };
  } finally {
    await cleanup.run();
  }
}
