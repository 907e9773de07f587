import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import outOfAreaPlacements from './out-of-area-placements.kpi';

describe('out-of-area-placements', () => {
  it.each([
    [{ inappropriateBedDays: 212 }, 212],
    [{ inappropriateBedDays: 31 }, 31],
    [{ inappropriateBedDays: 0 }, 0],
  ])('reports %j as %p bed days', (inputs, expected) => {
    expect(outOfAreaPlacements.calculate(inputs)).toBe(expected);
  });

  it('accepts any number of bed days', () => {
    expect(outOfAreaPlacements.validate).toBeUndefined();
  });

  it.each([
    [0, 'BREAKTHROUGH'],
    [50, 'ASPIRATIONAL'],
    [1, 'ASPIRATIONAL'],
    [150, 'DESIRABLE'],
    [300, 'ESSENTIAL'],
    [301, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, outOfAreaPlacements.tiers, outOfAreaPlacements.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(outOfAreaPlacements.tiers, outOfAreaPlacements.direction)).toBe(true);
  });
});
