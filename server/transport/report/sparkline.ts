import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { POINT_COLOURS, SIGNAL_COLOURS } from '../charts/mdc-icons';
import { escapeXml } from '../charts/escape-xml';
import type { ChartPoint } from '../charts/series-icons';

const WIDTH = 240;
const HEIGHT = 64;
const PAD = 6;

/**
 * A series as a sparkline: the values, the latest process limits dotted, the target red, and the last point in
 * its signal's colour. Small enough for a table row; `label` is what a screen reader says of it.
 */
export function drawSparkline(points: readonly ChartPoint[], label: string): string {
  const valued = points.filter((point) => point.value !== null);
  const last = valued.at(-1);
  const known = points
    .flatMap((point) => [point.value, point.upperProcessLimit, point.lowerProcessLimit, point.essential])
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const [low, high] = known.length > 0 ? [Math.min(...known), Math.max(...known)] : [0, 1];
  const x = scaleLinear()
    .domain([0, Math.max(points.length - 1, 1)])
    .range([PAD, WIDTH - PAD]);
  const y = scaleLinear()
    .domain(low === high ? [low - 1, high + 1] : [low, high])
    .range([HEIGHT - PAD, PAD]);
  const across = (value: number, attributes: string) =>
    `<line x1="${PAD}" x2="${WIDTH - PAD}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" ${attributes}/>`;
  const limits = last
    ? [last.upperProcessLimit, last.lowerProcessLimit]
        .filter((limit): limit is number => limit !== null)
        .map((limit) => across(limit, `stroke="${SIGNAL_COLOURS.commonCause}" stroke-dasharray="3 3"`))
    : [];
  const target = last ? across(last.essential, 'stroke="#D5281B" stroke-width="1.5"') : '';
  const path = line<ChartPoint>()
    .defined((point) => point.value !== null)
    .x((_, index) => x(index))
    .y((point) => y(point.value!))([...points]);
  const dot = last
    ? `<circle cx="${x(points.indexOf(last)).toFixed(1)}" cy="${y(last.value!).toFixed(1)}" r="4" fill="${POINT_COLOURS[last.pointType ?? 'COMMON_CAUSE']}"/>`
    : '';
  return (
    `<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(label)}">` +
    limits.join('') +
    target +
    `<path d="${path ?? ''}" fill="none" stroke="${SIGNAL_COLOURS.commonCause}" stroke-width="2"/>` +
    dot +
    '</svg>'
  );
}
