import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorBody } from './error-body';

/**
 * The last handlers: a path nothing serves, and an error nothing else answered (a malformed path, a body
 * a route could not read), answered in the API's own shape rather than as Express's HTML page.
 */
export function answersAsJson(logError: (error: unknown) => void): [RequestHandler, ErrorRequestHandler] {
  const notFound: RequestHandler = (_req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', 'Nothing is served here'));
  };
  const failed: ErrorRequestHandler = (error: { status?: unknown; expose?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(error);
    // http-errors' convention, which Express's own parsers and static files follow: 4xx errors may be shown.
    const status =
      typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logError(error);
    const message =
      status === 500 ? 'Internal server error' : String((error as Error).message ?? 'Bad request');
    res.status(status).json(errorBody(status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', message));
  };
  return [notFound, failed];
}
