import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import clinicalSupervision from './clinical-supervision.kpi';

describe('clinical-supervision', () => {
  it.each([
    [{ sessionsHeld: 17, sessionsPlanned: 20 }, 85],
    [{ sessionsHeld: 22, sessionsPlanned: 26 }, 84.6154],
    [{ sessionsHeld: 0, sessionsPlanned: 8 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(clinicalSupervision.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when no sessions were planned', () => {
    expect(clinicalSupervision.calculate({ sessionsHeld: 0, sessionsPlanned: 0 })).toBeNull();
  });

  it.each([
    [{ sessionsHeld: 21, sessionsPlanned: 20 }, 'sessionsHeld cannot exceed sessionsPlanned'],
    [{ sessionsHeld: 20, sessionsPlanned: 20 }, undefined],
    [{ sessionsHeld: 0, sessionsPlanned: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(clinicalSupervision.validate?.(inputs)).toBe(message);
  });

  it.each([
    [95, 'BREAKTHROUGH'],
    [90, 'ASPIRATIONAL'],
    [85, 'DESIRABLE'],
    [80, 'ESSENTIAL'],
    [79.9, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, clinicalSupervision.tiers, clinicalSupervision.direction)).toBe(tier);
  });

  it('orders its tiers towards higher values', () => {
    expect(tiersOrdered(clinicalSupervision.tiers, clinicalSupervision.direction)).toBe(true);
  });
});
