/**
 * Thirty-six months (FY2023–FY2025) of observations for every KPI the demo trust collects, with
 * believable sizes and noise, and the planted stories of `demo-stories.ts`. Pure and deterministic:
 * every series draws from its own seeded stream (see `seeded-random.ts`).
 *
 * The KPI inputs and their rules mirror the built-in plugins in `plugins/`; the seed test checks every
 * observation against them.
 */
import { parsePeriod } from '../server/engine/kpi/period';
import type { DemoHierarchy, OrgUnitSeed, TeamKind, TeamSize } from './demo-hierarchy';
import {
  ADULT_ACUTE_SERVICE,
  FFT_FALL_MONTH,
  FFT_FALL_WARD,
  FIRST_BREAKTHROUGH_FROM,
  FIRST_BREAKTHROUGH_TEAM,
  FOLLOW_UP_ASSESSED_SHARE,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  MISSING_DATA_MONTHS,
  MISSING_DATA_TEAM,
  PHYSICAL_INTERVENTIONS_BY_YEAR,
  SICKNESS_SHIFT_FROM,
  SICKNESS_SHIFT_TEAM,
} from './demo-stories';
import {
  amount,
  binomial,
  clamp,
  normal,
  pickWeighted,
  poisson,
  shuffle,
  stream,
  uniform,
  wander,
} from './seeded-random';
import type { Random } from './seeded-random';

export interface ObservationSeed {
  kpi: string;
  orgUnit: string;
  period: string;
  values: Record<string, number>;
}

export const DEMO_FIRST_MONTH = '2023-04';
export const DEMO_LAST_MONTH = '2026-03';
/** FY2023, FY2024 and FY2025: April 2023 – March 2026, in order. */
export const DEMO_MONTHS: readonly string[] = ['FY2023', 'FY2024', 'FY2025'].flatMap(
  (year) => parsePeriod(year).months,
);

const MONTH_COUNT = DEMO_MONTHS.length;
const monthIndex = (month: string) => DEMO_MONTHS.indexOf(month);

/** NHS pay awards: the same staff cost about 5.5% more each financial year. */
const payIndex = (index: number) => [1, 1.055, 1.1][Math.floor(index / 12)] ?? 1.1;

