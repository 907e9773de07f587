import { evaluateCompanions } from './companions';
import type { KpiDefinition, TierThresholds } from './define-kpi';
import type { KpiFacts } from './findings';
import type { Evaluation } from './kpi-registry';
import { monthsBetween, previousMonth } from './period';
import { analyseSeries } from './spc';
import { classifyTier } from './tiers';
import type { Tier } from './vocabulary';
import { TIERS } from './vocabulary';

/** Two years of months: enough for settled limits (Making Data Count asks for at least 12 points, ideally 20). */
export const CHART_MONTHS = 24;

/** The first month of the chart that ends with `month`; no earlier than year 0, before which nothing is. */
export function chartStart(month: string): string {
  let first = month;
  for (let step = 1; step < CHART_MONTHS && first > '0000-01'; step++) first = previousMonth(first);
  return first;
}

/** The months of the chart that ends with `month`, in order. */
export function chartMonths(month: string): string[] {
  return monthsBetween(chartStart(month), month);
}

export interface KpiFactsSources {
  kpi: KpiDefinition;
  unit: KpiFacts['unit'];
  month: string;
  /** The unit's roll-up sums in a month; null when it holds no data then. */
  sumsIn: (month: string) => Readonly<Record<string, number>> | null;
  /** The thresholds that apply at the unit in a month, local or the plugin's. */
  thresholdsIn: (month: string) => TierThresholds;
  /** A roll-up's value and tier: `KpiRegistry.evaluateSums`. */
  evaluate: (
    kpi: KpiDefinition,
    sums: Readonly<Record<string, number>> | null,
    thresholds?: TierThresholds,
  ) => Evaluation;
}

/**
 * What the attention and celebration lists know of one KPI at one unit in one month: the value and tier with
 * the thresholds that apply, last month's tier, the point and limits of the 24-month chart ending then, its
 * assurance against the Essential that applies, the companions, and the best tier of the chart's earlier
 * months. Null when the month has no value, since then nothing can be said of it but that it is missing,
 * which is a matter of who reported (see `MISSING_DATA`).
 */
export function kpiFactsOf({
  kpi,
  unit,
  month,
  sumsIn,
  thresholdsIn,
  evaluate,
}: KpiFactsSources): KpiFacts | null {
  const sums = sumsIn(month);
  const applied = thresholdsIn(month);
  const evaluation = evaluate(kpi, sums, applied);
  if (evaluation.value === null) return null;
  const series = analyseSeries(
    chartMonths(month).map((period) => ({ period, value: evaluate(kpi, sumsIn(period)).value })),
    { direction: kpi.direction, target: applied.essential },
  );
  const earlierTiers = series.points
    .slice(0, -1)
    .flatMap((point) => (point.value === null ? [] : [classifyTier(point.value, applied, kpi.direction)!]));
  const lastMonth = previousMonth(month);
  return {
    kpi: { key: kpi.key, name: kpi.name, unit: kpi.unit },
    unit,
    period: month,
    value: evaluation.value,
    tier: evaluation.tier,
    previousTier: evaluate(kpi, sumsIn(lastMonth), thresholdsIn(lastMonth)).tier,
    essential: applied.essential,
    missing: false,
    point: series.points.at(-1)!,
    assurance: series.assurance,
    limits:
      series.lowerProcessLimit === null || series.upperProcessLimit === null
        ? null
        : { lower: series.lowerProcessLimit, upper: series.upperProcessLimit, trial: series.trialLimits },
    companions: evaluateCompanions(kpi, sums),
    bestEarlierTier: bestTier(earlierTiers),
    earlierValues: earlierTiers.length,
  };
}

function bestTier(tiers: readonly Tier[]): Tier | null {
  return tiers.reduce<Tier | null>(
    (best, tier) => (best === null || TIERS.indexOf(tier) > TIERS.indexOf(best) ? tier : best),
    null,
  );
}
