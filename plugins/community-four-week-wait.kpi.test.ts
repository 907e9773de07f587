import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import fourWeekWait from './community-four-week-wait.kpi';

describe('community-four-week-wait', () => {
  it.each([
    [{ assessedWithin28Days: 85, assessed: 100 }, 85],
    [{ assessedWithin28Days: 37, assessed: 40 }, 92.5],
    [{ assessedWithin28Days: 2, assessed: 3 }, 66.6667],
    [{ assessedWithin28Days: 0, assessed: 12 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(fourWeekWait.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when nobody was assessed', () => {
    expect(fourWeekWait.calculate({ assessedWithin28Days: 0, assessed: 0 })).toBeNull();
  });

  it.each([
    [{ assessedWithin28Days: 41, assessed: 40 }, 'assessedWithin28Days cannot exceed assessed'],
    [{ assessedWithin28Days: 40, assessed: 40 }, undefined],
    [{ assessedWithin28Days: 0, assessed: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(fourWeekWait.validate?.(inputs)).toBe(message);
  });

  it.each([
    [97, 'BREAKTHROUGH'],
    [92, 'ASPIRATIONAL'],
    [85, 'DESIRABLE'],
    [75, 'ESSENTIAL'],
    [74.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, fourWeekWait.tiers, fourWeekWait.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(fourWeekWait.tiers, fourWeekWait.direction)).toBe(true);
  });
});
