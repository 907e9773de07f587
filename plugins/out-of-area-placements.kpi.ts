import { defineKpi } from 'progress-platform/kpi';

/**
 * A placement is inappropriate when the person is sent out of area only because no local bed was available.
 * The national ambition, set in 2016 alongside the Five Year Forward View for Mental Health and kept by the
 * NHS Long Term Plan (https://www.longtermplan.nhs.uk/), is to eliminate inappropriate out-of-area placements
 * for adult acute inpatient care; NHS England publishes them monthly:
 * https://digital.nhs.uk/data-and-information/publications/statistical/out-of-area-placements-in-mental-health-services
 */
export default defineKpi({
  apiVersion: 1,
  key: 'out-of-area-placements',
  name: 'Inappropriate out-of-area placement bed days',
  domain: 'FINANCE',
  stages: ['ACCESS'],
  collectedAt: 'SERVICE',
  unit: 'BED_DAYS',
  direction: 'LOWER_IS_BETTER',
  inputs: {
    inappropriateBedDays: { label: 'Bed days of inappropriate out-of-area placements', kind: 'count' },
  },
  calculate: ({ inappropriateBedDays }) => inappropriateBedDays,
  // Breakthrough 0 is the national ambition; the steps towards it are local defaults. They are absolute bed
  // days for one service, so they read best for a monthly period.
  tiers: { essential: 300, desirable: 150, aspirational: 50, breakthrough: 0 },
  appliesTo: ['acute-inpatient-service'],
  why:
    'Being sent away from home for a bed cuts people off from family, friends and their community team ' +
    'and makes recovery and discharge harder; each one means no local bed was there when it was needed.',
  prompts: [
    'Why was no local bed available: delayed discharges, a rise in admissions, or closed beds?',
    'How far away were people placed, and how did the team stay in touch with them and their families?',
    'How quickly were people brought back to a local bed?',
  ],
});
