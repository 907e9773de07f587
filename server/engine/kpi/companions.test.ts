import { belowFloor, evaluateCompanions } from './companions';
import { defineKpi } from './define-kpi';
import type { KpiDefinition } from './define-kpi';

// A loaded plugin is held without its own input types, as the registry holds it.
const FOLLOW_UP = defineKpi({
  key: 'follow-up',
  name: 'Follow-up',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: [],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    followedUp: { label: 'Followed up', kind: 'count' },
    discharged: { label: 'Discharged', kind: 'count' },
    assessed: { label: 'Assessed', kind: 'count' },
  },
  calculate: ({ followedUp, discharged }) => (discharged === 0 ? null : (100 * followedUp) / discharged),
  companions: {
    assessedShare: {
      label: 'Assessed',
      unit: 'PERCENT',
      calculate: ({ assessed, followedUp }) => (followedUp === 0 ? null : (100 * assessed) / followedUp),
      floor: 80,
    },
    broken: {
      label: 'Throws',
      unit: 'PERCENT',
      calculate: () => {
        throw new Error('no such column');
      },
    },
  },
  tiers: { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 },
  why: 'Why',
  prompts: [],
}) as unknown as KpiDefinition;

describe('evaluateCompanions', () => {
  it('calculates each companion from the rolled-up sums, with its floor, and contains a failing one', () => {
    expect(evaluateCompanions(FOLLOW_UP, { followedUp: 40, discharged: 40, assessed: 12 })).toEqual([
      { key: 'assessedShare', label: 'Assessed', unit: 'PERCENT', floor: 80, value: 30 },
      {
        key: 'broken',
        label: 'Throws',
        unit: 'PERCENT',
        floor: null,
        value: null,
        error: 'calculate threw: no such column',
      },
    ]);
  });

  it.each([null, { followedUp: 4, discharged: 5 }])(
    'has no values without a sum for every input: %j',
    (sums) => {
      expect(evaluateCompanions(FOLLOW_UP, sums).map((companion) => companion.value)).toEqual([null, null]);
    },
  );
});

describe('belowFloor', () => {
  it.each([
    [79.99, 80, true],
    [80, 80, false],
    // 100 * 4.1 / 5.125 lands a hair under 80 in floating point; it is 80.
    [(100 * 4.1) / 5.125, 80, false],
    [null, 80, null],
    [50, null, null],
  ])('reads %p against a floor of %p as %p', (value, floor, expected) => {
    expect(belowFloor({ value, floor })).toBe(expected);
  });
});
