import { GraphQLError, buildSchema, graphql } from 'graphql';
import { badUserInput, conflict, unauthenticated } from '../server/engine/errors';
import { asGraphQLError, translateDomainErrors } from './domain-errors';

describe('asGraphQLError', () => {
  it('says a domain error in GraphQL terms: its code and details as extensions, the status a refused token needs', () => {
    const input = asGraphQLError(badUserInput('period', 'is not a month')) as GraphQLError;
    expect(input).toBeInstanceOf(GraphQLError);
    expect({ message: input.message, extensions: input.extensions }).toEqual({
      message: 'period: is not a month',
      extensions: { code: 'BAD_USER_INPUT', field: 'period' },
    });
    expect((asGraphQLError(conflict('stale', { currentVersion: 3 })) as GraphQLError).extensions).toEqual({
      code: 'CONFLICT',
      currentVersion: 3,
    });
    expect((asGraphQLError(unauthenticated('no token')) as GraphQLError).extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
  });

  it('leaves any other error as it is, for the formatter to mask', () => {
    const unexpected = new Error('boom');
    expect(asGraphQLError(unexpected)).toBe(unexpected);
  });
});

describe('translateDomainErrors', () => {
  it('translates what a resolver throws or rejects with, and lets the other fields answer', async () => {
    const built = buildSchema('type Query { thrown: Int, rejected: Int, fine: Int }');
    const fields = built.getQueryType()!.getFields();
    fields.thrown!.resolve = () => {
      throw badUserInput('kpi', 'no such KPI');
    };
    fields.rejected!.resolve = async () => {
      throw conflict('stale', { currentVersion: 2 });
    };
    fields.fine!.resolve = () => 1;
    const result = await graphql({
      schema: translateDomainErrors(built),
      source: '{ thrown rejected fine }',
    });
    expect(result.data).toEqual({ thrown: null, rejected: null, fine: 1 });
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'kpi' },
      { code: 'CONFLICT', currentVersion: 2 },
    ]);
  });
});
