import { GraphQLError } from 'graphql';
import { createErrorFormatter } from './format-error';

describe('createErrorFormatter', () => {
  const uncoded = {
    message: "Cannot read properties of undefined (reading 'strict')",
    path: ['kpiValueChanged'],
  };
  const thrown = new TypeError(uncoded.message);

  it('codes an internal error nothing coded (as over WebSocket) for the developer, keeping its message', () => {
    const logged: unknown[] = [];
    const formatted = createErrorFormatter(false, (error) => logged.push(error))(uncoded, thrown);
    expect(formatted).toEqual({ ...uncoded, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([thrown]);
  });

  it('masks it in production, with the same code', () => {
    expect(createErrorFormatter(true, () => undefined)(uncoded, thrown)).toEqual({
      message: 'Internal server error',
      path: ['kpiValueChanged'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes a client error through as it is, unlogged', () => {
    const logged: unknown[] = [];
    const clientError = {
      message: 'kpi: there is no KPI "nope"',
      extensions: { code: 'BAD_USER_INPUT', field: 'kpi' },
    };
    const formatted = createErrorFormatter(true, (error) => logged.push(error))(
      clientError,
      new GraphQLError(clientError.message),
    );
    expect(formatted).toBe(clientError);
    expect(logged).toEqual([]);
  });

  it.each([
    [
      'Value "TEEM" does not exist in "OrgLevel" enum. Did you mean the enum value "TEAM"?',
      'Value "TEEM" does not exist in "OrgLevel" enum.',
    ],
    [
      'Variable "$l" got invalid value "TEEM"; Value "TEEM" does not exist in "OrgLevel" enum. Did you mean the enum value "TEAM"?',
      'Variable "$l" got invalid value "TEEM"; Value "TEEM" does not exist in "OrgLevel" enum.',
    ],
    [
      'Cannot query field "cod" on type "OrgUnit". [Suggestion hidden]?',
      'Cannot query field "cod" on type "OrgUnit".',
    ],
  ])('takes the suggestion out of %j in production, and only there', (message, withoutSuggestion) => {
    const error = { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(createErrorFormatter(true, () => undefined)(error, new GraphQLError(message)).message).toBe(
      withoutSuggestion,
    );
    expect(createErrorFormatter(false, () => undefined)(error, new GraphQLError(message)).message).toBe(
      message,
    );
  });
});
