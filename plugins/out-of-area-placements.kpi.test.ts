import { classifyTier, testKpi, tiersOrdered } from 'progress-platform/kpi';
import outOfAreaPlacements from './out-of-area-placements.kpi';

describe('out-of-area-placements', () => {
  it('reports the bed days as they are, with their tier', () =>
    testKpi(outOfAreaPlacements, [
      { values: { inappropriateBedDays: 212 }, value: 212, tier: 'ESSENTIAL' },
      { values: { inappropriateBedDays: 31 }, value: 31, tier: 'ASPIRATIONAL' },
      { values: { inappropriateBedDays: 0 }, value: 0, tier: 'BREAKTHROUGH' },
      { values: { inappropriateBedDays: 1 }, value: 1, tier: 'ASPIRATIONAL' },
      { values: { inappropriateBedDays: 50 }, value: 50, tier: 'ASPIRATIONAL' },
      { values: { inappropriateBedDays: 150 }, value: 150, tier: 'DESIRABLE' },
      { values: { inappropriateBedDays: 300 }, value: 300, tier: 'ESSENTIAL' },
      { values: { inappropriateBedDays: 301 }, value: 301, tier: 'BELOW_ESSENTIAL' },
    ]));

  it('accepts any number of bed days', () => {
    expect(outOfAreaPlacements.validate).toBeUndefined();
  });

  // Every submission has a value, so no case can show that no value has no tier.
  it('gives no value no tier', () => {
    expect(classifyTier(null, outOfAreaPlacements.tiers, outOfAreaPlacements.direction)).toBeNull();
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(outOfAreaPlacements.tiers, outOfAreaPlacements.direction)).toBe(true);
  });
});
