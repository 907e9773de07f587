import { defineKpi } from 'progress-platform/kpi';

export default defineKpi({
  apiVersion: 1,
  key: 'clinical-supervision',
  name: 'Clinical supervision sessions held',
  domain: 'STAFF_ENGAGEMENT',
  stages: ['TREATMENT'],
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  inputs: {
    sessionsHeld: { label: 'Planned clinical supervision sessions that took place', kind: 'count' },
    sessionsPlanned: { label: 'Clinical supervision sessions planned', kind: 'count' },
  },
  validate: ({ sessionsHeld, sessionsPlanned }) =>
    sessionsHeld > sessionsPlanned ? 'sessionsHeld cannot exceed sessionsPlanned' : undefined,
  calculate: ({ sessionsHeld, sessionsPlanned }) =>
    sessionsPlanned === 0 ? null : (100 * sessionsHeld) / sessionsPlanned,
  // Local defaults: there is no national threshold for clinical supervision.
  tiers: { essential: 80, desirable: 85, aspirational: 90, breakthrough: 95 },
  why:
    'Regular clinical supervision helps staff reflect on difficult work, keep practice safe and stay well; ' +
    'it is often the first thing cancelled when a team is under pressure.',
  prompts: [
    'Why were sessions cancelled, and who missed out most?',
    'Did supervision make room for reflection and wellbeing, or only caseload management?',
    'Do new starters and staff in the most demanding roles get supervision first?',
  ],
});
