import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { badUserInput, notFound } from '../../engine/errors';
import { chartStart } from '../../engine/kpi/kpi-facts';
import { periodInput } from '../../engine/kpi/period-input';
import { answerRefusal } from '../operations-in-process';
import { optionalParameter, requiredParameter } from '../query-parameters';
import type { RunOperation } from '../operations-in-process';
import { seriesOfEveryKpi } from '../series-of-every-kpi';
import type { SeriesOfEveryKpi } from '../series-of-every-kpi';

export interface ValuesExportOptions {
  operations: (req: Request, res: Response) => Promise<RunOperation>;
  logError: (error: unknown) => void;
}

/**
 * Units a page of the export reads in one operation: each unit's scorecard and its 24-month series for every
 * KPI, well within the work one operation may ask for, and a turn for other requests between pages.
 */
const UNITS_A_PAGE = 20;

const FIXED_COLUMNS = [
  'orgUnit',
  'orgUnitName',
  'level',
  'kpi',
  'period',
  'value',
  'tier',
  'variation',
  'assurance',
  'reporting',
  'expected',
] as const;

interface KpiInputs {
  key: string;
  inputs: { name: string }[];
}

interface ExportedValue {
  kpi: { key: string };
  value: number | null;
  tier: string | null;
  reporting: number;
  expected: number;
  inputs: { name: string; value: number | null }[];
}

type ExportedUnit = {
  code: string;
  name: string;
  level: string;
  scorecard: ExportedValue[];
} & Record<string, unknown>;

/** A page: the unit's own fields when `$self`, the units below it when `$below`. */
interface ExportPage {
  orgUnit:
    | (ExportedUnit & {
        descendantsConnection?: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: ExportedUnit[];
        };
      })
    | null;
}

/**
 * The query of one page: the unit itself (on the first page), or a page of the units below it; for each, its
 * scorecard and, per KPI, the variation and assurance of the monthly series ending with the period.
 */
function pageQuery(series: SeriesOfEveryKpi): string {
  return `query ExportValues($unit: String!, $period: String!, $from: String!, $to: String!, $self: Boolean!,
      $below: Boolean!, $first: Int!, $after: String${series.declarations}) {
    orgUnit(code: $unit) {
      ...Exported @include(if: $self)
      descendantsConnection(first: $first, after: $after) @include(if: $below) {
        pageInfo { hasNextPage endCursor }
        nodes { ...Exported }
      }
    }
  }
  fragment Exported on OrgUnit {
    code name level
    scorecard(period: $period) { kpi { key } value tier reporting expected inputs { name value } }
    ${series.fields}
  }`;
}

/** The export's options from the query string, refused with the parameter named. */
function exportOptions(query: Request['query']): { unit: string; period: string; descendants: boolean } {
  const unit = requiredParameter(query, 'unit', 'a unit’s code');
  const period = requiredParameter(query, 'period', 'a month, quarter, financial year or year');
  const descendants = optionalParameter(query, 'descendants') ?? 'false';
  if (descendants !== 'true' && descendants !== 'false') {
    throw badUserInput('descendants', 'descendants is true or false');
  }
  return { unit, period, descendants: descendants === 'true' };
}

/**
 * `GET /export/values.csv?unit=&period=&descendants=`: one row per unit, KPI and period (the unit itself, and
 * with `descendants=true` every unit below it, top-down): its inputs, value, tier, reporting and expected, and
 * the variation and assurance of its 24-month series ending with the period. Read a page of units at a time
 * through GraphQL as the caller, and streamed as it is read, so neither the server's memory nor its answer
 * waits on the size of the tree.
 */
export function valuesExport({ operations, logError }: ValuesExportOptions): Router {
  const router = express.Router();
  router.get('/values.csv', async (req, res) => {
    let run: RunOperation;
    let kpis: KpiInputs[];
    let options: ReturnType<typeof exportOptions>;
    let first: ExportPage;
    let variables: Record<string, unknown>;
    let series: SeriesOfEveryKpi;
    try {
      options = exportOptions(req.query);
      const to = periodInput(options.period).months.at(-1)!;
      run = await operations(req, res);
      ({ kpis } = await run<{ kpis: KpiInputs[] }>('query ExportKpis { kpis { key inputs { name } } }', {}));
      series = seriesOfEveryKpi(
        kpis.map((kpi) => kpi.key),
        'variation assurance',
      );
      variables = {
        unit: options.unit,
        period: options.period,
        from: chartStart(to),
        to,
        first: UNITS_A_PAGE,
        ...series.variables,
      };
      // The unit itself is read before anything is sent, so a refusal is still answered as a coded error.
      first = await run<ExportPage>(pageQuery(series), {
        ...variables,
        self: true,
        below: false,
        after: null,
      });
      if (!first.orgUnit) throw notFound(`No unit has the code "${options.unit}" (field "unit")`);
    } catch (error) {
      answerRefusal(res, error, 'The export could not be read', logError);
      return;
    }

    const inputNames = [...new Set(kpis.flatMap((kpi) => kpi.inputs.map((input) => input.name)))];
    const csv = stringify({ header: true, columns: [...FIXED_COLUMNS, ...inputNames] });
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="values-${options.unit}-${options.period}.csv"`)
      .type('text/csv; charset=utf-8');
    const sent = pipeline(csv, res);
    const write = async (unit: ExportedUnit) => {
      for (const value of unit.scorecard) {
        const signal = series.of<{ variation: string | null; assurance: string | null }>(unit, value.kpi.key);
        const row: Record<string, unknown> = {
          orgUnit: unit.code,
          orgUnitName: unit.name,
          level: unit.level,
          kpi: value.kpi.key,
          period: options.period,
          value: value.value,
          tier: value.tier,
          variation: signal.variation,
          assurance: signal.assurance,
          reporting: value.reporting,
          expected: value.expected,
          ...Object.fromEntries(value.inputs.map((input) => [input.name, input.value])),
        };
        if (!csv.write(row)) await once(csv, 'drain');
      }
    };
    try {
      await write(first.orgUnit!);
      let after: string | null = null;
      while (options.descendants) {
        const page: ExportPage = await run<ExportPage>(pageQuery(series), {
          ...variables,
          self: false,
          below: true,
          after,
        });
        const connection = page.orgUnit!.descendantsConnection!;
        for (const unit of connection.nodes) await write(unit);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      csv.end();
      await sent;
    } catch (error) {
      // The status line has gone: a broken transfer, not a file that looks whole, tells the client it failed.
      logError(error);
      csv.destroy();
      res.destroy();
    }
  });
  return router;
}
