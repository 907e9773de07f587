import { formatValue, tierName } from '../../engine/kpi/format-value';
import { DOMAINS } from '../../engine/kpi/vocabulary';
import type { Tier } from '../../engine/kpi/vocabulary';
import { escapeXml } from '../charts/escape-xml';
import { ASSURANCE_ICONS, VARIATION_ICONS, assuranceWords, variationWords } from '../charts/mdc-icons';
import type { AssuranceIcon, VariationIcon } from '../charts/mdc-icons';
import { assuranceIconOf, variationIconOf } from '../charts/series-icons';
import type { ChartSeries } from '../charts/series-icons';
import { periodWords } from '../charts/month-words';
import { drawSparkline } from './sparkline';

export interface ReportKpi {
  key: string;
  name: string;
  domain: string;
  unit: string;
}

export interface ReportRow {
  kpi: ReportKpi;
  value: number | null;
  tier: Tier | null;
  reporting: number;
  expected: number;
  companions: {
    label: string;
    unit: string;
    floor: number | null;
    value: number | null;
    belowFloor: boolean | null;
  }[];
  stories: unknown[];
  series: ChartSeries;
}

export interface ReportScope {
  unit: { code: string; name: string };
  period: string;
  /** The months each row's series covers: its chart's. */
  from: string;
  to: string;
}

const DOMAIN_NAMES: Record<string, string> = {
  CLINICAL_EFFECTIVENESS: 'Clinical effectiveness',
  PATIENT_EXPERIENCE: 'Patient experience',
  STAFF_ENGAGEMENT: 'Staff engagement',
  FINANCE: 'Finance',
};

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

function icon(kind: 'variation', name: VariationIcon | null): string;
function icon(kind: 'assurance', name: AssuranceIcon | null): string;
function icon(kind: 'variation' | 'assurance', name: string | null): string {
  if (!name) return '<span class="no-icon">—</span>';
  const words =
    kind === 'variation' ? variationWords(name as VariationIcon) : assuranceWords(name as AssuranceIcon);
  return `<img class="icon" src="/icons/${kind}/${name}.svg" alt="${escapeXml(words)}" title="${escapeXml(words)}" width="44" height="44">`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<link rel="stylesheet" href="/report/report.css"></head>
<body><main>${body}</main></body></html>`;
}

/** The icons' key, as Making Data Count prints it beside a summary table. */
function iconKey(): string {
  const entries = [
    ...VARIATION_ICONS.map(
      (name) => `<li>${icon('variation', name)}<span>${escapeXml(variationWords(name))}</span></li>`,
    ),
    ...ASSURANCE_ICONS.map(
      (name) => `<li>${icon('assurance', name)}<span>${escapeXml(assuranceWords(name))}</span></li>`,
    ),
  ];
  return `<details class="icon-key" open><summary>Reading the icons</summary><ul>${entries.join('')}</ul></details>`;
}

function companions(row: ReportRow): string {
  if (row.companions.length === 0) return '';
  return row.companions
    .map((companion) => {
      const value = companion.value === null ? 'no data' : formatValue(companion.value, companion.unit);
      const floor = companion.floor === null ? '' : `, floor ${formatValue(companion.floor, companion.unit)}`;
      const below = companion.belowFloor ? ' below-floor' : '';
      const warning = companion.belowFloor
        ? '<strong>Below its floor: the target may be hit and the point missed.</strong> '
        : '';
      return `<p class="companion${below}">${warning}${escapeXml(`${companion.label}: ${value}${floor}`)}</p>`;
    })
    .join('');
}

/**
 * The integrated performance report a board reads: one row per KPI, grouped by domain, with its value, tier,
 * variation and assurance icons, a sparkline of its chart, its companions and how many stories were told;
 * each KPI opens its chart, and its spread across the units below.
 */
export function reportPage(scope: ReportScope, rows: readonly ReportRow[], children: number): string {
  const { unit, period, from, to } = scope;
  const sections = DOMAINS.map((domain) => {
    const inDomain = rows.filter((row) => row.kpi.domain === domain);
    if (inDomain.length === 0) return '';
    const lines = inDomain.map((row) => {
      const variation = variationIconOf(row.series);
      const assurance = assuranceIconOf(row.series);
      const chart = `/charts/spc.html?${query({ unit: unit.code, kpi: row.kpi.key, from, to })}`;
      const across = `/report?${query({ unit: unit.code, period, kpi: row.kpi.key })}`;
      const value = row.value === null ? 'No data' : formatValue(row.value, row.kpi.unit);
      return (
        `<tr data-kpi="${escapeXml(row.kpi.key)}">` +
        `<th scope="row"><a href="${escapeXml(chart)}">${escapeXml(row.kpi.name)}</a>` +
        (children > 0 ? `<br><a class="across" href="${escapeXml(across)}">By unit below</a>` : '') +
        '</th>' +
        `<td class="value">${escapeXml(value)}<span class="reporting">${row.reporting} of ${row.expected} reporting</span></td>` +
        `<td class="tier" data-tier="${row.tier ?? ''}">${row.tier ? tierName(row.tier) : '—'}</td>` +
        `<td class="variation" data-icon="${variation ?? ''}">${icon('variation', variation)}</td>` +
        `<td class="assurance" data-icon="${assurance ?? ''}">${icon('assurance', assurance)}</td>` +
        `<td class="trend">${drawSparkline(row.series.points, `${row.kpi.name}, ${from} to ${to}`)}</td>` +
        `<td class="companions">${companions(row)}</td>` +
        `<td class="stories">${row.stories.length}</td>` +
        '</tr>'
      );
    });
    return (
      `<section><h2>${DOMAIN_NAMES[domain]}</h2><table><thead><tr>` +
      '<th scope="col">KPI</th><th scope="col">Value</th><th scope="col">Tier</th><th scope="col">Variation</th>' +
      `<th scope="col">Assurance</th><th scope="col">${escapeXml(`${from} to ${to}`)}</th>` +
      '<th scope="col">Companions</th><th scope="col">Stories</th>' +
      `</tr></thead><tbody>${lines.join('')}</tbody></table></section>`
    );
  });
  const title = `Integrated performance report: ${unit.name}, ${periodWords(period)}`;
  return page(
    title,
    `<header><h1>${escapeXml(title)}</h1><p class="scope">${escapeXml(unit.code)} · the variation and assurance of each KPI's chart of the 24 months to ${escapeXml(to)}</p>${iconKey()}</header>` +
      sections.join(''),
  );
}

