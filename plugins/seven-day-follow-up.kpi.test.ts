import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import sevenDayFollowUp from './seven-day-follow-up.kpi';

describe('seven-day-follow-up', () => {
  it('calculates the percentage followed up within seven days, with its tier', () =>
    testKpi(sevenDayFollowUp, [
      { values: { followedUp: 45, discharged: 50, assessed: 40 }, value: 90, tier: 'DESIRABLE' },
      { values: { followedUp: 19, discharged: 20, assessed: 19 }, value: 95, tier: 'ASPIRATIONAL' },
      { values: { followedUp: 2, discharged: 3, assessed: 1 }, value: '66.6667' },
      { values: { followedUp: 0, discharged: 12, assessed: 0 }, value: 0 },
      { values: { followedUp: 49, discharged: 50, assessed: 49 }, value: 98, tier: 'BREAKTHROUGH' },
      { values: { followedUp: 40, discharged: 50, assessed: 40 }, value: 80, tier: 'ESSENTIAL' },
      {
        values: { followedUp: 799, discharged: 1000, assessed: 799 },
        value: 79.9,
        tier: 'BELOW_ESSENTIAL',
      },
      // Nobody discharged: accepted, with no value and so no tier.
      { values: { followedUp: 0, discharged: 0, assessed: 0 }, value: null, tier: null },
    ]));

  it('refuses more followed up than discharged, and more assessed than followed up', () =>
    testKpi(sevenDayFollowUp, [
      {
        values: { followedUp: 11, discharged: 10, assessed: 5 },
        refused: 'followedUp cannot exceed discharged',
      },
      {
        values: { followedUp: 8, discharged: 10, assessed: 9 },
        refused: 'assessed cannot exceed followedUp',
      },
      { values: { followedUp: 10, discharged: 10, assessed: 10 }, value: 100 },
    ]));

  // The server refuses these values as a submission (followedUp exceeds discharged), so testKpi never
  // calculates them; calculate still gives no value rather than dividing by zero.
  it('has no value when nobody was discharged, even for values the server refuses', () => {
    expect(sevenDayFollowUp.calculate({ followedUp: 3, discharged: 0, assessed: 1 })).toBeNull();
  });

  it('gives the percentage of follow-ups that assessed the person', () =>
    testKpi(sevenDayFollowUp, [
      { values: { followedUp: 45, discharged: 50, assessed: 27 }, companions: { assessedShare: 60 } },
      { values: { followedUp: 10, discharged: 10, assessed: 10 }, companions: { assessedShare: 100 } },
      { values: { followedUp: 0, discharged: 4, assessed: 0 }, companions: { assessedShare: null } },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(sevenDayFollowUp.tiers, sevenDayFollowUp.direction)).toBe(true);
  });
});
