import type {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  IntrospectionQuery,
} from 'graphql';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import seedrandom from 'seedrandom';
import type { Client } from 'graphql-ws';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive } from './support/live-client';
import type { LiveConnection, Subscription } from './support/live-client';
import { watchLoopHolds } from './support/loop-holds';
import type { LoopHold } from './support/loop-holds';
import { SUBMIT, followUp } from './support/operations';
import { postGraphQL } from './support/post-graphql';
import type { GraphQLResponse } from './support/post-graphql';
import { byKey, recomputeRollups, storedRollups } from './support/recompute-rollups';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

/** Operations sent, unless the time bound comes first. */
const OPERATIONS = 400;
/** The fuzz stops sending new operations after this long, however many it has sent. */
const TIME_BOUND_MS = 60_000;
const SEED = 'progress-schema-fuzz';
/** The longest the server may hold its event loop, ms, whatever it is asked. */
const LOOP_HOLD_BOUND_MS = 100;
/** Subscriptions kept open at once on a connection, under the server's limit of 50. */
const OPEN_SUBSCRIPTIONS = 40;
const MAX_DEPTH = 3;

/** Strings that mean something here, and strings meant to break something. */
const STRINGS = [
  'SYS',
  'SVC1-T1',
  'seven-day-follow-up',
  'restraint-incidents',
  '2026-01',
  '2026-Q1',
  'FY2025',
  '2026',
  '9999-12',
  '0000-01',
  '2026-13',
  '10000-01',
  '',
  ' ',
  'x'.repeat(5_000),
  'nul\u0000here',
  'lone \ud800 surrogate',
  'Patient 943 476 5919',
  '🩺'.repeat(300),
  "'; drop table org_unit; --",
  '%',
  '../../etc/passwd',
  '1',
  '-1',
];
const INTS = [0, 1, -1, 2, 10, 100, 10_000, 2_147_483_647, -2_147_483_648];
const FLOATS = [0, 1, -1, 0.5, 99.9, 1e308, -1e308, 5e-324];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A value of an input type, as a variable would carry it. */
function valueOf(type: GraphQLInputType, random: Random, depth = 0): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, random, depth);
  if (random() < 0.05) return null;
  if (isListType(type)) {
    const count = depth > MAX_DEPTH ? 0 : Math.floor(random() * 4);
    return Array.from({ length: count }, () => valueOf(type.ofType, random, depth + 1));
  }
  if (isEnumType(type)) return pick(random, type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || random() < 0.5)
        value[field.name] = valueOf(field.type, random, depth + 1);
    }
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return pick(random, INTS);
      case 'Float':
        return pick(random, FLOATS);
      case 'Boolean':
        return random() < 0.5;
      default:
        return pick(random, STRINGS);
    }
  }
  return null;
}

