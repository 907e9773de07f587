/**
 * A synthetic integrated care system of any size, for measuring the platform at the scale it must serve:
 * organisations of 8 directorates, each of 10 services of 10 teams (4,000 teams make 5 organisations and
 * 4,446 units), 40 KPIs (the built-ins and `scale-kpis.ts`), and months of observations for every team and
 * every KPI that applies to it. Deterministic: the same size gives the same units and the same numbers.
 *
 * The numbers behave like real ones so that the reads do real work: every series wanders month to month
 * around a rate of its own, some step up or down part-way (special causes for the charts to find), and a
 * few teams stop reporting for the last months (missing data).
 */
import type { NamedValue } from '../server/engine/kpi/check-observation-values';
import type { SubmissionRequest } from '../server/storage/kpi/check-submission';
import type { KpiDefinition } from '../server/engine/kpi/define-kpi';
import type { OrgLevel } from '../server/engine/kpi/vocabulary';
import { LOCAL_KPIS } from './scale-kpis';
import type { LocalKpiSpec } from './scale-kpis';
import { amount, binomial, clamp, normal, poisson } from './seeded-random';
import type { Random } from './seeded-random';

export const SCALE_SEED = 'progress-scale-system-v1';
export const TEAMS_PER_SERVICE = 10;
export const SERVICES_PER_DIRECTORATE = 10;
export const DIRECTORATES_PER_ORGANISATION = 8;
/** Of each directorate's ten services, the first three are inpatient, the first of them adult acute. */
const INPATIENT_SERVICES = 3;

export interface ScaleUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  tags: string[];
}

const two = (index: number) => String(index).padStart(2, '0');

/** The units of a system with `teams` teams, parents first. */
export function scaleHierarchy(teams: number): ScaleUnit[] {
  if (!Number.isInteger(teams) || teams < 1)
    throw new RangeError(`teams must be a whole number of at least 1, not ${teams}`);
  const units: ScaleUnit[] = [
    { code: 'ICS', name: 'Synthetic Integrated Care System', level: 'SYSTEM', parentCode: null, tags: [] },
  ];
  const services = Math.ceil(teams / TEAMS_PER_SERVICE);
  const directorates = Math.ceil(services / SERVICES_PER_DIRECTORATE);
  const organisations = Math.ceil(directorates / DIRECTORATES_PER_ORGANISATION);
  let teamsLeft = teams;
  let servicesLeft = services;
  let directoratesLeft = directorates;
  for (let o = 1; o <= organisations; o++) {
    const organisation = `ICS-O${o}`;
    units.push({
      code: organisation,
      name: `Synthetic Trust ${o}`,
      level: 'ORGANISATION',
      parentCode: 'ICS',
      tags: [],
    });
    for (let d = 1; d <= DIRECTORATES_PER_ORGANISATION && directoratesLeft > 0; d++, directoratesLeft--) {
      const directorate = `${organisation}-D${d}`;
      units.push({
        code: directorate,
        name: `Trust ${o} Directorate ${d}`,
        level: 'DIRECTORATE',
        parentCode: organisation,
        tags: [],
      });
      for (let s = 1; s <= SERVICES_PER_DIRECTORATE && servicesLeft > 0; s++, servicesLeft--) {
        const service = `${directorate}-S${two(s)}`;
        const inpatient = s <= INPATIENT_SERVICES;
        units.push({
          code: service,
          name: `Trust ${o} Directorate ${d} ${inpatient ? 'Inpatient' : 'Community'} Service ${s}`,
          level: 'SERVICE',
          parentCode: directorate,
          tags: s === 1 ? ['acute-inpatient-service'] : [],
        });
        for (let t = 1; t <= TEAMS_PER_SERVICE && teamsLeft > 0; t++, teamsLeft--) {
          units.push({
            code: `${service}-T${two(t)}`,
            name: `${inpatient ? 'Ward' : 'Community Team'} ${o}.${d}.${s}.${t}`,
            level: 'TEAM',
            parentCode: service,
            tags: inpatient ? ['inpatient'] : t === 1 ? ['community', 'early-intervention'] : ['community'],
          });
        }
      }
    }
  }
  return units;
}

