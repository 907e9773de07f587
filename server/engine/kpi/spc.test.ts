import { monthLabel } from './period';
import { analyseSeries } from './spc';
import type { Assurance, PointType, SpcInputPoint, SpcOptions, SpcPoint, SpcRule, SpcSeries } from './spc';
import type { Direction } from './vocabulary';

const COMMON: PointType = 'COMMON_CAUSE';
const IMPROVEMENT: PointType = 'SPECIAL_CAUSE_IMPROVEMENT';
const CONCERN: PointType = 'SPECIAL_CAUSE_CONCERN';

/** The month at a position in a series that starts in January 2020. */
function periodAt(position: number): string {
  return monthLabel(2020 + Math.floor(position / 12), (position % 12) + 1);
}

function monthly(values: readonly (number | null)[]): SpcInputPoint[] {
  return values.map((value, position) => ({ period: periodAt(position), value }));
}

function analyse(values: readonly (number | null)[], options: Partial<SpcOptions> = {}): SpcSeries {
  return analyseSeries(monthly(values), { direction: 'HIGHER_IS_BETTER', target: null, ...options });
}

function positionsFlagged(points: readonly SpcPoint[], rule: SpcRule): number[] {
  return points.flatMap((point, position) => (point.rules.includes(rule) ? [position] : []));
}

function positionsFrom(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

/**
 * Twelve values alternating about 10: mean 10 and every moving range 2, so MR̄ = 2 and nothing is screened.
 * Process limits 10 ± 2.66 × 2 = 4.68 and 15.32; 2-sigma lines 10 ± (2/3) × 2.66 × 2 = 6.4533… and 13.5466….
 * No rule fires inside it. Held as a baseline, it fixes those lines for the points that follow.
 */
const ALTERNATING = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11];

/** The points after the alternating baseline, read against its limits. */
function afterAlternating(tail: readonly (number | null)[], direction: Direction): SpcPoint[] {
  return analyse([...ALTERNATING, ...tail], { direction, baseline: ALTERNATING.length }).points.slice(
    ALTERNATING.length,
  );
}

