import { testKpi, tiersOrdered } from 'progress-platform/kpi';
import clinicalSupervision from './clinical-supervision.kpi';

describe('clinical-supervision', () => {
  it('calculates the percentage of planned sessions held, with its tier', () =>
    testKpi(clinicalSupervision, [
      { values: { sessionsHeld: 17, sessionsPlanned: 20 }, value: 85, tier: 'DESIRABLE' },
      { values: { sessionsHeld: 22, sessionsPlanned: 26 }, value: '84.6154' },
      { values: { sessionsHeld: 0, sessionsPlanned: 8 }, value: 0 },
      { values: { sessionsHeld: 19, sessionsPlanned: 20 }, value: 95, tier: 'BREAKTHROUGH' },
      { values: { sessionsHeld: 18, sessionsPlanned: 20 }, value: 90, tier: 'ASPIRATIONAL' },
      { values: { sessionsHeld: 16, sessionsPlanned: 20 }, value: 80, tier: 'ESSENTIAL' },
      { values: { sessionsHeld: 799, sessionsPlanned: 1000 }, value: 79.9, tier: 'BELOW_ESSENTIAL' },
      // No sessions planned: accepted, with no value and so no tier.
      { values: { sessionsHeld: 0, sessionsPlanned: 0 }, value: null, tier: null },
    ]));

  it('refuses more sessions held than planned', () =>
    testKpi(clinicalSupervision, [
      {
        values: { sessionsHeld: 21, sessionsPlanned: 20 },
        refused: 'sessionsHeld cannot exceed sessionsPlanned',
      },
      { values: { sessionsHeld: 20, sessionsPlanned: 20 }, value: 100 },
    ]));

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(clinicalSupervision.tiers, clinicalSupervision.direction)).toBe(true);
  });
});
