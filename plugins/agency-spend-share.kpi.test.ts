import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import agencySpendShare from './agency-spend-share.kpi';

describe('agency-spend-share', () => {
  it.each([
    [{ agencySpend: 18_000, paySpend: 400_000 }, 4.5],
    [{ agencySpend: 12_345.67, paySpend: 385_210.5 }, 3.2049],
    [{ agencySpend: 0, paySpend: 250_000 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(agencySpendShare.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value without a pay bill', () => {
    expect(agencySpendShare.calculate({ agencySpend: 0, paySpend: 0 })).toBeNull();
  });

  it.each([
    [{ agencySpend: 1_000.01, paySpend: 1_000 }, 'agencySpend cannot exceed paySpend'],
    [{ agencySpend: 1_000, paySpend: 1_000 }, undefined],
    [{ agencySpend: 0, paySpend: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(agencySpendShare.validate?.(inputs)).toBe(message);
  });

  it.each([
    [2, 'BREAKTHROUGH'],
    [3.2, 'ASPIRATIONAL'],
    [4.5, 'DESIRABLE'],
    [6, 'ESSENTIAL'],
    [6.1, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, agencySpendShare.tiers, agencySpendShare.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(agencySpendShare.tiers, agencySpendShare.direction)).toBe(true);
  });
});
