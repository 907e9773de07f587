/**
 * The local KPIs of the synthetic integrated care system: 26 numerator-over-denominator measures of the kind
 * trusts add for themselves, spread over the four domains, beside the 14 built-ins. They are written out as
 * plain CommonJS plugins, as a trust's analyst would write them, into a folder `KPI_PLUGIN_DIRS` names.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Direction, Domain, InputKind } from '../server/engine/kpi/vocabulary';

export interface LocalKpiSpec {
  key: string;
  name: string;
  domain: Domain;
  stages: string[];
  direction: Direction;
  numerator: { name: string; label: string };
  denominator: { name: string; label: string };
  kind: InputKind;
  /** Essential, desirable, aspirational, breakthrough, in percent. */
  tiers: [number, number, number, number];
  /** The usual share, numerator over denominator, that teams' rates scatter around. */
  typicalShare: number;
  /** The usual denominator of one team in one month. */
  typicalDenominator: number;
}

const spec = (
  key: string,
  name: string,
  domain: Domain,
  stages: string[],
  direction: Direction,
  numerator: [string, string],
  denominator: [string, string],
  tiers: [number, number, number, number],
  typicalShare: number,
  typicalDenominator: number,
  kind: InputKind = 'count',
): LocalKpiSpec => ({
  key,
  name,
  domain,
  stages,
  direction,
  numerator: { name: numerator[0], label: numerator[1] },
  denominator: { name: denominator[0], label: denominator[1] },
  kind,
  tiers,
  typicalShare,
  typicalDenominator,
});

const CE = 'CLINICAL_EFFECTIVENESS';
const PX = 'PATIENT_EXPERIENCE';
const SE = 'STAFF_ENGAGEMENT';
const FI = 'FINANCE';
const UP = 'HIGHER_IS_BETTER';
const DOWN = 'LOWER_IS_BETTER';

