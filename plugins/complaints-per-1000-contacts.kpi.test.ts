import { classifyTier, testKpi, tiersOrdered } from 'progress-platform/kpi';
import complaints from './complaints-per-1000-contacts.kpi';

describe('complaints-per-1000-contacts', () => {
  it('calculates complaints per 1,000 contacts, with its tier', () =>
    testKpi(complaints, [
      { values: { complaints: 3, contacts: 2400 }, value: 1.25, tier: 'DESIRABLE' },
      { values: { complaints: 1, contacts: 300 }, value: '3.3333' },
      { values: { complaints: 0, contacts: 1800 }, value: 0 },
      { values: { complaints: 1, contacts: 2000 }, value: 0.5, tier: 'BREAKTHROUGH' },
      { values: { complaints: 1, contacts: 1000 }, value: 1, tier: 'ASPIRATIONAL' },
      { values: { complaints: 3, contacts: 2000 }, value: 1.5, tier: 'DESIRABLE' },
      { values: { complaints: 2, contacts: 1000 }, value: 2, tier: 'ESSENTIAL' },
      { values: { complaints: 201, contacts: 100_000 }, value: 2.01, tier: 'BELOW_ESSENTIAL' },
      // No contacts: accepted, with no value and so no tier.
      { values: { complaints: 0, contacts: 0 }, value: null, tier: null },
    ]));

  it('refuses more complaints than contacts', () =>
    testKpi(complaints, [
      { values: { complaints: 5, contacts: 4 }, refused: 'complaints cannot exceed contacts' },
      { values: { complaints: 4, contacts: 4 }, value: 1000 },
    ]));

  // testKpi matches a value to the places it is written with, so values exactly on a threshold that is not a
  // whole number are classified directly.
  it.each([
    [0.5, 'BREAKTHROUGH'],
    [1.5, 'DESIRABLE'],
  ])('classifies %p, exactly on a threshold, as %p', (value, tier) => {
    expect(classifyTier(value, complaints.tiers, complaints.direction)).toBe(tier);
  });

  it('orders its tiers towards lower values', () => {
    expect(tiersOrdered(complaints.tiers, complaints.direction)).toBe(true);
  });
});
