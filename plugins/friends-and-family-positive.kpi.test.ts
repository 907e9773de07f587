import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import friendsAndFamily from './friends-and-family-positive.kpi';

describe('friends-and-family-positive', () => {
  it.each([
    [{ positive: 45, responses: 50 }, 90],
    [{ positive: 31, responses: 33 }, 93.9394],
    [{ positive: 0, responses: 7 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(friendsAndFamily.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value without responses', () => {
    expect(friendsAndFamily.calculate({ positive: 0, responses: 0 })).toBeNull();
  });

  it.each([
    [{ positive: 11, responses: 10 }, 'positive cannot exceed responses'],
    [{ positive: 10, responses: 10 }, undefined],
    [{ positive: 0, responses: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(friendsAndFamily.validate?.(inputs)).toBe(message);
  });

  it.each([
    [96, 'BREAKTHROUGH'],
    [93, 'ASPIRATIONAL'],
    [90, 'DESIRABLE'],
    [85, 'ESSENTIAL'],
    [84.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, friendsAndFamily.tiers, friendsAndFamily.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(friendsAndFamily.tiers, friendsAndFamily.direction)).toBe(true);
  });
});
