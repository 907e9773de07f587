import { defineKpi } from './define-kpi';
import { KpiPluginError } from './kpi-plugin-error';
import { KpiTestFailure, testKpi } from './test-kpi';

const followUp = defineKpi({
  key: 'follow-up',
  name: 'Follow-up within seven days',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['DISCHARGE'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    followedUp: { label: 'Followed up', kind: 'count' },
    discharged: { label: 'Discharged', kind: 'count' },
  },
  validate: ({ followedUp, discharged }) =>
    followedUp > discharged ? 'followedUp cannot exceed discharged' : undefined,
  calculate: ({ followedUp, discharged }) => (discharged === 0 ? null : (100 * followedUp) / discharged),
  companions: {
    missed: { label: 'Not followed up', unit: 'PEOPLE', calculate: (v) => v.discharged - v.followedUp },
  },
  tiers: { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 },
  why: 'The week after discharge is a time of high risk.',
  prompts: [],
});

function failureOf(run: () => void): KpiTestFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiTestFailure) return error;
    throw error;
  }
  throw new Error('expected testKpi to fail');
}

describe('testKpi', () => {
  it('passes a table the plugin meets', () => {
    expect(() =>
      testKpi(followUp, [
        {
          values: { followedUp: 45, discharged: 50 },
          value: 90,
          tier: 'DESIRABLE',
          companions: { missed: 5 },
        },
        { values: { followedUp: 2, discharged: 3 }, value: '66.6667', tier: 'BELOW_ESSENTIAL' },
        { values: { followedUp: 3, discharged: 8 }, value: '37.500' },
        { values: { followedUp: 0, discharged: 0 }, value: null, tier: null },
        { values: { followedUp: 11, discharged: 10 }, refused: 'followedUp cannot exceed discharged' },
        {
          values: { followedUp: 1 },
          refused: 'values.discharged: follow-up needs every input; missing: discharged',
        },
        { values: { followedUp: 1.5, discharged: 2 }, refused: true },
      ]),
    ).not.toThrow();
  });

  it('lists every case that does not hold, numbered, with what it got and what was expected', () => {
    const failure = failureOf(() =>
      testKpi(followUp, [
        { values: { followedUp: 45, discharged: 50 }, value: 90.1 },
        { values: { followedUp: 45, discharged: 50 }, tier: 'ASPIRATIONAL' },
        { values: { followedUp: 3, discharged: 8 }, value: '37.49' },
        { values: { followedUp: 45, discharged: 50 }, companions: { missed: 4, seen: 1 } },
        { values: { followedUp: 10, discharged: 10 }, refused: true },
        { values: { followedUp: 11, discharged: 10 }, refused: 'another message' },
        { values: { followedUp: 11, discharged: 10 } },
        { values: { followedUp: 11, discharged: 10 }, refused: true, value: null },
      ]),
    );
    expect(failure.key).toBe('follow-up');
    expect(failure.failures).toEqual([
      'case 1 {"followedUp":45,"discharged":50}: value 90, expected 90.1',
      'case 2 {"followedUp":45,"discharged":50}: tier DESIRABLE, expected ASPIRATIONAL',
      'case 3 {"followedUp":3,"discharged":8}: value 37.5, expected 37.49',
      'case 4 {"followedUp":45,"discharged":50}: companion missed 5, expected 4',
      'case 4 {"followedUp":45,"discharged":50}: no companion "seen"',
      'case 5 {"followedUp":10,"discharged":10}: accepted, expected it refused',
      'case 6 {"followedUp":11,"discharged":10}: refused with "followedUp cannot exceed discharged", expected "another message"',
      'case 7 {"followedUp":11,"discharged":10}: refused: followedUp cannot exceed discharged',
      'case 8 {"followedUp":11,"discharged":10}: a refused case has no value, tier or companions to check',
    ]);
    expect(failure.message).toMatch(/^follow-up: 8 of 8 cases failed\n {2}case 1 /);
  });

  it('reports a calculate or validate that throws as a failing case, not as a crash', () => {
    const throwing = {
      ...followUp,
      validate: ({ discharged }: { discharged: number }) => {
        if (discharged === 7) throw new Error('seven');
        return undefined;
      },
      calculate: ({ discharged }: { discharged: number }) => {
        if (discharged === 0) throw new Error('nobody');
        return 1;
      },
    };
    const failure = failureOf(() =>
      testKpi(throwing, [
        { values: { followedUp: 0, discharged: 0 } },
        { values: { followedUp: 0, discharged: 7 } },
        { values: { followedUp: 0, discharged: 1 }, value: 1 },
      ]),
    );
    expect(failure.failures).toEqual([
      'case 1 {"followedUp":0,"discharged":0}: calculate threw: nobody',
      'case 2 {"followedUp":0,"discharged":7}: validate threw seven: a submission of these values fails with INTERNAL_SERVER_ERROR',
    ]);
  });

  it('refuses a plugin the server would not start with, and an empty table', () => {
    expect(() => testKpi({ ...followUp, key: 'Follow Up' }, [{ values: {} }])).toThrow(KpiPluginError);
    expect(() => testKpi(followUp, [])).toThrow('testKpi(follow-up): the table has no cases');
  });
});
