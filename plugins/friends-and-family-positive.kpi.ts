import { defineKpi } from 'progress-platform/kpi';

/**
 * The NHS Friends and Family Test asks people to rate their overall experience of the service
 * (https://www.england.nhs.uk/fft/). NHS England's guidance treats it as a prompt for local improvement, not a
 * statistic for comparing services, so the comments matter more than the score.
 */
export default defineKpi({
  apiVersion: 1,
  key: 'friends-and-family-positive',
  name: 'Friends and Family Test: positive experience',
  domain: 'PATIENT_EXPERIENCE',
  stages: ['TREATMENT'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    positive: {
      label: "Friends and Family Test responses rating the experience 'good' or 'very good'",
      kind: 'count',
    },
    responses: { label: 'Friends and Family Test responses received', kind: 'count' },
  },
  validate: ({ positive, responses }) =>
    positive > responses ? 'positive cannot exceed responses' : undefined,
  calculate: ({ positive, responses }) => (responses === 0 ? null : (100 * positive) / responses),
  // Local defaults: NHS England sets no threshold for the Friends and Family Test.
  tiers: { essential: 85, desirable: 90, aspirational: 93, breakthrough: 96 },
  why:
    'Whether people rate their experience as good is the simplest measure of how our care feels to them; ' +
    'the comments behind the score tell us what to keep and what to change.',
  prompts: [
    'What do the comments say about what people valued and what they would change?',
    'Who are we not hearing from, and how could we reach them?',
    "What did we change because of last period's feedback, and did we tell people?",
  ],
});
