import { GraphQLError } from 'graphql';

/** The codes a client can act on; anything else is an internal error and is masked in production. */
export type ClientErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ClientErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

const HTTP_STATUS: Record<ClientErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

function clientError(code: ClientErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** The message starts with the field, and `extensions.field` names it for programs. */
export function badUserInput(field: string, message: string): GraphQLError {
  return clientError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

export function unauthenticated(message: string): GraphQLError {
  return clientError('UNAUTHENTICATED', message, { http: { status: HTTP_STATUS.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return clientError('FORBIDDEN', message);
}

export function notFound(message: string): GraphQLError {
  return clientError('NOT_FOUND', message);
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return clientError('CONFLICT', message, extensions);
}
