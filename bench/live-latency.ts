import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Tokens } from '../server/transport/auth/tokens';
import type { Role } from '../server/engine/access/roles';
import { treeOf } from '../test/support/build-tree';
import { createBenchDatabase } from './bench-database';
import { Cleanup } from './cleanup';
import { LiveSubscribers } from './live-subscribers';
import { startServerProcess } from './server-process';
import { figuresOf, medianOfRounds } from './live-figures';
import type { RoundSamples, SubmissionTiming } from './live-figures';
import { rounded } from './statistics';
import { SubmissionPlan } from './submission-plan';

/**
 * `npm run bench -- live`: how long a committed submission takes to reach `kpiValueChanged` subscribers
 * on the system, with 1, 100 and 1,000 of them, against a server in its own process on PostgreSQL.
 */

const KPI = 'seven-day-follow-up';
const SYSTEM = 'SYS';
const TREE = treeOf(1, 4);
const TEAMS = TREE.filter((unit) => unit.level === 'TEAM').map((unit) => unit.code);
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;

/** What a control-room screen shows for a value. */
const WATCH = `
  subscription Watch($unit: String!, $kpis: [String!]) {
    kpiValueChanged(orgUnit: $unit, kpis: $kpis) {
      kpi { key } orgUnit { code } period value tier reporting expected inputs { name value }
    }
  }`;
const SUBMIT = `
  mutation Submit($input: SubmitObservationInput!) { submitObservation(input: $input) { version value } }`;
