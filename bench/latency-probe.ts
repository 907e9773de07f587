import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { percentiles } from './statistics';
import type { Percentiles } from './statistics';

/** A probe's request starts and latencies, ms. */
export type ProbeSamples = [number, number][];

/** Between two probes: often enough to see a held event loop, seldom enough not to load the server. */
const PAUSE_MS = 10;

/** `{ __typename }` sent over and over from a thread of its own while the benchmark runs its reads. */
export class LatencyProbe {
  private readonly worker: Worker;

  constructor(url: string, token: string) {
    this.worker = new Worker(path.join(__dirname, 'latency-probe-worker.cjs'), {
      workerData: { url, token, pauseMs: PAUSE_MS },
    });
  }

  /** Stops probing and gives back every sample. */
  async stop(): Promise<ProbeSamples> {
    const samples = new Promise<ProbeSamples>((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage('stop');
    const result = await samples;
    await this.worker.terminate();
    return result;
  }
}

/** The probes that started within `from` and `to` (ms since the epoch): their latencies' percentiles. */
export function probedBetween(
  samples: ProbeSamples,
  from: number,
  to: number,
): Percentiles & { probes: number; failed: number } {
  const within = samples.filter(([at]) => at >= from && at <= to);
  const latencies = within.map(([, latency]) => latency).filter((latency) => !Number.isNaN(latency));
  return { ...percentiles(latencies), probes: within.length, failed: within.length - latencies.length };
}
