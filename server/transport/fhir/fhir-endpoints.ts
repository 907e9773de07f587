import express from 'express';
import type { Request, Response, Router } from 'express';
import { notFound } from '../../engine/errors';
import { chartStart } from '../../engine/kpi/kpi-facts';
import { periodInput } from '../../engine/kpi/period-input';
import { refusalOf } from '../operations-in-process';
import { requiredParameter } from '../query-parameters';
import type { RunOperation } from '../operations-in-process';
import { measureOf, measureReportOf } from './measure-resources';
import type { FhirKpi, FhirReport, FhirUnitValue } from './measure-resources';

export interface FhirEndpointOptions {
  operations: (req: Request, res: Response) => Promise<RunOperation>;
  logError: (error: unknown) => void;
  now: () => Date;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const KPI_FIELDS = 'key name why unit direction inputs { name label }';
const VALUE_FIELDS = 'value inputs { name value }';

/** FHIR's issue type for each of the API's codes (https://hl7.org/fhir/R4/valueset-issue-type.html). */
const ISSUE_TYPE: Record<string, string> = {
  BAD_USER_INPUT: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
};

/** The server's FHIR base, as the request reached it: canonical URLs and extensions hang from it. */
const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}/fhir`;

/** A refusal as FHIR clients read one: an OperationOutcome, with the API's code and the field named. */
function answerOutcome(res: Response, error: unknown, logError: (error: unknown) => void): void {
  const { code, status, field, message } = refusalOf(error, 'The resource could not be read', logError);
  res
    .status(status)
    .type(FHIR_JSON)
    .send(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: ISSUE_TYPE[code] ?? (status === 400 ? 'invalid' : 'exception'),
            details: { coding: [{ code }], text: message },
            ...(field ? { expression: [field] } : {}),
          },
        ],
      }),
    );
}

/**
 * FHIR R4 reads of the KPIs and their values, through GraphQL as the caller: `GET /fhir/Measure/<kpi>`, and
 * `GET /fhir/MeasureReport?measure=<kpi>&reporter=<unit>&period=<period>`, a search set holding that unit's
 * summary MeasureReport for the period.
 */
export function fhirEndpoints({ operations, logError, now }: FhirEndpointOptions): Router {
  const router = express.Router();

  router.get('/Measure/:key', async (req, res) => {
    try {
      const run = await operations(req, res);
      const { kpi } = await run<{ kpi: FhirKpi | null }>(
        `query FhirMeasure($key: String!) { kpi(key: $key) { ${KPI_FIELDS} } }`,
        {
          key: req.params.key,
        },
      );
      if (!kpi) throw notFound(`No KPI has the key "${req.params.key}"`);
      res.type(FHIR_JSON).send(JSON.stringify(measureOf(kpi, baseOf(req))));
    } catch (error) {
      answerOutcome(res, error, logError);
    }
  });

  router.get('/MeasureReport', async (req, res) => {
    try {
      const measure = requiredParameter(req.query, 'measure', 'a KPI’s key, e.g. seven-day-follow-up');
      const reporter = requiredParameter(req.query, 'reporter', 'a unit’s code, e.g. RNM');
      const period = requiredParameter(req.query, 'period', 'a month, quarter, financial year or year');
      const to = periodInput(period).months.at(-1)!;
      const run = await operations(req, res);
      const data = await run<{
        kpi: FhirKpi | null;
        orgUnit:
          | (FhirUnitValue & {
              kpiValue: { tier: string | null; value: number | null; inputs: FhirUnitValue['inputs'] };
              series: { variation: string | null; assurance: string | null };
              stories: FhirReport['unit']['stories'];
              children: {
                code: string;
                name: string;
                kpiValue: { value: number | null; inputs: FhirUnitValue['inputs'] };
              }[];
            })
          | null;
      }>(
        `query FhirMeasureReport($kpi: String!, $unit: String!, $period: String!, $from: String!, $to: String!) {
          kpi(key: $kpi) { ${KPI_FIELDS} }
          orgUnit(code: $unit) {
            code name
            kpiValue(kpi: $kpi, period: $period) { tier ${VALUE_FIELDS} }
            series(kpi: $kpi, from: $from, to: $to) { variation assurance }
            stories(kpi: $kpi, period: $period) { kind text period }
            children { code name kpiValue(kpi: $kpi, period: $period) { ${VALUE_FIELDS} } }
          }
        }`,
        { kpi: measure, unit: reporter, period, from: chartStart(to), to },
      );
      if (!data.orgUnit) throw notFound(`No unit has the code "${reporter}" (field "reporter")`);
      if (!data.kpi) throw notFound(`No KPI has the key "${measure}" (field "measure")`);
      const { orgUnit } = data;
      const report = measureReportOf(
        {
          kpi: data.kpi,
          period,
          unit: {
            code: orgUnit.code,
            name: orgUnit.name,
            ...orgUnit.kpiValue,
            ...orgUnit.series,
            stories: orgUnit.stories,
          },
          children: orgUnit.children.map((child) => ({
            code: child.code,
            name: child.name,
            ...child.kpiValue,
          })),
        },
        baseOf(req),
        now(),
      );
      const bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        total: 1,
        link: [{ relation: 'self', url: `${baseOf(req)}${req.url}` }],
        entry: [
          {
            resource: report,
            search: { mode: 'match' },
          },
        ],
      };
      res.set('Cache-Control', 'no-store').type(FHIR_JSON).send(JSON.stringify(bundle));
    } catch (error) {
      answerOutcome(res, error, logError);
    }
  });
  return router;
}
