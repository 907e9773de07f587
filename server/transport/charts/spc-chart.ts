import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { formatValue } from '../../engine/kpi/format-value';
import { escapeXml } from './escape-xml';
import { longMonth, shortMonth } from './month-words';
import {
  POINT_COLOURS,
  SIGNAL_COLOURS,
  assuranceIconSvg,
  assuranceWords,
  variationIconSvg,
  variationWords,
} from './mdc-icons';
import type { ChartPoint, ChartSeries } from './series-icons';
import { assuranceIconOf, variationIconOf } from './series-icons';

export interface ChartStory {
  period: string;
  kind: string;
  text: string;
}

export interface SpcChartInput {
  kpi: { name: string; unit: string; direction: string };
  unit: { code: string; name: string };
  series: ChartSeries;
  /** The stories of the chart's months about its KPI, each drawn as a numbered note on its month. */
  stories: ChartStory[];
}

const WIDTH = 1200;
const PLOT = { left: 110, right: 1160, top: 120, bottom: 520 };
const KEY_LINE = 26;
const KEY_TOP = PLOT.bottom + 124;
/** A note in the key wraps at this many characters, on at most three lines: the whole of it is in its title. */
const KEY_LINE_CHARACTERS = 105;
const KEY_LINES_A_NOTE = 3;
const TEXT = '#212B32';
const TARGET_COLOUR = '#D5281B';
const FONT = 'font-family="Arial, Helvetica, sans-serif"';

const POINT_WORDS = {
  COMMON_CAUSE: 'common cause',
  SPECIAL_CAUSE_IMPROVEMENT: 'special cause improvement',
  SPECIAL_CAUSE_CONCERN: 'special cause concern',
} as const;

/** A story's kind as a sentence says it: `patient story`. */
const kindWords = (kind: string) => kind.toLowerCase().replaceAll('_', ' ');

