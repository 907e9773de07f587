/**
 * Statistical process control (SPC) for one KPI series: an XmR chart (individual values and their moving
 * ranges) read by the rules of NHS England's "Making Data Count" programme, so that a board can tell a
 * signal from noise instead of reacting to every red cell. Pure: no database, no GraphQL.
 *
 * Sources, cited again where each rule or constant is used:
 * - [MDC] NHS England and NHS Improvement, "Making Data Count: Strengthening your decisions" (2019, revised
 *   2021) and "Making Data Count: Getting started" (2019), https://www.england.nhs.uk/publication/making-data-count/
 * - [PTD] NHSRplotthedots, the NHS-R Community's R implementation of the MDC tools,
 *   https://github.com/nhs-r-community/NHSRplotthedots — R/ptd_spc_standard.R (limits, screening, rebase,
 *   fixed baseline), R/ptd_calculate_point_type.R (rules and point types), R/ptd_calculate_assurance_type.R,
 *   R/ptd_add_short_group_warnings.R and vignettes/number-of-points-required.Rmd (trial limits),
 *   vignettes/deviations.Rmd (screening).
 * - [Wheeler] D. J. Wheeler, "Understanding Variation: The Key to Managing Chaos" (2nd ed., 2000), p. 60, and
 *   "Making Sense of Data" (2003): the XmR constants 2.66 = 3 / d2 and 3.267 = D4, with d2 = 1.128 for
 *   moving ranges of two values.
 *
 * Exact behaviour:
 * 1. Segments. Each period in `rebaseAt` starts a new segment with limits of its own; a `rebaseAt` period
 *    that is not in the series is ignored, so a window of months can be read with whatever rebases fall in
 *    it. Nothing crosses a segment boundary: not a moving range, not a run, not a trend [PTD groups every
 *    calculation by rebase group].
 * 2. Limits. A segment's limits come from its first `baseline` values (points with a null value are not
 *    counted), or from all its values when there is no baseline; with both options, the baseline applies
 *    afresh to each segment, as PTD's `fix_after_n_points` does per rebase group. The mean is the average of
 *    those values; a moving range is the absolute difference between a value and the value before it,
 *    skipping null points. Moving ranges of 3.267 × their mean or more are then dropped, once, and the mean
 *    moving range (MR̄) recomputed without them — unless `screenOutliers` is false, which reproduces the MDC
 *    Excel tools; a zero MR̄ screens nothing. Process limits are mean ± 2.66 × MR̄; the 2-sigma lines are
 *    mean ± (2/3) × 2.66 × MR̄. Every point of the segment, baseline or not, is read against them.
 * 3. Too few values. A segment with fewer than 5 values for its limits has no limits and its points are not
 *    judged: no rules, `pointType` null. Fewer than 12 values make the limits trial limits.
 * 4. Comparisons (against the mean, a limit, a 2-sigma line, a neighbour, a target, the screening line) are
 *    made at twelve significant digits (`comparable`, shared with tier classification), so a ratio that lands
 *    a hair off a line counts as on it. "Beyond" a line is strictly beyond: a point on a process limit is not
 *    astronomical (PTD's `outside_limits` is `y > upl | y < lpl`).
 * 5. Rules, in a segment with limits:
 *    - ASTRONOMICAL: a point above the upper or below the lower process limit.
 *    - SHIFT: 7 or more consecutive points above the mean, or below it; a point on the mean ends the run;
 *      every point of the run is flagged.
 *    - TREND: 7 or more consecutive points, each higher than the one before, or each lower (6 steps the same
 *      way); a point equal to its neighbour ends the run; every point of the run, the first included, is
 *      flagged.
 *    - TWO_OF_THREE: 2 of 3 consecutive points beyond the same 2-sigma line (a point beyond the process limit
 *      counts); the points beyond the line are flagged, not the third. Two points beyond opposite lines do
 *      not count together (PTD issue #143). This is the Western Electric rule ("Statistical Quality Control
 *      Handbook", 1956: 2 of 3 successive points in zone A or beyond); PTD is stricter, counting only points
 *      between the 2-sigma line and the limit, and only when all three points are on one side of the mean.
 * 6. Missing values. A null point has no type and no rules, and ends any run, trend or window of three: a
 *    run across a month nobody observed would claim consecutive evidence that does not exist. MDC's rules
 *    count consecutive points, and PTD asks for a series with no gaps (R/ptd_spc_standard.R); the NHS
 *    Scotland run-chart package `runchart` instead skips missing values, which this does not follow. Moving
 *    ranges do span the gap (between the values either side of it).
 * 7. Point type. Each rule that flags a point has a direction: up for a point above a limit or the mean, a
 *    rising trend, or points beyond the upper 2-sigma line; down for the opposite. Up is improvement for
 *    HIGHER_IS_BETTER and concern for LOWER_IS_BETTER. When a point's rules disagree, the rule that decides
 *    is the first of ASTRONOMICAL, TREND, TWO_OF_THREE, SHIFT, and a point at the turn between a rising and a
 *    falling trend takes the later trend's direction (both as PTD since pull request #180, which matched the
 *    MDC Excel tool). A point no rule flags is COMMON_CAUSE. `rules` lists a point's rules in the order of
 *    the `SpcRule` type.
 * 8. The series. `mean` and the limits are the last segment's (null when it has none); `trialLimits` is true
 *    when the last segment has limits from fewer than 12 values; `variation` is the type of the last point
 *    with a value; `assurance` compares the target with the last segment's limits and is null when it has
 *    none: NO_TARGET without a target; CONSISTENTLY_PASS when the whole process lies on the passing side
 *    (HIGHER_IS_BETTER: lower limit at or above the target; LOWER_IS_BETTER: upper limit at or below it),
 *    since a value exactly on a threshold meets it (see `classifyTier`); CONSISTENTLY_FAIL when the whole
 *    process lies strictly on the failing side; INCONSISTENT otherwise, a target on the failing-side limit
 *    included, because the process then reaches the target only at its edge.
 */
