import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import pino from 'pino';
import type { Context } from '../schema/context';

/** One GraphQL request over HTTP, as logged: never its variables, its token or any text it carried. */
export interface RequestLogEntry {
  requestId: string;
  operation: string | null;
  subject: string | null;
  durationMs: number;
  /** The `extensions.code` of each error in the answer. */
  errors: string[];
}

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  request?(entry: RequestLogEntry): void;
}

/** Structured JSON lines on standard output (pino): time, level, message, and a request's fields. */
export function jsonLogger(destination?: pino.DestinationStream): Logger {
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return {
    info: (message) => log.info(message),
    error: (message, error) => log.error({ err: error }, message),
    request: (entry) => log.info(entry, 'graphql request'),
  };
}

export const REQUEST_ID_HEADER = 'x-request-id';
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

/** Logs each GraphQL request over HTTP once its answer is ready. */
export function logRequests(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          logger.request?.({
            requestId: request.http?.headers.get(REQUEST_ID_HEADER) ?? '',
            operation: operationName ?? null,
            // Absent when the request was refused before it had a context (a token that did not verify).
            subject: (contextValue as Context | undefined)?.access.viewer.subject ?? null,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            errors: errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          });
        },
      };
    },
  };
}
