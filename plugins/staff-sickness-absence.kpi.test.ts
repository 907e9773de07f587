import { classifyTier, testKpi, tiersOrdered } from 'progress-platform/kpi';
import sicknessAbsence from './staff-sickness-absence.kpi';

describe('staff-sickness-absence', () => {
  it('calculates the percentage of FTE days lost to sickness, with its tier', () =>
    testKpi(sicknessAbsence, [
      { values: { fteDaysLost: 25, fteDaysAvailable: 500 }, value: 5, tier: 'ESSENTIAL' },
      { values: { fteDaysLost: 12.5, fteDaysAvailable: 412.8 }, value: '3.0281' },
      { values: { fteDaysLost: 0, fteDaysAvailable: 620.4 }, value: 0 },
      { values: { fteDaysLost: 3, fteDaysAvailable: 100 }, value: 3, tier: 'BREAKTHROUGH' },
      { values: { fteDaysLost: 3.5, fteDaysAvailable: 100 }, value: 3.5, tier: 'ASPIRATIONAL' },
      { values: { fteDaysLost: 4.5, fteDaysAvailable: 100 }, value: 4.5, tier: 'DESIRABLE' },
      { values: { fteDaysLost: 5.5, fteDaysAvailable: 100 }, value: 5.5, tier: 'ESSENTIAL' },
      { values: { fteDaysLost: 5.6, fteDaysAvailable: 100 }, value: 5.6, tier: 'BELOW_ESSENTIAL' },
      // No days available: accepted, with no value and so no tier.
      { values: { fteDaysLost: 0, fteDaysAvailable: 0 }, value: null, tier: null },
    ]));

  it('refuses more days lost than available', () =>
    testKpi(sicknessAbsence, [
      {
        values: { fteDaysLost: 30.5, fteDaysAvailable: 30 },
        refused: 'fteDaysLost cannot exceed fteDaysAvailable',
      },
      { values: { fteDaysLost: 30, fteDaysAvailable: 30 }, value: 100 },
    ]));

  // testKpi matches a value to the places it is written with, so values exactly on a threshold that is not a
  // whole number are classified directly.
  it.each([
    [3.5, 'ASPIRATIONAL'],
    [4.5, 'DESIRABLE'],
    [5.5, 'ESSENTIAL'],
  ])('classifies %p, exactly on a threshold, as %p', (value, tier) => {
    expect(classifyTier(value, sicknessAbsence.tiers, sicknessAbsence.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(sicknessAbsence.tiers, sicknessAbsence.direction)).toBe(true);
  });
});
