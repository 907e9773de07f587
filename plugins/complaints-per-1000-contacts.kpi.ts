import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'complaints-per-1000-contacts',
  name: 'Complaints per 1,000 contacts',
  domain: 'PATIENT_EXPERIENCE',
  stages: ['TREATMENT'],
  collectedAt: 'TEAM',
  unit: 'PER_1000_CONTACTS',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    complaints: { label: 'Formal complaints received', kind: 'count' },
    contacts: { label: 'Contacts with people using the service', kind: 'count' },
  },
  validate: ({ complaints, contacts }) =>
    complaints > contacts ? 'complaints cannot exceed contacts' : undefined,
  calculate: ({ complaints, contacts }) => (contacts === 0 ? null : (1000 * complaints) / contacts),
  // Local defaults: there is no national threshold for complaint rates.
  tiers: { essential: 2, desirable: 1.5, aspirational: 1, breakthrough: 0.5 },
  why:
    'Complaints show where care fell short of what people expected; a falling rate is only good news if ' +
    'people still know how to complain and feel safe doing so.',
  prompts: [
    'What themes run through the complaints: communication, attitude, waiting or care?',
    'Were complaints resolved quickly and locally, and did the person feel heard?',
    'What changed in the service because of a complaint this period?',
    'Do people, including those detained, know how to complain and get advocacy?',
  ],
});
