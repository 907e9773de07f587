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
