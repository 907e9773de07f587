/**
 * A subscriber this many events behind is cut off rather than queued for without bound: graphql-ws takes
 * the next event only once the last has left for the socket, so a client that stops reading stops taking.
 */
export const MAX_PENDING_EVENTS = 100;

/** Said to every kind of subscription; `kpiValueChanged` can refetch with `initial: true`, others by a query. */
export const CUT_OFF_MESSAGE =
  'This subscriber fell too far behind and was cut off: read the current state again and resubscribe';

interface Taker<T> {
  resolve(result: IteratorResult<T, void>): void;
  reject(error: Error): void;
}

/**
 * One subscription's events on their way to graphql-ws, in the order pushed. A single array and at most
 * one waiting taker: the live fan-out pushes to every subscriber's queue for every event, so this costs
 * one promise per event where a general-purpose channel (such as @repeaterjs/repeater) made several.
 */
export class EventQueue<T> implements AsyncGenerator<T, void, void> {
  private readonly waiting: T[];
  private readonly limit: number;
  private taker: Taker<T> | null = null;
  private failure: Error | null = null;
  private ended = false;

  /** `first` is sent before anything pushed, and does not count towards the cut-off. */
  constructor(
    private readonly onEnd: () => void,
    first: readonly T[] = [],
  ) {
    this.waiting = [...first];
    this.limit = first.length + MAX_PENDING_EVENTS;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.taker) {
      const taker = this.taker;
      this.taker = null;
      taker.resolve({ done: false, value });
    } else if (this.waiting.length >= this.limit) {
      // What is queued is stale by now: the subscriber learns at once, and resubscribes for the current values.
      this.waiting.length = 0;
      this.failure = new Error(CUT_OFF_MESSAGE);
      this.end();
    } else {
      this.waiting.push(value);
    }
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.waiting.length > 0) return Promise.resolve({ done: false, value: this.waiting.shift()! });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => (this.taker = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T, void>> {
    this.waiting.length = 0;
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.waiting.length = 0;
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    const taker = this.taker;
    this.taker = null;
    taker?.resolve({ done: true, value: undefined });
  }
}
