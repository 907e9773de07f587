import { Tokens } from '../server/transport/auth/tokens';
import { connectLive, settle } from './support/live-client';
import { postGraphQL } from './support/post-graphql';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';
import { spawnServer } from './support/spawn-server';
import type { SpawnedServer } from './support/spawn-server';

let database: TestDatabase;
let servers: SpawnedServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
});

it('lets instances start together on one new database: one migrates and seeds, all serve the same data', async () => {
  const env = {
    DATABASE_URL: database.databaseUrl!,
    DEMO_SEED: '1',
    JWT_SECRET: 'shared-secret-for-two-instances',
  };
  servers = await Promise.all([spawnServer(env), spawnServer(env)]);
  const seeded = servers.filter((server) => server.output().includes('Seeded the demo trust'));
  expect(seeded).toHaveLength(1);

  const token = await new Tokens(env.JWT_SECRET).issue({
    sub: 'shared',
    roles: ['CONTRIBUTOR'],
    orgUnits: ['*'],
  });
  const live = connectLive(servers[1]!.url, token);
  const events = live.subscribe(
    'subscription { kpiValueChanged(orgUnit: "QNS", kpis: ["mandatory-training-compliance"]) { period reporting } }',
  );
  await settle();

  const submitted = await postGraphQL(
    servers[0]!.url,
    `mutation { submitObservation(input: { kpi: "mandatory-training-compliance", orgUnit: "RNM-ADULT-WARD-ROWAN",
       period: "2026-04", values: [{ name: "compliant", value: 19 }, { name: "staff", value: 20 }] }) { version } }`,
    {},
    token,
  );
  expect(submitted.errors).toBeUndefined();
  const read = await postGraphQL(
    servers[1]!.url,
    '{ orgUnit(code: "RNM-ADULT-WARD-ROWAN") { kpiValue(kpi: "mandatory-training-compliance", period: "2026-04") { value } } }',
    {},
    token,
  );
  expect(read.data).toEqual({ orgUnit: { kpiValue: { value: 95 } } });
  // The write went through the first instance; the subscriber on the second hears of it.
  const [event] = await events.received(1);
  expect(event!.data).toEqual({ kpiValueChanged: { period: '2026-04', reporting: 1 } });
  await live.dispose();
});

it('carries a story added through one of those instances to a subscriber on the other', async () => {
  const token = await new Tokens('shared-secret-for-two-instances').issue({
    sub: 'shared',
    roles: ['CONTRIBUTOR'],
    orgUnits: ['*'],
  });
  const live = connectLive(servers[1]!.url, token);
  const stories = live.subscribe('subscription { storyAdded(orgUnit: "QNS") { text orgUnit { code } } }');
  await settle();

  const added = await postGraphQL(
    servers[0]!.url,
    `mutation { addStory(input: { orgUnit: "RNM-ADULT-WARD-ROWAN", period: "2026-04", kpi: "seven-day-follow-up",
       kind: ACTION, text: "Follow-up calls now include a structured assessment." }) { id } }`,
    {},
    token,
  );
  expect(added.errors).toBeUndefined();
  const [event] = await stories.received(1);
  expect(event!.data).toEqual({
    storyAdded: {
      text: 'Follow-up calls now include a structured assessment.',
      orgUnit: { code: 'RNM-ADULT-WARD-ROWAN' },
    },
  });
  await live.dispose();
});
