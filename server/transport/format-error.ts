import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES } from '../engine/errors';
import { REQUEST_CANCELLED, REQUEST_TIMEOUT } from './request-budget';

/** Codes that describe the request, not the server: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  ...CLIENT_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'KPI_CALCULATION_FAILED',
  REQUEST_TIMEOUT,
  REQUEST_CANCELLED,
]);

/**
 * GraphQL's "Did you mean …?" (of a field, an argument, a type or an enum value) helps while building a client,
 * and maps the schema for anyone probing it; graphql-armor leaves "[Suggestion hidden]?" in place of a field's.
 */
const SUGGESTION = / (Did you mean [^?]*|\[Suggestion hidden\])\?/g;

function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/**
 * Client errors pass through with their code; anything else is logged with its stack, coded
 * INTERNAL_SERVER_ERROR and, in production, replaced by a bare "Internal server error" so no internals reach
 * a client. In production, client errors lose GraphQL's suggestions.
 */
export function createErrorFormatter(production: boolean, logError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return production ? withoutSuggestions(formatted) : formatted;
    }
    logError(error);
    // Apollo codes what it answers over HTTP itself; over WebSocket nothing has, so every error is coded here.
    if (!production)
      return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
