import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { REQUEST_CANCELLED, REQUEST_TIMEOUT, requestSignal } from './request-budget';

const aborted = (signal: AbortSignal) =>
  new Promise<GraphQLError>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));

describe('requestSignal', () => {
  it('aborts with REQUEST_TIMEOUT, saying the budget, once the budget has run out', async () => {
    const signal = requestSignal(new EventEmitter() as ServerResponse, 5);
    const reason = await aborted(signal);
    expect(reason).toBeInstanceOf(GraphQLError);
    expect(reason.extensions.code).toBe(REQUEST_TIMEOUT);
    expect(reason.message).toMatch(/time budget of 5 ms/);
  });

  it('aborts with REQUEST_CANCELLED once the answer has gone or the client has', async () => {
    const response = new EventEmitter() as ServerResponse;
    const signal = requestSignal(response, 60_000);
    expect(signal.aborted).toBe(false);
    response.emit('close');
    expect(signal.aborted).toBe(true);
    expect((signal.reason as GraphQLError).extensions.code).toBe(REQUEST_CANCELLED);
  });
});
