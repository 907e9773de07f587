import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** What the one event a submission causes must say, so a late or stray event is never timed as this one. */
export interface ExpectedEvent {
  period: string;
  value: number | null;
  reporting: number;
}

export interface Delivery {
  /** When each subscriber received the event (performance.now()), NaN for those that did not. */
  times: Float64Array;
  /** Resolves once every subscriber has the event, or when the wait runs out. */
  settled: Promise<void>;
}

interface Armed {
  expected: ExpectedEvent;
  times: Float64Array;
  received: number;
  resolve: () => void;
}

interface Subscriber {
  client: Client;
  closed: Promise<void>;
}

type Event = { kpiValueChanged?: { period: string; value: number | null; reporting: number } };

const CONNECT_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;
/** Sockets opened at once while growing the pool: enough to be quick, few enough not to flood the server. */
const CONNECT_BATCH = 50;
const MAX_NOTES = 5;

/**
 * N graphql-ws clients, one connection and one subscription each, as N control-room screens would be.
 * It keeps nothing per event but one timestamp per subscriber, so a thousand clients stay small.
 */
export class LiveSubscribers {
  private readonly subscribers: Subscriber[] = [];
  private armed: Armed | null = null;
  private closing = false;
  /** Events that matched no armed submission (late, repeated or wrong): should stay 0. */
  stray = 0;
  /** Connections the server closed, and subscriptions it ended with an error: should stay 0. */
  lost = 0;
  readonly notes: string[] = [];

  constructor(
    private readonly wsUrl: string,
    private readonly token: string,
    private readonly operation: { query: string; variables: Record<string, unknown> },
  ) {}

  get size(): number {
    return this.subscribers.length;
  }

  /** Opens connections until there are `target`, each subscribed, `CONNECT_BATCH` at a time. */
  async grow(target: number): Promise<void> {
    while (this.subscribers.length < target) {
      const batch = Math.min(CONNECT_BATCH, target - this.subscribers.length);
      await Promise.all(Array.from({ length: batch }, () => this.connect()));
    }
  }

  /** Starts timing the next event; call before sending the submission that causes it. */
  arm(expected: ExpectedEvent, timeoutMs: number): Delivery {
    const times = new Float64Array(this.subscribers.length).fill(NaN);
    let resolve!: () => void;
    const arrived = new Promise<void>((done) => (resolve = done));
    this.armed = { expected, times, received: 0, resolve };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((done) => (timer = setTimeout(done, timeoutMs)));
    const settled = Promise.race([arrived, timedOut]).then(() => {
      clearTimeout(timer);
      this.armed = null;
    });
    return { times, settled };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const subscriber of this.subscribers) void subscriber.client.dispose();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.subscribers.map((subscriber) => subscriber.closed)),
      new Promise((done) => (timer = setTimeout(done, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    this.subscribers.length = 0;
  }

  private connect(): Promise<void> {
    const index = this.subscribers.length;
    let connected!: () => void;
    let failed!: (error: Error) => void;
    let markClosed!: () => void;
    const ready = new Promise<void>((resolve, reject) => ((connected = resolve), (failed = reject)));
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const timer = setTimeout(
      () => failed(new Error('a subscriber could not connect in time')),
      CONNECT_TIMEOUT_MS,
    );
    const client = createClient({
      url: this.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
      on: {
        connected: () => {
          clearTimeout(timer);
          connected();
        },
        closed: (event) => {
          clearTimeout(timer);
          markClosed();
          if (this.closing) return;
          const { code, reason } = event as { code: number; reason: string };
          this.lost++;
          this.note(`connection closed: ${code} ${reason}`);
          failed(new Error(`a subscriber's connection closed: ${code} ${reason}`));
        },
      },
    });
    this.subscribers.push({ client, closed });
    client.subscribe<Event>(this.operation, {
      next: (result) => this.received(index, result),
      error: (error) => {
        if (this.closing) return;
        this.lost++;
        this.note(`subscription ended: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
      },
      complete: () => undefined,
    });
    return ready;
  }

  private received(index: number, result: FormattedExecutionResult<Event, unknown>): void {
    const now = performance.now();
    const armed = this.armed;
    const event = result.data?.kpiValueChanged;
    if (
      !armed ||
      !event ||
      index >= armed.times.length ||
      !Number.isNaN(armed.times[index]) ||
      event.period !== armed.expected.period ||
      event.value !== armed.expected.value ||
      event.reporting !== armed.expected.reporting
    ) {
      this.stray++;
      if (result.errors) this.note(`event with errors: ${JSON.stringify(result.errors)}`);
      return;
    }
    armed.times[index] = now;
    if (++armed.received === armed.times.length) armed.resolve();
  }

  private note(message: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(message);
  }
}
