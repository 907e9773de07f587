import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import costPerBedDay from './cost-per-occupied-bed-day.kpi';

describe('cost-per-occupied-bed-day', () => {
  it('calculates the cost of an occupied bed day in pounds, with its tier', () =>
    testKpi(costPerBedDay, [
      { values: { inpatientCost: 372_000, bedDays: 620 }, value: 600, tier: 'DESIRABLE' },
      { values: { inpatientCost: 401_234.56, bedDays: 589 }, value: '681.2132' },
      { values: { inpatientCost: 0, bedDays: 600 }, value: 0 },
      { values: { inpatientCost: 50_000, bedDays: 100 }, value: 500, tier: 'BREAKTHROUGH' },
      { values: { inpatientCost: 55_000, bedDays: 100 }, value: 550, tier: 'ASPIRATIONAL' },
      { values: { inpatientCost: 65_000, bedDays: 100 }, value: 650, tier: 'ESSENTIAL' },
      { values: { inpatientCost: 65_001, bedDays: 100 }, value: 650.01, tier: 'BELOW_ESSENTIAL' },
      // No occupied bed days: accepted, whatever the cost, with no value and so no tier.
      { values: { inpatientCost: 0, bedDays: 0 }, value: null, tier: null },
      { values: { inpatientCost: 85_000, bedDays: 0 }, value: null },
    ]));

  it('accepts any combination of cost and bed days', () => {
    expect(costPerBedDay.validate).toBeUndefined();
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(costPerBedDay.tiers, costPerBedDay.direction)).toBe(true);
  });
});
