import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import physicalInterventions from './physical-interventions.kpi';

describe('physical-interventions', () => {
  it('calculates physical interventions per 1,000 occupied bed days, with its tier', () =>
    testKpi(physicalInterventions, [
      { values: { interventions: 5, prone: 1, bedDays: 620 }, value: '8.0645', tier: 'BELOW_ESSENTIAL' },
      { values: { interventions: 3, prone: 0, bedDays: 750 }, value: 4, tier: 'ASPIRATIONAL' },
      { values: { interventions: 0, prone: 0, bedDays: 600 }, value: 0, tier: 'BREAKTHROUGH' },
      { values: { interventions: 2, prone: 0, bedDays: 1000 }, value: 2, tier: 'BREAKTHROUGH' },
      { values: { interventions: 6, prone: 0, bedDays: 1000 }, value: 6, tier: 'DESIRABLE' },
      { values: { interventions: 8, prone: 0, bedDays: 1000 }, value: 8, tier: 'ESSENTIAL' },
      { values: { interventions: 81, prone: 0, bedDays: 10_000 }, value: 8.1, tier: 'BELOW_ESSENTIAL' },
      // No occupied bed days: accepted, with no value and so no tier.
      { values: { interventions: 0, prone: 0, bedDays: 0 }, value: null, tier: null },
      { values: { interventions: 2, prone: 1, bedDays: 0 }, value: null },
    ]));

  it('refuses more prone restraints than restraints', () =>
    testKpi(physicalInterventions, [
      {
        values: { interventions: 2, prone: 3, bedDays: 600 },
        refused: 'prone cannot exceed interventions',
      },
      { values: { interventions: 3, prone: 3, bedDays: 600 }, value: 5 },
    ]));

  it('gives the percentage of restraints that were prone', () =>
    testKpi(physicalInterventions, [
      { values: { interventions: 82, prone: 41, bedDays: 9000 }, companions: { proneShare: 50 } },
      { values: { interventions: 4, prone: 0, bedDays: 900 }, companions: { proneShare: 0 } },
      { values: { interventions: 0, prone: 0, bedDays: 900 }, companions: { proneShare: null } },
    ]));

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(physicalInterventions.tiers, physicalInterventions.direction)).toBe(true);
  });
});
