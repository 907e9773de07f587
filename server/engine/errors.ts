/** The codes a client can act on; anything else is an internal error and is masked in production. */
export type ClientErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ClientErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

/**
 * A refusal the engine and the commands raise: a code a client can act on, a message (starting with the
 * field, where one is named) and details such as `field` or `currentVersion`. It knows nothing of GraphQL or
 * HTTP: each door (the GraphQL layer, `POST /import`, the command-line tools) says it in its own terms, once.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The input the refusal is about, when it names one. */
  get field(): string | undefined {
    return typeof this.details.field === 'string' ? this.details.field : undefined;
  }
}

/** The message starts with the field, and `field` names it for programs. */
export function badUserInput(field: string, message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

export function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}

export function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', message);
}

export function notFound(message: string): DomainError {
  return new DomainError('NOT_FOUND', message);
}

export function conflict(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CONFLICT', message, details);
}
