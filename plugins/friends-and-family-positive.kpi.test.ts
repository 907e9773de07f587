import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import friendsAndFamily from './friends-and-family-positive.kpi';

describe('friends-and-family-positive', () => {
  it('calculates the percentage of positive responses, with its tier', () =>
    testKpi(friendsAndFamily, [
      { values: { positive: 45, responses: 50 }, value: 90, tier: 'DESIRABLE' },
      { values: { positive: 31, responses: 33 }, value: '93.9394' },
      { values: { positive: 0, responses: 7 }, value: 0 },
      { values: { positive: 96, responses: 100 }, value: 96, tier: 'BREAKTHROUGH' },
      { values: { positive: 93, responses: 100 }, value: 93, tier: 'ASPIRATIONAL' },
      { values: { positive: 85, responses: 100 }, value: 85, tier: 'ESSENTIAL' },
      { values: { positive: 849, responses: 1000 }, value: 84.9, tier: 'BELOW_ESSENTIAL' },
      // No responses: accepted, with no value and so no tier.
      { values: { positive: 0, responses: 0 }, value: null, tier: null },
    ]));

  it('refuses more positive responses than responses', () =>
    testKpi(friendsAndFamily, [
      { values: { positive: 11, responses: 10 }, refused: 'positive cannot exceed responses' },
      { values: { positive: 10, responses: 10 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(friendsAndFamily.tiers, friendsAndFamily.direction)).toBe(true);
  });
});
