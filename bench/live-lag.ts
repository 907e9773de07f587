import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Tokens } from '../server/transport/auth/tokens';
import { treeOf } from '../test/support/build-tree';
import { createBenchDatabase } from './bench-database';
import { machineFacts, progressFrom, wholeNumber } from './bench-report';
import { Cleanup } from './cleanup';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../server/transport/serve-subscriptions';
import { startServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { median, percentiles, rounded } from './statistics';

/**
 * `npm run bench -- lag`: how far live events fall behind the writes under sustained submissions across
 * two instances on one PostgreSQL, at a steady rate of submissions a second sent to both in turn, each
 * event timed from its submission's answer to its receipt on either instance. The first rate is the
 * baseline the others are compared with.
 */

const KPI = 'seven-day-follow-up';
const TREE = treeOf(4, 25);
const SYSTEM = 'SYS';
const TEAMS = TREE.filter((unit) => unit.level === 'TEAM').map((unit) => unit.code);
const PERIOD = '2026-01';
const JWT_SECRET = `bench-secret-${process.pid}-of-enough-length`;
const INSTANCES = 2;
/** How long an event may take to come before it counts as missed. */
const DELIVERY_TIMEOUT_MS = 30_000;
const MAX_WARM_UP_ATTEMPTS = 20;
const WARM_UP_WAIT_MS = 2_000;
/** Past this many submissions waiting for an answer, the rate is more than the instances take. */
const MAX_IN_FLIGHT = 256;
const SCHEDULER_TICK_MS = 2;

const WATCH = `
  subscription Watch($unit: String!) {
    kpiValueChanged(orgUnit: $unit, kpis: ["${KPI}"]) { orgUnit { code } inputs { name value } }
  }`;
const SUBMIT = `
  mutation Submit($input: SubmitObservationInput!) { submitObservation(input: $input) { version } }`;
const CREATE_UNIT = `
  mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;

interface Options {
  rates: number[];
  rounds: number;
  seconds: number;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      rates: { type: 'string', default: '2,40,200' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
    },
  });
  return {
    rates: values.rates.split(',').map((rate) => wholeNumber(rate, 'rates')),
    rounds: wholeNumber(values.rounds, 'rounds'),
    seconds: wholeNumber(values.seconds, 'seconds'),
  };
}

type Event = { kpiValueChanged: { orgUnit: { code: string }; inputs: { name: string; value: number }[] } };

/** Every team watched on one instance, fifty to a connection: each submission's event is known by its team and count. */
class TeamWatchers {
  private readonly clients: Client[] = [];
  /** When each awaited event arrived, by `team discharged`. */
  private readonly waiting = new Map<string, (receivedAt: number) => void>();
  stray = 0;
  /** Events heard at the system: one for every change anywhere, whichever instance took it. */
  systemEvents = 0;

  constructor(wsUrl: string, token: string) {
    const connect = () => {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
      });
      this.clients.push(client);
      return client;
    };
    // A control room on the system besides: every change is read for it too, as a wall screen would have it.
    connect().subscribe(
      { query: WATCH, variables: { unit: SYSTEM } },
      { next: () => void this.systemEvents++, error: () => void this.stray++, complete: () => undefined },
    );
    for (let start = 0; start < TEAMS.length; start += MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      const client = connect();
      for (const team of TEAMS.slice(start, start + MAX_SUBSCRIPTIONS_PER_CONNECTION)) {
        client.subscribe<Event>(
          { query: WATCH, variables: { unit: team } },
          {
            next: ({ data }) => {
              const receivedAt = performance.now();
              const discharged = data?.kpiValueChanged.inputs.find((input) => input.name === 'discharged');
              const key = `${data?.kpiValueChanged.orgUnit.code} ${discharged?.value}`;
              const arrived = this.waiting.get(key);
              if (!arrived) return void this.stray++;
              this.waiting.delete(key);
              arrived(receivedAt);
            },
            error: () => void this.stray++,
            complete: () => undefined,
          },
        );
      }
    }
  }

  /** Resolves with the time the event of this team's correction arrives (NaN if it has not in time); call before submitting it. */
  expect(team: string, discharged: number, timeoutMs: number): Promise<number> {
    const key = `${team} ${discharged}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(NaN);
      }, timeoutMs);
      this.waiting.set(key, (receivedAt) => {
        clearTimeout(timer);
        resolve(receivedAt);
      });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.dispose()));
  }
}