const CREATE_UNIT = `
  mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;
/** The baseline: a request that does almost nothing, timed the same way as a submission. */
const TRIVIAL = '{ kpis { key } }';

/** The whole run stops (and cleans up) rather than run past this. */
const BUDGET_MS = 4 * 60_000;
const DELIVERY_TIMEOUT_MS = 10_000;
const BASELINE_QUERIES = 20;
const WARM_UP_QUERIES = 3;
/** Submissions after every subscriber has had one, before timing starts. */
const WARM_UP_SUBMISSIONS = 2;
const MAX_WARM_UP_ATTEMPTS = 10;
/** The target: p99 commit-to-receive under 100 ms with 5,000 subscribers on the system. */
const TARGET = { subscribers: 5_000, p99Ms: 100 };

interface Options {
  subscribers: number[];
  rounds: number;
  submissions: number;
  pauseMs: number;
  serverCpuProf: string | undefined;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      subscribers: { type: 'string', default: '1,100,1000' },
      rounds: { type: 'string', default: '3' },
      submissions: { type: 'string', default: '20' },
      'pause-ms': { type: 'string', default: '25' },
      'server-cpu-prof': { type: 'string' },
    },
  });
  const count = (text: string, name: string, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name}: 1 to ${max}`);
    return value;
  };
  return {
    subscribers: values.subscribers.split(',').map((text) => count(text, 'subscribers', 10_000)),
    rounds: count(values.rounds, 'rounds', 10),
    submissions: count(values.submissions, 'submissions', 100),
    pauseMs: count(values['pause-ms'], 'pause-ms', 1_000),
    serverCpuProf: values['server-cpu-prof'] && path.resolve(values['server-cpu-prof']),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function liveLatency(args: string[]) {
  const options = readOptions(args);
  const started = performance.now();
  const loadAverageAtStart = os.loadavg().map(rounded);
  const progress = (message: string) =>
    console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const withinBudget = () => {
    if (performance.now() - started > BUDGET_MS) throw new Error(`over the ${BUDGET_MS / 1000} s budget`);
  };
  const cleanup = new Cleanup();
  try {
    const database = await createBenchDatabase();
    cleanup.add(`database ${database.name}`, database.drop);
    progress(`created database ${database.name} (PostgreSQL ${database.serverVersion})`);

    const server = await startServerProcess(
      { DATABASE_URL: database.url, JWT_SECRET, DEMO_SEED: '0' },
      options.serverCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.serverCpuProf}`] : [],
    );
    cleanup.add('the server', server.stop);
    progress(`server ${server.pid} on ${server.url}`);

    const tokens = new Tokens(JWT_SECRET);
    const token = (role: Role) =>
      tokens.issue({ sub: `bench-${role.toLowerCase()}`, roles: [role], orgUnits: ['*'] });
    const [admin, contributor, viewer] = await Promise.all([
      token('ADMIN'),
      token('CONTRIBUTOR'),
      token('VIEWER'),
    ]);

    const post = async (query: string, variables: Record<string, unknown>, bearer: string) => {
      const sent = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query, variables }),
      });
      const answered = performance.now();
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query.trim().split('\n')[0]}: ${JSON.stringify(body.errors)}`);
      return { sent, answered };
    };

    for (const { code, level, parentCode, tags } of TREE)
      await post(CREATE_UNIT, { input: { code, name: `Unit ${code}`, level, parentCode, tags } }, admin);
    progress(`built the tree: ${TREE.map((unit) => unit.code).join(', ')}`);

    const subscribers = new LiveSubscribers(server.url.replace(/^http/, 'ws'), viewer, {
      query: WATCH,
      variables: { unit: SYSTEM, kpis: [KPI] },
    });
    cleanup.add('the subscribers', () => subscribers.close());
    const plan = new SubmissionPlan(TEAMS);

    const submit = async (): Promise<SubmissionTiming> => {
      const { input, expected } = plan.next();
      const delivery = subscribers.arm(expected, DELIVERY_TIMEOUT_MS);
      const timed = await post(SUBMIT, { input }, contributor);
      await delivery.settled;
      return { ...timed, times: delivery.times };
    };
    const baseline = async (): Promise<number[]> => {
      for (let i = 0; i < WARM_UP_QUERIES; i++) await post(TRIVIAL, {}, viewer);
      const samples: number[] = [];
      for (let i = 0; i < BASELINE_QUERIES; i++) {
        const { sent, answered } = await post(TRIVIAL, {}, viewer);
        samples.push(answered - sent);
      }
      return samples;
    };
    const warmUp = async (count: number) => {
      for (let attempt = 1; ; attempt++) {
        withinBudget();
        const { times } = await submit();
        if (times.every((time) => !Number.isNaN(time))) break;
        if (attempt === MAX_WARM_UP_ATTEMPTS)
          throw new Error(
            `only ${times.filter((time) => !Number.isNaN(time)).length} of ${count} subscribers hear`,
          );
      }
      for (let i = 0; i < WARM_UP_SUBMISSIONS; i++) await submit();
    };
    const round = async (): Promise<RoundSamples> => {
      const baselineSamples = await baseline();
      const serverCpuBefore = await server.cpuMs();
      const benchCpuBefore = process.cpuUsage();
      const timings: SubmissionTiming[] = [];
      for (let i = 0; i < options.submissions; i++) {
        withinBudget();
        timings.push(await submit());
        await sleep(options.pauseMs);
      }
      const serverCpuAfter = await server.cpuMs();
      const benchCpu = process.cpuUsage(benchCpuBefore);
      return {
        baseline: baselineSamples,
        submissions: timings,
        serverCpuMs:
          serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore,
        benchCpuMs: (benchCpu.user + benchCpu.system) / 1000,
      };
    };

    const results = [];
    for (const count of options.subscribers) {
      if (count < subscribers.size) throw new Error('--subscribers must be in ascending order');
      await subscribers.grow(count);
      await warmUp(count);
      progress(`${count} subscribers connected and hearing`);
      const rounds: RoundSamples[] = [];
      for (let r = 0; r < options.rounds; r++) {
        rounds.push(await round());
        const { fromRequestMs } = figuresOf(rounds.slice(-1));
        progress(`${count} subscribers, round ${r + 1}: p99 ${fromRequestMs.p99} ms from request`);
      }
      const perRound = rounds.map((samples) => figuresOf([samples]));
      results.push({
        subscribers: count,
        medianOfRounds: medianOfRounds(perRound),
        allRounds: figuresOf(rounds),
        rounds: perRound,
      });
    }

    const serverRssMb = await server.rssMb();
    const atTarget = results.find((result) => result.subscribers === TARGET.subscribers);
    const lower = atTarget?.medianOfRounds.afterResponseMs.p99;
    const upper = atTarget?.medianOfRounds.fromRequestMs.p99;
    return {
      benchmark: 'live',
      measures: `kpiValueChanged(orgUnit: "${SYSTEM}", kpis: ["${KPI}"]): from a submitObservation's HTTP response (lower bound) and from just before its request (upper bound) to each subscriber's receipt; one connection per subscriber; server in its own process`,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: rounded(os.totalmem() / 2 ** 30),
        node: process.version,
        postgres: database.serverVersion,
        loadAverageAtStart,
      },
      settings: {
        subscribers: options.subscribers,
        rounds: options.rounds,
        submissionsPerRound: options.submissions,
        pauseMs: options.pauseMs,
        baselineQueriesPerRound: BASELINE_QUERIES,
        baselineQuery: TRIVIAL,
        teams: TEAMS.length,
      },
      target: {
        ...TARGET,
        measure: 'per-subscriber p99 at the system, median of rounds',
        lowerBoundP99Ms: lower ?? null,
        upperBoundP99Ms: upper ?? null,
        met:
          lower === undefined || upper === undefined
            ? 'not measured'
            : upper < TARGET.p99Ms
              ? 'yes'
              : lower >= TARGET.p99Ms
                ? 'no'
                : 'undetermined',
      },
      results,
      health: {
        strayEvents: subscribers.stray,
        lostSubscribers: subscribers.lost,
        notes: subscribers.notes,
        serverRssMb: serverRssMb === null ? null : rounded(serverRssMb),
        benchRssMb: rounded(process.memoryUsage().rss / 2 ** 20),
      },
      durationS: rounded((performance.now() - started) / 1000),
    };
  } finally {
    await cleanup.run();
    progress('stopped the subscribers and the server, dropped the database');
  }
}