export interface UnitRow {
  unit: { code: string; name: string };
  value: number | null;
  tier: Tier | null;
  series: ChartSeries;
}

/** One KPI across the units below: small multiples of their charts, each opening the unit's chart. */
export function acrossUnitsPage(scope: ReportScope, kpi: ReportKpi, units: readonly UnitRow[]): string {
  const { unit, period, from, to } = scope;
  const cards = units.map((row) => {
    const chart = `/charts/spc.html?${query({ unit: row.unit.code, kpi: kpi.key, from, to })}`;
    const value = row.value === null ? 'No data' : formatValue(row.value, kpi.unit);
    return (
      `<li class="unit" data-unit="${escapeXml(row.unit.code)}"><a href="${escapeXml(chart)}">` +
      `<h3>${escapeXml(row.unit.name)}</h3>` +
      `<p class="value">${escapeXml(value)} <span class="tier">${row.tier ? tierName(row.tier) : ''}</span></p>` +
      `<p class="icons">${icon('variation', variationIconOf(row.series))}${icon('assurance', assuranceIconOf(row.series))}</p>` +
      drawSparkline(row.series.points, `${row.unit.name}, ${from} to ${to}`) +
      '</a></li>'
    );
  });
  const title = `${kpi.name} across ${unit.name}, ${periodWords(period)}`;
  const back = `/report?${query({ unit: unit.code, period })}`;
  return page(
    title,
    `<header><h1>${escapeXml(title)}</h1><p class="scope"><a href="${escapeXml(back)}">Back to the report</a> · each unit's chart of the 24 months to ${escapeXml(to)}</p>${iconKey()}</header>` +
      (cards.length > 0 ? `<ul class="multiples">${cards.join('')}</ul>` : '<p>No units below this one.</p>'),
  );
}
