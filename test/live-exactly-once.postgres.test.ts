import { Tokens } from '../server/transport/auth/tokens';
import { LISTENER_APPLICATION_NAME } from '../server/storage/live/listen-for-changes';
import { startServer } from '../server/transport/start-server';
import type { RunningServer } from '../server/transport/start-server';
import { treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import { postGraphQL } from './support/post-graphql';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';
import { TEST_JWT_SECRET, testConfig } from './support/test-server';

const TEAMS = 4;
const CORRECTIONS_PER_TEAM = 24;
/** The listening connections are killed each time this many more submissions have been answered. */
const KILL_EVERY = 10;

const WATCH = `subscription Watch($unit: String!) {
  kpiValueChanged(orgUnit: $unit, kpis: ["seven-day-follow-up"]) { period inputs { name value } }
}`;

interface Watched {
  kpiValueChanged: { period: string; inputs: { name: string; value: number }[] };
}

const discharged = (event: { data?: unknown }) =>
  (event.data as Watched).kpiValueChanged.inputs.find((input) => input.name === 'discharged')!.value;

const upTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

let database: TestDatabase;
const servers: RunningServer[] = [];
const connections: LiveConnection[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database);
  const quiet = { logger: { info: () => undefined, error: () => undefined } };
  servers.push(await startServer(config, quiet));
  servers.push(await startServer(config, quiet));
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  for (const server of servers) await server.close();
  await database.drop();
});

it('delivers every change exactly once and in order to every subscriber of two instances whose listening connections are killed while writers run', async () => {
  const tokens = new Tokens(TEST_JWT_SECRET);
  const admin = await tokens.issue({ sub: 'admin', roles: ['ADMIN'], orgUnits: ['*'] });
  const contributor = await tokens.issue({ sub: 'writer', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });
  for (const unit of treeOf(1, TEAMS)) {
    const created = await postGraphQL(
      servers[0]!.url,
      'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }',
      { input: { name: `Unit ${unit.code}`, ...unit } },
      admin,
    );
    expect(created.errors).toBeUndefined();
  }
  const teams = upTo(TEAMS).map((team) => `SVC1-T${team}`);

  const watch = (server: RunningServer, unit: string) => {
    const live = connectLive(server.url, contributor);
    connections.push(live);
    return live.subscribe(WATCH, { unit });
  };
  const systemWatchers = servers.map((server) => watch(server, 'SYS'));
  const teamWatchers = servers.map((server) => teams.map((team) => watch(server, team)));
  await settle();

  const killListeners = () =>
    servers[0]!.database.orm.em.fork().execute(
      `select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = ? and datname = current_database()`,
      [LISTENER_APPLICATION_NAME],
    );

  // Each team's writer corrects its month again and again, discharges one more each time, through the two
  // instances in turn: at the system, every change adds exactly one discharge.
  let answered = 0;
  await Promise.all(
    teams.map(async (team, teamIndex) => {
      for (const correction of upTo(CORRECTIONS_PER_TEAM)) {
        const server = servers[(teamIndex + correction) % servers.length]!;
        const result = await postGraphQL(
          server.url,
          SUBMIT,
          { input: followUp(team, '2026-01', correction, correction, 0) },
          contributor,
        );
        expect(result.errors).toBeUndefined();
        if (++answered % KILL_EVERY === 0) await killListeners();
      }
    }),
  );

  const changes = TEAMS * CORRECTIONS_PER_TEAM;
  for (const watcher of systemWatchers) await watcher.received(changes);
  for (const watcher of teamWatchers.flat()) await watcher.received(CORRECTIONS_PER_TEAM);
  await settle();
  for (const watcher of systemWatchers) expect(watcher.results.map(discharged)).toEqual(upTo(changes));
  for (const watcher of teamWatchers.flat()) {
    expect(watcher.results.map(discharged)).toEqual(upTo(CORRECTIONS_PER_TEAM));
  }
});