describe('analyseSeries: published reference cases', () => {
  /**
   * NHSRplotthedots' own expectations: tests/testthat/test-ptd_spc_standard.R runs ptd_spc_standard on
   * `set.seed(123); rnorm(20)` and snapshots the result in tests/testthat/_snaps/ptd_spc_standard.md
   * (https://github.com/nhs-r-community/NHSRplotthedots). The twenty values are R's, printed to 15 digits.
   */
  const RNORM_SEED_123 = [
    -0.560475646552213, -0.23017748948328, 1.55870831414912, 0.070508391424576, 0.129287735160946,
    1.71506498688328, 0.460916205989202, -1.26506123460653, -0.686852851893526, -0.445661970099958,
    1.22408179743946, 0.359813827057364, 0.400771450594052, 0.11068271594512, -0.555841134754075,
    1.78691313680308, 0.497850478229239, -1.96661715662964, 0.701355901563686, -0.472791407727934,
  ];

  it('matches NHSRplotthedots on rnorm(20): mean 0.1416238, limits -3.01138 and 3.294627, all common cause', () => {
    const series = analyse(RNORM_SEED_123);
    expect(series.mean).toBeCloseTo(0.1416238, 6);
    expect(series.lowerProcessLimit).toBeCloseTo(-3.01138, 5);
    expect(series.upperProcessLimit).toBeCloseTo(3.294627, 6);
    // The summary snapshot (tests/testthat/_snaps/ptd_spc.md) counts 20 common-cause points.
    expect(series.points.map((point) => point.pointType)).toEqual(Array(20).fill(COMMON));
    expect(series.trialLimits).toBe(false);
  });

  it('matches NHSRplotthedots with y[15] = 10: screened 0.6694159, -2.383666, 3.722497; unscreened -4.596625, 5.935457', () => {
    const withOutlier = RNORM_SEED_123.map((value, index) => (index === 14 ? 10 : value));

    const screened = analyse(withOutlier);
    expect(screened.mean).toBeCloseTo(0.6694159, 6);
    expect(screened.lowerProcessLimit).toBeCloseTo(-2.383666, 6);
    expect(screened.upperProcessLimit).toBeCloseTo(3.722497, 6);

    const unscreened = analyse(withOutlier, { screenOutliers: false });
    expect(unscreened.mean).toBeCloseTo(0.6694159, 6);
    expect(unscreened.lowerProcessLimit).toBeCloseTo(-4.596625, 6);
    expect(unscreened.upperProcessLimit).toBeCloseTo(5.935457, 6);
  });

  it('matches NHSRplotthedots facets of ten (each its own limits, as a rebase): 0.0746, -2.60, 2.75 and 0.209, -3.28, 3.70', () => {
    // tests/testthat/test-ptd_spc.R gives each half its own facet; the summary snapshot prints 3 significant digits.
    const series = analyse(RNORM_SEED_123, { rebaseAt: [periodAt(10)] });
    const [first, second] = [series.points[0]!, series.points[10]!];
    expect(first.mean).toBeCloseTo(0.0746, 3);
    expect(first.lowerProcessLimit).toBeCloseTo(-2.6, 2);
    expect(first.upperProcessLimit).toBeCloseTo(2.75, 2);
    expect(second.mean).toBeCloseTo(0.209, 2);
    expect(second.lowerProcessLimit).toBeCloseTo(-3.28, 2);
    expect(second.upperProcessLimit).toBeCloseTo(3.7, 2);
    expect(series.points.map((point) => point.pointType)).toEqual(Array(20).fill(COMMON));
    expect(series.trialLimits).toBe(true);
  });

  it('does not join two points beyond opposite 2-sigma lines (NHSRplotthedots issue #143 test)', () => {
    // test-ptd_spc_standard.R: sixteen values alternating 1, -1 with the last two replaced by 5.5 and -5.5;
    // the package expects both to be common cause. By hand: mean 0; moving ranges thirteen 2s, 6.5 and 11;
    // 11 ≥ 3.267 × 43.5 / 15 is screened, so MR̄ = 32.5 / 14 and the 2-sigma lines are ±4.117.
    const values = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 5.5, -5.5];
    const series = analyse(values);
    expect(series.points.slice(-2).map((point) => point.pointType)).toEqual([COMMON, COMMON]);
  });

  /**
   * D. J. Wheeler, "Making Sense of Data" (SPC Press, 2003), p. 382, "Data Set to Use When Verifying Software":
   * average 4135.50, average moving range 355.93, limits 3188.72 and 5082.28, computed without screening —
   * as transcribed in the statprocon test suite (github.com/mattmccormick/statprocon, tests/test_xmr.py).
   */
  const WHEELER_VERIFICATION = [
    5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285, 3980, 3925, 3645, 3760, 3300, 3685, 3463, 5200,
  ];

  it("matches Wheeler's software verification data set without screening: 4135.50, 3188.72, 5082.28", () => {
    const series = analyse(WHEELER_VERIFICATION, { screenOutliers: false });
    expect(series.mean).toBeCloseTo(4135.5, 2);
    expect(series.lowerProcessLimit).toBeCloseTo(3188.72, 2);
    expect(series.upperProcessLimit).toBeCloseTo(5082.28, 2);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([15]);
  });

  it("screens the 1737 moving range out of Wheeler's verification data", () => {
    // By hand: the moving ranges sum to 5339, so MR̄ = 355.93 and the screening line is 3.267 × 355.93 = 1162.8;
    // without 1737, MR̄ = 3602 / 14 = 257.2857 and the limits are 4135.5 ± 684.38.
    const series = analyse(WHEELER_VERIFICATION);
    expect(series.lowerProcessLimit).toBeCloseTo(3451.12, 2);
    expect(series.upperProcessLimit).toBeCloseTo(4819.88, 2);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([0, 12, 15]);
  });

  /**
   * Wheeler, "Making Sense of Data", Table 9.1, accident rates for two groups, with the limits the book
   * publishes: group A 25.6 to 43.9, group B 18.0 to 39.3; and which of B's rates fall outside A's limits
   * (months 8, 9, 11 and 12) — data and expectations as transcribed in statprocon's tests/test_xmr.py.
   */
  const ACCIDENTS_GROUP_A = [43, 40, 37, 33, 30, 33, 34, 35, 29, 33, 31, 39];
  const ACCIDENTS_GROUP_B = [35, 37, 33, 32, 27, 29, 31, 22, 25, 30, 24, 19];

  it("gives each of Wheeler's accident-rate groups its own limits when group B is a rebase", () => {
    const values = [...ACCIDENTS_GROUP_A, ...ACCIDENTS_GROUP_B];
    const series = analyse(values, { rebaseAt: [periodAt(12)] });
    const [groupA, groupB] = [series.points[0]!, series.points[12]!];
    expect(groupA.lowerProcessLimit).toBeCloseTo(25.6, 1);
    expect(groupA.upperProcessLimit).toBeCloseTo(43.9, 1);
    expect(groupB.lowerProcessLimit).toBeCloseTo(18.0, 1);
    expect(groupB.upperProcessLimit).toBeCloseTo(39.3, 1);
    expect(series.trialLimits).toBe(false);
  });

  it("reads Wheeler's group B against group A's limits when group A is the baseline", () => {
    const series = analyse([...ACCIDENTS_GROUP_A, ...ACCIDENTS_GROUP_B], { baseline: 12 });
    expect(positionsFlagged(series.points.slice(12), 'ASTRONOMICAL')).toEqual([7, 8, 10, 11]);
  });

  it("flags the months beyond year one's limits in Wheeler's accounts receivable (Table 9.2)", () => {
    // The book limits year two by year one (upper limit 60.7) and marks months 12, 13, 14, 20 and 23; month 14
    // (60.7) shows above the limit because the unrounded limit is 60.68 (statprocon's tests/test_xmr.py notes
    // this). By hand the lower limit is 56.18 - 2.66 × 1.691 = 51.69, below 52.5 and above 50.9 and 50.8.
    const receivables = [
      55.6, 54.7, 54.9, 54.8, 56.9, 55.7, 53.8, 54.8, 53.4, 57.0, 59.4, 63.2, 60.9, 60.7, 58.6, 57.3, 56.9,
      58.1, 58.3, 50.9, 53.3, 52.5, 50.8, 52.9,
    ];
    const series = analyse(receivables, { baseline: 12 });
    expect(series.upperProcessLimit).toBeCloseTo(60.7, 1);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([11, 12, 13, 19, 22]);
  });

  it("flags the run of eight below the mean in Wheeler's daily smokers (Table 8.1) as an improvement", () => {
    // Wheeler marks the last eight years, below the central line; the same run of eight passes the 7-point rule.
    const smokers = [21.3, 20.2, 20.9, 21.0, 18.8, 19.6, 18.7, 18.6, 18.1, 18.9, 19.2, 18.2, 17.3, 19.0];
    const series = analyse(smokers, { direction: 'LOWER_IS_BETTER' });
    expect(positionsFlagged(series.points, 'SHIFT')).toEqual(positionsFrom(6, 13));
    expect(series.points.slice(6).map((point) => point.pointType)).toEqual(Array(8).fill(IMPROVEMENT));
  });
});

