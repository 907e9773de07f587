import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { Period } from '../../server/engine/kpi/period';
import { nextMonth } from '../../server/engine/kpi/period';
import type { Outstanding } from '../../server/storage/review/review-progress';
import { currentStep } from '../../server/engine/review/review-steps';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { expectedReporters } from '../../server/storage/org/unit-counts';
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

const sum = (numbers: readonly number[]) => numbers.reduce((total, each) => total + each, 0);

/** REPORT and REFLECT, read from the data for each unit's month: a handful of queries for any number of units. */
async function readDerivedSteps(
  units: readonly OrgUnitEntity[],
  month: Period,
  context: Context,
): Promise<DerivedSteps[]> {
  const { loaders, registry } = context;
  const kpis = registry.all();
  const [counts, rollups, calling] = await Promise.all([
    loaders.orgUnits.unitCounts.loadMany(units.map((unit) => unit.id)),
    loaders.kpiValues.rollups.loadMany(
      units.flatMap((unit) =>
        kpis.map((kpi) => ({ unitId: unit.id, kpiKey: kpi.key, months: month.months })),
      ),
    ),
    loaders.facts.callingForStory.loadMany(units.map((unit) => ({ unitId: unit.id, month: month.label }))),
  ]);

  return Promise.all(
    units.map(async (unit, index) => {
      const unitCounts = counts[index]!;
      const unitRollups = rollups.slice(index * kpis.length, (index + 1) * kpis.length);
      const unitCalling = calling[index]!;
      if (unitCounts instanceof Error) throw unitCounts;
      if (unitCalling instanceof Error) throw unitCalling;
      const applying = kpis
        .map((kpi, kpiIndex) => {
          const rollup = unitRollups[kpiIndex];
          if (rollup instanceof Error) throw rollup;
          return { kpi, expected: expectedReporters(kpi, unitCounts), reporting: rollup?.reporting ?? 0 };
        })
        .filter(({ expected }) => expected > 0);
      const valueOf = ({ kpi }: { kpi: KpiDefinition }) => new KpiValue(kpi, unit, month);
      const incomplete = applying.filter((each) => each.reporting < each.expected);
      const callingKpis = applying.filter((each) => unitCalling.has(each.kpi.key));
      const stories = await Promise.all(
        callingKpis.map((each) =>
          loaders.stories.about.load({
            unit,
            months: month.months,
            kpiKey: each.kpi.key,
            descendants: true,
          }),
        ),
      );
      const reflected = callingKpis.filter((_, index) => stories[index]!.length > 0);
      const needingStory = callingKpis.filter((_, index) => stories[index]!.length === 0);
      return {
        report: {
          complete: incomplete.length === 0,
          expected: sum(applying.map((each) => each.expected)),
          received: sum(applying.map((each) => Math.min(each.reporting, each.expected))),
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