/** Text broken into lines of at most `width` characters at spaces, the last cut with an ellipsis if need be. */
function wrap(text: string, width: number, most: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  if (lines.length <= most) return lines;
  const kept = lines.slice(0, most);
  kept[most - 1] = `${kept[most - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** Runs of consecutive points sharing one value of `of` (limits step at a rebase, the target when it changes). */
function runs(points: readonly ChartPoint[], of: (point: ChartPoint) => number | null): ChartPoint[][] {
  const found: ChartPoint[][] = [];
  for (const point of points) {
    const current = found.at(-1);
    if (current && of(current[0]!) === of(point)) current.push(point);
    else found.push([point]);
  }
  return found.filter((run) => of(run[0]!) !== null);
}

/** What the chart says, in words: its latest value, its variation and its assurance. */
export function describeSignal({ kpi, unit, series }: SpcChartInput): string {
  const last = series.points.findLast((point) => point.value !== null);
  if (!last || last.value === null) return `${kpi.name} at ${unit.name}: no values in these months.`;
  const sentences = [
    `${kpi.name} at ${unit.name}, ${longMonth(last.period)}: ${formatValue(last.value, kpi.unit)}.`,
  ];
  const variation = variationIconOf(series);
  sentences.push(
    variation
      ? `${variationWords(variation)}.`
      : 'Too few values for process limits: variation cannot be read yet.',
  );
  const assurance = assuranceIconOf(series);
  if (assurance) sentences.push(`${assuranceWords(assurance)} (${formatValue(last.essential, kpi.unit)}).`);
  if (series.trialLimits)
    sentences.push('The limits rest on fewer than 12 values: read them as provisional.');
  return sentences.join(' ');
}

/**
 * An XmR chart in Making Data Count's style, as an SVG document: the values, each point coloured by its type,
 * the mean and process limits of each segment, the Essential threshold that applied as the target line, the
 * variation and assurance icons, and the stories of those months as numbered notes with their text in a key.
 */
export function drawSpcChart(input: SpcChartInput): string {
  const { kpi, unit, series, stories } = input;
  const points = series.points;
  const periods = points.map((point) => point.period);
  const notes = stories
    .filter((story) => periods.includes(story.period))
    .sort((a, b) => a.period.localeCompare(b.period));
  const keyLines = notes.map((story, index) =>
    wrap(
      `${index + 1}. ${shortMonth(story.period)} (${kindWords(story.kind)}) ${story.text}`,
      KEY_LINE_CHARACTERS,
      KEY_LINES_A_NOTE,
    ),
  );
  const height = KEY_TOP + Math.max(keyLines.flat().length, 1) * KEY_LINE + 20;

  const x = scalePoint<string>().domain(periods).range([PLOT.left, PLOT.right]).padding(0.5);
  const drawn = points.flatMap((point) => [
    point.value,
    point.upperProcessLimit,
    point.lowerProcessLimit,
    point.essential,
  ]);
  const known = drawn.filter((value): value is number => value !== null && Number.isFinite(value));
  const [low, high] = known.length > 0 ? [Math.min(...known), Math.max(...known)] : [0, 1];
  const spread = high - low || Math.abs(high) || 1;
  const y = scaleLinear()
    .domain([low - spread * 0.05, high + spread * 0.05])
    .range([PLOT.bottom, PLOT.top])
    .nice(6);

  const parts: string[] = [];
  // Grid and axes.
  for (const tick of y.ticks(6)) {
    const ty = y(tick).toFixed(1);
    parts.push(`<line x1="${PLOT.left}" y1="${ty}" x2="${PLOT.right}" y2="${ty}" stroke="#E8EDEE"/>`);
    parts.push(
      `<text x="${PLOT.left - 12}" y="${ty}" dy="0.35em" text-anchor="end" ${FONT} font-size="18" fill="${TEXT}">${escapeXml(formatValue(tick, kpi.unit))}</text>`,
    );
  }
  const labelEvery = Math.ceil(periods.length / 18);
  periods.forEach((period, index) => {
    if (index % labelEvery !== 0) return;
    parts.push(
      `<text x="${x(period)!.toFixed(1)}" y="${PLOT.bottom + 28}" text-anchor="middle" ${FONT} font-size="18" fill="${TEXT}">${shortMonth(period)}</text>`,
    );
  });
  parts.push(
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="${TEXT}"/>`,
  );

  // The target, then each segment's limits and mean: a rebase starts a segment, and the lines step there.
  const half = x.step() / 2;
  const level = (run: ChartPoint[], value: number) =>
    `M${(x(run[0]!.period)! - half).toFixed(1)},${y(value).toFixed(1)}H${(x(run.at(-1)!.period)! + half).toFixed(1)}`;
  for (const run of runs(points, (point) => point.essential)) {
    parts.push(
      `<path class="target" d="${level(run, run[0]!.essential)}" stroke="${TARGET_COLOUR}" stroke-width="3" stroke-dasharray="10 6" fill="none"/>`,
    );
  }
  for (const run of runs(points, (point) => point.mean)) {
    const first = run[0]!;
    for (const limit of [first.upperProcessLimit, first.lowerProcessLimit]) {
      if (limit === null) continue;
      parts.push(
        `<path class="process-limit" d="${level(run, limit)}" stroke="${SIGNAL_COLOURS.commonCause}" stroke-width="2" stroke-dasharray="4 4" fill="none"/>`,
      );
    }
    parts.push(
      `<path class="mean" d="${level(run, first.mean!)}" stroke="${TEXT}" stroke-width="2" fill="none"/>`,
    );
  }

  // The values: a line through them, broken where a month has none, and a dot coloured by its type.
  const valueLine = line<ChartPoint>()
    .defined((point) => point.value !== null)
    .x((point) => x(point.period)!)
    .y((point) => y(point.value!));
  parts.push(
    `<path class="values" d="${valueLine(points) ?? ''}" stroke="${SIGNAL_COLOURS.commonCause}" stroke-width="2.5" fill="none"/>`,
  );
  for (const point of points) {
    if (point.value === null) continue;
    const type = point.pointType ?? 'COMMON_CAUSE';
    const cx = x(point.period)!.toFixed(1);
    const cy = y(point.value).toFixed(1);
    parts.push(
      `<circle class="point" data-period="${point.period}" data-value="${point.value}" data-point-type="${point.pointType ?? ''}" cx="${cx}" cy="${cy}" r="7" fill="${POINT_COLOURS[type]}"><title>${escapeXml(`${longMonth(point.period)}: ${formatValue(point.value, kpi.unit)}, ${POINT_WORDS[type]}`)}</title></circle>`,
    );
  }

  // Notes: a numbered marker over each story's month, its text in the key below.
  notes.forEach((story, index) => {
    const number = index + 1;
    const point = points.find((candidate) => candidate.period === story.period)!;
    const mx = x(point.period)!;
    const my = point.value === null ? PLOT.top + 20 : Math.max(PLOT.top - 20, y(point.value) - 34);
    const stacked = my - notes.slice(0, index).filter((other) => other.period === story.period).length * 30;
    parts.push(
      `<g class="note" data-period="${story.period}"><title>${escapeXml(`${number}. ${longMonth(story.period)}, ${kindWords(story.kind)}: ${story.text}`)}</title>` +
        `<circle cx="${mx.toFixed(1)}" cy="${stacked.toFixed(1)}" r="13" fill="${TEXT}"/>` +
        `<text x="${mx.toFixed(1)}" y="${stacked.toFixed(1)}" dy="0.35em" text-anchor="middle" ${FONT} font-size="16" font-weight="700" fill="#FFFFFF">${number}</text></g>`,
    );
    const firstLine = keyLines.slice(0, index).flat().length;
    parts.push(
      `<text class="key" x="${PLOT.left}" y="${KEY_TOP + firstLine * KEY_LINE}" ${FONT} font-size="18" fill="${TEXT}">` +
        keyLines[index]!.map(
          (text, line) =>
            `<tspan x="${PLOT.left}" dy="${line === 0 ? 0 : KEY_LINE}">${escapeXml(text)}</tspan>`,
        ).join('') +
        '</text>',
    );
  });
  if (notes.length === 0) {
    parts.push(
      `<text class="key" x="${PLOT.left}" y="${KEY_TOP}" ${FONT} font-size="18" fill="#4C6272">No stories were told about these months.</text>`,
    );
  }

  const variation = variationIconOf(series);
  const assurance = assuranceIconOf(series);
  const icons = [
    variation ? variationIconSvg(variation, { x: WIDTH - 200, y: 16, size: 84 }) : '',
    assurance ? assuranceIconSvg(assurance, { x: WIDTH - 104, y: 16, size: 84 }) : '',
  ].join('');
  const months = `${shortMonth(periods[0]!)} to ${shortMonth(periods.at(-1)!)}`;
  const title = `${kpi.name}: ${unit.name}, ${months}`;
  const legend = [
    `Mean (solid line) and process limits (dotted) of an XmR chart${series.trialLimits ? ', provisional: fewer than 12 values' : ''}; target (red dashed): the Essential threshold that applied.`,
    'Points: blue, special cause improvement; orange, special cause concern; grey, common cause. Numbers mark stories.',
  ]
    .map(
      (text, index) =>
        `<text x="${PLOT.left}" y="${PLOT.bottom + 62 + index * 24}" ${FONT} font-size="17" fill="#4C6272">${escapeXml(text)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">` +
    `<title id="chart-title">${escapeXml(title)}</title>` +
    `<desc id="chart-desc">${escapeXml(describeSignal(input))}</desc>` +
    `<rect width="100%" height="100%" fill="#FFFFFF"/>` +
    `<text x="${PLOT.left}" y="52" ${FONT} font-size="30" font-weight="700" fill="${TEXT}">${escapeXml(kpi.name)}</text>` +
    `<text x="${PLOT.left}" y="88" ${FONT} font-size="22" fill="${TEXT}">${escapeXml(`${unit.name} (${unit.code}), ${months}`)}</text>` +
    icons +
    parts.join('') +
    legend +
    `</svg>`
  );
}
