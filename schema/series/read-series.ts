import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { analyseSeries } from '../../server/engine/kpi/spc';
import type { SpcSeries } from '../../server/engine/kpi/spc';
import type { Context } from '../context';

export interface Rebasing {
  /** Limits from the first this many values, then held. */
  baseline?: number;
  /** Months at which the process changed, each starting limits of its own. */
  rebaseAt?: readonly string[];
}

/**
 * A KPI's monthly values at a unit over `months` (in order, at least one) as an XmR chart. Each value is the
 * month's roll-up calculated, never an average; assurance is judged against the Essential threshold that
 * applies in the last month, local or the plugin's.
 */
export async function readSeries(
  unit: OrgUnitEntity,
  kpi: KpiDefinition,
  months: readonly string[],
  { loaders, registry }: Context,
  rebasing: Rebasing = {},
): Promise<SpcSeries> {
  const last = months.at(-1)!;
  const [rollups, applied] = await Promise.all([
    loaders.series.monthlyRollups.load({ unitId: unit.id, from: months[0]!, to: last }),
    loaders.tierThresholds.applied.load({ unit, kpi, month: last }),
  ]);
  const byMonth = rollups.get(kpi.key);
  const points = months.map((month) => ({
    period: month,
    value: registry.evaluateSums(kpi, byMonth?.get(month)?.sums ?? null).value,
  }));
  return analyseSeries(points, {
    direction: kpi.direction,
    target: applied.thresholds.essential,
    ...rebasing,
  });
}
