import type { KpiDefinition } from '../server/engine/kpi/define-kpi';
import { parsePeriod } from '../server/engine/kpi/period';
import { classifyTier } from '../server/engine/kpi/tiers';
import type { OrgLevel } from '../server/engine/kpi/vocabulary';
import { levelRank } from '../server/engine/kpi/vocabulary';
import agencySpendShare from '../plugins/agency-spend-share.kpi';
import carerInvolvement from '../plugins/carer-involvement.kpi';
import clinicalSupervision from '../plugins/clinical-supervision.kpi';
import communityFourWeekWait from '../plugins/community-four-week-wait.kpi';
import complaintsPer1000Contacts from '../plugins/complaints-per-1000-contacts.kpi';
import costPerOccupiedBedDay from '../plugins/cost-per-occupied-bed-day.kpi';
import earlyInterventionPsychosisTwoWeekWait from '../plugins/early-intervention-psychosis-two-week-wait.kpi';
import emergencyReadmissions30Day from '../plugins/emergency-readmissions-30-day.kpi';
import friendsAndFamilyPositive from '../plugins/friends-and-family-positive.kpi';
import mandatoryTrainingCompliance from '../plugins/mandatory-training-compliance.kpi';
import outOfAreaPlacements from '../plugins/out-of-area-placements.kpi';
import physicalInterventions from '../plugins/physical-interventions.kpi';
import sevenDayFollowUp from '../plugins/seven-day-follow-up.kpi';
import staffSicknessAbsence from '../plugins/staff-sickness-absence.kpi';
import {
  ADULT_ACUTE_SERVICE,
  buildDemoTrust,
  DEMO_FIRST_MONTH,
  DEMO_LAST_MONTH,
  DEMO_MONTHS,
  FFT_FALL_MONTH,
  FFT_FALL_WARD,
  FIRST_BREAKTHROUGH_FROM,
  FIRST_BREAKTHROUGH_KPI,
  FIRST_BREAKTHROUGH_TEAM,
  FOLLOW_UP_WITHOUT_ASSESSMENT_WARD,
  MISSING_DATA_MONTHS,
  MISSING_DATA_TEAM,
  SICKNESS_SHIFT_FROM,
  SICKNESS_SHIFT_TEAM,
} from './demo-trust';
import type { ObservationSeed, OrgUnitSeed } from './demo-trust';

/** The plugins' own input types differ; the seed only needs the common shape. */
const PLUGINS = [
  sevenDayFollowUp,
  physicalInterventions,
  earlyInterventionPsychosisTwoWeekWait,
  communityFourWeekWait,
  emergencyReadmissions30Day,
  friendsAndFamilyPositive,
  carerInvolvement,
  complaintsPer1000Contacts,
  staffSicknessAbsence,
  mandatoryTrainingCompliance,
  clinicalSupervision,
  agencySpendShare,
  costPerOccupiedBedDay,
  outOfAreaPlacements,
] as unknown as KpiDefinition[];

const plugin = (key: string): KpiDefinition => {
  const found = PLUGINS.find((kpi) => kpi.key === key);
  if (!found) throw new Error(`no plugin ${key}`);
  return found;
};

const demo = buildDemoTrust();
const unitByCode = new Map(demo.orgUnits.map((unit) => [unit.code, unit]));
const childrenOf = (code: string) => demo.orgUnits.filter((unit) => unit.parentCode === code);

function descendantsOf(code: string): OrgUnitSeed[] {
  return childrenOf(code).flatMap((child) => [child, ...descendantsOf(child.code)]);
}

/** One unit's observations of one KPI, in month order. */
function seriesOf(kpi: string, orgUnit: string): ObservationSeed[] {
  return demo.observations
    .filter((observation) => observation.kpi === kpi && observation.orgUnit === orgUnit)
    .sort((a, b) => a.period.localeCompare(b.period));
}

function valueOf(kpi: string, observation: ObservationSeed): number | null {
  return plugin(kpi).calculate(observation.values);
}

function tierOf(kpi: string, observation: ObservationSeed) {
  const definition = plugin(kpi);
  return classifyTier(valueOf(kpi, observation), definition.tiers, definition.direction);
}

const collectingUnits = (kpi: KpiDefinition) =>
  demo.orgUnits.filter(
    (unit) =>
      unit.level === kpi.collectedAt &&
      (!kpi.appliesTo || kpi.appliesTo.some((tag) => unit.tags.includes(tag))),
  );

