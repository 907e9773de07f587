import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import sicknessAbsence from './staff-sickness-absence.kpi';

describe('staff-sickness-absence', () => {
  it.each([
    [{ fteDaysLost: 25, fteDaysAvailable: 500 }, 5],
    [{ fteDaysLost: 12.5, fteDaysAvailable: 412.8 }, 3.0281],
    [{ fteDaysLost: 0, fteDaysAvailable: 620.4 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(sicknessAbsence.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value without days available', () => {
    expect(sicknessAbsence.calculate({ fteDaysLost: 0, fteDaysAvailable: 0 })).toBeNull();
  });

  it.each([
    [{ fteDaysLost: 30.5, fteDaysAvailable: 30 }, 'fteDaysLost cannot exceed fteDaysAvailable'],
    [{ fteDaysLost: 30, fteDaysAvailable: 30 }, undefined],
    [{ fteDaysLost: 0, fteDaysAvailable: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(sicknessAbsence.validate?.(inputs)).toBe(message);
  });

  it.each([
    [3, 'BREAKTHROUGH'],
    [3.5, 'ASPIRATIONAL'],
    [4.5, 'DESIRABLE'],
    [5.5, 'ESSENTIAL'],
    [5.6, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, sicknessAbsence.tiers, sicknessAbsence.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(sicknessAbsence.tiers, sicknessAbsence.direction)).toBe(true);
  });
});
