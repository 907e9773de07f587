import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino from 'pino';
import { REQUEST_ID_HEADER } from './answered-requests';
import type { AnsweredRequest } from './answered-requests';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  /** One line per GraphQL request over HTTP: never its variables, its token or any text it carried. */
  request?(request: AnsweredRequest): void;
}

/** Structured JSON lines on standard output (pino): time, level, message, and a request's fields. */
export function jsonLogger(destination?: pino.DestinationStream): Logger {
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return {
    info: (message) => log.info(message),
    error: (message, error) => log.error({ err: error }, message),
    request: ({ requestId, operation, subject, durationMs, errors }) =>
      log.info({ requestId, operation, subject, durationMs, errors }, 'graphql request'),
  };
}

/** A caller's own request id is kept when it is one a log can hold safely. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Gives every request an id (the caller's `X-Request-Id` when safe), and answers with it. */
export function requestIds(): RequestHandler {
  return (request, response, next) => {
    const given = request.headers[REQUEST_ID_HEADER];
    const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    request.headers[REQUEST_ID_HEADER] = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
}
