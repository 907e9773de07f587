import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import twoWeekWait from './early-intervention-psychosis-two-week-wait.kpi';

describe('early-intervention-psychosis-two-week-wait', () => {
  it('calculates the percentage starting treatment within two weeks, with its tier', () =>
    testKpi(twoWeekWait, [
      { values: { startedWithinTwoWeeks: 6, started: 8 }, value: 75, tier: 'DESIRABLE' },
      { values: { startedWithinTwoWeeks: 3, started: 5 }, value: 60, tier: 'ESSENTIAL' },
      { values: { startedWithinTwoWeeks: 1, started: 3 }, value: '33.3333' },
      { values: { startedWithinTwoWeeks: 0, started: 4 }, value: 0 },
      { values: { startedWithinTwoWeeks: 9, started: 10 }, value: 90, tier: 'BREAKTHROUGH' },
      { values: { startedWithinTwoWeeks: 8, started: 10 }, value: 80, tier: 'ASPIRATIONAL' },
      { values: { startedWithinTwoWeeks: 7, started: 10 }, value: 70, tier: 'DESIRABLE' },
      { values: { startedWithinTwoWeeks: 599, started: 1000 }, value: 59.9, tier: 'BELOW_ESSENTIAL' },
      // Nobody started treatment: accepted, with no value and so no tier.
      { values: { startedWithinTwoWeeks: 0, started: 0 }, value: null, tier: null },
    ]));

  it('refuses more starting within two weeks than started', () =>
    testKpi(twoWeekWait, [
      {
        values: { startedWithinTwoWeeks: 5, started: 4 },
        refused: 'startedWithinTwoWeeks cannot exceed started',
      },
      { values: { startedWithinTwoWeeks: 4, started: 4 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(twoWeekWait.tiers, twoWeekWait.direction)).toBe(true);
  });
});
