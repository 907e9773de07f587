export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Two decimals: a hundredth of a millisecond is finer than anything this machine can tell apart. */
export const rounded = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of ascending `sorted` values (p in 0–100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: rounded(percentile(sorted, 50)),
    p95: rounded(percentile(sorted, 95)),
    p99: rounded(percentile(sorted, 99)),
  };
}

export function median(values: readonly number[]): number {
  return rounded(percentile(Float64Array.from(values).sort(), 50));
}

/** The same percentiles as a multiple of a baseline. */
export function ratioTo(baseline: number, figures: Percentiles): Percentiles {
  return {
    p50: rounded(figures.p50 / baseline),
    p95: rounded(figures.p95 / baseline),
    p99: rounded(figures.p99 / baseline),
  };
}

/** Each percentile's median across rounds. */
export function medianPercentiles(rounds: readonly Percentiles[]): Percentiles {
  return {
    p50: median(rounds.map((round) => round.p50)),
    p95: median(rounds.map((round) => round.p95)),
    p99: median(rounds.map((round) => round.p99)),
  };
}
