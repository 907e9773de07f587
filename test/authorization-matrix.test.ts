import type { Role } from '../server/engine/access/roles';
import { ROLES, roleIncludes } from '../server/engine/access/roles';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import { tableCounts } from './support/table-counts';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

/**
 * Every role, in and out of scope, over HTTP and over WebSocket, for reads (nested too), writes and a
 * subscription: allowed exactly when the role includes the one the operation needs and the token's units
 * reach the unit it acts on; otherwise FORBIDDEN, with nothing written.
 */

const MONTH = '2026-01';
/** Where every operation acts: SVC1's team. A token for SVC1 reaches it; one for SVC2 does not. */
const TEAM = 'SVC1-T1';
const SCOPES = { 'in scope': ['SVC1'], 'out of scope': ['SVC2'] } as const;

interface Operation {
  name: string;
  needs: Role;
  writes: boolean;
  query: string;
  variables: () => Record<string, unknown>;
}

let created = 0;
const OPERATIONS: Operation[] = [
  {
    name: 'a KPI value',
    needs: 'VIEWER',
    writes: false,
    query: `{ orgUnit(code: "${TEAM}") { kpiValue(kpi: "seven-day-follow-up", period: "${MONTH}") { value } } }`,
    variables: () => ({}),
  },
  {
    name: 'the scorecard of each child of the service, nested',
    needs: 'VIEWER',
    writes: false,
    query: `{ orgUnit(code: "SVC1") { children { scorecard(period: "${MONTH}") { value } } } }`,
    variables: () => ({}),
  },
  {
    name: 'a series',
    needs: 'VIEWER',
    writes: false,
    query: `{ orgUnit(code: "${TEAM}") { series(kpi: "seven-day-follow-up", from: "2025-02", to: "${MONTH}") { mean } } }`,
    variables: () => ({}),
  },
  {
    name: 'the stories and the observations',
    needs: 'VIEWER',
    writes: false,
    query: `{ orgUnit(code: "${TEAM}") { stories(period: "${MONTH}") { id } observations(kpi: "seven-day-follow-up", period: "${MONTH}") { version } } }`,
    variables: () => ({}),
  },
  {
    name: 'attention',
    needs: 'VIEWER',
    writes: false,
    query: `{ orgUnit(code: "${TEAM}") { attention(period: "${MONTH}") { reason } } }`,
    variables: () => ({}),
  },
  {
    name: 'a submission',
    needs: 'CONTRIBUTOR',
    writes: true,
    query: SUBMIT,
    variables: () => ({ input: followUp(TEAM, MONTH, 8, 10, 5) }),
  },
  {
    name: 'a story',
    needs: 'CONTRIBUTOR',
    writes: true,
    query: 'mutation($input: AddStoryInput!) { addStory(input: $input) { id } }',
    variables: () => ({
      input: { orgUnit: TEAM, period: MONTH, kind: 'ACTION', text: 'Calls after every discharge.' },
    }),
  },
  {
    name: 'local thresholds',
    needs: 'MANAGER',
    writes: true,
    query: 'mutation($input: SetTierThresholdsInput!) { setTierThresholds(input: $input) { id } }',
    variables: () => ({
      input: {
        kpi: 'seven-day-follow-up',
        orgUnit: TEAM,
        essential: 80,
        desirable: 85,
        aspirational: 90,
        breakthrough: 95,
        reason: 'Agreed by the ward.',
      },
    }),
  },
  {
    name: 'a new unit',
    needs: 'ADMIN',
    writes: true,
    query: 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }',
    variables: () => ({
      input: { code: `SVC1-T1-I${++created}`, name: 'A nurse', level: 'INDIVIDUAL', parentCode: TEAM },
    }),
  },
];

type Answer = { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] };

let test: TestServer;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(2, 1));
  const submitted = await test.graphql(
    SUBMIT,
    { input: followUp(TEAM, MONTH, 8, 10, 5) },
    await test.token(['ADMIN']),
  );
  expect(submitted.errors).toBeUndefined();
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await test.stop();
});

async function overWebSocket(
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer> {
  const live = connectLive(test.server.url, token);
  connections.push(live);
  const [answer] = await live.subscribe(query, variables).received(1);
  return answer as Answer;
}

const CASES = ROLES.flatMap((role) =>
  Object.entries(SCOPES).flatMap(([scope, units]) =>
    (['HTTP', 'WebSocket'] as const).flatMap((transport) =>
      OPERATIONS.map((operation) => ({ role, scope, units, transport, operation })),
    ),
  ),
);

it.each(CASES)(
  '$role $scope over $transport: $operation.name',
  async ({ role, scope, units, transport, operation }) => {
    const token = await test.token([role], [...units], `matrix-${role.toLowerCase()}`);
    const allowed = roleIncludes(role, operation.needs) && scope === 'in scope';
    const before = await tableCounts(test.server);
    const variables = operation.variables();
    const answer: Answer =
      transport === 'HTTP'
        ? await test.graphql(operation.query, variables, token)
        : await overWebSocket(token, operation.query, variables);
    if (allowed) {
      expect(answer.errors).toBeUndefined();
    } else {
      expect(answer.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
      expect(JSON.stringify(answer.data ?? null)).not.toMatch(/"value":\d/);
      if (operation.writes) expect(await tableCounts(test.server)).toEqual(before);
    }
  },
);

it.each(ROLES.flatMap((role) => Object.entries(SCOPES).map(([scope, units]) => ({ role, scope, units }))))(
  '$role $scope: a subscription to the team hears its changes only in scope',
  async ({ role, scope, units }) => {
    const live = connectLive(test.server.url, await test.token([role], [...units]));
    connections.push(live);
    const watch = live.subscribe(`subscription { kpiValueChanged(orgUnit: "${TEAM}") { value } }`);
    await settle();
    const submitted = await test.graphql(
      SUBMIT,
      { input: followUp(TEAM, MONTH, 9, 10, 5) },
      await test.token(['CONTRIBUTOR']),
    );
    expect(submitted.errors).toBeUndefined();
    const [first] = await watch.received(1);
    if (scope === 'in scope') expect(first!.data).toEqual({ kpiValueChanged: { value: 90 } });
    else expect(JSON.stringify(first!.errors)).toMatch(/FORBIDDEN|Watching SVC1-T1 needs/);
  },
);