import { comparable } from './tiers';
import type { Direction } from './vocabulary';

export const SPC_RULES = ['ASTRONOMICAL', 'SHIFT', 'TREND', 'TWO_OF_THREE'] as const;
export type SpcRule = (typeof SPC_RULES)[number];
export const POINT_TYPES = ['COMMON_CAUSE', 'SPECIAL_CAUSE_IMPROVEMENT', 'SPECIAL_CAUSE_CONCERN'] as const;
export type PointType = (typeof POINT_TYPES)[number];
export const ASSURANCES = ['CONSISTENTLY_PASS', 'CONSISTENTLY_FAIL', 'INCONSISTENT', 'NO_TARGET'] as const;
export type Assurance = (typeof ASSURANCES)[number];

/** In time order; a null value is a period with no value. */
export interface SpcInputPoint {
  period: string;
  value: number | null;
}

export interface SpcOptions {
  direction: Direction;
  /** The Essential threshold that applies; null when there is none. */
  target: number | null;
  /** Limits from the first `baseline` values of each segment, then held fixed. A whole number, at least 5. */
  baseline?: number;
  /** Periods at which a new segment starts, with limits of its own. */
  rebaseAt?: readonly string[];
  /** Screen large moving ranges out of the limits (default true, as NHSRplotthedots); false as the MDC Excel tools. */
  screenOutliers?: boolean;
}

export interface SpcPoint {
  period: string;
  value: number | null;
  /** The mean and limits of the point's segment. */
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  specialCause: boolean;
  rules: SpcRule[];
  /** Null when the value is null, or when the point's segment has too few values for limits. */
  pointType: PointType | null;
}

export interface SpcSeries {
  points: SpcPoint[];
  /** The mean and limits of the last segment. */
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  /** The type of the last point with a value. */
  variation: PointType | null;
  /** Null when the last segment has no limits (too few values). */
  assurance: Assurance | null;
  trialLimits: boolean;
}

/** [Wheeler] Natural process limits sit 3 sigma from the mean, sigma estimated as MR̄ / d2 = MR̄ / 1.128. */
const PROCESS_LIMIT_FACTOR = 2.66;
/** [PTD] `limitclose`: the 2-sigma line, two thirds of the way from the mean to a process limit. */
const TWO_SIGMA_FACTOR = (2 / 3) * PROCESS_LIMIT_FACTOR;
/**
 * [Wheeler] D4 = 3.267 is the upper range limit for moving ranges of two: a larger range is itself a signal,
 * so it would inflate the limits it is meant to be judged by. Screening it out follows Nelson (1982) "Control
 * Charts for Individual Measurements", J. Quality Technology 14(3), as [PTD] does by default.
 */
const MOVING_RANGE_SCREEN_FACTOR = 3.267;
/**
 * Wheeler (Understanding Variation, p. 60): "useful limits may be constructed with as few as five or six
 * values"; Barr (Practical Performance Measurement, p. 258): "a minimum of five consecutive values ... just to
 * get started establishing a baseline" — both as quoted in [PTD] vignettes/number-of-points-required.Rmd.
 */
export const MINIMUM_VALUES_FOR_LIMITS = 5;
/** [PTD] Limits from fewer than 12 points are trial limits, revised as points arrive. */
const MINIMUM_VALUES_FOR_SETTLED_LIMITS = 12;
/** [MDC] A shift and a trend each take 7 or more consecutive points. */
const RUN_LENGTH = 7;
/** [MDC] Two of three consecutive points beyond a 2-sigma line. */
const TWO_OF_THREE_SPAN = 3;

