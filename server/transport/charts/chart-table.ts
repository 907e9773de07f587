import { formatValue } from '../../engine/kpi/format-value';
import type { SpcChartInput } from './spc-chart';
import { escapeXml } from './escape-xml';

const POINT_TYPE_WORDS: Record<string, string> = {
  COMMON_CAUSE: 'Common cause',
  SPECIAL_CAUSE_IMPROVEMENT: 'Special cause: improvement',
  SPECIAL_CAUSE_CONCERN: 'Special cause: concern',
};

/** The chart's points as a table: the alternative to the picture for a screen reader, and for copying. */
export function chartTable({ kpi, series, stories }: SpcChartInput): string {
  const shown = (value: number | null) => (value === null ? '—' : escapeXml(formatValue(value, kpi.unit)));
  const rows = series.points.map((point) => {
    const told = stories
      .filter((story) => story.period === point.period)
      .map((story) => `<p>${escapeXml(`${story.kind.toLowerCase()}: ${story.text}`)}</p>`)
      .join('');
    return (
      `<tr data-period="${point.period}"><th scope="row">${point.period}</th><td>${shown(point.value)}</td>` +
      `<td>${shown(point.mean)}</td><td>${shown(point.lowerProcessLimit)}</td><td>${shown(point.upperProcessLimit)}</td>` +
      `<td>${shown(point.essential)}</td><td>${point.pointType ? POINT_TYPE_WORDS[point.pointType] : '—'}</td><td>${told}</td></tr>`
    );
  });
  return (
    `<table><caption>${escapeXml(kpi.name)}, month by month</caption>` +
    '<thead><tr><th scope="col">Month</th><th scope="col">Value</th><th scope="col">Mean</th>' +
    '<th scope="col">Lower process limit</th><th scope="col">Upper process limit</th>' +
    '<th scope="col">Target (Essential)</th><th scope="col">Variation</th><th scope="col">Stories</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
