import type { TierThresholds } from './define-kpi';
import type { Direction, Tier } from './vocabulary';

const TIERS_HIGHEST_FIRST = [
  ['BREAKTHROUGH', 'breakthrough'],
  ['ASPIRATIONAL', 'aspirational'],
  ['DESIRABLE', 'desirable'],
  ['ESSENTIAL', 'essential'],
] as const;

/** The highest tier the value meets; a value exactly on a threshold meets that tier. */
export function classifyTier(
  value: number | null,
  thresholds: TierThresholds,
  direction: Direction,
): Tier | null {
  if (value === null) return null;
  // Ratios of decimals land a hair off their true value (100 * 1.1 / 20 = 5.500000000000001); twelve
  // significant digits is far finer than any KPI is read, and puts such values back on the threshold.
  const comparable = Number(value.toPrecision(12));
  for (const [tier, field] of TIERS_HIGHEST_FIRST) {
    const threshold = thresholds[field];
    if (direction === 'HIGHER_IS_BETTER' ? comparable >= threshold : comparable <= threshold) return tier;
  }
  return 'BELOW_ESSENTIAL';
}

/** Thresholds must step strictly towards better values: Essential, then Desirable, Aspirational, Breakthrough. */
export function tiersOrdered(thresholds: TierThresholds, direction: Direction): boolean {
  const steps = [
    thresholds.essential,
    thresholds.desirable,
    thresholds.aspirational,
    thresholds.breakthrough,
  ];
  return steps.every(
    (threshold, index) =>
      index === 0 ||
      (direction === 'HIGHER_IS_BETTER' ? threshold > steps[index - 1]! : threshold < steps[index - 1]!),
  );
}
