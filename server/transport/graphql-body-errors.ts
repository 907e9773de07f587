import type { ErrorRequestHandler } from 'express';
import { errorBody } from './error-body';

/** What the JSON body parser says went wrong, when it does. */
interface BodyParserError {
  type?: string;
  limit?: number;
}

/**
 * Answers a body `/graphql` could not read (not JSON, or over the limit) as GraphQL JSON with a code, as every
 * other error there is, rather than as Express's HTML page with its stack trace. Anything else goes on.
 */
export function graphqlBodyErrors(): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    const answer = (status: number, message: string) =>
      res.status(status).json(errorBody('BAD_REQUEST', message));
    if (error.type === 'entity.parse.failed') return answer(400, 'The body is not valid JSON');
    if (error.type === 'entity.too.large') {
      return answer(413, `The body is over the limit of ${((error.limit ?? 0) / 1024 / 1024).toFixed(0)} MB`);
    }
    if (error.type?.startsWith('charset.') || error.type?.startsWith('encoding.')) {
      return answer(415, 'The body must be JSON in UTF-8');
    }
    next(error);
  };
}
