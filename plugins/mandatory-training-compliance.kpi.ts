import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'mandatory-training-compliance',
  name: 'Mandatory training compliance',
  domain: 'STAFF_ENGAGEMENT',
  stages: [],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    compliant: { label: 'Staff up to date with all their mandatory training', kind: 'count' },
    staff: { label: 'Staff required to complete mandatory training', kind: 'count' },
  },
  validate: ({ compliant, staff }) => (compliant > staff ? 'compliant cannot exceed staff' : undefined),
  calculate: ({ compliant, staff }) => (staff === 0 ? null : (100 * compliant) / staff),
  // Local defaults: Essential 85% is a common trust target; there is no national threshold.
  tiers: { essential: 85, desirable: 90, aspirational: 95, breakthrough: 98 },
  why:
    'Mandatory training such as life support, safeguarding and managing violence and aggression keeps ' +
    'patients and staff safe; gaps mean the people on shift may not be ready for the emergencies it covers.',
  prompts: [
    'Which courses are furthest behind, and are they the ones that matter most for this team?',
    'Who is out of date for life support or managing violence and aggression, and when are they booked?',
    'Do staff get protected time to complete their training?',
  ],
});
