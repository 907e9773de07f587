import { defineKpi } from 'progress-platform/kpi';

/**
 * Restrictive practice. The Mental Health Units (Use of Force) Act 2018 requires every mental health unit
 * to record each use of force and to publish a policy on reducing it:
 * https://www.legislation.gov.uk/ukpga/2018/27/contents
 * The PROMISE project (PROactive Management of Integrated Services and Environments) showed wards can cut
 * physical interventions, and prone restraint in particular, by changing culture rather than staffing
 * (Cambridgeshire and Peterborough NHS Foundation Trust, https://www.cpft.nhs.uk/).
 *
 * `prone` is collected because the Department of Health's "Positive and Proactive Care" (2014) says staff
 * must not deliberately restrain people face down:
 * https://www.gov.uk/government/publications/positive-and-proactive-care-reducing-restrictive-interventions
 */
export default defineKpi({
  apiVersion: 1,
  key: 'physical-interventions',
  name: 'Physical interventions per 1,000 occupied bed days',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['TREATMENT'],
  collectedAt: 'TEAM',
  unit: 'PER_1000_OCCUPIED_BED_DAYS',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    interventions: { label: 'Physical interventions (restraints) used', kind: 'count' },
    prone: { label: 'Of those, prone (face-down) restraints', kind: 'count' },
    bedDays: { label: 'Occupied bed days', kind: 'count' },
  },
  validate: ({ interventions, prone }) =>
    prone > interventions ? 'prone cannot exceed interventions' : undefined,
  calculate: ({ interventions, bedDays }) => (bedDays === 0 ? null : (1000 * interventions) / bedDays),
  // Local defaults: there is no national threshold for the rate of physical interventions.
  tiers: { essential: 8, desirable: 6, aspirational: 4, breakthrough: 2 },
  companions: {
    // No floor: fewer is better, and a falling rate of restraint means more when prone restraint falls with it.
    proneShare: {
      label: 'Restraints that were prone (face-down)',
      unit: 'PERCENT',
      calculate: ({ prone, interventions }) => (interventions === 0 ? null : (100 * prone) / interventions),
    },
  },
  appliesTo: ['inpatient'],
  why:
    'Every physical intervention is a use of force that can frighten, injure and retraumatise the person ' +
    'and harm staff; fewer interventions, and no prone restraint, show a ward preventing crises.',
  prompts: [
    'What was happening for the person before each intervention, and what was tried first?',
    'Did the person and the staff involved have a debrief, and what did it change?',
    'Was prone restraint used? If so, why, and for how long?',
    'Are interventions concentrated on a few people, shifts or times of day?',
  ],
});