const RULES_IN_ORDER: readonly SpcRule[] = ['ASTRONOMICAL', 'SHIFT', 'TREND', 'TWO_OF_THREE'];
/** [PTD] R/ptd_calculate_point_type.R `ptd_special_cause_type`: the first rule that flags a point types it. */
const RULES_BY_PRECEDENCE: readonly SpcRule[] = ['ASTRONOMICAL', 'TREND', 'TWO_OF_THREE', 'SHIFT'];

/** Below, on, above; falling, level, rising. */
type Sign = -1 | 0 | 1;
type Signals = Partial<Record<SpcRule, Exclude<Sign, 0>>>;

interface Limits {
  mean: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
  valuesUsed: number;
}

interface ObservedPoint {
  /** Position in the segment. */
  position: number;
  value: number;
  /** `comparable(value)`, worked out once for all the comparisons the rules make. */
  compared: number;
}

export function analyseSeries(points: readonly SpcInputPoint[], options: SpcOptions): SpcSeries {
  checkBaseline(options.baseline);
  const analysed: SpcPoint[] = [];
  let lastLimits: Limits | null = null;
  for (const segment of splitIntoSegments(points, new Set(options.rebaseAt))) {
    lastLimits = segmentLimits(segment, options);
    analysed.push(...judgeSegment(segment, lastLimits, options.direction));
  }
  return {
    points: analysed,
    mean: lastLimits?.mean ?? null,
    upperProcessLimit: lastLimits?.upperProcessLimit ?? null,
    lowerProcessLimit: lastLimits?.lowerProcessLimit ?? null,
    variation: analysed.findLast((point) => point.value !== null)?.pointType ?? null,
    assurance: lastLimits ? assurance(lastLimits, options.target, options.direction) : null,
    trialLimits: lastLimits !== null && lastLimits.valuesUsed < MINIMUM_VALUES_FOR_SETTLED_LIMITS,
  };
}

function checkBaseline(baseline: number | undefined): void {
  if (baseline === undefined) return;
  // A shorter baseline could never give limits, which would silently leave every point unjudged.
  if (!Number.isInteger(baseline) || baseline < MINIMUM_VALUES_FOR_LIMITS) {
    throw new RangeError(
      `baseline must be a whole number of at least ${MINIMUM_VALUES_FOR_LIMITS} points, not ${baseline}`,
    );
  }
}

