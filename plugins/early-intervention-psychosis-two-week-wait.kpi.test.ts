import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import twoWeekWait from './early-intervention-psychosis-two-week-wait.kpi';

describe('early-intervention-psychosis-two-week-wait', () => {
  it.each([
    [{ startedWithinTwoWeeks: 6, started: 8 }, 75],
    [{ startedWithinTwoWeeks: 3, started: 5 }, 60],
    [{ startedWithinTwoWeeks: 1, started: 3 }, 33.3333],
    [{ startedWithinTwoWeeks: 0, started: 4 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(twoWeekWait.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when nobody started treatment', () => {
    expect(twoWeekWait.calculate({ startedWithinTwoWeeks: 0, started: 0 })).toBeNull();
  });

  it.each([
    [{ startedWithinTwoWeeks: 5, started: 4 }, 'startedWithinTwoWeeks cannot exceed started'],
    [{ startedWithinTwoWeeks: 4, started: 4 }, undefined],
    [{ startedWithinTwoWeeks: 0, started: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(twoWeekWait.validate?.(inputs)).toBe(message);
  });

  it.each([
    [90, 'BREAKTHROUGH'],
    [80, 'ASPIRATIONAL'],
    [70, 'DESIRABLE'],
    [60, 'ESSENTIAL'],
    [59.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, twoWeekWait.tiers, twoWeekWait.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(twoWeekWait.tiers, twoWeekWait.direction)).toBe(true);
  });
});
