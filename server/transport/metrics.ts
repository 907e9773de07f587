import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AnsweredRequest } from './answered-requests';
import type { LiveObserver } from '../storage/live/live-hub';

/** Operation names are the client's to choose: past this many, the rest are counted under one label. */
const MOST_OPERATION_NAMES = 200;
const OTHER_OPERATIONS = '(other)';
const ANONYMOUS = '(anonymous)';
/** Operations that never resolved: bad JSON, a parse or validation failure, an unknown operation name. */
const UNRESOLVED = '(unresolved)';

export interface PoolUse {
  used: number;
  free: number;
  pending: number;
  max: number;
}

export interface MetricSources {
  liveSubscribers(): number;
  pool(): PoolUse;
}

/**
 * The server's Prometheus metrics (`GET /metrics`, in prom-client's registry of its own): Node.js's defaults,
 * the event loop's delay among them, and what the platform does: GraphQL requests and their durations by
 * operation, errors by code, live subscribers, events fanned out, how long changes took to reach them, and
 * the database pool.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly requests: Counter<'operation' | 'type'>;
  private readonly requestSeconds: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly fannedOut: Counter;
  private readonly deliverySeconds: Histogram;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'progress_graphql_requests_total',
      help: 'GraphQL operations answered over HTTP, by operation name and type',
      labelNames: ['operation', 'type'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'progress_graphql_request_duration_seconds',
      help: 'Time from a GraphQL operation arriving to its answer being sent, by operation name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: 'progress_graphql_errors_total',
      help: 'Errors in GraphQL answers over HTTP, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    new Gauge({
      name: 'progress_live_subscribers',
      help: 'Live subscriptions open on this instance',
      registers,
      collect() {
        this.set(sources.liveSubscribers());
      },
    });
    this.fannedOut = new Counter({
      name: 'progress_live_events_fanned_out_total',
      help: 'Live events handed to subscribers, one per subscriber and change',
      registers,
    });
    this.deliverySeconds = new Histogram({
      name: 'progress_live_delivery_lag_seconds',
      help: "Time from a change's transaction beginning to its delivery to this instance's subscribers",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    for (const [state, read] of [
      ['used', (pool: PoolUse) => pool.used],
      ['free', (pool: PoolUse) => pool.free],
      ['pending', (pool: PoolUse) => pool.pending],
      ['max', (pool: PoolUse) => pool.max],
    ] as const) {
      new Gauge({
        name: `progress_db_pool_${state}`,
        help:
          state === 'pending'
            ? 'Requests waiting for a database connection from the pool'
            : `Database connections of the pool: ${state}`,
        registers,
        collect() {
          this.set(read(sources.pool()));
        },
      });
    }
  }

  /** Counts a GraphQL request over HTTP, its duration and its errors. */
  countRequest({ operation, type, durationMs, errors }: AnsweredRequest): void {
    const label = type ? this.operationLabel(operation) : UNRESOLVED;
    this.requests.inc({ operation: label, type: type ?? 'unknown' });
    this.requestSeconds.observe({ operation: label }, durationMs / 1000);
    for (const code of errors) this.errors.inc({ code });
  }

  /** What the live hub reports, counted. */
  liveObserver(): LiveObserver {
    return {
      fannedOut: (events) => this.fannedOut.inc(events),
      delivered: (seconds) => this.deliverySeconds.observe(seconds),
    };
  }

  private operationLabel(name: string | null): string {
    if (name === null) return ANONYMOUS;
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MOST_OPERATION_NAMES) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }
}