describe('analyseSeries: rules', () => {
  interface RuleCase {
    description: string;
    direction: Direction;
    /** Read after the alternating baseline: mean 10, limits 4.68 and 15.32, 2-sigma lines 6.45 and 13.55. */
    tail: (number | null)[];
    /** Positions in the tail flagged by each rule; a rule not named flags nothing. */
    flagged: Partial<Record<SpcRule, number[]>>;
    types: (PointType | null)[];
  }

  // Most tails open with 10, on the mean and below the baseline's last 11, so no run carries over from it.
  const cases: RuleCase[] = [
    {
      description: 'a point above the upper process limit is astronomical',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 15.4],
      flagged: { ASTRONOMICAL: [1] },
      types: [COMMON, IMPROVEMENT],
    },
    {
      description: 'a point on the upper process limit is not beyond it',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 15.32],
      flagged: {},
      types: [COMMON, COMMON],
    },
    {
      description: 'a point below the lower process limit is a concern when higher is better',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 4.6],
      flagged: { ASTRONOMICAL: [1] },
      types: [COMMON, CONCERN],
    },
    {
      description: 'a point below the lower process limit is an improvement when lower is better',
      direction: 'LOWER_IS_BETTER',
      tail: [10, 4.6],
      flagged: { ASTRONOMICAL: [1] },
      types: [COMMON, IMPROVEMENT],
    },
    {
      description: '6 points above the mean are not a shift',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 11, 12, 11, 12, 11, 12],
      flagged: {},
      types: Array(7).fill(COMMON),
    },
    {
      description: '7 points above the mean are a shift, every one flagged',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 11, 12, 11, 12, 11, 12, 11],
      flagged: { SHIFT: positionsFrom(1, 7) },
      types: [COMMON, ...Array(7).fill(IMPROVEMENT)],
    },
    {
      description: '8 points above the mean are a shift of 8',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 11, 12, 11, 12, 11, 12, 11, 12],
      flagged: { SHIFT: positionsFrom(1, 8) },
      types: [COMMON, ...Array(8).fill(IMPROVEMENT)],
    },
    {
      description: 'a point on the mean breaks 7 points above it into 3 and 4',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 11, 12, 11, 10, 12, 11, 12, 11],
      flagged: {},
      types: Array(9).fill(COMMON),
    },
    {
      description: '7 points below the mean are an improvement when lower is better',
      direction: 'LOWER_IS_BETTER',
      tail: [10, 9, 8, 9, 8, 9, 8, 9],
      flagged: { SHIFT: positionsFrom(1, 7) },
      types: [COMMON, ...Array(7).fill(IMPROVEMENT)],
    },
    {
      description: '6 rising points are not a trend',
      direction: 'HIGHER_IS_BETTER',
      tail: [8.5, 9, 9.5, 10.5, 11, 11.5],
      flagged: {},
      types: Array(6).fill(COMMON),
    },
    {
      description: '7 rising points are a trend, first point included, improving on both sides of the mean',
      direction: 'HIGHER_IS_BETTER',
      tail: [8, 8.5, 9, 9.5, 10.5, 11, 11.5],
      flagged: { TREND: positionsFrom(0, 6) },
      types: Array(7).fill(IMPROVEMENT),
    },
    {
      description: 'an equal neighbour breaks 8 rising points into 3 and 5',
      direction: 'HIGHER_IS_BETTER',
      tail: [8, 8.5, 9, 9, 9.5, 10.5, 11, 11.5],
      flagged: {},
      types: Array(8).fill(COMMON),
    },
    {
      // Opens with 12, above the baseline's last 11, so the fall starts in the tail.
      description: '7 falling points are a concern when higher is better',
      direction: 'HIGHER_IS_BETTER',
      tail: [12, 11.5, 11, 10.5, 9.5, 9, 8.5],
      flagged: { TREND: positionsFrom(0, 6) },
      types: Array(7).fill(CONCERN),
    },
    {
      description: '7 falling points are an improvement when lower is better',
      direction: 'LOWER_IS_BETTER',
      tail: [12, 11.5, 11, 10.5, 9.5, 9, 8.5],
      flagged: { TREND: positionsFrom(0, 6) },
      types: Array(7).fill(IMPROVEMENT),
    },
    {
      description: '2 of 3 points above the upper 2-sigma line flag those two, not the one between',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 14, 12, 14],
      flagged: { TWO_OF_THREE: [1, 3] },
      types: [COMMON, IMPROVEMENT, COMMON, IMPROVEMENT],
    },
    {
      description: '2 consecutive points above the upper 2-sigma line are 2 of 3',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 14, 14],
      flagged: { TWO_OF_THREE: [1, 2] },
      types: [COMMON, IMPROVEMENT, IMPROVEMENT],
    },
    {
      description: '2 points above the 2-sigma line 3 periods apart are not 2 of 3',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 14, 12, 12, 14],
      flagged: {},
      types: Array(5).fill(COMMON),
    },
    {
      description: '2 points beyond opposite 2-sigma lines are not 2 of 3',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 14, 6, 10],
      flagged: {},
      types: Array(4).fill(COMMON),
    },
    {
      description: 'a point beyond the process limit also counts as beyond the 2-sigma line',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 16, 14],
      flagged: { ASTRONOMICAL: [1], TWO_OF_THREE: [1, 2] },
      types: [COMMON, IMPROVEMENT, IMPROVEMENT],
    },
    {
      description: '2 of 3 points below the lower 2-sigma line are an improvement when lower is better',
      direction: 'LOWER_IS_BETTER',
      tail: [10, 6, 7, 6],
      flagged: { TWO_OF_THREE: [1, 3] },
      types: [COMMON, IMPROVEMENT, COMMON, IMPROVEMENT],
    },
    {
      // 16 is astronomical (up) and starts a fall; 16, 15 and 14 are 2 of 3 high; all 7 are above the mean.
      description: 'the astronomical rule decides first, then the trend, over 2 of 3 and the shift',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 16, 15, 14, 13, 12, 11.5, 11],
      flagged: {
        ASTRONOMICAL: [1],
        SHIFT: positionsFrom(1, 7),
        TREND: positionsFrom(1, 7),
        TWO_OF_THREE: [1, 2, 3],
      },
      types: [COMMON, IMPROVEMENT, ...Array(6).fill(CONCERN)],
    },
    {
      description: 'the point at the turn of a rise and a fall takes the later trend',
      direction: 'HIGHER_IS_BETTER',
      tail: [8, 8.5, 9, 9.5, 10.5, 11, 11.5, 11, 10.5, 9.5, 9, 8.5, 8],
      flagged: { TREND: positionsFrom(0, 12) },
      types: [...Array(6).fill(IMPROVEMENT), ...Array(7).fill(CONCERN)],
    },
    {
      description: 'a missing month breaks 7 points above the mean into 3 and 4',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 11, 12, 11, null, 12, 11, 12, 11],
      flagged: {},
      types: [COMMON, COMMON, COMMON, COMMON, null, COMMON, COMMON, COMMON, COMMON],
    },
    {
      description: 'a missing month breaks 7 rising points into 3 and 4',
      direction: 'HIGHER_IS_BETTER',
      tail: [8, 8.5, 9, null, 9.5, 10.5, 11, 11.5],
      flagged: {},
      types: [COMMON, COMMON, COMMON, null, COMMON, COMMON, COMMON, COMMON],
    },
    {
      description: 'a missing month between two points above the 2-sigma line breaks the 2 of 3',
      direction: 'HIGHER_IS_BETTER',
      tail: [10, 14, null, 14],
      flagged: {},
      types: [COMMON, COMMON, null, COMMON],
    },
  ];

  it.each(cases)('$description', ({ direction, tail, flagged, types }) => {
    const points = afterAlternating(tail, direction);
    for (const rule of ['ASTRONOMICAL', 'SHIFT', 'TREND', 'TWO_OF_THREE'] as const) {
      expect({ rule, positions: positionsFlagged(points, rule) }).toEqual({
        rule,
        positions: flagged[rule] ?? [],
      });
    }
    expect(points.map((point) => point.pointType)).toEqual(types);
    expect(points.map((point) => point.specialCause)).toEqual(points.map((point) => point.rules.length > 0));
  });

  it("lists a point's rules in the order of the SpcRule type", () => {
    const [, astronomical] = afterAlternating([10, 16, 15, 14, 13, 12, 11.5, 11], 'HIGHER_IS_BETTER');
    expect(astronomical!.rules).toEqual(['ASTRONOMICAL', 'SHIFT', 'TREND', 'TWO_OF_THREE']);
  });

  it('puts a value a hair off the mean back on it, so it still breaks a run', () => {
    // Twelve values alternating 0.1 and 0.3 average 0.19999999999999998 in floating point, not 0.2.
    const tenths = [0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3];
    const series = analyse([...tenths, 0.3, 0.3, 0.3, 0.2, 0.3, 0.3, 0.3, 0.3], { baseline: 12 });
    expect(positionsFlagged(series.points, 'SHIFT')).toEqual([]);
  });
});

