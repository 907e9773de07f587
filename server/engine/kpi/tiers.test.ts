import type { TierThresholds } from './define-kpi';
import { classifyTier, firstUnorderedTier, tiersOrdered } from './tiers';
import type { Direction } from './vocabulary';

/** A percentage where more is better, e.g. follow-ups within seven days. */
const HIGHER: TierThresholds = { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 };
/** A rate where less is better, e.g. agency spend as a share of the pay bill. */
const LOWER: TierThresholds = { essential: 6, desirable: 4.5, aspirational: 3.2, breakthrough: 2 };

describe('classifyTier', () => {
  it.each([
    [100, 'BREAKTHROUGH'],
    [98, 'BREAKTHROUGH'],
    [97.99, 'ASPIRATIONAL'],
    [95, 'ASPIRATIONAL'],
    [94.9, 'DESIRABLE'],
    [90, 'DESIRABLE'],
    [89.999, 'ESSENTIAL'],
    [80, 'ESSENTIAL'],
    [79.99, 'BELOW_ESSENTIAL'],
    [0, 'BELOW_ESSENTIAL'],
  ])('HIGHER_IS_BETTER: %p is %s', (value, tier) => {
    expect(classifyTier(value, HIGHER, 'HIGHER_IS_BETTER')).toBe(tier);
  });

  it.each([
    [0, 'BREAKTHROUGH'],
    [2, 'BREAKTHROUGH'],
    [2.01, 'ASPIRATIONAL'],
    [3.2, 'ASPIRATIONAL'],
    [3.21, 'DESIRABLE'],
    [4.5, 'DESIRABLE'],
    [4.51, 'ESSENTIAL'],
    [6, 'ESSENTIAL'],
    [6.01, 'BELOW_ESSENTIAL'],
    [40, 'BELOW_ESSENTIAL'],
  ])('LOWER_IS_BETTER: %p is %s', (value, tier) => {
    expect(classifyTier(value, LOWER, 'LOWER_IS_BETTER')).toBe(tier);
  });

  it.each<Direction>(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'])(
    'gives no tier to no value (%s)',
    (direction) => {
      expect(classifyTier(null, direction === 'HIGHER_IS_BETTER' ? HIGHER : LOWER, direction)).toBeNull();
    },
  );

  it('puts a ratio that lands a hair past its threshold back on it', () => {
    const value = (100 * 1.1) / 20;
    expect(value).toBe(5.500000000000001);
    const thresholds = { essential: 7, desirable: 6.5, aspirational: 5.5, breakthrough: 4 };
    expect(classifyTier(value, thresholds, 'LOWER_IS_BETTER')).toBe('ASPIRATIONAL');
  });

  it('puts a sum that lands a hair short of its threshold back on it (HIGHER_IS_BETTER)', () => {
    const value = 100 * (1 - 0.3 - 0.3 - 0.1);
    expect(value).toBeLessThan(30);
    const thresholds = { essential: 30, desirable: 50, aspirational: 70, breakthrough: 90 };
    expect(classifyTier(value, thresholds, 'HIGHER_IS_BETTER')).toBe('ESSENTIAL');
  });

  it('still tells apart values that differ in any digit a person reads', () => {
    const thresholds = { essential: 7, desirable: 6.5, aspirational: 5.5, breakthrough: 4 };
    expect(classifyTier(5.5001, thresholds, 'LOWER_IS_BETTER')).toBe('DESIRABLE');
    expect(classifyTier(29.9999, { ...HIGHER, essential: 30 }, 'HIGHER_IS_BETTER')).toBe('BELOW_ESSENTIAL');
  });
});

describe('tiersOrdered', () => {
  it.each<[string, TierThresholds, Direction, boolean]>([
    ['strictly increasing', HIGHER, 'HIGHER_IS_BETTER', true],
    ['strictly decreasing', LOWER, 'LOWER_IS_BETTER', true],
    ['decreasing', LOWER, 'HIGHER_IS_BETTER', false],
    ['increasing', HIGHER, 'LOWER_IS_BETTER', false],
    [
      'essential equal to desirable',
      { essential: 80, desirable: 80, aspirational: 95, breakthrough: 98 },
      'HIGHER_IS_BETTER',
      false,
    ],
    [
      'aspirational equal to breakthrough',
      { essential: 80, desirable: 90, aspirational: 98, breakthrough: 98 },
      'HIGHER_IS_BETTER',
      false,
    ],
    [
      'desirable above aspirational',
      { essential: 80, desirable: 96, aspirational: 95, breakthrough: 98 },
      'HIGHER_IS_BETTER',
      false,
    ],
    [
      'essential equal to desirable',
      { essential: 6, desirable: 6, aspirational: 3.2, breakthrough: 2 },
      'LOWER_IS_BETTER',
      false,
    ],
    [
      'aspirational equal to breakthrough',
      { essential: 6, desirable: 4.5, aspirational: 2, breakthrough: 2 },
      'LOWER_IS_BETTER',
      false,
    ],
    [
      'aspirational below breakthrough',
      { essential: 6, desirable: 4.5, aspirational: 1, breakthrough: 2 },
      'LOWER_IS_BETTER',
      false,
    ],
    [
      'all equal',
      { essential: 5, desirable: 5, aspirational: 5, breakthrough: 5 },
      'HIGHER_IS_BETTER',
      false,
    ],
    ['all equal', { essential: 5, desirable: 5, aspirational: 5, breakthrough: 5 }, 'LOWER_IS_BETTER', false],
  ])('thresholds %s for %s: ordered is %p', (_description, thresholds, direction, ordered) => {
    expect(tiersOrdered(thresholds, direction)).toBe(ordered);
  });
});

describe('firstUnorderedTier', () => {
  it.each<[TierThresholds, Direction, string | null]>([
    [HIGHER, 'HIGHER_IS_BETTER', null],
    [LOWER, 'LOWER_IS_BETTER', null],
    [{ essential: 80, desirable: 75, aspirational: 95, breakthrough: 98 }, 'HIGHER_IS_BETTER', 'desirable'],
    [
      { essential: 80, desirable: 90, aspirational: 90, breakthrough: 98 },
      'HIGHER_IS_BETTER',
      'aspirational',
    ],
    [
      { essential: 80, desirable: 90, aspirational: 95, breakthrough: 94 },
      'HIGHER_IS_BETTER',
      'breakthrough',
    ],
    [{ essential: 6, desirable: 7, aspirational: 3.2, breakthrough: 2 }, 'LOWER_IS_BETTER', 'desirable'],
    [
      { essential: 6, desirable: 4.5, aspirational: 3.2, breakthrough: 3.5 },
      'LOWER_IS_BETTER',
      'breakthrough',
    ],
    [HIGHER, 'LOWER_IS_BETTER', 'desirable'],
  ])('%j for %s: %p', (thresholds, direction, field) => {
    expect(firstUnorderedTier(thresholds, direction)).toBe(field);
  });
});
