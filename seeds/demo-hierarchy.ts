/**
 * The demo trust's organisation tree, from the integrated care system down to care-coordinator posts,
 * with the size of each team so that its numbers can be believable. All names and codes are fictional;
 * codes follow one scheme: `<ORG>` for an organisation, `<ORG>-DIR-…` for a directorate, `<ORG>-SVC-…`
 * for a service, `<ORG>-<SERVICE>-…` for a team (`…-WARD-<NAME>` for a ward) and `<TEAM>-CC<n>` for an
 * individual post.
 */
import type { OrgLevel } from '../server/engine/kpi/vocabulary';
import {
  ADULT_ACUTE_SERVICE,
  FFT_FALL_WARD,
  FIRST_BREAKTHROUGH_TEAM,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  MISSING_DATA_TEAM,
  SICKNESS_SHIFT_TEAM,
} from './demo-stories';

export interface OrgUnitSeed {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  tags: string[];
}

/** What kind of team it is decides how its numbers behave: length of stay, cost per bed day, restraint. */
export type TeamKind =
  | 'adult-acute-ward'
  | 'picu-ward'
  | 'older-adult-ward'
  | 'camhs-ward'
  | 'rehab-ward'
  | 'community-hospital-ward'
  | 'community-team'
  | 'liaison-team';

export interface TeamSize {
  kind: TeamKind;
  /** Headcount. */
  staff: number;
  /** Wards only. */
  beds?: number;
  /** Clinical contacts a month; wards derive theirs from bed days. */
  contacts?: number;
  /** New assessments a month; community teams only. */
  referrals?: number;
}

export interface DemoHierarchy {
  /** Parents before children. */
  orgUnits: OrgUnitSeed[];
  /** The size of every TEAM, by code. */
  teams: Map<string, TeamSize>;
}

interface UnitSpec {
  code: string;
  name: string;
  level: OrgLevel;
  tags?: string[];
  size?: TeamSize;
  children?: UnitSpec[];
}

const unit = (
  level: OrgLevel,
  code: string,
  name: string,
  children: UnitSpec[],
  tags?: string[],
): UnitSpec => ({
  code,
  name,
  level,
  children,
  tags,
});

/** Wards of one kind: [code, name, beds, headcount]. */
const wards = (kind: TeamKind, rows: [string, string, number, number][]): UnitSpec[] =>
  rows.map(([code, name, beds, staff]) => ({
    code,
    name,
    level: 'TEAM',
    tags: ['inpatient'],
    size: { kind, staff, beds },
  }));

/** Community teams: [code, name, headcount, contacts a month, new assessments a month]. */
const communityTeams = (
  rows: [string, string, number, number, number][],
  extraTags: string[] = [],
): UnitSpec[] =>
  rows.map(([code, name, staff, contacts, referrals]) => ({
    code,
    name,
    level: 'TEAM',
    tags: ['community', ...extraTags],
    size: { kind: 'community-team', staff, contacts, referrals },
  }));

/** Named posts, never people: "Care coordinator 1 (North CMHT)". */
const careCoordinators = (team: string, teamName: string, count: number): UnitSpec[] =>
  Array.from({ length: count }, (_, index) => ({
    code: `${team}-CC${index + 1}`,
    name: `Care coordinator ${index + 1} (${teamName})`,
    level: 'INDIVIDUAL',
  }));

const withChildren = (spec: UnitSpec, children: UnitSpec[]): UnitSpec => ({ ...spec, children });

