/**
 * The body of an error answered outside GraphQL execution (an unreadable body, a path nothing serves, a refused
 * import): the shape of a GraphQL error, so a client reads every failure of the API the same way.
 */
export function errorBody(
  code: string,
  message: string,
): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/** The HTTP status of an error answered outside GraphQL execution, by its code; anything else is a 500. */
export const HTTP_STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_TIMEOUT: 503,
};
