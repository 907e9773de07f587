import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import readmissions from './emergency-readmissions-30-day.kpi';

describe('emergency-readmissions-30-day', () => {
  it.each([
    [{ readmitted: 3, discharged: 40 }, 7.5],
    [{ readmitted: 5, discharged: 50 }, 10],
    [{ readmitted: 1, discharged: 3 }, 33.3333],
    [{ readmitted: 0, discharged: 25 }, 0],
  ])('calculates %j as %p percent', (inputs, expected) => {
    expect(readmissions.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value when nobody was discharged', () => {
    expect(readmissions.calculate({ readmitted: 0, discharged: 0 })).toBeNull();
  });

  it.each([
    [{ readmitted: 4, discharged: 3 }, 'readmitted cannot exceed discharged'],
    [{ readmitted: 3, discharged: 3 }, undefined],
    [{ readmitted: 0, discharged: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(readmissions.validate?.(inputs)).toBe(message);
  });

  it.each([
    [6, 'BREAKTHROUGH'],
    [8, 'ASPIRATIONAL'],
    [10, 'DESIRABLE'],
    [12, 'ESSENTIAL'],
    [12.1, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, readmissions.tiers, readmissions.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(readmissions.tiers, readmissions.direction)).toBe(true);
  });
});