/** A random operation of the schema: a few root fields, random arguments as variables, a random selection. */
function randomOperation(
  root: GraphQLObjectType,
  kind: 'query' | 'mutation' | 'subscription',
  random: Random,
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const argumentsOf = (args: readonly GraphQLArgument[]) => {
    const given = args.filter((argument) => isNonNullType(argument.type) || random() < 0.5);
    if (given.length === 0) return '';
    return `(${given
      .map((argument) => {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(argument.type)}`);
        variables[name] = valueOf(argument.type, random);
        return `${argument.name}: $${name}`;
      })
      .join(', ')})`;
  };
  const selectionOf = (type: GraphQLNamedType, depth: number): string => {
    if (!isObjectType(type)) return '{ __typename }';
    const fields = Object.values(type.getFields());
    const scalars = fields.filter((field) => !isObjectType(getNamedType(field.type)) && isLeaf(field.type));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const count = 1 + Math.floor(random() * 3);
    for (let index = 0; index < count; index++) {
      const candidates = depth >= MAX_DEPTH ? scalars : fields;
      if (candidates.length > 0) chosen.add(pick(random, candidates));
    }
    if (chosen.size === 0) return '{ __typename }';
    return `{ ${[...chosen]
      .map((field, index) => {
        const selection = isLeaf(field.type) ? '' : ` ${selectionOf(getNamedType(field.type), depth + 1)}`;
        return `f${depth}_${index}: ${field.name}${argumentsOf(field.args)}${selection}`;
      })
      .join(' ')} }`;
  };
  const selection = selectionOf(root, 0);
  const header = declarations.length > 0 ? `(${declarations.join(', ')})` : '';
  return { query: `${kind} Fuzz${header} ${selection}`, variables };
}

function isLeaf(type: GraphQLOutputType): boolean {
  const named = getNamedType(getNullableType(type));
  return isScalarType(named) || isEnumType(named);
}

/** A GraphQL answer over WebSocket, as the HTTP answers are read: an `error` message carries its errors. */
function overWebSocket(client: Client, query: string, variables: Record<string, unknown>) {
  return new Promise<GraphQLResponse>((resolve) => {
    let answer: GraphQLResponse = { status: 0 };
    client.subscribe(
      { query, variables },
      {
        next: (result) => void (answer = { status: 0, ...(result as object) }),
        error: (error) =>
          resolve({
            status: 0,
            errors: Array.isArray(error) ? error : [{ message: `closed: ${String(error)}` }],
          }),
        complete: () => resolve(answer),
      },
    );
  });
}

/**
 * What is wrong with an answer: a 5xx, an internal or uncoded error (a closed connection is one), or no answer
 * at all.
 */
function problemOf(answer: GraphQLResponse): string | null {
  const internal = answer.errors?.some(
    (error) =>
      typeof error.extensions?.code !== 'string' || error.extensions.code === 'INTERNAL_SERVER_ERROR',
  );
  if (answer.status < 500 && !internal && (answer.data || answer.errors)) return null;
  return `HTTP ${answer.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 800)}`;
}

let test: TestServer;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(1, 2));
  const submitted = await test.graphql(
    SUBMIT,
    { input: followUp('SVC1-T1', '2026-01', 8, 10, 5) },
    await test.token(['CONTRIBUTOR']),
  );
  expect(submitted.errors).toBeUndefined();
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await test.stop();
});

it('answers random operations of the whole schema over HTTP and WebSocket, without a 5xx, an internal error or a held event loop', async () => {
  const tokens = {
    admin: await test.token(['ADMIN']),
    viewer: await test.token(['VIEWER'], ['SVC1-T1']),
  };
  const introspection = await postGraphQL<IntrospectionQuery>(
    test.server.url,
    getIntrospectionQuery(),
    {},
    tokens.viewer,
  );
  expect(introspection.errors).toBeUndefined();
  const schema = buildClientSchema(introspection.data!);
  const live = {
    admin: connectLive(test.server.url, tokens.admin),
    viewer: connectLive(test.server.url, tokens.viewer),
  };
  connections.push(live.admin, live.viewer);
  /** Every subscription's messages, checked at the end: a live event may fail long after it was asked for. */
  const subscribed: { operation: string; subscription: Subscription }[] = [];
  const open = { admin: [] as Subscription[], viewer: [] as Subscription[] };
  const random = seedrandom(SEED);
  const failures: string[] = [];
  const loop = watchLoopHolds(LOOP_HOLD_BOUND_MS);
  /** Each query sent, by its name in `during`, to send again alone should it seem to hold the loop. */
  const replays = new Map<string, () => Promise<unknown>>();
  const started = Date.now();
  let sent = 0;
  /** Operations that passed validation and ran, whatever their fields then answered. */
  let ran = 0;
  try {
    for (; sent < OPERATIONS && Date.now() - started < TIME_BOUND_MS; sent++) {
      const draw = random();
      const kind = draw < 0.65 ? 'query' : draw < 0.9 ? 'mutation' : 'subscription';
      const root = {
        query: schema.getQueryType()!,
        mutation: schema.getMutationType()!,
        subscription: schema.getSubscriptionType()!,
      }[kind];
      const { query, variables } = randomOperation(root, kind, random);
      const as = random() < 0.7 ? 'admin' : 'viewer';
      const transport = kind === 'subscription' || random() < 0.25 ? 'WebSocket' : 'HTTP';
      const operation = `#${sent} ${transport} as ${as}: ${query}\n  variables ${JSON.stringify(variables).slice(0, 500)}`;
      loop.during(operation);
      if (kind === 'subscription') {
        const subscription = live[as].subscribe(query, variables);
        subscribed.push({ operation, subscription });
        // The oldest go once too many are open; what they heard is checked with the rest.
        open[as].push(subscription);
        if (open[as].length > OPEN_SUBSCRIPTIONS) open[as].shift()!.stop();
        continue;
      }
      const send = () =>
        transport === 'HTTP'
          ? postGraphQL(test.server.url, query, variables, tokens[as])
          : overWebSocket(live[as].client, query, variables);
      if (kind === 'query') replays.set(operation, send);
      const answer = await send();
      if (answer.data) ran++;
      const problem = problemOf(answer);
      if (problem) failures.push(`${operation}\n  ${problem}`);
    }
    // Whatever the subscriptions are to send about the writes above has been sent once a last round trip is over.
    await overWebSocket(live.admin.client, '{ __typename }', {});
    await overWebSocket(live.viewer.client, '{ __typename }', {});
  } finally {
    loop.stop();
  }
  for (const { operation, subscription } of subscribed) {
    subscription.stop();
    for (const message of subscription.results) {
      const problem = problemOf({ status: 0, ...message } as GraphQLResponse);
      if (problem) failures.push(`${operation}\n  ${problem}`);
    }
  }
  expect(failures).toEqual([]);
  // A stretch seen once may be the machine's rather than the server's: under load, a 140 ms stretch was seen
  // where an idle run has none over 25 ms (collector work a busy machine leaves to the main thread, most
  // likely). A query that held the loop is sent again alone, and counts only if it holds it again; a held
  // mutation or subscription counts as it is.
  const holds: LoopHold[] = [];
  for (const hold of loop.holds) {
    const replay = replays.get(hold.during);
    if (!replay) {
      holds.push(hold);
      continue;
    }
    const again = watchLoopHolds(LOOP_HOLD_BOUND_MS);
    again.during(hold.during);
    try {
      await replay();
    } finally {
      again.stop();
    }
    holds.push(...again.holds);
  }
  expect(holds).toEqual([]);
  // Most are refused for what they send; enough must get as far as their resolvers for the fuzz to mean much.
  expect(ran).toBeGreaterThan(sent / 4);
  // Whatever the random writes took, every roll-up is still exactly the sum of the observations below it.
  const em = test.server.database.orm.em.fork();
  expect(byKey(await storedRollups(em))).toEqual(byKey(await recomputeRollups(em)));
});