describe('analyseSeries: limits', () => {
  it('takes the limits from every value when there is no baseline', () => {
    const series = analyse(ALTERNATING);
    expect(series.mean).toBe(10);
    expect(series.lowerProcessLimit).toBeCloseTo(4.68, 10);
    expect(series.upperProcessLimit).toBeCloseTo(15.32, 10);
    expect(series.points.every((point) => point.mean === 10)).toBe(true);
  });

  it('holds the baseline limits fixed while later points move away', () => {
    const fixed = analyse([...ALTERNATING, 20, 20, 20], { baseline: 12 });
    expect(fixed.mean).toBe(10);
    expect(fixed.upperProcessLimit).toBeCloseTo(15.32, 10);
    expect(positionsFlagged(fixed.points, 'ASTRONOMICAL')).toEqual([12, 13, 14]);

    // By hand, without the baseline: mean 180 / 15 = 12; moving ranges eleven 2s, 9, 0, 0; 9 is at least
    // 3.267 × 31 / 14, so MR̄ = 22 / 13 and the limits are 12 ± 2.66 × 1.6923 = 7.4985 and 16.5015.
    const moving = analyse([...ALTERNATING, 20, 20, 20]);
    expect(moving.mean).toBe(12);
    expect(moving.lowerProcessLimit).toBeCloseTo(7.4985, 4);
    expect(moving.upperProcessLimit).toBeCloseTo(16.5015, 4);
  });

  it('counts only values towards the baseline, not missing months', () => {
    const series = analyse([null, ...ALTERNATING, 100], { baseline: 12 });
    expect(series.mean).toBe(10);
    expect(series.upperProcessLimit).toBeCloseTo(15.32, 10);
    expect(series.trialLimits).toBe(false);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([13]);
  });

  it('uses every value when the baseline is longer than the series', () => {
    const series = analyse(ALTERNATING.slice(0, 8), { baseline: 24 });
    expect(series.mean).toBe(10);
    expect(series.trialLimits).toBe(true);
  });

  it.each([4, 0, -12, 12.5, Number.NaN])('refuses a baseline of %p', (baseline) => {
    expect(() => analyse(ALTERNATING, { baseline })).toThrow(RangeError);
  });

  it('takes the moving range across a missing month between the values either side', () => {
    // By hand: values 10, 12, 18, 16, 18, 16 have mean 15 and moving ranges 2, 6 (12 to 18, across the gap),
    // 2, 2, 2; MR̄ = 14 / 5 = 2.8 and the limits are 15 ± 7.448.
    const series = analyse([10, 12, null, 18, 16, 18, 16]);
    expect(series.mean).toBe(15);
    expect(series.lowerProcessLimit).toBeCloseTo(7.552, 10);
    expect(series.upperProcessLimit).toBeCloseTo(22.448, 10);
    const missing = series.points[2]!;
    expect(missing).toEqual({
      period: '2020-03',
      value: null,
      mean: 15,
      upperProcessLimit: series.upperProcessLimit,
      lowerProcessLimit: series.lowerProcessLimit,
      specialCause: false,
      rules: [],
      pointType: null,
    });
  });
});

