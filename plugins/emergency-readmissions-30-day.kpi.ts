import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'emergency-readmissions-30-day',
  name: 'Emergency readmissions within 30 days of discharge',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['FOLLOW_UP'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    readmitted: { label: 'People discharged who had an emergency readmission within 30 days', kind: 'count' },
    discharged: { label: 'People discharged from inpatient care', kind: 'count' },
  },
  validate: ({ readmitted, discharged }) =>
    readmitted > discharged ? 'readmitted cannot exceed discharged' : undefined,
  calculate: ({ readmitted, discharged }) => (discharged === 0 ? null : (100 * readmitted) / discharged),
  // Local defaults: there is no national threshold for mental health readmissions.
  tiers: { essential: 12, desirable: 10, aspirational: 8, breakthrough: 6 },
  appliesTo: ['inpatient'],
  why:
    'A quick return to hospital often means the discharge came too soon or the support after it did not ' +
    'hold; each readmission is a person whose recovery was interrupted.',
  prompts: [
    'What support was in place after discharge, and where did it break down?',
    'Was the discharge planned with the person, their carer and the community team?',
    'Do the readmissions share a pattern, such as housing, medication or missed follow-up?',
  ],
});
