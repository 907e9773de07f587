import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import carerInvolvement from './carer-involvement.kpi';

describe('carer-involvement', () => {
  it.each([
    [{ carerInvolved: 18, carePlans: 24 }, 75],
    [{ carerInvolved: 7, carePlans: 9 }, 77.7778],
    [{ carerInvolved: 0, carePlans: 5 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(carerInvolvement.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when no care plans were reviewed', () => {
    expect(carerInvolvement.calculate({ carerInvolved: 0, carePlans: 0 })).toBeNull();
  });

  it.each([
    [{ carerInvolved: 6, carePlans: 5 }, 'carerInvolved cannot exceed carePlans'],
    [{ carerInvolved: 5, carePlans: 5 }, undefined],
    [{ carerInvolved: 0, carePlans: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(carerInvolvement.validate?.(inputs)).toBe(message);
  });

  it.each([
    [90, 'BREAKTHROUGH'],
    [80, 'ASPIRATIONAL'],
    [70, 'DESIRABLE'],
    [60, 'ESSENTIAL'],
    [59.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, carerInvolvement.tiers, carerInvolvement.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(carerInvolvement.tiers, carerInvolvement.direction)).toBe(true);
  });
});