describe('analyseSeries: screening moving ranges', () => {
  // By hand: nine moving ranges of 1, then 19 and 19 around the 30; MR̄ = 47 / 11 = 4.2727, so the screening
  // line is 13.959 and both 19s go; MR̄ becomes 1. The mean is 146 / 12 = 12.1667 either way.
  const SPIKE = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 11];

  it('drops moving ranges of 3.267 × MR̄ or more and recomputes MR̄ without them', () => {
    const series = analyse(SPIKE);
    expect(series.mean).toBeCloseTo(12.1667, 4);
    expect(series.lowerProcessLimit).toBeCloseTo(9.5067, 4);
    expect(series.upperProcessLimit).toBeCloseTo(14.8267, 4);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([10]);
  });

  it('keeps every moving range when screening is off, as the Making Data Count Excel tools do', () => {
    const series = analyse(SPIKE, { screenOutliers: false });
    expect(series.lowerProcessLimit).toBeCloseTo(0.8012, 4);
    expect(series.upperProcessLimit).toBeCloseTo(23.5321, 4);
  });

  // Ten moving ranges of 0.7733 and a last one of `last`: with last = 3.267 the ranges sum to 11, MR̄ = 1, and
  // the last range sits exactly on the screening line; with last = 3.26, MR̄ = 10.993 / 11 and it stays.
  it.each([
    { last: 3.267, screened: 'screened', mean: 7.1335 / 12, upper: 7.1335 / 12 + 2.66 * 0.7733 },
    { last: 3.26, screened: 'kept', mean: 7.1265 / 12, upper: 7.1265 / 12 + (2.66 * 10.993) / 11 },
  ])('a moving range of $last against a screening line of 3.267 is $screened', ({ last, mean, upper }) => {
    const series = analyse([0, 0.7733, 0, 0.7733, 0, 0.7733, 0, 0.7733, 0, 0.7733, 0, last]);
    expect(series.mean).toBeCloseTo(mean, 10);
    expect(series.upperProcessLimit).toBeCloseTo(upper, 10);
  });

  it('screens nothing when every moving range is zero', () => {
    const series = analyse([...Array(12).fill(95), 96], { baseline: 12 });
    expect(series.mean).toBe(95);
    expect(series.upperProcessLimit).toBe(95);
    expect(series.lowerProcessLimit).toBe(95);
    expect(series.points.map((point) => point.pointType)).toEqual([...Array(12).fill(COMMON), IMPROVEMENT]);
  });
});

