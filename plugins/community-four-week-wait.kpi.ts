import { defineKpi } from 'progress-platform/kpi';

/**
 * NHS England's clinically-led review of access standards proposed that adults referred to community mental
 * health services for non-urgent care start to receive help within four weeks; the 2021/22 consultation found
 * wide support but set no performance threshold:
 * https://www.england.nhs.uk/2022/02/widespread-support-for-proposed-nhs-mental-health-access-standards-for-patients/
 * Assessment within 28 days is the part of that wait a team can count today.
 */
export default defineKpi({
  apiVersion: 1,
  key: 'community-four-week-wait',
  name: 'Community mental health: assessed within four weeks',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['ACCESS', 'ASSESSMENT'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    assessedWithin28Days: { label: 'Referrals assessed within 28 days of referral', kind: 'count' },
    assessed: { label: 'Referrals assessed in the period', kind: 'count' },
  },
  validate: ({ assessedWithin28Days, assessed }) =>
    assessedWithin28Days > assessed ? 'assessedWithin28Days cannot exceed assessed' : undefined,
  calculate: ({ assessedWithin28Days, assessed }) =>
    assessed === 0 ? null : (100 * assessedWithin28Days) / assessed,
  // Local defaults, pending a national threshold for the four-week standard.
  tiers: { essential: 75, desirable: 85, aspirational: 92, breakthrough: 97 },
  appliesTo: ['community'],
  why:
    'Long waits for a first community assessment leave people unsupported while their difficulties grow, ' +
    'and some reach crisis services or A&E before they are seen.',
  prompts: [
    'Where did the waits build up: triage, allocation or appointment availability?',
    'What happened to people while they waited, and did any reach crisis services first?',
    'Did the assessment lead to help starting, or to another wait?',
  ],
});
