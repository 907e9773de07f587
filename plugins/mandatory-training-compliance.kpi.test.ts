import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import mandatoryTraining from './mandatory-training-compliance.kpi';

describe('mandatory-training-compliance', () => {
  it('calculates the percentage of staff up to date, with its tier', () =>
    testKpi(mandatoryTraining, [
      { values: { compliant: 36, staff: 40 }, value: 90, tier: 'DESIRABLE' },
      { values: { compliant: 29, staff: 31 }, value: '93.5484' },
      { values: { compliant: 0, staff: 12 }, value: 0 },
      { values: { compliant: 98, staff: 100 }, value: 98, tier: 'BREAKTHROUGH' },
      { values: { compliant: 95, staff: 100 }, value: 95, tier: 'ASPIRATIONAL' },
      { values: { compliant: 85, staff: 100 }, value: 85, tier: 'ESSENTIAL' },
      { values: { compliant: 849, staff: 1000 }, value: 84.9, tier: 'BELOW_ESSENTIAL' },
      // Nobody required to train: accepted, with no value and so no tier.
      { values: { compliant: 0, staff: 0 }, value: null, tier: null },
    ]));

  it('refuses more staff compliant than staff', () =>
    testKpi(mandatoryTraining, [
      { values: { compliant: 41, staff: 40 }, refused: 'compliant cannot exceed staff' },
      { values: { compliant: 40, staff: 40 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(mandatoryTraining.tiers, mandatoryTraining.direction)).toBe(true);
  });
});