/** FNV-1a: a topic's 32-bit seed. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** mulberry32: a small, fast generator, one per series, so a series' numbers never depend on another's. */
function generator(topic: string): Random {
  let state = hash(`${SCALE_SEED}:${topic}`);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How a KPI's inputs are drawn for one month, given the month's share and the series' size. */
interface Recipe {
  share: number;
  size: number;
  draw(random: Random, share: number, size: number): Record<string, number>;
}

function ratio(
  numerator: string,
  denominator: string,
  kind: 'count' | 'amount',
  share: number,
  size: number,
): Recipe {
  return {
    share,
    size,
    draw: (random, monthShare, monthSize) => {
      if (kind === 'amount') {
        const whole = amount(monthSize * (1 + normal(random, 0, 0.04)));
        return { [numerator]: amount(Math.min(whole, whole * monthShare)), [denominator]: whole };
      }
      const whole = poisson(random, monthSize);
      return { [numerator]: binomial(random, whole, monthShare), [denominator]: whole };
    },
  };
}

const BUILT_IN_RECIPES: Record<string, Recipe> = {
  'agency-spend-share': ratio('agencySpend', 'paySpend', 'amount', 0.05, 180_000),
  'carer-involvement': ratio('carerInvolved', 'carePlans', 'count', 0.7, 25),
  'clinical-supervision': ratio('sessionsHeld', 'sessionsPlanned', 'count', 0.86, 30),
  'community-four-week-wait': ratio('assessedWithin28Days', 'assessed', 'count', 0.82, 30),
  'complaints-per-1000-contacts': ratio('complaints', 'contacts', 'count', 0.0012, 700),
  'early-intervention-psychosis-two-week-wait': ratio('startedWithinTwoWeeks', 'started', 'count', 0.7, 6),
  'emergency-readmissions-30-day': ratio('readmitted', 'discharged', 'count', 0.1, 20),
  'friends-and-family-positive': ratio('positive', 'responses', 'count', 0.9, 40),
  'mandatory-training-compliance': ratio('compliant', 'staff', 'count', 0.9, 35),
  'staff-sickness-absence': ratio('fteDaysLost', 'fteDaysAvailable', 'amount', 0.05, 600),
  'seven-day-follow-up': {
    share: 0.9,
    size: 20,
    draw: (random, share, size) => {
      const discharged = poisson(random, size);
      const followedUp = binomial(random, discharged, share);
      return { followedUp, discharged, assessed: binomial(random, followedUp, 0.85) };
    },
  },
  'physical-interventions': {
    share: 0.006,
    size: 560,
    draw: (random, share, size) => {
      const bedDays = poisson(random, size);
      const interventions = poisson(random, bedDays * share);
      return { interventions, prone: binomial(random, interventions, 0.2), bedDays };
    },
  },
  'cost-per-occupied-bed-day': {
    share: 1,
    size: 560,
    draw: (random, share, size) => {
      const bedDays = poisson(random, size);
      return { inpatientCost: amount(bedDays * 600 * share * (1 + normal(random, 0, 0.03))), bedDays };
    },
  },
  'out-of-area-placements': {
    share: 1,
    size: 100,
    draw: (random, share, size) => ({ inappropriateBedDays: poisson(random, size * share) }),
  },
};

function localRecipe(kpi: LocalKpiSpec): Recipe {
  return ratio(kpi.numerator.name, kpi.denominator.name, kpi.kind, kpi.typicalShare, kpi.typicalDenominator);
}

/** Every KPI the generator can draw numbers for, by key. */
export const SCALE_RECIPES: ReadonlyMap<string, Recipe> = new Map([
  ...Object.entries(BUILT_IN_RECIPES),
  ...LOCAL_KPIS.map((kpi) => [kpi.key, localRecipe(kpi)] as const),
]);

/** One series (a KPI at a unit): its own generator, rate, size, wander and perhaps a step change. */
interface Series {
  random: Random;
  share: number;
  size: number;
  wander: number;
  stepAt: number;
  step: number;
}

/** Fewer contacts in August and over Christmas, a January rush. */
const SEASONAL: Record<string, number> = { '08': 0.92, '12': 0.9, '01': 1.06 };
/** Of the series, this share steps up or down part-way through. */
const STEPPING = 0.12;
/** Of the teams, this share stops reporting for the last two months. */
const FALLING_SILENT = 0.01;

function startSeries(kpiKey: string, unitCode: string, recipe: Recipe, months: number): Series {
  const random = generator(`${kpiKey}:${unitCode}`);
  const relative = recipe.share * 0.06;
  return {
    random,
    share: recipe.share + normal(random, 0, Math.min(relative * 2, 0.05)),
    size: recipe.size * Math.exp(normal(random, 0, 0.35)),
    wander: 0,
    stepAt: random() < STEPPING ? Math.floor(months * (0.3 + 0.6 * random())) : months,
    step: (random() < 0.5 ? -1 : 1) * relative * (1.5 + random()),
  };
}

function applies(kpi: KpiDefinition, unit: ScaleUnit): boolean {
  return (
    unit.level === kpi.collectedAt && (!kpi.appliesTo || kpi.appliesTo.some((tag) => unit.tags.includes(tag)))
  );
}

/**
 * The observations of each month in turn, every unit and every KPI that applies to it, each month's rows in
 * unit order. `kpis` are the loaded definitions; those the generator has no recipe for are left out.
 */
export function* scaleObservations(
  units: readonly ScaleUnit[],
  kpis: readonly KpiDefinition[],
  months: readonly string[],
): Generator<{ month: string; rows: SubmissionRequest[] }> {
  const drawn = kpis.filter((kpi) => SCALE_RECIPES.has(kpi.key));
  const series = new Map<string, Series>();
  const silentFrom = new Map(
    units
      .filter((unit) => unit.level === 'TEAM' && generator(`silent:${unit.code}`)() < FALLING_SILENT)
      .map((unit) => [unit.code, months.length - 2]),
  );
  for (const [index, month] of months.entries()) {
    const rows: SubmissionRequest[] = [];
    const seasonal = SEASONAL[month.slice(5)] ?? 1;
    for (const unit of units) {
      if (index >= (silentFrom.get(unit.code) ?? Infinity)) continue;
      for (const kpi of drawn) {
        if (!applies(kpi, unit)) continue;
        const recipe = SCALE_RECIPES.get(kpi.key)!;
        const key = `${kpi.key}:${unit.code}`;
        let current = series.get(key);
        if (!current) series.set(key, (current = startSeries(kpi.key, unit.code, recipe, months.length)));
        current.wander = 0.6 * current.wander + normal(current.random, 0, recipe.share * 0.03);
        const share = clamp(
          current.share + current.wander + (index >= current.stepAt ? current.step : 0),
          0,
          1.5,
        );
        const values = recipe.draw(current.random, share, current.size * seasonal);
        const named: NamedValue[] = Object.entries(values).map(([name, value]) => ({ name, value }));
        rows.push({ kpi: kpi.key, orgUnit: unit.code, period: month, values: named });
      }
    }
    yield { month, rows };
  }
}
