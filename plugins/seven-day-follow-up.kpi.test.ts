import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import sevenDayFollowUp from './seven-day-follow-up.kpi';

describe('seven-day-follow-up', () => {
  it.each([
    [{ followedUp: 45, discharged: 50, assessed: 40 }, 90],
    [{ followedUp: 19, discharged: 20, assessed: 19 }, 95],
    [{ followedUp: 2, discharged: 3, assessed: 1 }, 66.6667],
    [{ followedUp: 0, discharged: 12, assessed: 0 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(sevenDayFollowUp.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it.each([[{ followedUp: 0, discharged: 0, assessed: 0 }], [{ followedUp: 3, discharged: 0, assessed: 1 }]])(
    'has no value when nobody was discharged: %j',
    (inputs) => {
      expect(sevenDayFollowUp.calculate(inputs)).toBeNull();
    },
  );

  it.each([
    [{ followedUp: 11, discharged: 10, assessed: 5 }, 'followedUp cannot exceed discharged'],
    [{ followedUp: 8, discharged: 10, assessed: 9 }, 'assessed cannot exceed followedUp'],
    [{ followedUp: 10, discharged: 10, assessed: 10 }, undefined],
    [{ followedUp: 0, discharged: 0, assessed: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(sevenDayFollowUp.validate?.(inputs)).toBe(message);
  });

  it.each([
    [98, 'BREAKTHROUGH'],
    [95, 'ASPIRATIONAL'],
    [90, 'DESIRABLE'],
    [80, 'ESSENTIAL'],
    [79.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, sevenDayFollowUp.tiers, sevenDayFollowUp.direction)).toBe(tier);
  });

  it.each([
    [{ followedUp: 45, discharged: 50, assessed: 27 }, 60],
    [{ followedUp: 10, discharged: 10, assessed: 10 }, 100],
    [{ followedUp: 0, discharged: 4, assessed: 0 }, null],
  ])('gives the share of follow-ups that assessed the person for %j as %p percent', (inputs, share) => {
    expect(sevenDayFollowUp.companions!.assessedShare!.calculate(inputs)).toBe(share);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(sevenDayFollowUp.tiers, sevenDayFollowUp.direction)).toBe(true);
  });
});
