/**
 * Seeded random draws for the demo trust. Every series gets its own `seedrandom` stream, keyed by
 * one fixed seed plus a topic (e.g. the KPI and the team code), so every run yields the same numbers
 * and adding a team or a KPI never changes the numbers of any other series.
 */
import seedrandom from 'seedrandom';

export const DEMO_SEED = 'northshire-demo-trust-v1';

/** A uniform draw in [0, 1). */
export type Random = () => number;

export function stream(...topic: string[]): Random {
  return seedrandom([DEMO_SEED, ...topic].join(':'));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** Box–Muller; `1 - random()` keeps the logarithm away from zero. */
export function normal(random: Random, mean = 0, sd = 1): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return mean + sd * radius * Math.cos(2 * Math.PI * random());
}

/** Knuth's method for small means, the normal approximation above it. */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean >= 30) return Math.max(0, Math.round(normal(random, mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count += 1;
  return count;
}

/** Exact for small `trials`, the normal approximation above it; always an integer in [0, trials]. */
export function binomial(random: Random, trials: number, probability: number): number {
  const p = clamp(probability, 0, 1);
  if (trials < 40) {
    let successes = 0;
    for (let trial = 0; trial < trials; trial += 1) if (random() < p) successes += 1;
    return successes;
  }
  const mean = trials * p;
  return clamp(Math.round(normal(random, mean, Math.sqrt(mean * (1 - p)))), 0, trials);
}

/** An index drawn with probability proportional to its (non-negative) weight. */
export function pickWeighted(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random() * total;
  for (let index = 0; index < weights.length; index += 1) {
    target -= weights[index]!;
    if (target < 0) return index;
  }
  return weights.length - 1;
}

/** Fisher–Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

/**
 * Month-to-month wander: an AR(1) series around zero, so a team's good and bad months cluster the
 * way real ones do instead of jumping independently.
 */
export function wander(random: Random, length: number, sd: number, persistence = 0.6): number[] {
  const innovation = sd * Math.sqrt(1 - persistence * persistence);
  const series: number[] = [];
  let level = normal(random, 0, sd);
  for (let index = 0; index < length; index += 1) {
    series.push(level);
    level = persistence * level + normal(random, 0, innovation);
  }
  return series;
}

/**
 * A money or FTE-days amount with at most two decimals. A few cent values (0.29, say) turn into
 * 28.999999999999996 when multiplied back by 100; stepping to the next cent whose round trip is
 * exact lets even a naive "at most 2 decimals" check pass.
 */
export function amount(value: number): number {
  let cents = Math.max(0, Math.round(value * 100));
  while ((cents / 100) * 100 !== cents) cents += 1;
  return cents / 100;
}
