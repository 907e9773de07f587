import { GraphQLError, isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { DomainError } from '../server/engine/errors';

/** The HTTP status a refusal answers with when it stops the whole request rather than one field. */
const HTTP_STATUS: Partial<Record<DomainError['code'], number>> = { UNAUTHENTICATED: 401 };

/** A domain error in GraphQL's terms: its code and details as `extensions`; anything else as it is. */
export function asGraphQLError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) },
  });
}

function translating<Source, Context>(
  resolve: GraphQLFieldResolver<Source, Context>,
): GraphQLFieldResolver<Source, Context> {
  return (...args) => {
    try {
      const result = resolve(...args);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            throw asGraphQLError(error);
          })
        : result;
    } catch (error) {
      throw asGraphQLError(error);
    }
  };
}

/**
 * The one place a domain error becomes a GraphQL error: every resolver and subscription of the schema
 * rethrows what the engine raised in GraphQL's terms. Fields without a resolver of their own read
 * properties, which raise nothing.
 */
export function translateDomainErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = translating(field.resolve);
      if (field.subscribe) field.subscribe = translating(field.subscribe);
    }
  }
  return schema;
}
