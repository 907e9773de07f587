import { classifyTier, tiersOrdered } from '../server/kpi/tiers';
import complaints from './complaints-per-1000-contacts.kpi';

describe('complaints-per-1000-contacts', () => {
  it.each([
    [{ complaints: 3, contacts: 2400 }, 1.25],
    [{ complaints: 1, contacts: 300 }, 3.3333],
    [{ complaints: 0, contacts: 1800 }, 0],
  ])('calculates %j as %p per 1,000 contacts', (inputs, expected) => {
    expect(complaints.calculate(inputs)).toBeCloseTo(expected, 3);
  });

  it('has no value without contacts', () => {
    expect(complaints.calculate({ complaints: 0, contacts: 0 })).toBeNull();
  });

  it.each([
    [{ complaints: 5, contacts: 4 }, 'complaints cannot exceed contacts'],
    [{ complaints: 4, contacts: 4 }, undefined],
    [{ complaints: 0, contacts: 0 }, undefined],
  ])('validates %j as %p', (inputs, message) => {
    expect(complaints.validate?.(inputs)).toBe(message);
  });

  it.each([
    [0.5, 'BREAKTHROUGH'],
    [1, 'ASPIRATIONAL'],
    [1.5, 'DESIRABLE'],
    [2, 'ESSENTIAL'],
    [2.01, 'BELOW_ESSENTIAL'],
    [null, null],
  ])('classifies %p as %p', (value, tier) => {
    expect(classifyTier(value, complaints.tiers, complaints.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(complaints.tiers, complaints.direction)).toBe(true);
  });
});
