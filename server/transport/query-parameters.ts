import type { Request } from 'express';
import { badUserInput } from '../engine/errors';

/** A query-string parameter given once, or undefined when absent or empty; BAD_USER_INPUT naming it if repeated. */
export function optionalParameter(query: Request['query'], name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badUserInput(name, `give ${name} once`);
  return value;
}

/** A query-string parameter that must be given: `what` says what it is, for the refusal. */
export function requiredParameter(query: Request['query'], name: string, what: string): string {
  const value = optionalParameter(query, name);
  if (value === undefined) throw badUserInput(name, `${name} is required: ${what}`);
  return value;
}
