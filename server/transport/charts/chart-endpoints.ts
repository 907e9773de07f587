import path from 'node:path';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { badUserInput, notFound } from '../../engine/errors';
import { answerRefusal } from '../operations-in-process';
import { optionalParameter, requiredParameter } from '../query-parameters';
import type { RunOperation } from '../operations-in-process';
import { chartTable } from './chart-table';
import { escapeXml } from './escape-xml';
import type { ChartSeries } from './series-icons';
import { drawSpcChart } from './spc-chart';
import type { ChartStory, SpcChartInput } from './spc-chart';

export interface ChartEndpointOptions {
  operations: (req: Request, res: Response) => Promise<RunOperation>;
  logError: (error: unknown) => void;
}

/** What the chart page serves as it is: its style sheet. */
export const CHART_PAGE_DIR = path.join(__dirname, 'page');

const MONTH = /^\d{4}-\d{2}$/;
/** As `series` takes at most ten years, the stories of at most eleven calendar years are read. */
const MOST_STORY_YEARS = 11;

/**
 * The query a chart is drawn from: `series` with its own checks and errors, the KPI, and the stories of each
 * calendar year the months touch. The years come in variables, so only their number shapes the document.
 */
function chartQuery(storyYears: number): string {
  const yearVariables = Array.from({ length: storyYears }, (_, index) => `, $year${index}: String!`).join('');
  const stories = Array.from(
    { length: storyYears },
    (_, index) => `stories${index}: stories(kpi: $kpi, period: $year${index}) { period kind text }`,
  ).join('\n');
  return `query SpcChart($unit: String!, $kpi: String!, $from: String!, $to: String!, $baseline: Int, $rebase: [String!]${yearVariables}) {
    kpi(key: $kpi) { name unit direction }
    orgUnit(code: $unit) {
      code name
      series(kpi: $kpi, from: $from, to: $to, baseline: $baseline, rebase: $rebase) {
        variation assurance trialLimits
        points { period value mean upperProcessLimit lowerProcessLimit pointType essential }
      }
      ${stories}
    }
  }`;
}

interface ChartData {
  kpi: SpcChartInput['kpi'] | null;
  orgUnit: ({ code: string; name: string; series: ChartSeries } & Record<string, unknown>) | null;
}

/** The chart's options from the query string, refused with the parameter named. */
function chartVariables(query: Request['query']): Record<string, unknown> {
  const baseline = optionalParameter(query, 'baseline');
  if (baseline !== undefined && !/^\d+$/.test(baseline))
    throw badUserInput('baseline', 'baseline is a whole number');
  const rebase = ([] as unknown[]).concat(query.rebase ?? []).flatMap((value) => {
    if (typeof value !== 'string') throw badUserInput('rebase', 'rebase is a month, or months with commas');
    return value.split(',').filter((month) => month !== '');
  });
  const from = requiredParameter(query, 'from', 'the first month, e.g. 2024-04');
  const to = requiredParameter(query, 'to', 'the last month, e.g. 2026-03');
  const years: Record<string, string> = {};
  if (MONTH.test(from) && MONTH.test(to) && from <= to) {
    const first = Number(from.slice(0, 4));
    const last = Math.min(Number(to.slice(0, 4)), first + MOST_STORY_YEARS - 1);
    for (let year = first; year <= last; year++) years[`year${year - first}`] = String(year);
  }
  return {
    unit: requiredParameter(query, 'unit', 'a unit’s code'),
    kpi: requiredParameter(query, 'kpi', 'a KPI’s key'),
    from,
    to,
    baseline: baseline === undefined ? null : Number(baseline),
    rebase: rebase.length > 0 ? rebase : null,
    ...years,
  };
}

/**
 * `GET /charts/spc.svg` and `GET /charts/spc.html`: a KPI's XmR chart at a unit, as an image and as a page
 * with the table of its points beside it. They take `series`' options as query parameters (`unit`, `kpi`,
 * `from`, `to`, `baseline`, `rebase`) and read through the same GraphQL as any client, with the caller's token,
 * so its checks and errors are the API's own.
 */
export function chartEndpoints({ operations, logError }: ChartEndpointOptions): Router {
  const router = express.Router();

  const readChart = async (req: Request, res: Response): Promise<SpcChartInput> => {
    const variables = chartVariables(req.query);
    const storyYears = Object.keys(variables).filter((name) => name.startsWith('year')).length;
    const run = await operations(req, res);
    const data = await run<ChartData>(chartQuery(storyYears), variables);
    if (!data?.orgUnit) throw notFound(`No unit has the code "${String(variables.unit)}" (field "unit")`);
    if (!data.kpi) throw notFound(`No KPI has the key "${String(variables.kpi)}" (field "kpi")`);
    const stories = Object.entries(data.orgUnit)
      .filter(([field]) => field.startsWith('stories'))
      .flatMap(([, value]) => value as ChartStory[]);
    return {
      kpi: data.kpi,
      unit: { code: data.orgUnit.code, name: data.orgUnit.name },
      series: data.orgUnit.series,
      stories,
    };
  };

  const answer =
    (draw: (chart: SpcChartInput) => string, contentType: string) => async (req: Request, res: Response) => {
      try {
        const chart = await readChart(req, res);
        // Values move with every submission: a chart is drawn afresh each time it is asked for.
        res.set('Cache-Control', 'no-store').type(contentType).send(draw(chart));
      } catch (error) {
        answerRefusal(res, error, 'The chart could not be drawn', logError);
      }
    };

  router.get('/spc.svg', answer(drawSpcChart, 'image/svg+xml; charset=utf-8'));
  router.get(
    '/spc.html',
    answer(
      (chart) => `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(`${chart.kpi.name}: ${chart.unit.name}`)}</title>
<link rel="stylesheet" href="/charts/chart.css"></head>
<body><main>
<figure>${drawSpcChart(chart)}<figcaption>${escapeXml(chart.kpi.name)} at ${escapeXml(chart.unit.name)}: the chart's points as a table follow.</figcaption></figure>
${chartTable(chart)}
</main></body></html>`,
      'text/html; charset=utf-8',
    ),
  );
  return router;
}
