import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../../server/db/entities/tier-threshold-setting.entity';
import type { Period } from '../../server/kpi/period';
import { nextMonth } from '../../server/kpi/period';
import type { Outstanding } from '../../server/review/review-progress';
import { currentStep } from '../../server/review/review-steps';
import type { UnitKpiFacts } from '../attention/read-kpi-facts';
import { readKpiFacts } from '../attention/read-kpi-facts';
import type { Context } from '../context';
import { KpiValue } from '../kpi-value/kpi-value.type';
import type { ReflectStep } from './reflect-step.type';
import type { ReportStep } from './report-step.type';
import type { ReviewCycle } from './review-cycle.type';

interface DerivedSteps {
  report: ReportStep;
  reflect: ReflectStep;
  outstanding: Outstanding;
}

/**
 * A month below Essential, or a special cause either way, is what a team owes a story: a fall to explain,
 * or an improvement to understand well enough to keep.
 */
function callsForStory(facts: UnitKpiFacts): boolean {
  return (
    facts.tier === 'BELOW_ESSENTIAL' ||
    facts.point?.pointType === 'SPECIAL_CAUSE_CONCERN' ||
    facts.point?.pointType === 'SPECIAL_CAUSE_IMPROVEMENT'
  );
}

const sum = (numbers: readonly number[]) => numbers.reduce((total, each) => total + each, 0);

/** REPORT and REFLECT, read from the data for each unit's month: a handful of queries for any number of units. */
async function readDerivedSteps(
  units: readonly OrgUnitEntity[],
  month: Period,
  context: Context,
): Promise<DerivedSteps[]> {
  const facts = await readKpiFacts(units, month.label, context);
  const factsByUnit = new Map<number, UnitKpiFacts[]>(units.map((unit) => [unit.id, []]));
  for (const each of facts) factsByUnit.get(each.unitEntity.id)!.push(each);

  return Promise.all(
    units.map(async (unit) => {
      const ofUnit = factsByUnit.get(unit.id)!;
      const valueOf = (each: UnitKpiFacts) => new KpiValue(each.kpiDefinition, unit, month);
      const incomplete = ofUnit.filter((each) => each.reporting < each.expected);
      const calling = ofUnit.filter(callsForStory);
      const stories = await Promise.all(
        calling.map((each) =>
          context.loaders.stories.about.load({
            unit,
            months: month.months,
            kpiKey: each.kpi.key,
            descendants: true,
          }),
        ),
      );
      const reflected = calling.filter((_, index) => stories[index]!.length > 0);
      const needingStory = calling.filter((_, index) => stories[index]!.length === 0);
      return {
        report: {
          complete: incomplete.length === 0,
          expected: sum(ofUnit.map((each) => each.expected)),
          received: sum(ofUnit.map((each) => Math.min(each.reporting, each.expected))),
          incomplete: incomplete.map(valueOf),
        },
        reflect: {
          complete: needingStory.length === 0,
          needingStory: needingStory.map(valueOf),
          reflected: reflected.map(valueOf),
        },
        outstanding: {
          unreported: incomplete.map((each) => each.kpi.key),
          unreflected: needingStory.map((each) => each.kpi.key),
        },
      };
    }),
  );
}

/** What REPORT and REFLECT still need at a unit in a month, as KPI keys: what a command checks. */
export async function readOutstanding(
  unit: OrgUnitEntity,
  month: Period,
  context: Context,
): Promise<Outstanding> {
  const [derived] = await readDerivedSteps([unit], month, context);
  return derived!.outstanding;
}

/** The settings recorded on the unit that take effect in the month after the cycle's, in the order recorded. */
async function readThresholdChanges(
  unit: OrgUnitEntity,
  month: Period,
  { loaders, registry }: Context,
): Promise<TierThresholdSettingEntity[]> {
  const next = nextMonth(month.label);
  const histories = await Promise.all(
    registry.all().map((kpi) => loaders.tierThresholds.history.load({ unit, kpiKey: kpi.key })),
  );
  return histories
    .flat()
    .filter((setting) => setting.orgUnit.id === unit.id && setting.fromPeriod === next)
    .sort((a, b) => a.id - b.id);
}

/**
 * Each unit's governance cycle for a month, in the units' order. Every read goes through the request's
 * loaders, so the cycles of a whole trust cost the same number of queries as one unit's.
 */
export async function readReviewCycles(
  units: readonly OrgUnitEntity[],
  month: Period,
  context: Context,
): Promise<ReviewCycle[]> {
  const { loaders, registry } = context;
  const [derived, cycles] = await Promise.all([
    readDerivedSteps(units, month, context),
    Promise.all(units.map((unit) => loaders.reviews.cycles.load({ unitId: unit.id, period: month.label }))),
  ]);
  return Promise.all(
    units.map(async (unit, index): Promise<ReviewCycle> => {
      const { report, reflect, outstanding } = derived[index]!;
      const cycle = cycles[index] ?? null;
      const [actions, thresholdChanges] = await Promise.all([
        cycle ? loaders.reviews.actions.load(cycle.id) : [],
        cycle?.refreshedAt ? readThresholdChanges(unit, month, context) : [],
      ]);
      const step = currentStep({
        ...outstanding,
        signedOff: cycle !== null,
        actions: actions.length,
        refreshed: cycle?.refreshedAt != null,
      });
      return {
        orgUnit: unit,
        period: month.label,
        step,
        report,
        reflect,
        review: cycle && {
          signedOffBy: cycle.signedOffBy,
          signedOffAt: cycle.signedOffAt.toISOString(),
          comment: cycle.signOffComment,
        },
        actions,
        refresh:
          cycle?.refreshedAt == null
            ? null
            : {
                note: cycle.refreshNote!,
                focusKpis: cycle.refreshFocusKpis.flatMap((key) => registry.get(key) ?? []),
                refreshedBy: cycle.refreshedBy!,
                refreshedAt: cycle.refreshedAt.toISOString(),
                thresholdChanges,
              },
      };
    }),
  );
}
