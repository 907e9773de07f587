import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import fourWeekWait from './community-four-week-wait.kpi';

describe('community-four-week-wait', () => {
  it('calculates the percentage assessed within 28 days, with its tier', () =>
    testKpi(fourWeekWait, [
      { values: { assessedWithin28Days: 85, assessed: 100 }, value: 85, tier: 'DESIRABLE' },
      { values: { assessedWithin28Days: 37, assessed: 40 }, value: 92.5, tier: 'ASPIRATIONAL' },
      { values: { assessedWithin28Days: 2, assessed: 3 }, value: '66.6667' },
      { values: { assessedWithin28Days: 0, assessed: 12 }, value: 0 },
      { values: { assessedWithin28Days: 97, assessed: 100 }, value: 97, tier: 'BREAKTHROUGH' },
      { values: { assessedWithin28Days: 92, assessed: 100 }, value: 92, tier: 'ASPIRATIONAL' },
      { values: { assessedWithin28Days: 75, assessed: 100 }, value: 75, tier: 'ESSENTIAL' },
      { values: { assessedWithin28Days: 749, assessed: 1000 }, value: 74.9, tier: 'BELOW_ESSENTIAL' },
      // Nobody assessed: accepted, with no value and so no tier.
      { values: { assessedWithin28Days: 0, assessed: 0 }, value: null, tier: null },
    ]));

  it('refuses more assessed within 28 days than assessed', () =>
    testKpi(fourWeekWait, [
      {
        values: { assessedWithin28Days: 41, assessed: 40 },
        refused: 'assessedWithin28Days cannot exceed assessed',
      },
      { values: { assessedWithin28Days: 40, assessed: 40 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(fourWeekWait.tiers, fourWeekWait.direction)).toBe(true);
  });
});
