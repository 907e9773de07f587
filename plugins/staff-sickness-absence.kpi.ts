import { defineKpi } from 'progress-platform/kpi';

/**
 * Computed as NHS England's monthly NHS Sickness Absence Rates statistics compute it (FTE days lost over FTE
 * days available), so a team can read its rate against the national and trust figures
 * (https://digital.nhs.uk/data-and-information/publications/statistical/nhs-sickness-absence-rates).
 */
export default defineKpi({
  apiVersion: 1,
  key: 'staff-sickness-absence',
  name: 'Staff sickness absence rate',
  domain: 'STAFF_ENGAGEMENT',
  stages: [],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    fteDaysLost: { label: 'Full-time equivalent days lost to sickness absence', kind: 'amount' },
    fteDaysAvailable: { label: 'Full-time equivalent days available', kind: 'amount' },
  },
  validate: ({ fteDaysLost, fteDaysAvailable }) =>
    fteDaysLost > fteDaysAvailable ? 'fteDaysLost cannot exceed fteDaysAvailable' : undefined,
  calculate: ({ fteDaysLost, fteDaysAvailable }) =>
    fteDaysAvailable === 0 ? null : (100 * fteDaysLost) / fteDaysAvailable,
  // Local defaults: there is no national target for sickness absence.
  tiers: { essential: 5.5, desirable: 4.5, aspirational: 3.5, breakthrough: 3 },
  why:
    'High sickness absence stretches the staff who are left, pushes up bank and agency use and often ' +
    'signals stress or burnout in the team.',
  prompts: [
    'How much of the absence is short-term and how much long-term, and what are the main reasons?',
    'Is stress, anxiety or injury at work a driver, and what support has been offered?',
    'How were shifts covered, and at what cost to the team and to patients?',
  ],
});
