import { Transform } from 'node:stream';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import type { Context } from '../../schema/context';
import type { Viewer } from '../auth/viewer';
import { importObservations } from './import-observations';
import type { RowProblem } from './import-report';
import { summarise } from './import-report';
import { formatOf, readImportRows } from './read-import-rows';

/** Larger files are split: one transaction holds its KPIs' write locks until it commits. */
export const MAX_IMPORT_BYTES = 1024 ** 3;
/** The problems a response lists; `problemCount` counts every one. */
export const MAX_LISTED_PROBLEMS = 10_000;

const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export interface ImportEndpointOptions {
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  createContext: (viewer: Viewer) => Context;
  logError: (error: unknown) => void;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Passes the body through, and fails it once it is larger than the bound. */
function bounded(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new Error(`the body is larger than ${maxBytes} bytes: split the file`));
      else done(null, chunk);
    },
  });
}

/**
 * `POST /import`: a CSV (`text/csv`) or JSON Lines (`application/x-ndjson`) body of observations, streamed
 * through the same import as the `importObservations` mutation, without its row bound; `?dryRun=true` checks
 * and counts only. Answers the report as JSON: 200 when stored (or a clean dry run), 422 with the problems
 * when any row was refused, and then nothing was written.
 */
export function importEndpoint({ authenticate, createContext, logError }: ImportEndpointOptions): Router {
  const router = express.Router();
  router.post('/', async (req: Request, res: Response) => {
    const format = formatOf(req.headers['content-type'] ?? '');
    if (!format) {
      refuse(res, 415, 'BAD_USER_INPUT', 'Send the rows as text/csv or application/x-ndjson (JSON Lines)');
      return;
    }
    const problems: RowProblem[] = [];
    try {
      const context = createContext(await authenticate(req.headers.authorization));
      const report = await importObservations(
        { em: context.em, registry: context.registry, access: context.access, now: context.now() },
        readImportRows(req.pipe(bounded(MAX_IMPORT_BYTES)), format),
        {
          dryRun: req.query.dryRun === 'true',
          onProblem: (problem) => void (problems.length < MAX_LISTED_PROBLEMS && problems.push(problem)),
        },
      );
      problems.sort((a, b) => a.line - b.line);
      res
        .status(report.problemCount > 0 ? 422 : 200)
        .json({ ...report, summary: summarise(report), problems });
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : undefined;
      if (code && STATUS_OF_CODE[code]) {
        refuse(res, STATUS_OF_CODE[code], code, error instanceof Error ? error.message : String(error));
        return;
      }
      logError(error);
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The import failed and nothing was written');
    }
  });
  return router;
}