function daysIn(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

function weekdaysIn(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  let weekdays = 0;
  for (let day = 1; day <= daysIn(month); day += 1) {
    const weekday = new Date(Date.UTC(year, monthNumber - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) weekdays += 1;
  }
  return weekdays;
}

/** Fewer contacts in August and over Christmas, a January rush. */
const SEASONAL: Record<string, number> = { '08': 0.92, '12': 0.9, '01': 1.06 };
const seasonal = (month: string) => SEASONAL[month.slice(5)] ?? 1;

type WardKind = Exclude<TeamKind, 'community-team' | 'liaison-team'>;

interface WardProfile {
  occupancy: number;
  lengthOfStayDays: number;
  /** FY2023 prices; see `payIndex`. */
  costPerBedDay: number;
  /** Per 1000 occupied bed days; the adult acute wards' restraint is allocated from the story totals instead. */
  interventionsPer1000: number;
  proneShare: number;
  contactsPerBedDay: number;
}

const WARD_PROFILES: Record<WardKind, WardProfile> = {
  'adult-acute-ward': {
    occupancy: 0.93,
    lengthOfStayDays: 32,
    costPerBedDay: 540,
    interventionsPer1000: 6,
    proneShare: 0.2,
    contactsPerBedDay: 5,
  },
  'picu-ward': {
    occupancy: 0.88,
    lengthOfStayDays: 28,
    costPerBedDay: 880,
    interventionsPer1000: 14,
    proneShare: 0.2,
    contactsPerBedDay: 6,
  },
  'older-adult-ward': {
    occupancy: 0.9,
    lengthOfStayDays: 65,
    costPerBedDay: 560,
    interventionsPer1000: 4,
    proneShare: 0.05,
    contactsPerBedDay: 4,
  },
  'camhs-ward': {
    occupancy: 0.85,
    lengthOfStayDays: 50,
    costPerBedDay: 940,
    interventionsPer1000: 16,
    proneShare: 0.12,
    contactsPerBedDay: 6,
  },
  'rehab-ward': {
    occupancy: 0.92,
    lengthOfStayDays: 200,
    costPerBedDay: 470,
    interventionsPer1000: 1.5,
    proneShare: 0.1,
    contactsPerBedDay: 3,
  },
  'community-hospital-ward': {
    occupancy: 0.92,
    lengthOfStayDays: 22,
    costPerBedDay: 430,
    interventionsPer1000: 0.3,
    proneShare: 0,
    contactsPerBedDay: 4,
  },
};

/** One team's activity in one month, shared by every KPI so that, say, discharges agree across KPIs. */
interface TeamMonth {
  month: string;
  index: number;
  weekdays: number;
  staff: number;
  fte: number;
  bedDays: number;
  /** Bed days at the ward's usual occupancy: its fixed costs are sized for these. */
  plannedBedDays: number;
  discharges: number;
  contacts: number;
  referrals: number;
}

interface TeamContext {
  unit: OrgUnitSeed;
  size: TeamSize;
  ward: WardProfile | undefined;
  months: TeamMonth[];
  /** Adult acute wards only: their share of the story's restraint totals. */
  restraint?: { interventions: number[]; prone: number[] };
}

function teamActivity(code: string, size: TeamSize): TeamMonth[] {
  const random = stream('activity', code);
  const ward = isWard(size.kind) ? WARD_PROFILES[size.kind] : undefined;
  const staffDrift = wander(random, MONTH_COUNT, 0.05, 0.9);
  const busy = wander(random, MONTH_COUNT, 0.06, 0.5);
  const occupancy = wander(random, MONTH_COUNT, 0.025, 0.6);
  return DEMO_MONTHS.map((month, index) => {
    const staff = Math.max(4, Math.round(size.staff * (1 + staffDrift[index]!)));
    const fte = Math.round(staff * 8.8) / 10;
    const base = { month, index, weekdays: weekdaysIn(month), staff, fte };
    if (ward && size.beds) {
      const plannedBedDays = size.beds * daysIn(month) * ward.occupancy;
      const bedDays = Math.round(
        size.beds * daysIn(month) * clamp(ward.occupancy + occupancy[index]!, 0.75, 0.99),
      );
      return {
        ...base,
        bedDays,
        plannedBedDays,
        discharges: poisson(random, bedDays / ward.lengthOfStayDays),
        contacts: Math.round(bedDays * ward.contactsPerBedDay * (1 + busy[index]!)),
        referrals: 0,
      };
    }
    const demand = seasonal(month) * (1 + busy[index]!);
    return {
      ...base,
      bedDays: 0,
      plannedBedDays: 0,
      discharges: 0,
      contacts: Math.round((size.contacts ?? 0) * demand * (daysIn(month) / 30.4)),
      referrals: poisson(random, (size.referrals ?? 0) * demand),
    };
  });
}

function isWard(kind: TeamKind): kind is WardKind {
  return kind in WARD_PROFILES;
}

interface RateOptions {
  /** Change over the three years, drawn per team. */
  trend?: [number, number];
  /** Size of the month-to-month wander. */
  wanderSd?: number;
  min?: number;
  max?: number;
}

/** A team's monthly rate: its own level, a gentle trend over the three years, and correlated wander. */
function rates(random: Random, level: [number, number], options: RateOptions = {}): number[] {
  const { trend = [-0.01, 0.025], wanderSd = 0.015, min = 0, max = 1 } = options;
  const base = uniform(random, level[0], level[1]);
  const slope = uniform(random, trend[0], trend[1]);
  return wander(random, MONTH_COUNT, wanderSd).map((offset, index) =>
    clamp(base + (slope * index) / (MONTH_COUNT - 1) + offset, min, max),
  );
}

type Values = Record<string, number>;

interface TeamSeries {
  kpi: string;
  /** Mirrors the plugin's `appliesTo`: only teams carrying one of these tags. */
  appliesTo?: readonly string[];
  generate: (team: TeamContext, random: Random) => Values[];
}

const TEAM_SERIES: readonly TeamSeries[] = [
  {
    kpi: 'seven-day-follow-up',
    appliesTo: ['inpatient'],
    generate: (team, random) => {
      if (team.unit.code === FOLLOW_UP_WITHOUT_ASSESSMENT_WARD)
        return followUpWithoutAssessment(team, random);
      const followUp = rates(random, [0.84, 0.95], { wanderSd: 0.02 });
      const assessment = rates(random, [0.75, 0.95]);
      return team.months.map(({ discharges, index }) => {
        const followedUp = binomial(random, discharges, followUp[index]!);
        return {
          followedUp,
          discharged: discharges,
          assessed: binomial(random, followedUp, assessment[index]!),
        };
      });
    },
  },
  {
    kpi: 'physical-interventions',
    appliesTo: ['inpatient'],
    generate: (team, random) => {
      const { restraint } = team;
      if (restraint) {
        return team.months.map(({ bedDays, index }) => ({
          interventions: restraint.interventions[index]!,
          prone: restraint.prone[index]!,
          bedDays,
        }));
      }
      const ward = team.ward!;
      const per1000 = ward.interventionsPer1000 * uniform(random, 0.7, 1.3);
      const proneShare = ward.proneShare * uniform(random, 0.6, 1.3);
      return team.months.map(({ bedDays }) => {
        const interventions = poisson(random, (per1000 * bedDays * Math.exp(normal(random, 0, 0.25))) / 1000);
        return { interventions, prone: binomial(random, interventions, proneShare), bedDays };
      });
    },
  },
  {
    kpi: 'early-intervention-psychosis-two-week-wait',
    appliesTo: ['early-intervention'],
    generate: (team, random) => {
      const treatment = rates(random, [0.7, 0.86], { wanderSd: 0.03 });
      const started = team.months.map(({ referrals }) => Math.max(3, poisson(random, referrals * 0.75)));
      if (team.unit.code === FIRST_BREAKTHROUGH_TEAM) return firstBreakthrough(started, random);
      return started.map((count, index) => ({
        startedWithinTwoWeeks: binomial(random, count, treatment[index]!),
        started: count,
      }));
    },
  },
  {
    kpi: 'community-four-week-wait',
    appliesTo: ['community'],
    generate: (team, random) => {
      const timely = rates(random, [0.8, 0.95], { wanderSd: 0.02 });
      return team.months.map(({ referrals, index }) => ({
        assessedWithin28Days: binomial(random, referrals, timely[index]!),
        assessed: referrals,
      }));
    },
  },
  {
    kpi: 'emergency-readmissions-30-day',
    appliesTo: ['inpatient'],
    generate: (team, random) => {
      const readmission = rates(random, [0.07, 0.12], { trend: [-0.02, 0.01], wanderSd: 0.01 });
      return team.months.map(({ discharges, index }) => ({
        readmitted: binomial(random, discharges, readmission[index]!),
        discharged: discharges,
      }));
    },
  },
  {
    kpi: 'friends-and-family-positive',
    generate: (team, random) => {
      const positive = rates(random, [0.85, 0.94], { wanderSd: 0.015 });
      const values = team.months.map(({ discharges, contacts, index }) => {
        // Cards handed out on the ward and at discharge; a community team hears from a few percent of its contacts.
        const responses = Math.max(5, poisson(random, team.ward ? 20 + discharges : contacts * 0.03));
        return { positive: binomial(random, responses, positive[index]!), responses };
      });
      return team.unit.code === FFT_FALL_WARD ? friendsAndFamilyFall(values) : values;
    },
  },
  {
    kpi: 'carer-involvement',
    generate: (team, random) => {
      const involvement = rates(random, [0.6, 0.86], { wanderSd: 0.025 });
      return team.months.map(({ discharges, staff, index }) => {
        const carePlans = team.size.beds
          ? poisson(random, team.size.beds * 0.8 + discharges * 0.5)
          : poisson(random, staff * 1.6);
        return { carerInvolved: binomial(random, carePlans, involvement[index]!), carePlans };
      });
    },
  },
  {
    kpi: 'complaints-per-1000-contacts',
    generate: (team, random) => {
      const per1000 = rates(random, [0.9, 1.9], { trend: [-0.3, 0.2], wanderSd: 0.15, max: 5 });
      return team.months.map(({ contacts, index }) => ({
        complaints: poisson(random, (contacts * per1000[index]!) / 1000),
        contacts,
      }));
    },
  },
  {
    kpi: 'staff-sickness-absence',
    generate: (team, random) => {
      const absence =
        team.unit.code === SICKNESS_SHIFT_TEAM
          ? sicknessShift(random)
          : rates(random, [0.034, 0.056], { trend: [-0.006, 0.006], wanderSd: 0.005 }).map(
              // Winter viruses: December to February run higher.
              (rate, index) => rate + (['12', '01', '02'].includes(DEMO_MONTHS[index]!.slice(5)) ? 0.006 : 0),
            );
      return team.months.map(({ fte, weekdays, index }) => {
        const fteDaysAvailable = amount(fte * weekdays);
        return { fteDaysLost: amount(fteDaysAvailable * absence[index]!), fteDaysAvailable };
      });
    },
  },
  {
    kpi: 'mandatory-training-compliance',
    generate: (team, random) => {
      const compliance = rates(random, [0.86, 0.96], { wanderSd: 0.015 });
      return team.months.map(({ staff, index }) => ({
        compliant: binomial(random, staff, compliance[index]!),
        staff,
      }));
    },
  },
  {
    kpi: 'clinical-supervision',
    generate: (team, random) => {
      const held = rates(random, [0.8, 0.93], { wanderSd: 0.02 });
      return team.months.map(({ staff, index }) => {
        // One session a month for everyone not on long-term leave.
        const sessionsPlanned = Math.max(1, staff - binomial(random, staff, 0.05));
        return { sessionsHeld: binomial(random, sessionsPlanned, held[index]!), sessionsPlanned };
      });
    },
  },
  {
    kpi: 'agency-spend-share',
    generate: (team, random) => {
      // Wards fill rota gaps with agency staff far more than community teams do.
      const share = team.ward
        ? rates(random, [0.035, 0.08], { trend: [-0.025, 0.005], wanderSd: 0.008 })
        : rates(random, [0.025, 0.06], { trend: [-0.015, 0.005], wanderSd: 0.006 });
      // Unsocial-hours enhancements make a ward's pay bill per head higher.
      const costPerFte = (team.ward ? 4200 : 3900) * uniform(random, 0.95, 1.05);
      return team.months.map(({ fte, index }) => {
        const paySpend = amount(fte * costPerFte * payIndex(index) * (1 + normal(random, 0, 0.015)));
        return { agencySpend: amount(paySpend * share[index]!), paySpend };
      });
    },
  },
  {
    kpi: 'cost-per-occupied-bed-day',
    appliesTo: ['inpatient'],
    generate: (team, random) => {
      const ward = team.ward!;
      const costPerBedDay = ward.costPerBedDay * uniform(random, 0.93, 1.07);
      const noise = wander(random, MONTH_COUNT, 0.025);
      // Three quarters of a ward's cost is fixed (staffing to its planned occupancy), so a quiet month costs more a bed day.
      return team.months.map(({ bedDays, plannedBedDays, index }) => ({
        inpatientCost: amount(
          costPerBedDay * (0.75 * plannedBedDays + 0.25 * bedDays) * payIndex(index) * (1 + noise[index]!),
        ),
        bedDays,
      }));
    },
  },
];

/**
 * Story: "we hit the target but missed the point". Rowan Ward calls every patient it discharges
 * within seven days, so its headline is 100% every month, but only 20–35% of those calls include a
 * clinical assessment of the person's mental state, risk and support: the box is ticked, the point of
 * the follow-up is missed.
 */
function followUpWithoutAssessment(team: TeamContext, random: Random): Values[] {
  const { min, max } = FOLLOW_UP_ASSESSED_SHARE;
  return team.months.map(({ discharges }) => {
    const followedUp = discharges;
    const assessed = clamp(
      Math.round(followedUp * uniform(random, min, max)),
      Math.ceil(followedUp * min),
      Math.floor(followedUp * max),
    );
    return { followedUp, discharged: discharges, assessed };
  });
}

/**
 * Story: the North EIP team's two-week wait to start treatment climbs steadily over three years and
 * reaches Breakthrough (90%) for the first time in March 2026, the last month: the celebration a
 * newcomer finds there. Before then it never got there.
 */
function firstBreakthrough(started: number[], random: Random): Values[] {
  const from = monthIndex(FIRST_BREAKTHROUGH_FROM);
  const noise = wander(random, MONTH_COUNT, 0.03);
  return started.map((count, index) => {
    const drawn = binomial(random, count, clamp(0.64 + (0.2 * index) / (from - 1) + noise[index]!, 0, 0.97));
    const breakthrough = Math.ceil(count * 0.9);
    return {
      startedWithinTwoWeeks: index < from ? Math.min(drawn, breakthrough - 1) : Math.max(drawn, breakthrough),
      started: count,
    };
  });
}

/**
 * Story: Maple Ward's friends-and-family score sits at Desirable or above through the final year,
 * then falls below Essential in March 2026: one red month that asks "what changed?" (the Reflect step)
 * before anyone reaches for an action plan.
 */
function friendsAndFamilyFall(values: Values[]): Values[] {
  const fall = monthIndex(FFT_FALL_MONTH);
  return values.map(({ positive, responses }, index) => {
    if (index === fall) return { positive: Math.floor(responses! * 0.76), responses: responses! };
    if (index >= fall - 12)
      return { positive: Math.max(positive!, Math.ceil(responses! * 0.9)), responses: responses! };
    return { positive: positive!, responses: responses! };
  });
}

/**
 * Story: the South crisis team's sickness absence steps up from July 2025 (a run of long-term
 * absences after a difficult summer) and stays up: every month from then sits above every month
 * before it, a sustained shift that SPC flags as special cause rather than noise.
 */
function sicknessShift(random: Random): number[] {
  const from = monthIndex(SICKNESS_SHIFT_FROM);
  return wander(random, MONTH_COUNT, 0.004).map((offset, index) =>
    index < from ? clamp(0.038 + offset, 0.031, 0.046) : clamp(0.066 + offset, 0.058, 0.075),
  );
}

/**
 * Story: restraint on the adult acute wards falls by the size the PROMISE project reported, the
 * annual totals being exactly PHYSICAL_INTERVENTIONS_BY_YEAR. Each year's total is scattered over
 * the wards and months one intervention at a time, weighted by the ward (some restrain more than
 * others), its bed days, a downward drift within the year and monthly noise; the prone ones are then
 * drawn from among those interventions, so prone never exceeds interventions.
 */
function allocateAdultAcuteRestraint(
  wards: TeamContext[],
): Map<string, { interventions: number[]; prone: number[] }> {
  const random = stream('restraint', ADULT_ACUTE_SERVICE);
  const allocation = new Map(
    wards.map((ward) => [
      ward.unit.code,
      {
        interventions: new Array<number>(MONTH_COUNT).fill(0),
        prone: new Array<number>(MONTH_COUNT).fill(0),
      },
    ]),
  );
  const propensity = wards.map(() => uniform(random, 0.6, 1.5));
  for (const [year, totals] of Object.entries(PHYSICAL_INTERVENTIONS_BY_YEAR)) {
    const cells = wards.flatMap((ward, wardIndex) =>
      parsePeriod(year).months.map((month, monthOfYear) => {
        const index = monthIndex(month);
        const drift = 1 - (0.2 * (monthOfYear - 5.5)) / 11;
        const weight =
          propensity[wardIndex]! * ward.months[index]!.bedDays * drift * Math.exp(normal(random, 0, 0.35));
        return { series: allocation.get(ward.unit.code)!, index, weight };
      }),
    );
    const weights = cells.map((cell) => cell.weight);
    const picks = Array.from({ length: totals.interventions }, () => cells[pickWeighted(random, weights)]!);
    for (const cell of picks) cell.series.interventions[cell.index]! += 1;
    for (const cell of shuffle(random, picks).slice(0, totals.prone)) cell.series.prone[cell.index]! += 1;
  }
  return allocation;
}

/**
 * Out-of-area placements, collected for the adult acute inpatient service: inappropriate bed days
 * fall from around 280 a month to around 60 as the acute wards' flow improves.
 */
function outOfAreaPlacements(code: string): Values[] {
  const random = stream('out-of-area-placements', code);
  return DEMO_MONTHS.map((_, index) => ({
    inappropriateBedDays: Math.round(
      (280 - (220 * index) / (MONTH_COUNT - 1)) * Math.exp(normal(random, 0, 0.2)),
    ),
  }));
}

export function buildDemoObservations({ orgUnits, teams }: DemoHierarchy): ObservationSeed[] {
  const contexts = new Map<string, TeamContext>();
  for (const unit of orgUnits) {
    const size = teams.get(unit.code);
    if (unit.level !== 'TEAM' || !size) continue;
    const ward = isWard(size.kind) ? WARD_PROFILES[size.kind] : undefined;
    contexts.set(unit.code, { unit, size, ward, months: teamActivity(unit.code, size) });
  }
  const adultAcuteWards = [...contexts.values()].filter(
    (team) => team.unit.parentCode === ADULT_ACUTE_SERVICE && team.ward,
  );
  for (const [code, restraint] of allocateAdultAcuteRestraint(adultAcuteWards))
    contexts.get(code)!.restraint = restraint;

  const observations: ObservationSeed[] = [];
  const record = (kpi: string, orgUnit: string, series: Values[]) => {
    series.forEach((values, index) => {
      const period = DEMO_MONTHS[index]!;
      // Story: the West CMHT has submitted nothing at all for the last two months (a data gap, not zeros).
      if (orgUnit === MISSING_DATA_TEAM && MISSING_DATA_MONTHS.includes(period)) return;
      observations.push({ kpi, orgUnit, period, values });
    });
  };

  for (const unit of orgUnits) {
    if (unit.level === 'SERVICE' && unit.tags.includes('acute-inpatient-service')) {
      record('out-of-area-placements', unit.code, outOfAreaPlacements(unit.code));
    }
    const team = contexts.get(unit.code);
    if (!team) continue;
    for (const series of TEAM_SERIES) {
      if (series.appliesTo && !series.appliesTo.some((tag) => unit.tags.includes(tag))) continue;
      record(series.kpi, unit.code, series.generate(team, stream(series.kpi, unit.code)));
    }
  }
  return observations;
}
