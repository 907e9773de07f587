import type { TierThresholds } from './define-kpi';
import type { Direction, Tier } from './vocabulary';

const TIERS_HIGHEST_FIRST = [
  ['BREAKTHROUGH', 'breakthrough'],
  ['ASPIRATIONAL', 'aspirational'],
  ['DESIRABLE', 'desirable'],
  ['ESSENTIAL', 'essential'],
] as const;

/**
 * A calculated value as it is compared with a threshold. Ratios of decimals land a hair off their true
 * value (100 * 1.1 / 20 = 5.500000000000001); twelve significant digits is far finer than any KPI is
 * read, and puts such values back on the threshold.
 */
export function comparable(value: number): number {
  return Number(value.toPrecision(12));
}

/** The highest tier the value meets; a value exactly on a threshold meets that tier. */
export function classifyTier(
  value: number | null,
  thresholds: TierThresholds,
  direction: Direction,
): Tier | null {
  if (value === null) return null;
  const compared = comparable(value);
  for (const [tier, field] of TIERS_HIGHEST_FIRST) {
    const threshold = thresholds[field];
    if (direction === 'HIGHER_IS_BETTER' ? compared >= threshold : compared <= threshold) return tier;
  }
  return 'BELOW_ESSENTIAL';
}

export const TIER_THRESHOLD_FIELDS = ['essential', 'desirable', 'aspirational', 'breakthrough'] as const;
export type TierThresholdField = (typeof TIER_THRESHOLD_FIELDS)[number];

/**
 * The first threshold that does not step strictly towards better values from the one before it (Essential,
 * then Desirable, Aspirational, Breakthrough), or null when every one does.
 */
export function firstUnorderedTier(
  thresholds: TierThresholds,
  direction: Direction,
): Exclude<TierThresholdField, 'essential'> | null {
  for (let index = 1; index < TIER_THRESHOLD_FIELDS.length; index++) {
    const field = TIER_THRESHOLD_FIELDS[index] as Exclude<TierThresholdField, 'essential'>;
    const threshold = thresholds[field];
    const previous = thresholds[TIER_THRESHOLD_FIELDS[index - 1]!];
    if (direction === 'HIGHER_IS_BETTER' ? !(threshold > previous) : !(threshold < previous)) return field;
  }
  return null;
}

/** Thresholds must step strictly towards better values: Essential, then Desirable, Aspirational, Breakthrough. */
export function tiersOrdered(thresholds: TierThresholds, direction: Direction): boolean {
  return firstUnorderedTier(thresholds, direction) === null;
}
