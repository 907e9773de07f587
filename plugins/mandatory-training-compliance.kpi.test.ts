import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import mandatoryTraining from './mandatory-training-compliance.kpi';

describe('mandatory-training-compliance', () => {
  it.each([
    [{ compliant: 36, staff: 40 }, 90],
    [{ compliant: 29, staff: 31 }, 93.5484],
    [{ compliant: 0, staff: 12 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(mandatoryTraining.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when nobody is required to train', () => {
    expect(mandatoryTraining.calculate({ compliant: 0, staff: 0 })).toBeNull();
  });

  it.each([
    [{ compliant: 41, staff: 40 }, 'compliant cannot exceed staff'],
    [{ compliant: 40, staff: 40 }, undefined],
    [{ compliant: 0, staff: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(mandatoryTraining.validate?.(inputs)).toBe(message);
  });

  it.each([
    [98, 'BREAKTHROUGH'],
    [95, 'ASPIRATIONAL'],
    [90, 'DESIRABLE'],
    [85, 'ESSENTIAL'],
    [84.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, mandatoryTraining.tiers, mandatoryTraining.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(mandatoryTraining.tiers, mandatoryTraining.direction)).toBe(true);
  });
});
