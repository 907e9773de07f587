import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { analyseSeries } from '../../server/engine/kpi/spc';
import type { SpcPoint, SpcSeries } from '../../server/engine/kpi/spc';
import type { Context } from '../context';

export interface Rebasing {
  /** Limits from the first this many values, then held. */
  baseline?: number;
  /** Months at which the process changed, each starting limits of its own. */
  rebaseAt?: readonly string[];
}

/** A series whose every point carries the Essential threshold that applied in its month. */
export interface SeriesWithTargets extends SpcSeries {
  points: (SpcPoint & { essential: number })[];
}

/**
 * A KPI's monthly values at a unit over `months` (in order, at least one) as an XmR chart. Each value is the
 * month's roll-up calculated, never an average; assurance is judged against the Essential threshold that
 * applies in the last month, local or the plugin's, and each point carries the one of its own month.
 */
export async function readSeries(
  unit: OrgUnitEntity,
  kpi: KpiDefinition,
  months: readonly string[],
  { loaders, registry }: Context,
  rebasing: Rebasing = {},
): Promise<SeriesWithTargets> {
  const [rollups, ...applied] = await Promise.all([
    loaders.series.monthlyRollups.load({ unitId: unit.id, from: months[0]!, to: months.at(-1)! }),
    ...months.map((month) => loaders.tierThresholds.applied.load({ unit, kpi, month })),
  ]);
  const byMonth = rollups.get(kpi.key);
  const points = months.map((month) => ({
    period: month,
    value: registry.evaluateSums(kpi, byMonth?.get(month)?.sums ?? null).value,
  }));
  const series = analyseSeries(points, {
    direction: kpi.direction,
    target: applied.at(-1)!.thresholds.essential,
    ...rebasing,
  });
  return {
    ...series,
    points: series.points.map((point, index) => ({
      ...point,
      essential: applied[index]!.thresholds.essential,
    })),
  };
}
