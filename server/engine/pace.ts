import { setImmediate } from 'node:timers/promises';

/**
 * Work a request does item by item, so that it never holds the event loop for long whatever its size: the
 * first `every` calls go on at once, the next `every` after a turn of the event loop, the next after another,
 * and so on, letting other requests run between the slices. One per request.
 */
export function pacer(every: number, signal?: AbortSignal): () => Promise<void> | undefined {
  let calls = 0;
  let turn: Promise<void> = Promise.resolve();
  let turnSlice = 0;
  return () => {
    signal?.throwIfAborted();
    const slice = Math.floor(calls++ / every);
    if (slice === 0) return undefined;
    if (slice > turnSlice) {
      turn = turn.then(() => afterTurn(signal));
      turnSlice = slice;
    }
    return turn;
  };
}

/**
 * A turn of the event loop, then the request's cancellation if it came meanwhile (its time budget ran out,
 * it has been answered, or its client has gone): work done in turns stops at the next turn.
 */
async function afterTurn(signal: AbortSignal | undefined): Promise<void> {
  await setImmediate();
  signal?.throwIfAborted();
}

export interface InTurnsOptions {
  /** Items between turns of the event loop. */
  slice?: number;
  signal?: AbortSignal;
}

/** `each` over the items, a slice at a time, with a turn of the event loop between slices. */
export async function inTurns<T>(
  items: readonly T[],
  each: (item: T) => void,
  { slice = 2_000, signal }: InTurnsOptions = {},
): Promise<void> {
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await afterTurn(signal);
    for (const item of items.slice(start, start + slice)) each(item);
  }
}

/**
 * A long list's items, those past the first slice each once its slice's turn has come: graphql-js resolves
 * an item's fields when the item itself resolves, so a list of thousands is answered slice by slice, with
 * other requests between, rather than in one stretch. Each slice's reads go in a batch of their own.
 */
export function inSlices<T>(
  items: readonly T[],
  { slice = 100, signal }: InTurnsOptions = {},
): (T | Promise<T>)[] {
  let turn: Promise<void> = Promise.resolve();
  return items.map((item, index) => {
    if (index < slice) return item;
    if (index % slice === 0) turn = turn.then(() => afterTurn(signal));
    return turn.then(() => item);
  });
}

/** Runs work written as a generator to its end, one step per turn of the event loop. */
export async function stepsInTurns<Result>(
  steps: Generator<void, Result, void>,
  signal?: AbortSignal,
): Promise<Result> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await afterTurn(signal);
  }
}