describe('analyseSeries: rebasing', () => {
  const ABOUT_TWENTY = ALTERNATING.map((value) => value + 10);
  const values = [...ALTERNATING, ...ABOUT_TWENTY];

  it("gives each segment limits of its own, and the series the last segment's", () => {
    const series = analyse(values, { rebaseAt: [periodAt(12)] });
    expect(series.points[11]!.mean).toBe(10);
    expect(series.points[12]!.mean).toBe(20);
    expect(series.points[12]!.lowerProcessLimit).toBeCloseTo(14.68, 10);
    expect(series.points[12]!.upperProcessLimit).toBeCloseTo(25.32, 10);
    expect(series.mean).toBe(20);
    expect(series.upperProcessLimit).toBeCloseTo(25.32, 10);
    expect(series.points.every((point) => point.pointType === COMMON)).toBe(true);

    // Without the rebase the step change is special cause throughout: mean 15, MR̄ 2 once the 8 is screened,
    // limits 9.68 and 20.32, so every 9 and 21 is astronomical and each half is a shift.
    const unbroken = analyse(values);
    expect(unbroken.points.every((point) => point.specialCause)).toBe(true);
  });

  it('applies the baseline afresh to each segment', () => {
    const series = analyse([...ALTERNATING, 30, ...ABOUT_TWENTY, 40], {
      baseline: 12,
      rebaseAt: [periodAt(13)],
    });
    expect(series.points[12]!.mean).toBe(10);
    expect(series.mean).toBe(20);
    expect(positionsFlagged(series.points, 'ASTRONOMICAL')).toEqual([12, 25]);
    expect(series.trialLimits).toBe(false);
  });

  it('lets no run cross into the next segment', () => {
    // Four points above the first segment's mean, then three above the second's (mean 20, limits 20 ± 3.39).
    const second = [21, 21, 21, 19, 19, 19, 21, 19, 21, 19, 21, 19];
    const series = analyse([...ALTERNATING, 10, 12, 12, 12, 12, ...second], {
      baseline: 12,
      rebaseAt: [periodAt(17)],
    });
    expect(series.points[17]!.mean).toBe(20);
    expect(series.points.some((point) => point.specialCause)).toBe(false);
  });

  it('ignores a rebase at the first period or at a period outside the series', () => {
    const plain = analyse(values);
    expect(analyse(values, { rebaseAt: [periodAt(0), '2031-01'] })).toEqual(plain);
  });
});

