import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'cost-per-occupied-bed-day',
  name: 'Cost per occupied bed day',
  domain: 'FINANCE',
  stages: ['TREATMENT'],
  collectedAt: 'TEAM',
  unit: 'GBP',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    inpatientCost: { label: 'Inpatient ward cost (£)', kind: 'amount' },
    bedDays: { label: 'Occupied bed days', kind: 'count' },
  },
  calculate: ({ inpatientCost, bedDays }) => (bedDays === 0 ? null : inpatientCost / bedDays),
  // Local defaults: costs vary with ward type and region, so each trust should set its own ladder.
  tiers: { essential: 650, desirable: 600, aspirational: 550, breakthrough: 500 },
  appliesTo: ['inpatient'],
  why:
    'What a day on the ward costs shows whether its resources are used well; read it with the quality ' +
    'measures, because a cheap day is not a good one if care suffers.',
  prompts: [
    'What drove the change in cost: staffing, enhanced observations, agency use, or fewer occupied beds?',
    'How many bed days were delayed discharges that added cost without adding care?',
    'Did quality and safety measures move with the cost?',
  ],
});
