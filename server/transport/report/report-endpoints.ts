import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { chromium } from 'playwright-core';
import { notFound } from '../../engine/errors';
import { chartStart } from '../../engine/kpi/kpi-facts';
import { periodInput } from '../../engine/kpi/period-input';
import { errorBody } from '../error-body';
import { answerRefusal } from '../operations-in-process';
import { optionalParameter, requiredParameter } from '../query-parameters';
import type { RunOperation } from '../operations-in-process';
import { seriesOfEveryKpi } from '../series-of-every-kpi';
import { acrossUnitsPage, reportPage } from './report-page';
import type { ReportKpi, ReportRow, ReportScope, UnitRow } from './report-page';

export interface ReportEndpointOptions {
  operations: (req: Request, res: Response) => Promise<RunOperation>;
  logError: (error: unknown) => void;
  /** The Chromium that prints the report as PDF. */
  chromiumPath: string;
}

/** The report's style sheet, for the screen and for A4 landscape paper. */
export const REPORT_PAGE_DIR = path.join(__dirname, 'page');

const SERIES_FIELDS = `variation assurance trialLimits
  points { period value mean upperProcessLimit lowerProcessLimit pointType essential }`;

/** The report's scope from the query string, refused with the parameter named. */
function scopeOf(query: Request['query']): Omit<ReportScope, 'unit'> & { unit: string; kpi?: string } {
  const unit = requiredParameter(query, 'unit', 'a unit’s code');
  const period = requiredParameter(query, 'period', 'a month, quarter, financial year or year');
  const kpi = optionalParameter(query, 'kpi');
  const to = periodInput(period).months.at(-1)!;
  return { unit, period, from: chartStart(to), to, ...(kpi ? { kpi } : {}) };
}

async function readReport(run: RunOperation, scope: ReturnType<typeof scopeOf>): Promise<string> {
  const variables = { unit: scope.unit, period: scope.period, from: scope.from, to: scope.to };
  if (scope.kpi) {
    const data = await run<{
      kpi: ReportKpi | null;
      orgUnit: {
        code: string;
        name: string;
        children: (UnitRow['unit'] & {
          kpiValue: Pick<UnitRow, 'value' | 'tier'>;
          series: UnitRow['series'];
        })[];
      } | null;
    }>(
      `query ReportAcrossUnits($unit: String!, $kpi: String!, $period: String!, $from: String!, $to: String!) {
        kpi(key: $kpi) { key name domain unit }
        orgUnit(code: $unit) {
          code name
          children { code name kpiValue(kpi: $kpi, period: $period) { value tier } series(kpi: $kpi, from: $from, to: $to) { ${SERIES_FIELDS} } }
        }
      }`,
      { ...variables, kpi: scope.kpi },
    );
    if (!data.orgUnit) throw notFound(`No unit has the code "${scope.unit}" (field "unit")`);
    if (!data.kpi) throw notFound(`No KPI has the key "${scope.kpi}" (field "kpi")`);
    return acrossUnitsPage(
      { ...scope, unit: { code: data.orgUnit.code, name: data.orgUnit.name } },
      data.kpi,
      data.orgUnit.children.map((child) => ({
        unit: { code: child.code, name: child.name },
        ...child.kpiValue,
        series: child.series,
      })),
    );
  }
  const { kpis } = await run<{ kpis: { key: string }[] }>('query ReportKpis { kpis { key } }', {});
  const series = seriesOfEveryKpi(
    kpis.map((kpi) => kpi.key),
    SERIES_FIELDS,
  );
  const data = await run<{
    orgUnit:
      | ({
          code: string;
          name: string;
          children: { code: string }[];
          scorecard: Omit<ReportRow, 'series'>[];
        } & Record<string, unknown>)
      | null;
  }>(
    `query Report($unit: String!, $period: String!, $from: String!, $to: String!${series.declarations}) {
      orgUnit(code: $unit) {
        code name children { code }
        scorecard(period: $period) {
          kpi { key name domain unit } value tier reporting expected
          companions { label unit floor value belowFloor }
          stories(descendants: true) { id }
        }
        ${series.fields}
      }
    }`,
    { ...variables, ...series.variables },
  );
  if (!data.orgUnit) throw notFound(`No unit has the code "${scope.unit}" (field "unit")`);
  const { orgUnit } = data;
  const rows = orgUnit.scorecard.map((row) => ({
    ...row,
    series: series.of<ReportRow['series']>(orgUnit, row.kpi.key),
  }));
  return reportPage(
    { ...scope, unit: { code: orgUnit.code, name: orgUnit.name } },
    rows,
    orgUnit.children.length,
  );
}

/**
 * `GET /report?unit=&period=[&kpi=]`: the integrated performance report of a unit for a period, or one KPI
 * across the units below it; `GET /report.pdf` with the same parameters prints it on A4 landscape through
 * headless Chromium, for the board pack. Both read through GraphQL as the caller.
 */
export function reportEndpoints({ operations, logError, chromiumPath }: ReportEndpointOptions): {
  page: Router;
  pdf: express.RequestHandler;
} {
  const page = express.Router();
  page.use(express.static(REPORT_PAGE_DIR, { index: false, redirect: false }));
  page.get('/', async (req, res) => {
    try {
      const html = await readReport(await operations(req, res), scopeOf(req.query));
      res.set('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html);
    } catch (error) {
      answerRefusal(res, error, 'The report could not be read', logError);
    }
  });

  const pdf: express.RequestHandler = async (req, res) => {
    try {
      // The report is read first, so a bad parameter or a refused token is answered before Chromium starts.
      await readReport(await operations(req, res), scopeOf(req.query));
    } catch (error) {
      answerRefusal(res, error, 'The report could not be read', logError);
      return;
    }
    if (!existsSync(chromiumPath)) {
      res
        .status(503)
        .json(
          errorBody(
            'PDF_UNAVAILABLE',
            `Printing needs Chromium at ${chromiumPath} (CHROMIUM_PATH): install it, or print /report from a browser`,
          ),
        );
      return;
    }
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext({
        extraHTTPHeaders: req.headers.authorization ? { Authorization: req.headers.authorization } : {},
      });
      const tab = await context.newPage();
      const address = `http://127.0.0.1:${req.socket.localPort}/report?${new URLSearchParams(req.query as Record<string, string>).toString()}`;
      const answered = await tab.goto(address, { waitUntil: 'networkidle' });
      if (!answered?.ok()) throw new Error(`The report answered ${answered?.status()} to Chromium`);
      const file = await tab.pdf({
        format: 'A4',
        landscape: true,
        printBackground: true,
        preferCSSPageSize: true,
      });
      res
        .set('Cache-Control', 'no-store')
        .set(
          'Content-Disposition',
          `inline; filename="report-${String(req.query.unit)}-${String(req.query.period)}.pdf"`,
        )
        .type('application/pdf')
        .send(file);
    } catch (error) {
      logError(error);
      res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'The report could not be printed'));
    } finally {
      await browser.close();
    }
  };
  return { page, pdf };
}