describe('the demo trust', () => {
  it('is deterministic: two builds are byte-identical', () => {
    expect(JSON.stringify(buildDemoTrust())).toBe(JSON.stringify(demo));
  });

  it('builds in well under a second', () => {
    const started = performance.now();
    buildDemoTrust();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('covers the 36 months of FY2023 to FY2025', () => {
    expect(DEMO_FIRST_MONTH).toBe('2023-04');
    expect(DEMO_LAST_MONTH).toBe('2026-03');
    expect(DEMO_MONTHS).toEqual(['FY2023', 'FY2024', 'FY2025'].flatMap((year) => parsePeriod(year).months));
    expect(DEMO_MONTHS).toHaveLength(36);
    expect(new Set(demo.observations.map((observation) => observation.period))).toEqual(new Set(DEMO_MONTHS));
  });
});

describe('the organisation tree', () => {
  it('has unique codes', () => {
    expect(unitByCode.size).toBe(demo.orgUnits.length);
  });

  it('starts from one system and lists every parent earlier, at a higher level', () => {
    expect(demo.orgUnits[0]).toMatchObject({ level: 'SYSTEM', parentCode: null });
    demo.orgUnits.forEach((unit, index) => {
      if (index === 0) return;
      const parentIndex = demo.orgUnits.findIndex((candidate) => candidate.code === unit.parentCode);
      expect({ unit: unit.code, parentEarlier: parentIndex >= 0 && parentIndex < index }).toEqual({
        unit: unit.code,
        parentEarlier: true,
      });
      expect(levelRank(demo.orgUnits[parentIndex]!.level)).toBeGreaterThan(levelRank(unit.level));
    });
  });

  const organisations = demo.orgUnits.filter((unit) => unit.level === 'ORGANISATION');
  const [mentalHealthTrust, communityTrust] = organisations;

  it('has at least two organisations in the system', () => {
    expect(organisations.length).toBeGreaterThanOrEqual(2);
    expect(organisations.every((unit) => unit.parentCode === demo.orgUnits[0]!.code)).toBe(true);
  });

  it.each<[OrgLevel, number]>([
    ['DIRECTORATE', 3],
    ['SERVICE', 8],
    ['TEAM', 30],
    ['INDIVIDUAL', 3],
  ])('the mental-health trust has at least %s × %i', (level, minimum) => {
    expect(mentalHealthTrust!.code).toBe('RNM');
    expect(descendantsOf('RNM').filter((unit) => unit.level === level).length).toBeGreaterThanOrEqual(
      minimum,
    );
  });

  it.each<[OrgLevel, number]>([
    ['DIRECTORATE', 1],
    ['SERVICE', 1],
    ['TEAM', 3],
  ])('the second organisation has at least %s × %i', (level, minimum) => {
    expect(
      descendantsOf(communityTrust!.code).filter((unit) => unit.level === level).length,
    ).toBeGreaterThanOrEqual(minimum);
  });

  it('names individual posts, never people, under community teams', () => {
    const individuals = demo.orgUnits.filter((unit) => unit.level === 'INDIVIDUAL');
    for (const individual of individuals) {
      expect(individual.name).toMatch(/^Care coordinator \d+ \(/);
      expect(unitByCode.get(individual.parentCode!)?.level).toBe('TEAM');
      expect(unitByCode.get(individual.parentCode!)?.tags).toContain('community');
    }
  });

  it('has at least six inpatient wards under the adult acute inpatient service, and other wards elsewhere', () => {
    expect(unitByCode.get(ADULT_ACUTE_SERVICE)).toMatchObject({
      level: 'SERVICE',
      tags: ['acute-inpatient-service'],
    });
    const adultAcuteWards = childrenOf(ADULT_ACUTE_SERVICE);
    expect(adultAcuteWards.length).toBeGreaterThanOrEqual(6);
    expect(adultAcuteWards.every((ward) => ward.level === 'TEAM' && ward.tags.includes('inpatient'))).toBe(
      true,
    );
    const otherWards = demo.orgUnits.filter(
      (unit) => unit.tags.includes('inpatient') && unit.parentCode !== ADULT_ACUTE_SERVICE,
    );
    expect(otherWards.length).toBeGreaterThanOrEqual(2);
  });

  it('tags early-intervention teams as community teams too', () => {
    const eip = demo.orgUnits.filter((unit) => unit.tags.includes('early-intervention'));
    expect(eip.length).toBeGreaterThanOrEqual(1);
    expect(eip.every((unit) => unit.level === 'TEAM' && unit.tags.includes('community'))).toBe(true);
  });

  it('tags only the adult acute service as acute-inpatient-service', () => {
    expect(demo.orgUnits.filter((unit) => unit.tags.includes('acute-inpatient-service'))).toEqual([
      unitByCode.get(ADULT_ACUTE_SERVICE),
    ]);
  });
});

describe('observations', () => {
  it('are all for a built-in KPI', () => {
    const keys = new Set(PLUGINS.map((kpi) => kpi.key));
    expect(demo.observations.filter((observation) => !keys.has(observation.kpi))).toEqual([]);
  });

  describe.each(PLUGINS.map((kpi) => [kpi.key, kpi] as const))('%s', (key, kpi) => {
    const observations = demo.observations.filter((observation) => observation.kpi === key);

    it('has exactly the plugin inputs, each of its kind, passing validate', () => {
      const inputNames = Object.keys(kpi.inputs).sort();
      const problems = observations.flatMap((observation) => {
        const found: string[] = [];
        if (Object.keys(observation.values).sort().join() !== inputNames.join()) found.push('inputs differ');
        for (const [name, value] of Object.entries(observation.values)) {
          if (!Number.isFinite(value) || value < 0) found.push(`${name} negative or not finite`);
          if (kpi.inputs[name]?.kind === 'count' && !Number.isInteger(value))
            found.push(`${name} not a whole number`);
          if (kpi.inputs[name]?.kind === 'amount' && !Number.isInteger(value * 100))
            found.push(`${name} has > 2 decimals`);
        }
        const problem = kpi.validate?.(observation.values);
        if (problem) found.push(problem);
        const value = kpi.calculate(observation.values);
        if (value !== null && !Number.isFinite(value)) found.push('calculate gave a non-finite value');
        return found.map((message) => `${observation.orgUnit} ${observation.period}: ${message}`);
      });
      expect(problems).toEqual([]);
    });

    it('has one observation per applicable unit and month, except the planted gap', () => {
      const units = collectingUnits(kpi);
      expect(units.length).toBeGreaterThan(0);
      const count = new Map<string, number>();
      for (const observation of observations) {
        const cell = `${observation.orgUnit} ${observation.period}`;
        count.set(cell, (count.get(cell) ?? 0) + 1);
      }
      const expected = new Map<string, number>();
      for (const unit of units) {
        for (const month of DEMO_MONTHS) {
          const missing = unit.code === MISSING_DATA_TEAM && MISSING_DATA_MONTHS.includes(month);
          if (!missing) expected.set(`${unit.code} ${month}`, 1);
        }
      }
      expect(count).toEqual(expected);
    });
  });
});

describe('the planted stories', () => {
  const adultAcuteWards = childrenOf(ADULT_ACUTE_SERVICE).map((ward) => ward.code);

  it.each([
    ['FY2023', 328, 82],
    ['FY2024', 241, 55],
    ['FY2025', 210, 32],
  ])(
    'physical interventions on the adult acute wards in %s: %i, of which %i prone',
    (year, interventions, prone) => {
      const months = new Set(parsePeriod(year).months);
      const observations = demo.observations.filter(
        (observation) =>
          observation.kpi === 'physical-interventions' &&
          adultAcuteWards.includes(observation.orgUnit) &&
          months.has(observation.period),
      );
      expect(observations).toHaveLength(adultAcuteWards.length * 12);
      const sum = (name: string) =>
        observations.reduce((total, observation) => total + observation.values[name]!, 0);
      expect(sum('interventions')).toBe(interventions);
      expect(sum('prone')).toBe(prone);
      // Spread with noise, not piled into one cell.
      const perCell = observations.map((observation) => observation.values.interventions!);
      expect(Math.max(...perCell)).toBeLessThan(interventions / 10);
      expect(new Set(perCell).size).toBeGreaterThan(4);
    },
  );

  it(`${FOLLOW_UP_WITHOUT_ASSESSMENT_WARD} follows up everyone it discharges, but assesses few: hit the target, missed the point`, () => {
    expect(unitByCode.get(FOLLOW_UP_WITHOUT_ASSESSMENT_WARD)?.tags).toContain('inpatient');
    const series = seriesOf('seven-day-follow-up', FOLLOW_UP_WITHOUT_ASSESSMENT_WARD);
    expect(series).toHaveLength(36);
    for (const observation of series) {
      const { period, values } = observation;
      expect({ period, followedUp: values.followedUp }).toEqual({ period, followedUp: values.discharged });
      expect(values.discharged).toBeGreaterThan(0);
      const assessedShare = values.assessed! / values.followedUp!;
      expect(assessedShare).toBeGreaterThanOrEqual(0.2 - 1e-9);
      expect(assessedShare).toBeLessThanOrEqual(0.35 + 1e-9);
      expect(tierOf('seven-day-follow-up', observation)).toBe('BREAKTHROUGH');
    }
  });

  it(`${MISSING_DATA_TEAM} submitted nothing in the last two months`, () => {
    expect(MISSING_DATA_MONTHS).toEqual(['2026-02', '2026-03']);
    expect(unitByCode.get(MISSING_DATA_TEAM)).toMatchObject({ level: 'TEAM' });
    expect(unitByCode.get(MISSING_DATA_TEAM)?.tags).toContain('community');
    const mine = demo.observations.filter((observation) => observation.orgUnit === MISSING_DATA_TEAM);
    expect(mine.filter((observation) => MISSING_DATA_MONTHS.includes(observation.period))).toEqual([]);
    const applicable = PLUGINS.filter((kpi) =>
      collectingUnits(kpi).some((unit) => unit.code === MISSING_DATA_TEAM),
    );
    expect(new Set(mine.filter((o) => o.period === '2026-01').map((o) => o.kpi))).toEqual(
      new Set(applicable.map((kpi) => kpi.key)),
    );
  });

  it(`${SICKNESS_SHIFT_TEAM}'s sickness absence shifts up and stays up for the last 8+ months`, () => {
    const rates = seriesOf('staff-sickness-absence', SICKNESS_SHIFT_TEAM).map((observation) => ({
      period: observation.period,
      rate: valueOf('staff-sickness-absence', observation)!,
    }));
    expect(rates).toHaveLength(36);
    const before = rates.filter((point) => point.period < SICKNESS_SHIFT_FROM).map((point) => point.rate);
    const after = rates.filter((point) => point.period >= SICKNESS_SHIFT_FROM).map((point) => point.rate);
    expect(after.length).toBeGreaterThanOrEqual(8);
    const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
    // Every point after the step is above every point before it, and above the centre line of the whole series.
    expect(Math.min(...after)).toBeGreaterThan(Math.max(...before));
    expect(Math.min(...after)).toBeGreaterThan(mean([...before, ...after]));
    expect(mean(after) - mean(before)).toBeGreaterThan(1.5);
  });

  it(`${FFT_FALL_WARD}'s friends-and-family score falls from Desirable or above to below Essential in the final month`, () => {
    expect(FFT_FALL_MONTH).toBe(DEMO_LAST_MONTH);
    expect(unitByCode.get(FFT_FALL_WARD)?.tags).toContain('inpatient');
    const series = seriesOf('friends-and-family-positive', FFT_FALL_WARD);
    const tiers = series.map((observation) => tierOf('friends-and-family-positive', observation));
    expect(['DESIRABLE', 'ASPIRATIONAL', 'BREAKTHROUGH']).toContain(tiers[34]);
    expect(tiers[35]).toBe('BELOW_ESSENTIAL');
    expect(series[35]!.period).toBe(FFT_FALL_MONTH);
  });

  it(`${FIRST_BREAKTHROUGH_TEAM} reaches Breakthrough on ${FIRST_BREAKTHROUGH_KPI} for the first time in the final months`, () => {
    expect(FIRST_BREAKTHROUGH_FROM >= '2026-01').toBe(true);
    const series = seriesOf(FIRST_BREAKTHROUGH_KPI, FIRST_BREAKTHROUGH_TEAM);
    expect(series).toHaveLength(36);
    for (const observation of series) {
      const breakthrough = tierOf(FIRST_BREAKTHROUGH_KPI, observation) === 'BREAKTHROUGH';
      expect({ period: observation.period, breakthrough }).toEqual({
        period: observation.period,
        breakthrough: observation.period >= FIRST_BREAKTHROUGH_FROM,
      });
    }
  });
});
