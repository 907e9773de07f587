import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationTypeNode } from 'graphql';
import type { Context } from '../../schema/context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A GraphQL request over HTTP once its answer is ready: what the log and the metrics both take from it. */
export interface AnsweredRequest {
  requestId: string;
  /** The operation's name; null when it has none. */
  operation: string | null;
  /** Null when the operation never resolved: bad JSON, a parse or validation failure, an unknown name. */
  type: OperationTypeNode | null;
  subject: string | null;
  durationMs: number;
  /** The `extensions.code` of each error in the answer, as the client receives it. */
  errors: string[];
}

/** Hands every GraphQL request over HTTP, as answered, to each of `observers`. */
export function observeAnsweredRequests(
  ...observers: ((request: AnsweredRequest) => void)[]
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const answered: AnsweredRequest = {
            requestId: request.http?.headers.get(REQUEST_ID_HEADER) ?? '',
            operation: operationName ?? null,
            type: operation?.operation ?? null,
            // Absent when the request was refused before it had a context (a token that did not verify).
            subject: (contextValue as Context | undefined)?.access.viewer.subject ?? null,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            errors: errors.map((error) => {
              const code = error.extensions?.code;
              return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
            }),
          };
          for (const observe of observers) observe(answered);
        },
      };
    },
  };
}
