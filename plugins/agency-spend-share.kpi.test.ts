import { classifyTier, testKpi, tiersOrdered } from 'progress-platform/kpi';
import agencySpendShare from './agency-spend-share.kpi';

describe('agency-spend-share', () => {
  it('calculates agency spend as a percentage of the pay bill, with its tier', () =>
    testKpi(agencySpendShare, [
      { values: { agencySpend: 18_000, paySpend: 400_000 }, value: 4.5, tier: 'DESIRABLE' },
      { values: { agencySpend: 12_345.67, paySpend: 385_210.5 }, value: '3.2049' },
      { values: { agencySpend: 0, paySpend: 250_000 }, value: 0 },
      { values: { agencySpend: 2_000, paySpend: 100_000 }, value: 2, tier: 'BREAKTHROUGH' },
      { values: { agencySpend: 3_200, paySpend: 100_000 }, value: 3.2, tier: 'ASPIRATIONAL' },
      { values: { agencySpend: 6_000, paySpend: 100_000 }, value: 6, tier: 'ESSENTIAL' },
      { values: { agencySpend: 6_100, paySpend: 100_000 }, value: 6.1, tier: 'BELOW_ESSENTIAL' },
      // No pay bill: accepted, with no value and so no tier.
      { values: { agencySpend: 0, paySpend: 0 }, value: null, tier: null },
    ]));

  it('refuses agency spend above the pay bill', () =>
    testKpi(agencySpendShare, [
      { values: { agencySpend: 1_000.01, paySpend: 1_000 }, refused: 'agencySpend cannot exceed paySpend' },
      { values: { agencySpend: 1_000, paySpend: 1_000 }, value: 100 },
    ]));

  // testKpi matches a value to the places it is written with, so values exactly on a threshold that is not a
  // whole number are classified directly.
  it.each([
    [3.2, 'ASPIRATIONAL'],
    [4.5, 'DESIRABLE'],
  ])('classifies %p, exactly on a threshold, as %p', (value, tier) => {
    expect(classifyTier(value, agencySpendShare.tiers, agencySpendShare.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(agencySpendShare.tiers, agencySpendShare.direction)).toBe(true);
  });
});
