import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import costPerBedDay from './cost-per-occupied-bed-day.kpi';

describe('cost-per-occupied-bed-day', () => {
  it.each([
    [{ inpatientCost: 372_000, bedDays: 620 }, 600],
    [{ inpatientCost: 401_234.56, bedDays: 589 }, 681.2132],
    [{ inpatientCost: 0, bedDays: 600 }, 0],
  ])('calculates %j as £%p', (inputs, expected) => {
    expect(costPerBedDay.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it.each([[{ inpatientCost: 0, bedDays: 0 }], [{ inpatientCost: 85_000, bedDays: 0 }]])(
    'has no value without occupied bed days: %j',
    (inputs) => {
      expect(costPerBedDay.calculate(inputs)).toBeNull();
    },
  );

  it('accepts any combination of cost and bed days', () => {
    expect(costPerBedDay.validate).toBeUndefined();
  });

  it.each([
    [500, 'BREAKTHROUGH'],
    [550, 'ASPIRATIONAL'],
    [600, 'DESIRABLE'],
    [650, 'ESSENTIAL'],
    [650.01, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, costPerBedDay.tiers, costPerBedDay.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(costPerBedDay.tiers, costPerBedDay.direction)).toBe(true);
  });
});