function demoTree(): UnitSpec {
  const [cmhtNorth, cmhtSouth, ...otherCmhts] = communityTeams([
    ['RNM-CMHT-NORTH', 'North Community Mental Health Team', 32, 1850, 82],
    ['RNM-CMHT-SOUTH', 'South Community Mental Health Team', 30, 1700, 75],
    ['RNM-CMHT-EAST', 'East Community Mental Health Team', 26, 1400, 64],
    [MISSING_DATA_TEAM, 'West Community Mental Health Team', 28, 1550, 70],
    ['RNM-CMHT-CENTRAL', 'Central Community Mental Health Team', 34, 2000, 90],
  ]);

  return unit('SYSTEM', 'QNS', 'Northshire Integrated Care System', [
    unit('ORGANISATION', 'RNM', 'Northshire Mental Health NHS Foundation Trust', [
      unit('DIRECTORATE', 'RNM-DIR-ADULT-ACUTE', 'Adult Acute & Inpatient Directorate', [
        unit(
          'SERVICE',
          ADULT_ACUTE_SERVICE,
          'Adult Acute Inpatient Service',
          wards('adult-acute-ward', [
            ['RNM-ADULT-WARD-ALDER', 'Alder Ward (adult acute, male)', 18, 38],
            ['RNM-ADULT-WARD-BIRCH', 'Birch Ward (adult acute, female)', 20, 41],
            ['RNM-ADULT-WARD-CEDAR', 'Cedar Ward (adult acute, male)', 22, 44],
            ['RNM-ADULT-WARD-HAZEL', 'Hazel Ward (adult acute, female)', 18, 37],
            ['RNM-ADULT-WARD-LARCH', 'Larch Ward (adult acute, mixed)', 20, 40],
            [FOLLOW_UP_WITHOUT_ASSESSMENT_WARD, 'Rowan Ward (adult acute, male)', 20, 42],
            ['RNM-ADULT-WARD-WILLOW', 'Willow Ward (adult acute, female)', 16, 34],
          ]),
          ['acute-inpatient-service'],
        ),
        unit(
          'SERVICE',
          'RNM-SVC-PICU',
          'Psychiatric Intensive Care Service',
          wards('picu-ward', [['RNM-PICU-WARD-OAK', 'Oak Ward (psychiatric intensive care)', 10, 40]]),
        ),
        unit('SERVICE', 'RNM-SVC-LIAISON', 'Psychiatric Liaison Service', [
          {
            code: 'RNM-LIAISON-NORTH',
            name: 'North Liaison Team (Northshire General Hospital)',
            level: 'TEAM',
            size: { kind: 'liaison-team', staff: 22, contacts: 720 },
          },
          {
            code: 'RNM-LIAISON-SOUTH',
            name: 'South Liaison Team (Kingsmere Hospital)',
            level: 'TEAM',
            size: { kind: 'liaison-team', staff: 19, contacts: 560 },
          },
        ]),
      ]),
      unit('DIRECTORATE', 'RNM-DIR-COMMUNITY', 'Community & Crisis Directorate', [
        unit('SERVICE', 'RNM-SVC-CMHT', 'Adult Community Mental Health Service', [
          withChildren(cmhtNorth!, careCoordinators('RNM-CMHT-NORTH', 'North CMHT', 3)),
          withChildren(cmhtSouth!, careCoordinators('RNM-CMHT-SOUTH', 'South CMHT', 2)),
          ...otherCmhts,
        ]),
        unit(
          'SERVICE',
          'RNM-SVC-CRISIS',
          'Crisis Resolution & Home Treatment Service',
          communityTeams([
            ['RNM-CRHT-NORTH', 'North Crisis Resolution & Home Treatment Team', 30, 1900, 120],
            [SICKNESS_SHIFT_TEAM, 'South Crisis Resolution & Home Treatment Team', 28, 1750, 110],
            ['RNM-CRHT-CENTRAL', 'Central Crisis Resolution & Home Treatment Team', 32, 2100, 135],
          ]),
        ),
        unit(
          'SERVICE',
          'RNM-SVC-EIP',
          'Early Intervention in Psychosis Service',
          communityTeams(
            [
              [FIRST_BREAKTHROUGH_TEAM, 'North Early Intervention in Psychosis Team', 17, 620, 12],
              ['RNM-EIP-SOUTH', 'South Early Intervention in Psychosis Team', 15, 540, 10],
            ],
            ['early-intervention'],
          ),
        ),
        unit(
          'SERVICE',
          'RNM-SVC-TALKING-THERAPIES',
          'NHS Talking Therapies Service',
          communityTeams([
            ['RNM-TT-NORTH', 'North Talking Therapies Team', 42, 2600, 310],
            ['RNM-TT-SOUTH', 'South Talking Therapies Team', 38, 2300, 270],
          ]),
        ),
      ]),
      unit('DIRECTORATE', 'RNM-DIR-SPECIALIST', 'Specialist, Older Adults & CAMHS Directorate', [
        unit(
          'SERVICE',
          'RNM-SVC-OLDER-INPATIENT',
          'Older Adult Inpatient Service',
          wards('older-adult-ward', [
            [FFT_FALL_WARD, 'Maple Ward (older adult, functional)', 18, 36],
            ['RNM-OLDER-WARD-POPLAR', 'Poplar Ward (older adult, dementia)', 16, 38],
          ]),
        ),
        unit(
          'SERVICE',
          'RNM-SVC-OLDER-COMMUNITY',
          'Older Adult Community Service',
          communityTeams([
            ['RNM-OACMHT-NORTH', 'North Older Adult Community Mental Health Team', 22, 950, 45],
            ['RNM-OACMHT-SOUTH', 'South Older Adult Community Mental Health Team', 20, 880, 40],
            ['RNM-MEMORY-ASSESSMENT', 'Memory Assessment Team', 14, 480, 55],
          ]),
        ),
        unit('SERVICE', 'RNM-SVC-CAMHS', 'Child & Adolescent Mental Health Service', [
          ...communityTeams([
            ['RNM-CAMHS-NORTH', 'North CAMHS Community Team', 30, 1250, 65],
            ['RNM-CAMHS-SOUTH', 'South CAMHS Community Team', 27, 1100, 58],
          ]),
          ...wards('camhs-ward', [
            ['RNM-CAMHS-WARD-LINDEN', 'Linden Ward (adolescent inpatient unit)', 12, 46],
          ]),
        ]),
        unit('SERVICE', 'RNM-SVC-REHAB', 'Rehabilitation & Recovery Service', [
          ...wards('rehab-ward', [
            ['RNM-REHAB-WARD-HOLLY', 'Holly Ward (high-dependency rehabilitation)', 15, 26],
          ]),
          ...communityTeams([['RNM-REHAB-COMMUNITY', 'Community Rehabilitation Team', 12, 340, 9]]),
        ]),
      ]),
    ]),
    // A second, smaller organisation in the same system: the community health trust.
    unit('ORGANISATION', 'RNC', 'Northshire Community Health NHS Trust', [
      unit('DIRECTORATE', 'RNC-DIR-ADULT-COMMUNITY', 'Adult Community Health Directorate', [
        unit(
          'SERVICE',
          'RNC-SVC-DISTRICT-NURSING',
          'District Nursing Service',
          communityTeams([
            ['RNC-DN-NORTH', 'North District Nursing Team', 44, 5200, 130],
            ['RNC-DN-SOUTH', 'South District Nursing Team', 40, 4700, 118],
          ]),
        ),
        unit('SERVICE', 'RNC-SVC-INTERMEDIATE-CARE', 'Intermediate Care Service', [
          ...wards('community-hospital-ward', [
            ['RNC-IC-WARD-BEECH', 'Beech Ward (community hospital)', 24, 36],
          ]),
          ...communityTeams([['RNC-IC-RAPID-RESPONSE', 'Urgent Community Response Team', 22, 1500, 150]]),
        ]),
      ]),
    ]),
  ]);
}

export function buildDemoHierarchy(): DemoHierarchy {
  const orgUnits: OrgUnitSeed[] = [];
  const teams = new Map<string, TeamSize>();
  // Depth first, so every parent comes before its children.
  const visit = (spec: UnitSpec, parentCode: string | null) => {
    orgUnits.push({
      code: spec.code,
      name: spec.name,
      level: spec.level,
      parentCode,
      tags: [...(spec.tags ?? [])],
    });
    if (spec.size) teams.set(spec.code, spec.size);
    for (const child of spec.children ?? []) visit(child, spec.code);
  };
  visit(demoTree(), null);
  return { orgUnits, teams };
}
