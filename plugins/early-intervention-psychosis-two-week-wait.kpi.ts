import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'early-intervention-psychosis-two-week-wait',
  name: 'Early intervention in psychosis: treatment within two weeks',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['ACCESS'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    startedWithinTwoWeeks: {
      label:
        'People with first episode psychosis who started NICE-recommended care within two weeks of referral',
      kind: 'count',
    },
    started: {
      label: 'People with first episode psychosis who started NICE-recommended care in the period',
      kind: 'count',
    },
  },
  validate: ({ startedWithinTwoWeeks, started }) =>
    startedWithinTwoWeeks > started ? 'startedWithinTwoWeeks cannot exceed started' : undefined,
  calculate: ({ startedWithinTwoWeeks, started }) =>
    started === 0 ? null : (100 * startedWithinTwoWeeks) / started,
  // Essential is NHS England's early intervention in psychosis access and waiting time standard: introduced
  // in April 2016 at more than 50% starting NICE-recommended care within two weeks of referral, raised to 60%
  // by 2020/21 and kept by the NHS Long Term Plan (https://www.england.nhs.uk/mental-health/,
  // https://www.longtermplan.nhs.uk/). Desirable, Aspirational and Breakthrough are local defaults.
  tiers: { essential: 60, desirable: 70, aspirational: 80, breakthrough: 90 },
  appliesTo: ['early-intervention'],
  why:
    'The sooner someone with a first episode of psychosis starts NICE-recommended treatment, the better ' +
    'their chance of recovery; each week of untreated psychosis makes relapse and crisis more likely.',
  prompts: [
    'Who waited longer than two weeks, and where did the delay happen: referral, assessment or allocation?',
    'Did people who started on time get the full NICE-recommended package, such as CBTp and family work?',
    'How were families and carers involved from the start?',
  ],
});
