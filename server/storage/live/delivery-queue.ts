import { setTimeout as delay } from 'node:timers/promises';

/** How long a delivery is tried again after it fails: long enough to ride out a database restart or failover. */
const RETRY_WINDOW_MS = 120_000;
const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 5_000;
/**
 * Changes read and fanned out together when they queue up faster than they are delivered: few enough that one
 * batch's events, pushed at once, stay well inside what a subscriber may have waiting (MAX_PENDING_EVENTS).
 */
const LARGEST_BATCH = 25;

export interface DeliveryQueueOptions {
  retryWindowMs?: number;
  firstRetryMs?: number;
}

/**
 * Committed changes (by id) delivered in the order they arrived, a batch at a time: whatever queued while a
 * delivery ran goes in the next one, so a burst of changes is read in a few statements rather than a few per
 * change, and lag stays bounded under sustained writes. A delivery that fails (its reads, say, while the
 * database restarts) is tried again with the same changes, later ones waiting behind it so that order holds,
 * until it succeeds or its retry window has passed.
 */
export class DeliveryQueue {
  private readonly pending: number[] = [];
  private draining: Promise<void> | null = null;
  private readonly stopping = new AbortController();
  private readonly retryWindowMs: number;
  private readonly firstRetryMs: number;

  constructor(
    private readonly deliver: (ids: readonly number[]) => Promise<void>,
    private readonly onError: (error: unknown, ids: readonly number[], givenUp: boolean) => void,
    options: DeliveryQueueOptions = {},
  ) {
    this.retryWindowMs = options.retryWindowMs ?? RETRY_WINDOW_MS;
    this.firstRetryMs = options.firstRetryMs ?? FIRST_RETRY_MS;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  add(id: number): void {
    if (this.stopped) return;
    this.pending.push(id);
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  /** Resolves once everything queued so far has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops delivering: what is queued is dropped, and a delivery waiting to be retried is not. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.pending.length = 0;
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.stopped) {
      const batch = this.pending.splice(0, LARGEST_BATCH);
      await this.deliverWithRetries(batch);
    }
  }

  private async deliverWithRetries(batch: readonly number[]): Promise<void> {
    const firstFailure = Date.now();
    for (let wait = this.firstRetryMs; ; wait = Math.min(wait * 2, LONGEST_RETRY_MS)) {
      try {
        await this.deliver(batch);
        return;
      } catch (error) {
        const givenUp = this.stopped || Date.now() - firstFailure >= this.retryWindowMs;
        this.onError(error, batch, givenUp);
        if (givenUp) return;
        // Stopping cuts the wait short.
        await delay(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        if (this.stopped) return;
      }
    }
  }
}
