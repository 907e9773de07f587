import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'agency-spend-share',
  name: 'Agency spend as a share of the pay bill',
  domain: 'FINANCE',
  stages: [],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    agencySpend: { label: 'Agency staff spend (£)', kind: 'amount' },
    paySpend: { label: 'Total pay bill including agency (£)', kind: 'amount' },
  },
  validate: ({ agencySpend, paySpend }) =>
    agencySpend > paySpend ? 'agencySpend cannot exceed paySpend' : undefined,
  calculate: ({ agencySpend, paySpend }) => (paySpend === 0 ? null : (100 * agencySpend) / paySpend),
  // Aspirational is NHS England's 2024/25 planning objective to cut agency spending to at most 3.2% of the
  // total pay bill: https://www.england.nhs.uk/long-read/2024-25-priorities-and-operational-planning-guidance/
  // The other thresholds are local defaults.
  tiers: { essential: 6, desirable: 4.5, aspirational: 3.2, breakthrough: 2 },
  why:
    'Agency staff cost more than our own and bank staff and are less likely to know the patients and the ' +
    'ward; a high share usually means vacancies and shifts we could not fill ourselves.',
  prompts: [
    'Which shifts and roles were filled by agency staff, and why not by bank or our own staff?',
    'How many vacancies drive the agency use, and what is the plan to recruit and keep staff?',
    'How are agency staff inducted to the team and its patients?',
  ],
});