// prettier-ignore -- a table reads best one KPI to a line
export const LOCAL_KPIS: readonly LocalKpiSpec[] = [
  spec(
    'discharge-summary-24-hours',
    'Discharge summaries sent to the GP within 24 hours',
    CE,
    ['DISCHARGE'],
    UP,
    ['summariesSent', 'Discharge summaries sent within 24 hours'],
    ['discharges', 'Discharges'],
    [85, 90, 95, 98],
    0.9,
    40,
  ),
  spec(
    'care-plan-reviewed-12-months',
    'Care plans reviewed in the last 12 months',
    CE,
    ['TREATMENT'],
    UP,
    ['plansReviewed', 'Care plans reviewed in the last 12 months'],
    ['caseload', 'People on the caseload'],
    [80, 85, 90, 95],
    0.86,
    180,
  ),
  spec(
    'physical-health-checks-smi',
    'Physical health checks for people with severe mental illness',
    CE,
    ['TREATMENT'],
    UP,
    ['checksDone', 'People with a full physical health check'],
    ['eligible', 'People eligible for the check'],
    [60, 70, 80, 90],
    0.66,
    90,
  ),
  spec(
    'medicines-reconciled-24-hours',
    'Medicines reconciled within 24 hours of admission',
    CE,
    ['ASSESSMENT'],
    UP,
    ['reconciled', 'Admissions with medicines reconciled within 24 hours'],
    ['admissions', 'Admissions'],
    [80, 85, 90, 95],
    0.86,
    30,
  ),
  spec(
    'risk-assessment-72-hours',
    'Risk assessments completed within 72 hours',
    CE,
    ['ASSESSMENT'],
    UP,
    ['riskAssessed', 'New patients risk-assessed within 72 hours'],
    ['newPatients', 'New patients'],
    [90, 93, 96, 98],
    0.93,
    35,
  ),
  spec(
    'crisis-plan-in-place',
    'People with a crisis plan in place',
    CE,
    ['TREATMENT'],
    UP,
    ['withCrisisPlan', 'People with a crisis plan'],
    ['caseload', 'People on the caseload'],
    [70, 80, 88, 95],
    0.79,
    180,
  ),
  spec(
    'urgent-referrals-triaged-24-hours',
    'Urgent referrals triaged within 24 hours',
    CE,
    ['ACCESS'],
    UP,
    ['triaged', 'Urgent referrals triaged within 24 hours'],
    ['urgentReferrals', 'Urgent referrals'],
    [90, 94, 97, 99],
    0.94,
    25,
  ),
  spec(
    'appointments-not-attended',
    'Appointments not attended',
    CE,
    ['ACCESS'],
    DOWN,
    ['notAttended', 'Appointments the person did not attend'],
    ['appointments', 'Appointments offered'],
    [12, 10, 8, 6],
    0.1,
    400,
  ),
  spec(
    'incidents-with-harm',
    'Incidents that caused harm',
    CE,
    ['TREATMENT'],
    DOWN,
    ['harmful', 'Incidents that caused harm'],
    ['incidents', 'Incidents reported'],
    [20, 15, 10, 5],
    0.14,
    30,
  ),
  spec(
    'paired-outcome-measures',
    'Episodes closed with paired outcome measures',
    CE,
    ['DISCHARGE'],
    UP,
    ['paired', 'Closed episodes with outcome measures at start and end'],
    ['closedEpisodes', 'Episodes closed'],
    [40, 50, 60, 75],
    0.52,
    30,
  ),
  spec(
    'follow-up-72-hours',
    'Follow-up within 72 hours of discharge',
    CE,
    ['FOLLOW_UP'],
    UP,
    ['followedUpIn72Hours', 'People followed up within 72 hours'],
    ['discharges', 'Discharges'],
    [80, 85, 90, 95],
    0.85,
    40,
  ),
  spec(
    'delayed-discharge-bed-days',
    'Bed days lost to delayed discharge',
    CE,
    ['DISCHARGE'],
    DOWN,
    ['delayedBedDays', 'Bed days of people clinically ready for discharge'],
    ['occupiedBedDays', 'Occupied bed days'],
    [8, 6, 4, 2],
    0.06,
    600,
  ),
  spec(
    'involved-in-decisions',
    'People who felt involved in decisions about their care',
    PX,
    ['TREATMENT'],
    UP,
    ['involved', 'Respondents who felt involved'],
    ['respondents', 'Survey respondents'],
    [70, 78, 85, 92],
    0.78,
    30,
  ),
  spec(
    'complaints-answered-25-days',
    'Complaints answered within 25 working days',
    PX,
    [],
    UP,
    ['answeredInTime', 'Complaints answered within 25 working days'],
    ['complaintsClosed', 'Complaints closed'],
    [75, 85, 92, 97],
    0.85,
    8,
  ),
  spec(
    'carers-offered-assessment',
    "Carers offered a carer's assessment",
    PX,
    ['ASSESSMENT'],
    UP,
    ['carersOffered', 'Carers offered an assessment'],
    ['carersIdentified', 'Carers identified'],
    [60, 70, 80, 90],
    0.71,
    40,
  ),
  spec(
    'communication-needs-recorded',
    'People whose communication needs are recorded',
    PX,
    ['ACCESS'],
    UP,
    ['needsRecorded', 'People with communication needs recorded'],
    ['caseload', 'People on the caseload'],
    [70, 80, 90, 95],
    0.8,
    180,
  ),
  spec(
    'waiting-under-18-weeks',
    'People waiting under 18 weeks',
    PX,
    ['ACCESS'],
    UP,
    ['under18Weeks', 'People waiting under 18 weeks'],
    ['waiting', 'People waiting'],
    [85, 90, 95, 98],
    0.9,
    60,
  ),
  spec(
    'appraisal-rate',
    'Staff with an appraisal in the last 12 months',
    SE,
    [],
    UP,
    ['appraised', 'Staff appraised in the last 12 months'],
    ['eligibleStaff', 'Staff eligible for appraisal'],
    [85, 90, 95, 98],
    0.9,
    35,
  ),
  spec(
    'staff-turnover',
    'Staff who left in the month',
    SE,
    [],
    DOWN,
    ['leavers', 'Staff who left'],
    ['headcount', 'Staff in post'],
    [1.5, 1.2, 1, 0.8],
    0.012,
    40,
  ),
  spec(
    'vacancy-rate',
    'Posts vacant',
    SE,
    [],
    DOWN,
    ['vacantPosts', 'Vacant posts'],
    ['establishment', 'Funded posts'],
    [10, 8, 6, 4],
    0.08,
    45,
  ),
  spec(
    'assaults-on-staff',
    'Staff assaulted',
    SE,
    [],
    DOWN,
    ['assaults', 'Assaults on staff'],
    ['staff', 'Staff in post'],
    [2, 1.5, 1, 0.5],
    0.012,
    40,
  ),
  spec(
    'flu-vaccination',
    'Frontline staff vaccinated against flu',
    SE,
    [],
    UP,
    ['vaccinated', 'Frontline staff vaccinated'],
    ['frontlineStaff', 'Frontline staff'],
    [60, 70, 80, 90],
    0.7,
    30,
  ),
  spec(
    'bank-shifts-filled',
    'Bank shifts filled',
    SE,
    [],
    UP,
    ['shiftsFilled', 'Bank shifts filled'],
    ['shiftsRequested', 'Bank shifts requested'],
    [80, 85, 90, 95],
    0.86,
    60,
  ),
  spec(
    'overtime-share-of-pay',
    'Overtime as a share of pay',
    FI,
    [],
    DOWN,
    ['overtime', 'Overtime paid (£)'],
    ['payBill', 'Pay bill (£)'],
    [4, 3, 2, 1],
    0.03,
    180_000,
    'amount',
  ),
  spec(
    'savings-delivered',
    'Savings delivered against plan',
    FI,
    [],
    UP,
    ['savingsDelivered', 'Savings delivered (£)'],
    ['savingsPlanned', 'Savings planned (£)'],
    [80, 90, 95, 99],
    0.9,
    20_000,
    'amount',
  ),
  spec(
    'locum-share-of-medical-pay',
    'Locum spend as a share of medical pay',
    FI,
    [],
    DOWN,
    ['locumSpend', 'Locum spend (£)'],
    ['medicalPay', 'Medical pay bill (£)'],
    [10, 7, 5, 3],
    0.07,
    60_000,
    'amount',
  ),
];

