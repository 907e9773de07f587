import { defineKpi } from 'progress-platform/kpi';

/**
 * Carers Trust's Triangle of Care sets out how mental health services should include and support carers as
 * partners in care (https://carers.org/triangle-of-care/the-triangle-of-care).
 */
export default defineKpi({
  apiVersion: 1,
  key: 'carer-involvement',
  name: 'Carer involved in care plan review',
  domain: 'PATIENT_EXPERIENCE',
  stages: ['ASSESSMENT'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    carerInvolved: { label: 'Care plans reviewed with the carer involved', kind: 'count' },
    carePlans: { label: 'Care plans reviewed where the person has a carer', kind: 'count' },
  },
  validate: ({ carerInvolved, carePlans }) =>
    carerInvolved > carePlans ? 'carerInvolved cannot exceed carePlans' : undefined,
  calculate: ({ carerInvolved, carePlans }) => (carePlans === 0 ? null : (100 * carerInvolved) / carePlans),
  // Local defaults: the Triangle of Care sets standards, not a percentage. 100% is not expected, because some
  // people choose not to involve their carer.
  tiers: { essential: 60, desirable: 70, aspirational: 80, breakthrough: 90 },
  why:
    'Carers often know the person best and notice early warning signs first; involving them in care plan ' +
    'reviews makes plans safer and helps the carer keep caring.',
  prompts: [
    "Where a carer was not involved, was it the person's choice, a confidentiality worry, or did we not ask?",
    "Were carers offered a carer's assessment and information about the service?",
    'What did carers add to the care plan that we would otherwise have missed?',
  ],
});
