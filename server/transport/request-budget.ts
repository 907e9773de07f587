import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { errorBody } from './error-body';

export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';
/** Work stopped because nobody is waiting for it: the answer has gone, or the client has. Never seen by one. */
export const REQUEST_CANCELLED = 'REQUEST_CANCELLED';

function timedOut(budgetMs: number): GraphQLError {
  return new GraphQLError(
    `The request ran past its time budget of ${budgetMs.toLocaleString('en-GB')} ms, and was stopped: ask for less at once (fewer units, KPIs or months), or in parts`,
    { extensions: { code: REQUEST_TIMEOUT } },
  );
}

/**
 * Why every request's work stops once its answer has gone: one error for all, since every request ends so and
 * an error's stack costs tens of microseconds to take.
 */
const ANSWERED = new GraphQLError('The request has been answered, or its client has gone', {
  extensions: { code: REQUEST_CANCELLED },
});

/**
 * A request's cancellation, handed to its work through the context: aborted with REQUEST_TIMEOUT when its time
 * budget runs out, and with REQUEST_CANCELLED once its answer has been sent (the other fields of an answer that
 * failed early keep no work going) or its client has gone. Work done in turns stops at its next turn.
 */
export function requestSignal(response: ServerResponse, budgetMs: number): AbortSignal {
  const controller = new AbortController();
  const budget = setTimeout(() => controller.abort(timedOut(budgetMs)), budgetMs);
  response.once('close', () => {
    clearTimeout(budget);
    controller.abort(ANSWERED);
  });
  return controller.signal;
}

/**
 * A request whose fields its time budget stopped is answered with that one coded error (HTTP 503), not with
 * partial data and an error for each field it stopped.
 */
export function answerTimedOutRequests(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const stopped = response.body.singleResult.errors?.find(
            (error) => error.extensions?.code === REQUEST_TIMEOUT,
          );
          if (!stopped) return;
          response.http.status = 503;
          response.body.singleResult = errorBody(REQUEST_TIMEOUT, stopped.message);
        },
      };
    },
  };
}
