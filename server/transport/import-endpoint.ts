import { Transform, finished } from 'node:stream';
import type { Readable } from 'node:stream';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Context } from '../../schema/context';
import type { Viewer } from '../engine/access/viewer';
import { DomainError } from '../engine/errors';
import { importObservations } from '../storage/import/import-observations';
import type { RowProblem } from '../storage/import/import-report';
import { summarise } from '../storage/import/import-report';
import { formatOf, readImportRows } from '../storage/import/read-import-rows';
import { HTTP_STATUS_OF_CODE, errorBody } from './error-body';

/** Larger files are split: one transaction holds its KPIs' write locks until it commits. */
export const MAX_IMPORT_BYTES = 1024 ** 3;
/** The problems a response lists; `problemCount` counts every one. */
export const MAX_LISTED_PROBLEMS = 10_000;

export interface ImportEndpointOptions {
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  createContext: (viewer: Viewer) => Context;
  logError: (error: unknown) => void;
  /** The largest body taken, in bytes: `MAX_IMPORT_BYTES` unless a test sets a smaller one. */
  maxBytes?: number;
}

/** The body is over the limit: refused with 413, whether its length said so or it grew past it. */
class BodyTooLarge extends Error {
  constructor(maxBytes: number) {
    const size = maxBytes % 1024 ** 3 === 0 ? `${maxBytes / 1024 ** 3} GiB` : `${maxBytes} bytes`;
    super(`The body is larger than ${size}, the most an import takes: split the file and send each part`);
  }
}

/** The client went away before the body ended: there is no one to answer, and nothing went wrong here. */
class ClientGone extends Error {
  constructor() {
    super('the client went away before the body ended');
  }
}

/**
 * The request's body as the rows' reader takes it. Any failure of the body fails this stream, and the reader
 * with it (`readImportRows`), so the import rolls back: a body growing over the limit, or a request cut off
 * midway, which alone would leave a pipe waiting for an end that never comes.
 */
function bodyOf(req: Request, maxBytes: number): Readable {
  let seen = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new BodyTooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  // The reader sees the error; it may fail before the reader starts, and must not be an unhandled one then.
  body.on('error', () => undefined);
  finished(req, (error) => {
    if (error) body.destroy(new ClientGone());
  });
  // Over the limit the body fails, and the request is unpiped and paused: the rest is not read.
  req.pipe(body);
  return body;
}

/**
 * `POST /import`: a CSV (`text/csv`) or JSON Lines (`application/x-ndjson`) body of observations, streamed
 * through the same import as the `importObservations` mutation, without its row bound; `?dryRun=true` checks
 * and counts only. Answers the report as JSON: 200 when stored (or a clean dry run), 422 with the problems
 * when any row was refused, and then nothing was written.
 */
export function importEndpoint({
  authenticate,
  createContext,
  logError,
  maxBytes = MAX_IMPORT_BYTES,
}: ImportEndpointOptions): Router {
  const router = express.Router();
  router.post('/', async (req: Request, res: Response) => {
    const answer = (status: number, body: object) => {
      // The rest of a body not read to its end is not read at all: the connection closes after the answer.
      if (!req.complete) res.set('connection', 'close');
      res.status(status).json(body);
    };
    const refuse = (status: number, code: string, message: string) =>
      answer(status, errorBody(code, message));

    const format = formatOf(req.headers['content-type'] ?? '');
    if (!format) {
      refuse(415, 'BAD_USER_INPUT', 'Send the rows as text/csv or application/x-ndjson (JSON Lines)');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      refuse(413, 'BAD_USER_INPUT', new BodyTooLarge(maxBytes).message);
      return;
    }
    const body = bodyOf(req, maxBytes);
    const problems: RowProblem[] = [];
    try {
      const context = createContext(await authenticate(req.headers.authorization));
      const report = await importObservations(
        { em: context.em, registry: context.registry, access: context.access, now: context.now() },
        readImportRows(body, format),
        {
          dryRun: req.query.dryRun === 'true',
          onProblem: (problem) => void (problems.length < MAX_LISTED_PROBLEMS && problems.push(problem)),
        },
      );
      problems.sort((a, b) => a.line - b.line);
      answer(report.problemCount > 0 ? 422 : 200, { ...report, summary: summarise(report), problems });
    } catch (error) {
      if (error instanceof ClientGone) return;
      if (error instanceof BodyTooLarge) {
        refuse(413, 'BAD_USER_INPUT', error.message);
        return;
      }
      const code = error instanceof DomainError ? error.code : undefined;
      if (code && HTTP_STATUS_OF_CODE[code]) {
        refuse(HTTP_STATUS_OF_CODE[code], code, error instanceof Error ? error.message : String(error));
        return;
      }
      logError(error);
      refuse(500, 'INTERNAL_SERVER_ERROR', 'The import failed and nothing was written');
    }
  });
  return router;
}
