import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { evaluateCompanions } from '../../server/kpi/companions';
import type { KpiDefinition } from '../../server/kpi/define-kpi';
import type { KpiFacts } from '../../server/kpi/findings';
import { monthsBetween, previousMonth } from '../../server/kpi/period';
import { classifyTier } from '../../server/kpi/tiers';
import type { Tier } from '../../server/kpi/vocabulary';
import { TIERS } from '../../server/kpi/vocabulary';
import { expectedReporters } from '../../server/org/unit-counts';
import type { Context } from '../context';
import { readSeries } from '../series/read-series';

/** Two years of months: enough for settled limits (Making Data Count asks for at least 12 points, ideally 20). */
export const CHART_MONTHS = 24;

export interface UnitKpiFacts extends KpiFacts {
  kpiDefinition: KpiDefinition;
  unitEntity: OrgUnitEntity;
  /** As `KpiValue.reporting` and `expected` for the month: collecting units that submitted, and all of them. */
  reporting: number;
  expected: number;
}

function chartMonths(month: string): string[] {
  let first = month;
  for (let step = 1; step < CHART_MONTHS; step++) first = previousMonth(first);
  return monthsBetween(first, month);
}

/**
 * The facts of every KPI that applies at each unit for a month: value and tier with the thresholds that
 * apply, last month's tier, the chart, companions, whether a collecting unit has yet to submit, how many
 * reported of those expected. Every read goes through the request's loaders, so a whole trust's subtree
 * costs a handful of queries.
 */
export async function readKpiFacts(
  units: readonly OrgUnitEntity[],
  month: string,
  context: Context,
): Promise<UnitKpiFacts[]> {
  const { loaders, registry } = context;
  const months = chartMonths(month);
  const lastMonth = previousMonth(month);
  const pairs = await Promise.all(
    units.map(async (unit) => {
      const counts = await loaders.orgUnits.unitCounts.load(unit.id);
      return registry
        .all()
        .map((kpi) => ({ unit, kpi, expected: expectedReporters(kpi, counts) }))
        .filter(({ expected }) => expected > 0);
    }),
  );
  return Promise.all(
    pairs.flat().map(async ({ unit, kpi, expected }): Promise<UnitKpiFacts> => {
      const [series, rollups, applied, appliedLastMonth] = await Promise.all([
        readSeries(unit, kpi, months, context),
        loaders.series.monthlyRollups.load({ unitId: unit.id, from: months[0]!, to: month }),
        loaders.tierThresholds.applied.load({ unit, kpi, month }),
        loaders.tierThresholds.applied.load({ unit, kpi, month: lastMonth }),
      ]);
      const byMonth = rollups.get(kpi.key);
      const rollup = byMonth?.get(month) ?? null;
      const evaluation = registry.evaluateSums(kpi, rollup?.sums ?? null, applied.thresholds);
      const earlierTiers = series.points
        .slice(0, -1)
        .flatMap((point) =>
          point.value === null ? [] : [classifyTier(point.value, applied.thresholds, kpi.direction)!],
        );
      const point = series.points.at(-1)!;
      return {
        kpi: { key: kpi.key, name: kpi.name, unit: kpi.unit },
        unit: { code: unit.code, name: unit.name, level: unit.level, path: unit.path },
        period: month,
        value: evaluation.value,
        tier: evaluation.tier,
        previousTier: registry.evaluateSums(
          kpi,
          byMonth?.get(lastMonth)?.sums ?? null,
          appliedLastMonth.thresholds,
        ).tier,
        essential: applied.thresholds.essential,
        missing:
          unit.level === kpi.collectedAt &&
          (rollup?.reporting ?? 0) === 0 &&
          months.some((earlier) => earlier < month && (byMonth?.get(earlier)?.reporting ?? 0) > 0),
        point: point.value === null ? null : point,
        assurance: series.assurance,
        limits:
          series.lowerProcessLimit === null || series.upperProcessLimit === null
            ? null
            : { lower: series.lowerProcessLimit, upper: series.upperProcessLimit, trial: series.trialLimits },
        companions: evaluateCompanions(kpi, rollup?.sums ?? null),
        bestEarlierTier: bestTier(earlierTiers),
        earlierValues: earlierTiers.length,
        kpiDefinition: kpi,
        unitEntity: unit,
        reporting: rollup?.reporting ?? 0,
        expected,
      };
    }),
  );
}

function bestTier(tiers: readonly Tier[]): Tier | null {
  return tiers.reduce<Tier | null>(
    (best, tier) => (best === null || TIERS.indexOf(tier) > TIERS.indexOf(best) ? tier : best),
    null,
  );
}
