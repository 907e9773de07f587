import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import readmissions from './emergency-readmissions-30-day.kpi';

describe('emergency-readmissions-30-day', () => {
  it('calculates the percentage readmitted within 30 days, with its tier', () =>
    testKpi(readmissions, [
      { values: { readmitted: 3, discharged: 40 }, value: 7.5, tier: 'ASPIRATIONAL' },
      { values: { readmitted: 5, discharged: 50 }, value: 10, tier: 'DESIRABLE' },
      { values: { readmitted: 1, discharged: 3 }, value: '33.3333' },
      { values: { readmitted: 0, discharged: 25 }, value: 0 },
      { values: { readmitted: 6, discharged: 100 }, value: 6, tier: 'BREAKTHROUGH' },
      { values: { readmitted: 8, discharged: 100 }, value: 8, tier: 'ASPIRATIONAL' },
      { values: { readmitted: 12, discharged: 100 }, value: 12, tier: 'ESSENTIAL' },
      { values: { readmitted: 121, discharged: 1000 }, value: 12.1, tier: 'BELOW_ESSENTIAL' },
      // Nobody discharged: accepted, with no value and so no tier.
      { values: { readmitted: 0, discharged: 0 }, value: null, tier: null },
    ]));

  it('refuses more readmitted than discharged', () =>
    testKpi(readmissions, [
      { values: { readmitted: 4, discharged: 3 }, refused: 'readmitted cannot exceed discharged' },
      { values: { readmitted: 3, discharged: 3 }, value: 100 },
    ]));

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(readmissions.tiers, readmissions.direction)).toBe(true);
  });
});
