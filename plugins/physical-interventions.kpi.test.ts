import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import physicalInterventions from './physical-interventions.kpi';

describe('physical-interventions', () => {
  it.each([
    [{ interventions: 5, prone: 1, bedDays: 620 }, 8.0645],
    [{ interventions: 3, prone: 0, bedDays: 750 }, 4],
    [{ interventions: 0, prone: 0, bedDays: 600 }, 0],
  ])('calculates %j as %p per 1,000 occupied bed days', (inputs, expected) => {
    expect(physicalInterventions.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it.each([[{ interventions: 0, prone: 0, bedDays: 0 }], [{ interventions: 2, prone: 1, bedDays: 0 }]])(
    'has no value without occupied bed days: %j',
    (inputs) => {
      expect(physicalInterventions.calculate(inputs)).toBeNull();
    },
  );

  it.each([
    [{ interventions: 2, prone: 3, bedDays: 600 }, 'prone cannot exceed interventions'],
    [{ interventions: 3, prone: 3, bedDays: 600 }, undefined],
    [{ interventions: 0, prone: 0, bedDays: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(physicalInterventions.validate?.(inputs)).toBe(message);
  });

  it.each([
    [2, 'BREAKTHROUGH'],
    [0, 'BREAKTHROUGH'],
    [4, 'ASPIRATIONAL'],
    [6, 'DESIRABLE'],
    [8, 'ESSENTIAL'],
    [8.1, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, physicalInterventions.tiers, physicalInterventions.direction)).toBe(tier);
  });

  it.each([
    [{ interventions: 82, prone: 41, bedDays: 9000 }, 50],
    [{ interventions: 4, prone: 0, bedDays: 900 }, 0],
    [{ interventions: 0, prone: 0, bedDays: 900 }, null],
  ])('gives the share of restraints that were prone for %j as %p percent', (inputs, share) => {
    expect(physicalInterventions.companions!.proneShare!.calculate(inputs)).toBe(share);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(physicalInterventions.tiers, physicalInterventions.direction)).toBe(true);
  });
});