describe('analyseSeries: how much data', () => {
  it.each([
    { count: 11, trialLimits: true },
    { count: 12, trialLimits: false },
  ])('sets trialLimits to $trialLimits for limits from $count values', ({ count, trialLimits }) => {
    const series = analyse(ALTERNATING.slice(0, count));
    expect(series.upperProcessLimit).not.toBeNull();
    expect(series.trialLimits).toBe(trialLimits);
  });

  it('gives trial limits from 5 values: mean 9.8, MR̄ 2', () => {
    const series = analyse([9, 11, 9, 11, 9]);
    expect(series.mean).toBeCloseTo(9.8, 10);
    expect(series.upperProcessLimit).toBeCloseTo(15.12, 10);
    expect(series.variation).toBe(COMMON);
    expect(series.trialLimits).toBe(true);
  });

  it('judges nothing from 4 values', () => {
    const series = analyse([9, 11, 9, 11], { target: 10 });
    expect(series).toEqual({
      points: monthly([9, 11, 9, 11]).map(({ period, value }) => ({
        period,
        value,
        mean: null,
        upperProcessLimit: null,
        lowerProcessLimit: null,
        specialCause: false,
        rules: [],
        pointType: null,
      })),
      mean: null,
      upperProcessLimit: null,
      lowerProcessLimit: null,
      variation: null,
      assurance: null,
      trialLimits: false,
    });
  });

  it('reads an empty series and a series of missing months as having no limits', () => {
    for (const values of [[], [null, null, null]]) {
      const series = analyse(values, { target: 10 });
      expect(series.mean).toBeNull();
      expect(series.variation).toBeNull();
      expect(series.assurance).toBeNull();
      expect(series.trialLimits).toBe(false);
    }
  });

  it('takes the variation from the last point with a value', () => {
    const series = analyse([...ALTERNATING, 10, 15.4, null], { baseline: 12 });
    expect(series.points.at(-1)!.pointType).toBeNull();
    expect(series.variation).toBe(IMPROVEMENT);
  });
});

