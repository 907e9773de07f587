import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import type { Context } from '../../schema/context';
import type { Viewer } from '../engine/access/viewer';
import { DomainError } from '../engine/errors';
import { HTTP_STATUS_OF_CODE, errorBody } from './error-body';
import { requestSignal } from './request-budget';

export interface InProcessOptions {
  apollo: ApolloServer<Context>;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  createContext: (viewer: Viewer, signal: AbortSignal) => Context;
  requestTimeoutMs: number;
}

/** The first error a GraphQL answer carried, with its code as the API gave it. */
export class OperationRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs one operation as the request's caller; rejects with OperationRefused when the answer has an error. */
export type RunOperation = <Data>(query: string, variables: Record<string, unknown>) => Promise<Data>;

/**
 * The pages and files the server draws (charts, exports) read through the same GraphQL as any client, as the
 * request's caller, with its time budget: the API's checks, limits and errors are theirs, with no copy of
 * them. The token is checked once, before the first operation.
 */
export function operationsInProcess({
  apollo,
  authenticate,
  createContext,
  requestTimeoutMs,
}: InProcessOptions): (req: Request, res: Response) => Promise<RunOperation> {
  return async (req, res) => {
    const viewer = await authenticate(req.headers.authorization);
    const signal = requestSignal(res, requestTimeoutMs);
    return async <Data>(query: string, variables: Record<string, unknown>) => {
      const response = await apollo.executeOperation<Data>(
        { query, variables },
        { contextValue: createContext(viewer, signal) },
      );
      if (response.body.kind !== 'single') throw new Error('An operation in process is answered in one part');
      const { data, errors } = response.body.singleResult;
      const [error] = errors ?? [];
      if (error)
        throw new OperationRefused(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), error.message);
      return data as Data;
    };
  };
}

/** How a refusal is answered: the API's code, the HTTP status of it, the field it names, and what to say. */
export interface Refusal {
  code: string;
  status: number;
  field: string | undefined;
  /** The error's own message; for anything unforeseen (a 500), `failed`, and the error is logged. */
  message: string;
}

export function refusalOf(error: unknown, failed: string, logError: (error: unknown) => void): Refusal {
  const code =
    error instanceof DomainError || error instanceof OperationRefused ? error.code : 'INTERNAL_SERVER_ERROR';
  // A query string GraphQL refused (a month it could not read, say) is the caller's to correct.
  const status = HTTP_STATUS_OF_CODE[code] ?? (code === 'GRAPHQL_VALIDATION_FAILED' ? 400 : 500);
  if (status === 500) logError(error);
  return {
    code,
    status,
    field: error instanceof DomainError ? error.field : undefined,
    message: status === 500 ? failed : (error as Error).message,
  };
}

/** Answers a refusal before anything else was sent: the API's coded error as JSON (see `refusalOf`). */
export function answerRefusal(
  res: Response,
  error: unknown,
  failed: string,
  logError: (error: unknown) => void,
): void {
  const { status, code, message } = refusalOf(error, failed, logError);
  res.status(status).json(errorBody(code, message));
}
