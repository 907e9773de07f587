import type { ExecutionResult } from 'graphql';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { subscribeSharingExecutions } from './shared-execution';

interface Tick {
  at: number;
}

/** A schema whose one subscription relays what is sent through `channel`, counting field executions. */
function tickSchema() {
  const listeners = new Set<(tick: Tick) => void>();
  const closed: string[] = [];
  const executions = { count: 0 };
  const tickType = new GraphQLObjectType<Tick>({
    name: 'Tick',
    fields: {
      at: {
        type: GraphQLInt,
        resolve: (tick) => {
          executions.count++;
          return tick.at;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        ticks: {
          type: tickType,
          args: { name: { type: GraphQLString } },
          subscribe: (_root, args: { name: string }) => {
            const queue: Tick[] = [];
            let wake: (() => void) | null = null;
            const listener = (tick: Tick) => {
              queue.push(tick);
              wake?.();
            };
            listeners.add(listener);
            return {
              [Symbol.asyncIterator]() {
                return this;
              },
              async next(): Promise<IteratorResult<Tick>> {
                while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
                return { done: false, value: queue.shift()! };
              },
              async return(): Promise<IteratorResult<Tick>> {
                listeners.delete(listener);
                closed.push(args.name);
                return { done: true, value: undefined };
              },
            };
          },
          resolve: (tick: Tick) => tick,
        },
      },
    }),
  });
  const send = (tick: Tick) => listeners.forEach((listener) => listener(tick));
  return { schema, send, executions, closed };
}

async function subscribe(schema: GraphQLSchema, key: string, name = 'screen') {
  const fresh = { count: 0 };
  const stream = await subscribeSharingExecutions(
    { schema, document: parse(`subscription { ticks(name: "${name}") { at } }`) },
    { key, beforeExecute: () => fresh.count++ },
  );
  if (!(Symbol.asyncIterator in stream)) throw new Error(`not a stream: ${JSON.stringify(stream)}`);
  return { stream, fresh };
}

const dataOf = (result: IteratorResult<ExecutionResult>) => result.value?.data;

describe('subscribeSharingExecutions', () => {
  it('executes an event once for every subscription with the same key, and once more for another key', async () => {
    const { schema, send, executions } = tickSchema();
    const screens = await Promise.all([
      subscribe(schema, 'board'),
      subscribe(schema, 'board'),
      subscribe(schema, 'board'),
      subscribe(schema, 'other viewer'),
    ]);
    const tick = { at: 1 };
    send(tick);
    const results = await Promise.all(screens.map(({ stream }) => stream.next()));
    expect(results.map(dataOf)).toEqual(Array(4).fill({ ticks: { at: 1 } }));
    expect(executions.count).toBe(2);
    expect(screens.map(({ fresh }) => fresh.count)).toEqual([1, 0, 0, 1]);

    // A different event object is executed afresh, even with equal contents.
    send({ at: 1 });
    await Promise.all(screens.map(({ stream }) => stream.next()));
    expect(executions.count).toBe(4);
  });

  it('ends the source when the subscriber ends', async () => {
    const { schema, closed } = tickSchema();
    const { stream } = await subscribe(schema, 'board', 'wall');
    expect(await stream.return()).toEqual({ done: true, value: undefined });
    expect(closed).toEqual(['wall']);
  });

  it('returns the errors of a subscription that cannot start, instead of a stream', async () => {
    const { schema } = tickSchema();
    const result = await subscribeSharingExecutions(
      { schema, document: parse('subscription { ticks(name: 1) { at } }') },
      { key: 'board', beforeExecute: () => undefined },
    );
    expect(result).toMatchObject({ errors: [expect.objectContaining({ message: expect.any(String) })] });
  });
});