describe('analyseSeries: assurance', () => {
  // Limits of the alternating values: 4.68 and 15.32.
  it.each<[Direction, number | null, Assurance]>([
    ['HIGHER_IS_BETTER', 4, 'CONSISTENTLY_PASS'],
    ['HIGHER_IS_BETTER', 4.68, 'CONSISTENTLY_PASS'],
    ['HIGHER_IS_BETTER', 10, 'INCONSISTENT'],
    ['HIGHER_IS_BETTER', 15.32, 'INCONSISTENT'],
    ['HIGHER_IS_BETTER', 16, 'CONSISTENTLY_FAIL'],
    ['HIGHER_IS_BETTER', null, 'NO_TARGET'],
    ['LOWER_IS_BETTER', 16, 'CONSISTENTLY_PASS'],
    ['LOWER_IS_BETTER', 15.32, 'CONSISTENTLY_PASS'],
    ['LOWER_IS_BETTER', 10, 'INCONSISTENT'],
    ['LOWER_IS_BETTER', 4.68, 'INCONSISTENT'],
    ['LOWER_IS_BETTER', 4, 'CONSISTENTLY_FAIL'],
    ['LOWER_IS_BETTER', null, 'NO_TARGET'],
  ])('%s with a target of %p is %s', (direction, target, assurance) => {
    expect(analyse(ALTERNATING, { direction, target }).assurance).toBe(assurance);
  });

  it("compares the target with the last segment's limits only", () => {
    const values = [...ALTERNATING, ...ALTERNATING.map((value) => value + 10)];
    const series = analyse(values, { target: 12, rebaseAt: [periodAt(12)] });
    expect(series.assurance).toBe('CONSISTENTLY_PASS');
  });
});
