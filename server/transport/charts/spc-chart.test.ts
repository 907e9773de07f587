import { analyseSeries } from '../../engine/kpi/spc';
import type { ChartSeries } from './series-icons';
import { variationIconOf } from './series-icons';
import { describeSignal, drawSpcChart } from './spc-chart';
import type { SpcChartInput } from './spc-chart';

const KPI = { name: 'Seven-day follow-up', unit: 'PERCENT', direction: 'HIGHER_IS_BETTER' };
const UNIT = { code: 'W1', name: 'Rowan Ward' };

function chartOf(values: (number | null)[], essentials: number[], rebaseAt: string[] = []): ChartSeries {
  const periods = values.map((_, index) => `2025-${String(index + 1).padStart(2, '0')}`);
  const series = analyseSeries(
    values.map((value, index) => ({ period: periods[index]!, value })),
    { direction: 'HIGHER_IS_BETTER', target: essentials.at(-1)!, rebaseAt },
  );
  return {
    ...series,
    points: series.points.map((point, index) => ({ ...point, essential: essentials[index]! })),
  };
}

function draw(input: Partial<SpcChartInput> & { series: ChartSeries }): string {
  return drawSpcChart({ kpi: KPI, unit: UNIT, stories: [], ...input });
}

const count = (svg: string, pattern: RegExp) => svg.match(new RegExp(pattern, 'g'))?.length ?? 0;

it('draws a target line for each run of months the same Essential threshold applied', () => {
  const series = chartOf([80, 82, 81, 83, 82, 84, 90], [75, 75, 75, 80, 80, 80, 80]);
  expect(count(draw({ series }), /class="target"/)).toBe(2);
});

it('leaves a gap in the line, and no dot, for a month without a value', () => {
  const series = chartOf([80, 82, null, 83, 82, 84], [75, 75, 75, 75, 75, 75]);
  const svg = draw({ series });
  expect(count(svg, /class="point"/)).toBe(5);
  // d3's line starts a new segment (M) after an undefined point.
  expect(svg.match(/class="values" d="([^"]+)"/)![1]!.match(/M/g)).toHaveLength(2);
});

it('escapes what a story says, so its text can never become markup', () => {
  const series = chartOf([80, 82, 81, 83, 82], [75, 75, 75, 75, 75]);
  const svg = draw({
    series,
    stories: [{ period: '2025-02', kind: 'CONTEXT', text: '<script>alert(1)</script> & "quotes"' }],
  });
  expect(svg).not.toContain('<script>');
  expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;');
});

it('keys a long story on at most three lines, cut with an ellipsis, with the whole text in its title', () => {
  const series = chartOf([80, 82, 81, 83, 82], [75, 75, 75, 75, 75]);
  const text = 'word '.repeat(200).trim();
  const svg = draw({ series, stories: [{ period: '2025-03', kind: 'PATIENT_STORY', text }] });
  const key = svg.match(/<text class="key"[^>]*>(.*?)<\/text>/)![1]!;
  expect(count(key, /<tspan/)).toBe(3);
  expect(key).toContain('(patient story)');
  expect(key).toContain('…');
  expect(svg).toContain(`<title>1. March 2025, patient story: ${text}</title>`);
});

it('says the signal in words, and says when there are too few values to read one', () => {
  const falling = chartOf([90, 91, 90, 92, 91, 90, 91, 40], [75, 75, 75, 75, 75, 75, 75, 75]);
  expect(variationIconOf(falling)).toBe('concern-low');
  expect(describeSignal({ kpi: KPI, unit: UNIT, series: falling, stories: [] })).toBe(
    'Seven-day follow-up at Rowan Ward, August 2025: 40%. Special cause variation: concern, the values unusually low. ' +
      'Assurance: the process will consistently meet the target (75%). ' +
      'The limits rest on fewer than 12 values: read them as provisional.',
  );
  const short = chartOf([80, 82], [75, 75]);
  expect(describeSignal({ kpi: KPI, unit: UNIT, series: short, stories: [] })).toContain(
    'Too few values for process limits',
  );
  const empty = chartOf([null, null], [75, 75]);
  expect(draw({ series: empty })).toContain(
    '<desc id="chart-desc">Seven-day follow-up at Rowan Ward: no values in these months.</desc>',
  );
});