function splitIntoSegments(
  points: readonly SpcInputPoint[],
  rebaseAt: ReadonlySet<string>,
): SpcInputPoint[][] {
  const segments: SpcInputPoint[][] = [];
  let current: SpcInputPoint[] = [];
  for (const point of points) {
    if (rebaseAt.has(point.period) && current.length > 0) {
      segments.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

function segmentLimits(segment: readonly SpcInputPoint[], options: SpcOptions): Limits | null {
  const values = observed(segment).map((point) => point.value);
  const used = options.baseline === undefined ? values : values.slice(0, options.baseline);
  if (used.length < MINIMUM_VALUES_FOR_LIMITS) return null;

  const mean = average(used);
  const movingRanges = used.slice(1).map((value, index) => Math.abs(value - used[index]!));
  let meanMovingRange = average(movingRanges);
  if ((options.screenOutliers ?? true) && meanMovingRange > 0) {
    const screenLine = comparable(MOVING_RANGE_SCREEN_FACTOR * meanMovingRange);
    meanMovingRange = average(movingRanges.filter((range) => comparable(range) < screenLine));
  }
  return {
    mean,
    upperProcessLimit: mean + PROCESS_LIMIT_FACTOR * meanMovingRange,
    lowerProcessLimit: mean - PROCESS_LIMIT_FACTOR * meanMovingRange,
    upperTwoSigma: mean + TWO_SIGMA_FACTOR * meanMovingRange,
    lowerTwoSigma: mean - TWO_SIGMA_FACTOR * meanMovingRange,
    valuesUsed: used.length,
  };
}

function judgeSegment(
  segment: readonly SpcInputPoint[],
  limits: Limits | null,
  direction: Direction,
): SpcPoint[] {
  const signals = limits ? segmentSignals(segment, limits) : [];
  return segment.map(({ period, value }, position) => {
    const pointSignals = signals[position] ?? {};
    const rules = RULES_IN_ORDER.filter((rule) => pointSignals[rule] !== undefined);
    return {
      period,
      value,
      mean: limits?.mean ?? null,
      upperProcessLimit: limits?.upperProcessLimit ?? null,
      lowerProcessLimit: limits?.lowerProcessLimit ?? null,
      specialCause: rules.length > 0,
      rules,
      pointType: limits && value !== null ? pointType(pointSignals, direction) : null,
    };
  });
}

function segmentSignals(segment: readonly SpcInputPoint[], limits: Limits): Signals[] {
  const signals: Signals[] = segment.map(() => ({}));
  const flag = (point: ObservedPoint, rule: SpcRule, sign: Exclude<Sign, 0>) => {
    signals[point.position]![rule] = sign;
  };

  const upper = comparable(limits.upperProcessLimit);
  const lower = comparable(limits.lowerProcessLimit);
  const mean = comparable(limits.mean);
  const upperTwoSigma = comparable(limits.upperTwoSigma);
  const lowerTwoSigma = comparable(limits.lowerTwoSigma);
  for (const point of observed(segment)) {
    if (point.compared > upper) flag(point, 'ASTRONOMICAL', 1);
    if (point.compared < lower) flag(point, 'ASTRONOMICAL', -1);
  }

  for (const stretch of unbrokenStretches(segment)) {
    const sides = stretch.map((point) => sign(point.compared - mean));
    for (const run of runsOfOneSign(sides)) {
      if (run.length < RUN_LENGTH) continue;
      for (const point of stretch.slice(run.start, run.start + run.length)) flag(point, 'SHIFT', run.sign);
    }

    // Step k goes from point k to point k + 1, so a run of steps covers one point more than it has steps.
    const steps = stretch.slice(1).map((point, index) => sign(point.compared - stretch[index]!.compared));
    for (const run of runsOfOneSign(steps)) {
      if (run.length + 1 < RUN_LENGTH) continue;
      // Runs come in time order, so at the turn between two trends the later one's direction stays.
      for (const point of stretch.slice(run.start, run.start + run.length + 1))
        flag(point, 'TREND', run.sign);
    }

    const beyondTwoSigma = stretch.map((point): Sign => {
      if (point.compared > upperTwoSigma) return 1;
      if (point.compared < lowerTwoSigma) return -1;
      return 0;
    });
    beyondTwoSigma.forEach((side, index) => {
      if (side === 0) return;
      for (let partner = index + 1; partner < index + TWO_OF_THREE_SPAN; partner++) {
        if (beyondTwoSigma[partner] !== side) continue;
        flag(stretch[index]!, 'TWO_OF_THREE', side);
        flag(stretch[partner]!, 'TWO_OF_THREE', side);
      }
    });
  }
  return signals;
}

function pointType(signals: Signals, direction: Direction): PointType {
  const deciding = RULES_BY_PRECEDENCE.find((rule) => signals[rule] !== undefined);
  if (deciding === undefined) return 'COMMON_CAUSE';
  const upIsBetter = direction === 'HIGHER_IS_BETTER';
  return (signals[deciding] === 1) === upIsBetter ? 'SPECIAL_CAUSE_IMPROVEMENT' : 'SPECIAL_CAUSE_CONCERN';
}

function assurance(limits: Limits, target: number | null, direction: Direction): Assurance {
  if (target === null) return 'NO_TARGET';
  const lowerToTarget = compare(limits.lowerProcessLimit, target);
  const upperToTarget = compare(limits.upperProcessLimit, target);
  if (direction === 'HIGHER_IS_BETTER') {
    if (lowerToTarget >= 0) return 'CONSISTENTLY_PASS';
    if (upperToTarget < 0) return 'CONSISTENTLY_FAIL';
  } else {
    if (upperToTarget <= 0) return 'CONSISTENTLY_PASS';
    if (lowerToTarget > 0) return 'CONSISTENTLY_FAIL';
  }
  return 'INCONSISTENT';
}

function observed(segment: readonly SpcInputPoint[]): ObservedPoint[] {
  return segment.flatMap(({ value }, position) =>
    value === null ? [] : [{ position, value, compared: comparable(value) }],
  );
}

/** The segment's points with values, cut wherever a null point lies. */
function unbrokenStretches(segment: readonly SpcInputPoint[]): ObservedPoint[][] {
  const stretches: ObservedPoint[][] = [[]];
  segment.forEach(({ value }, position) => {
    if (value === null) stretches.push([]);
    else stretches.at(-1)!.push({ position, value, compared: comparable(value) });
  });
  return stretches.filter((stretch) => stretch.length > 0);
}

/** Maximal runs of one non-zero sign: a zero (on the line, level with the neighbour) ends a run. */
function runsOfOneSign(signs: readonly Sign[]): { start: number; length: number; sign: Exclude<Sign, 0> }[] {
  const runs: { start: number; length: number; sign: Exclude<Sign, 0> }[] = [];
  let start = 0;
  for (let index = 1; index <= signs.length; index++) {
    if (index < signs.length && signs[index] === signs[start]) continue;
    const sign = signs[start];
    if (sign !== undefined && sign !== 0) runs.push({ start, length: index - start, sign });
    start = index;
  }
  return runs;
}

function compare(value: number, line: number): Sign {
  return sign(comparable(value) - comparable(line));
}

function sign(difference: number): Sign {
  return Math.sign(difference) as Sign;
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
