import { defineKpi } from 'progress-platform/kpi';

/**
 * The week after leaving a mental health ward is a time of proven high risk of suicide: the National
 * Confidential Inquiry into Suicide and Safety in Mental Health (NCISH) finds the risk highest in the first
 * days after discharge (https://sites.manchester.ac.uk/ncish/).
 *
 * `assessed` is collected because a follow-up that only confirms contact "hits the target but misses the
 * point": it is not used in the value, but in the companion that says how many follow-ups assessed the
 * person.
 */
export default defineKpi({
  apiVersion: 1,
  key: 'seven-day-follow-up',
  name: 'Seven-day follow-up after discharge',
  domain: 'CLINICAL_EFFECTIVENESS',
  stages: ['DISCHARGE'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    followedUp: { label: 'People followed up within 7 days of discharge', kind: 'count' },
    discharged: { label: 'People discharged from inpatient care', kind: 'count' },
    assessed: { label: 'Follow-ups that included a clinical assessment', kind: 'count' },
  },
  validate: ({ followedUp, discharged, assessed }) =>
    followedUp > discharged
      ? 'followedUp cannot exceed discharged'
      : assessed > followedUp
        ? 'assessed cannot exceed followedUp'
        : undefined,
  calculate: ({ followedUp, discharged }) => (discharged === 0 ? null : (100 * followedUp) / discharged),
  // Aspirational 95% was the long-standing national standard for follow-up within 7 days of discharge under
  // the Care Programme Approach, since replaced nationally by follow-up within 72 hours:
  // https://www.nuffieldtrust.org.uk/resource/follow-up-care-for-adults-with-mental-health-problems
  // The other thresholds are local defaults.
  tiers: { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 },
  companions: {
    // A local default: most follow-ups should check risk, wellbeing, medication and support, not only
    // confirm that contact was made.
    assessedShare: {
      label: 'Follow-ups that included a clinical assessment',
      unit: 'PERCENT',
      calculate: ({ assessed, followedUp }) => (followedUp === 0 ? null : (100 * assessed) / followedUp),
      floor: 80,
    },
  },
  appliesTo: ['inpatient'],
  why:
    'The week after discharge is a time of proven high risk of suicide, so everyone leaving inpatient ' +
    'care should be followed up within seven days by a contact that checks how they really are.',
  prompts: [
    'What did the follow-up find about the person and their situation?',
    'Did the follow-up assess the person (risk, wellbeing, medication, support) or only confirm contact?',
    'Who was not followed up within seven days, and why?',
    'How many people were contacted within the first three days, when the risk is highest?',
  ],
});
