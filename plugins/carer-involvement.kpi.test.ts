import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import carerInvolvement from './carer-involvement.kpi';

describe('carer-involvement', () => {
  it('calculates the percentage of care plans reviewed with the carer, with its tier', () =>
    testKpi(carerInvolvement, [
      { values: { carerInvolved: 18, carePlans: 24 }, value: 75, tier: 'DESIRABLE' },
      { values: { carerInvolved: 7, carePlans: 9 }, value: '77.7778' },
      { values: { carerInvolved: 0, carePlans: 5 }, value: 0 },
      { values: { carerInvolved: 9, carePlans: 10 }, value: 90, tier: 'BREAKTHROUGH' },
      { values: { carerInvolved: 8, carePlans: 10 }, value: 80, tier: 'ASPIRATIONAL' },
      { values: { carerInvolved: 7, carePlans: 10 }, value: 70, tier: 'DESIRABLE' },
      { values: { carerInvolved: 6, carePlans: 10 }, value: 60, tier: 'ESSENTIAL' },
      { values: { carerInvolved: 599, carePlans: 1000 }, value: 59.9, tier: 'BELOW_ESSENTIAL' },
      // No care plans reviewed: accepted, with no value and so no tier.
      { values: { carerInvolved: 0, carePlans: 0 }, value: null, tier: null },
    ]));

  it('refuses more carers involved than care plans reviewed', () =>
    testKpi(carerInvolvement, [
      { values: { carerInvolved: 6, carePlans: 5 }, refused: 'carerInvolved cannot exceed carePlans' },
      { values: { carerInvolved: 5, carePlans: 5 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(carerInvolvement.tiers, carerInvolvement.direction)).toBe(true);
  });
});
