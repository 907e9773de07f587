import type { Assurance, PointType } from '../../engine/kpi/spc';
import type { AssuranceIcon, VariationIcon } from './mdc-icons';

export interface ChartPoint {
  period: string;
  value: number | null;
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  pointType: PointType | null;
  /** The Essential threshold that applied that month: the target line. */
  essential: number;
}

export interface ChartSeries {
  points: ChartPoint[];
  variation: PointType | null;
  assurance: Assurance | null;
  trialLimits: boolean;
}

/**
 * The series' variation icon, from its last point with a value: its type, and for a special cause the side
 * of the mean it is on (Making Data Count's H and L). Null without limits to read it against.
 */
export function variationIconOf(series: ChartSeries): VariationIcon | null {
  const last = series.points.findLast((point) => point.value !== null);
  if (!last || !series.variation || last.mean === null || last.value === null) return null;
  if (series.variation === 'COMMON_CAUSE') return 'common-cause';
  const side = last.value >= last.mean ? 'high' : 'low';
  return series.variation === 'SPECIAL_CAUSE_IMPROVEMENT' ? `improvement-${side}` : `concern-${side}`;
}

const ASSURANCE_ICON: Record<Assurance, AssuranceIcon | null> = {
  CONSISTENTLY_PASS: 'pass',
  CONSISTENTLY_FAIL: 'fail',
  INCONSISTENT: 'inconsistent',
  NO_TARGET: null,
};

/** The series' assurance icon; null when it has no limits yet or no target. */
export function assuranceIconOf(series: ChartSeries): AssuranceIcon | null {
  return series.assurance ? ASSURANCE_ICON[series.assurance] : null;
}