/** Resolves once `condition` holds, or once `timeoutMs` has passed. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await sleep(10);
}

export async function liveLag(args: string[]) {
  const options = readOptions(args);
  const started = performance.now();
  const progress = progressFrom(started);
  const loadAverageAtStart = os.loadavg().map(rounded);
  const cleanup = new Cleanup();
  try {
    const database = await createBenchDatabase();
    cleanup.add(`database ${database.name}`, database.drop);
    const servers: ServerProcess[] = [];
    for (let instance = 0; instance < INSTANCES; instance++) {
      const server = await startServerProcess({ DATABASE_URL: database.url, JWT_SECRET, DEMO_SEED: '0' });
      cleanup.add(`server ${server.pid}`, server.stop);
      servers.push(server);
    }
    progress(`${INSTANCES} servers on ${database.name}: ${servers.map((server) => server.url).join(', ')}`);

    const tokens = new Tokens(JWT_SECRET);
    const admin = await tokens.issue({ sub: 'bench-admin', roles: ['ADMIN'], orgUnits: ['*'] });
    const contributor = await tokens.issue({ sub: 'bench-writer', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });
    const post = async (url: string, query: string, variables: Record<string, unknown>, bearer: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query.trim().split('\n')[0]}: ${JSON.stringify(body.errors)}`);
    };
    for (const { code, level, parentCode, tags } of TREE)
      await post(
        servers[0]!.url,
        CREATE_UNIT,
        { input: { code, name: `Unit ${code}`, level, parentCode, tags } },
        admin,
      );

    progress(`built the tree: ${TEAMS.length} teams`);
    const watchers = servers.map(
      (server) => new TeamWatchers(server.url.replace(/^http/, 'ws'), contributor),
    );
    cleanup.add('the subscribers', async () => {
      await Promise.all(watchers.map((watcher) => watcher.close()));
    });
    const corrections = new Map(TEAMS.map((team) => [team, 0]));

    /** One submission, to the next team through the next instance: its event's lag on every instance. */
    const submit = async (index: number, timeoutMs = DELIVERY_TIMEOUT_MS) => {
      const team = TEAMS[index % TEAMS.length]!;
      const discharged = corrections.get(team)! + 1;
      corrections.set(team, discharged);
      const receipts = watchers.map((watcher) => watcher.expect(team, discharged, timeoutMs));
      await post(
        servers[index % INSTANCES]!.url,
        SUBMIT,
        {
          input: {
            kpi: KPI,
            orgUnit: team,
            period: PERIOD,
            values: [
              { name: 'followedUp', value: discharged },
              { name: 'discharged', value: discharged },
              { name: 'assessed', value: 0 },
            ],
          },
        },
        contributor,
      );
      const answered = performance.now();
      return (await Promise.all(receipts)).map((receivedAt) => receivedAt - answered);
    };

    // Nothing is timed until both instances' subscribers hear; then each team has its first value.
    for (let attempt = 1; ; attempt++) {
      const lags = await submit(0, WARM_UP_WAIT_MS);
      if (lags.every((lag) => !Number.isNaN(lag))) break;
      if (attempt === MAX_WARM_UP_ATTEMPTS) throw new Error('the subscribers do not hear the submissions');
    }
    for (let index = 1; index < TEAMS.length; index++) await submit(index);
    progress('every team has a first value, heard on both instances');

    const round = async (rate: number) => {
      const count = rate * options.seconds;
      const lags: Promise<number[]>[] = [];
      let inFlight = 0;
      let mostInFlight = 0;
      const systemEventsBefore = watchers.map((watcher) => watcher.systemEvents);
      const begun = performance.now();
      for (let index = 0; index < count;) {
        const due = Math.min(count, Math.floor(((performance.now() - begun) * rate) / 1000) + 1);
        for (; index < due && inFlight < MAX_IN_FLIGHT; index++) {
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          lags.push(submit(index).finally(() => inFlight--));
        }
        await sleep(SCHEDULER_TICK_MS);
      }
      const sentIn = performance.now() - begun;
      const samples = (await Promise.all(lags)).flat();
      const received = samples.filter((lag) => !Number.isNaN(lag));
      await Promise.all(
        watchers.map((watcher, index) =>
          until(() => watcher.systemEvents - systemEventsBefore[index]! >= count, DELIVERY_TIMEOUT_MS),
        ),
      );
      const systemEventsMissed = watchers.reduce(
        (missed, watcher, index) => missed + count - (watcher.systemEvents - systemEventsBefore[index]!),
        0,
      );
      return {
        submissions: count,
        achievedPerSecond: rounded(((count - 1) * 1000) / sentIn),
        mostInFlight,
        missed: samples.length - received.length,
        systemEventsMissed,
        lagMs: { ...percentiles(received), max: rounded(Math.max(...received)) },
      };
    };

    const results = [];
    for (const rate of options.rates) {
      const rounds = [];
      for (let index = 0; index < options.rounds; index++) {
        rounds.push(await round(rate));
        const last = rounds.at(-1)!;
        progress(
          `${rate}/s, round ${index + 1}: ${last.achievedPerSecond}/s sent, lag p50 ${last.lagMs.p50} ms, p99 ${last.lagMs.p99} ms, max ${last.lagMs.max} ms, ${last.missed} missed, ${last.systemEventsMissed} missed at the system`,
        );
      }
      results.push({
        submissionsPerSecond: rate,
        medianOfRounds: {
          achievedPerSecond: median(rounds.map((r) => r.achievedPerSecond)),
          lagMs: {
            p50: median(rounds.map((r) => r.lagMs.p50)),
            p95: median(rounds.map((r) => r.lagMs.p95)),
            p99: median(rounds.map((r) => r.lagMs.p99)),
            max: median(rounds.map((r) => r.lagMs.max)),
          },
          missed: median(rounds.map((r) => r.missed)),
          systemEventsMissed: median(rounds.map((r) => r.systemEventsMissed)),
        },
        rounds,
      });
    }
    const baseline = results[0]!.medianOfRounds.lagMs;
    return {
      benchmark: 'lag',
      measures: `kpiValueChanged at each of ${TEAMS.length} teams on each of ${INSTANCES} instances: from a submitObservation's HTTP response to the event's receipt, with submissions at a steady rate to the instances in turn; a subscriber at the system on each instance counts that it hears every change once`,
      machine: { ...machineFacts(loadAverageAtStart), postgres: database.serverVersion },
      settings: { ...options, instances: INSTANCES, teams: TEAMS.length, maxInFlight: MAX_IN_FLIGHT },
      results: results.map((result) => ({
        ...result,
        ratioToFirstRate: {
          p50: rounded(result.medianOfRounds.lagMs.p50 / baseline.p50),
          p95: rounded(result.medianOfRounds.lagMs.p95 / baseline.p95),
          p99: rounded(result.medianOfRounds.lagMs.p99 / baseline.p99),
        },
      })),
      health: {
        strayEvents: watchers.reduce((sum, watcher) => sum + watcher.stray, 0),
        serverRssMb: await Promise.all(servers.map(async (server) => rounded((await server.rssMb()) ?? NaN))),
      },
      durationS: rounded((performance.now() - started) / 1000),
    };
  } finally {
    await cleanup.run();
    progress('stopped the subscribers and the servers, dropped the database');
  }
}
