import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { createSourceEventStream, execute } from 'graphql';

type Execution = ExecutionResult | Promise<ExecutionResult>;

/** Per event, the execution each sharing key got: kept as long as the event itself is. */
const executions = new WeakMap<object, Map<string, Execution>>();

export interface Sharing {
  /**
   * Subscriptions with equal keys must get equal results for the same event: the key holds the
   * operation, its variables and everything about the viewer that a field's answer can depend on.
   */
  key: string;
  /** Called before the selection set is executed for an event, e.g. to give it fresh reads. */
  beforeExecute(): void;
}

/**
 * graphql-js's `subscribe`, except that the selection set is executed once per event for all the
 * subscriptions sharing a key, instead of once per subscription: a thousand screens watching the
 * same unit through the same operation cost one execution and a thousand sends.
 */
export async function subscribeSharingExecutions(
  args: ExecutionArgs,
  sharing: Sharing,
): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult> {
  const events = await createSourceEventStream(args);
  if (!isAsyncIterable(events)) return events;
  return mapEvents(events, (event) => {
    if (typeof event !== 'object' || event === null) return run(args, sharing, event);
    let byKey = executions.get(event);
    if (!byKey) executions.set(event, (byKey = new Map()));
    let execution = byKey.get(sharing.key);
    if (!execution) byKey.set(sharing.key, (execution = run(args, sharing, event)));
    return execution;
  });
}

function run(args: ExecutionArgs, sharing: Sharing, event: unknown): Execution {
  sharing.beforeExecute();
  return execute({ ...args, rootValue: event });
}

function isAsyncIterable(value: object): value is AsyncIterable<unknown> {
  return Symbol.asyncIterator in value;
}

/** The source's events as execution results; ending either side ends the other, as in graphql-js. */
function mapEvents(
  events: AsyncIterable<unknown>,
  toResult: (event: unknown) => Execution,
): AsyncGenerator<ExecutionResult, void, void> {
  const source = events[Symbol.asyncIterator]();
  const close = async () => {
    await source.return?.();
  };
  // Plain promise chains, not async functions: this runs for every subscriber on every event, and each
  // async function and await adds promises (and, with AsyncLocalStorage in use, their hooks) to the fan-out.
  const mapped = (
    next: IteratorResult<unknown>,
  ): IteratorResult<ExecutionResult, void> | Promise<IteratorResult<ExecutionResult, void>> => {
    if (next.done) return { done: true, value: undefined };
    const execution = toResult(next.value);
    return 'then' in execution
      ? execution.then((value) => ({ done: false, value }))
      : { done: false, value: execution };
  };
  const generator: AsyncGenerator<ExecutionResult, void, void> = {
    next: () => source.next().then(mapped),
    return: async () => {
      await close();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]: () => generator,
    [Symbol.asyncDispose]: close,
  };
  return generator;
}