/** The plugin file of one local KPI: a plain object, as the plugin guide shows a trust writing one. */
export function pluginSource(kpi: LocalKpiSpec): string {
  const { numerator: top, denominator: bottom } = kpi;
  const [essential, desirable, aspirational, breakthrough] = kpi.tiers;
  return `// A local KPI of the synthetic integrated care system, written by \`npm run seed:scale\`.
module.exports = {
  key: ${JSON.stringify(kpi.key)},
  name: ${JSON.stringify(kpi.name)},
  domain: ${JSON.stringify(kpi.domain)},
  stages: ${JSON.stringify(kpi.stages)},
  collectedAt: 'TEAM',
  unit: 'PERCENT',
  direction: ${JSON.stringify(kpi.direction)},
  inputs: {
    ${top.name}: { label: ${JSON.stringify(top.label)}, kind: ${JSON.stringify(kpi.kind)} },
    ${bottom.name}: { label: ${JSON.stringify(bottom.label)}, kind: ${JSON.stringify(kpi.kind)} },
  },
  validate: ({ ${top.name}, ${bottom.name} }) =>
    ${top.name} > ${bottom.name} ? '${top.name} cannot exceed ${bottom.name}' : undefined,
  calculate: ({ ${top.name}, ${bottom.name} }) => (${bottom.name} === 0 ? null : (100 * ${top.name}) / ${bottom.name}),
  tiers: { essential: ${essential}, desirable: ${desirable}, aspirational: ${aspirational}, breakthrough: ${breakthrough} },
  why: ${JSON.stringify(`${kpi.name}: a local measure the system's trusts agreed to report every month.`)},
  prompts: ['What explains this month, and what is the team doing about it?'],
};
`;
}

/** Writes every local plugin into `directory`, replacing the plugins written there before. */
export function writeLocalPlugins(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  for (const file of readdirSync(directory)) {
    if (file.endsWith('.kpi.cjs')) rmSync(path.join(directory, file));
  }
  return LOCAL_KPIS.map((kpi) => {
    const file = path.join(directory, `${kpi.key}.kpi.cjs`);
    writeFileSync(file, pluginSource(kpi));
    return file;
  });
}
