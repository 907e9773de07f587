import type { Percentiles } from './statistics';
import { median, medianPercentiles, percentiles, ratioTo, rounded } from './statistics';

/** The live benchmark's raw timings, and the figures it reports from them. */

export interface Timed {
  /** performance.now() just before the request was sent, and when its response arrived. */
  sent: number;
  answered: number;
}

export interface SubmissionTiming extends Timed {
  times: Float64Array;
}

export interface RoundSamples {
  baseline: number[];
  submissions: SubmissionTiming[];
  serverCpuMs: number | null;
  benchCpuMs: number;
}

export interface Figures {
  baselineMs: number;
  submissions: number;
  /** Per-subscriber receipts timed, and those that never came. */
  samples: number;
  missed: number;
  /** The submission's own HTTP round trip. */
  mutationMs: Percentiles;
  /** Per subscriber, from the mutation's response (the commit had happened: a lower bound)… */
  afterResponseMs: Percentiles;
  /** …and from just before the request was sent (an upper bound). */
  fromRequestMs: Percentiles;
  /** When the last subscriber had it: fan-out completion per submission, both ways. */
  fanOutAfterResponseMs: Percentiles;
  fanOutFromRequestMs: Percentiles;
  /** The same figures as multiples of the baseline. */
  ratio: {
    afterResponse: Percentiles;
    fromRequest: Percentiles;
    fanOutAfterResponse: Percentiles;
    fanOutFromRequest: Percentiles;
  };
  serverCpuMsPerSubmission: number | null;
  benchCpuMsPerSubmission: number;
}

export function figuresOf(rounds: readonly RoundSamples[]): Figures {
  const baseline = rounds.flatMap((round) => round.baseline);
  const submissions = rounds.flatMap((round) => round.submissions);
  const afterResponse: number[] = [];
  const fromRequest: number[] = [];
  const fanOutAfterResponse: number[] = [];
  const fanOutFromRequest: number[] = [];
  let missed = 0;
  for (const { sent, answered, times } of submissions) {
    let last = -Infinity;
    for (const time of times) {
      if (Number.isNaN(time)) {
        missed++;
        continue;
      }
      afterResponse.push(time - answered);
      fromRequest.push(time - sent);
      last = Math.max(last, time);
    }
    if (last === -Infinity) continue;
    fanOutAfterResponse.push(last - answered);
    fanOutFromRequest.push(last - sent);
  }
  const baselineMs = median(baseline);
  const figures = {
    afterResponseMs: percentiles(afterResponse),
    fromRequestMs: percentiles(fromRequest),
    fanOutAfterResponseMs: percentiles(fanOutAfterResponse),
    fanOutFromRequestMs: percentiles(fanOutFromRequest),
  };
  const serverCpu = rounds.map((round) => round.serverCpuMs);
  return {
    baselineMs,
    submissions: submissions.length,
    samples: afterResponse.length,
    missed,
    mutationMs: percentiles(submissions.map(({ sent, answered }) => answered - sent)),
    ...figures,
    ratio: {
      afterResponse: ratioTo(baselineMs, figures.afterResponseMs),
      fromRequest: ratioTo(baselineMs, figures.fromRequestMs),
      fanOutAfterResponse: ratioTo(baselineMs, figures.fanOutAfterResponseMs),
      fanOutFromRequest: ratioTo(baselineMs, figures.fanOutFromRequestMs),
    },
    serverCpuMsPerSubmission: serverCpu.every((ms) => ms !== null)
      ? rounded(serverCpu.reduce((sum, ms) => sum + ms, 0) / submissions.length)
      : null,
    benchCpuMsPerSubmission: rounded(
      rounds.reduce((sum, round) => sum + round.benchCpuMs, 0) / submissions.length,
    ),
  };
}

/** Each figure's median across rounds. */
export function medianOfRounds(rounds: readonly Figures[]): Figures {
  const of = (pick: (figures: Figures) => Percentiles) => medianPercentiles(rounds.map(pick));
  const serverCpu = rounds.map((round) => round.serverCpuMsPerSubmission);
  return {
    baselineMs: median(rounds.map((round) => round.baselineMs)),
    submissions: rounds.reduce((sum, round) => sum + round.submissions, 0),
    samples: rounds.reduce((sum, round) => sum + round.samples, 0),
    missed: rounds.reduce((sum, round) => sum + round.missed, 0),
    mutationMs: of((round) => round.mutationMs),
    afterResponseMs: of((round) => round.afterResponseMs),
    fromRequestMs: of((round) => round.fromRequestMs),
    fanOutAfterResponseMs: of((round) => round.fanOutAfterResponseMs),
    fanOutFromRequestMs: of((round) => round.fanOutFromRequestMs),
    ratio: {
      afterResponse: of((round) => round.ratio.afterResponse),
      fromRequest: of((round) => round.ratio.fromRequest),
      fanOutAfterResponse: of((round) => round.ratio.fanOutAfterResponse),
      fanOutFromRequest: of((round) => round.ratio.fanOutFromRequest),
    },
    serverCpuMsPerSubmission: serverCpu.every((ms) => ms !== null) ? median(serverCpu) : null,
    benchCpuMsPerSubmission: median(rounds.map((round) => round.benchCpuMsPerSubmission)),
  };
}
