import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveConnection {
  client: Client;
  /** Resolves with the close event's code once the server closes the socket. */
  closed: Promise<number>;
  subscribe(query: string, variables?: Record<string, unknown>): Subscription;
  dispose(): Promise<void>;
}

type ExecutionResult<Data> = FormattedExecutionResult<Data, unknown>;

export interface Subscription {
  results: ExecutionResult<Record<string, unknown>>[];
  /** Resolves once `count` results have arrived. */
  received(count: number): Promise<ExecutionResult<Record<string, unknown>>[]>;
  stop(): void;
}

const WAIT_MS = 10_000;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A real graphql-ws client over a real WebSocket, connecting lazily on the first subscription. */
export function connectLive(httpUrl: string, token: string | null): LiveConnection {
  let resolveClosed: (code: number) => void;
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => resolveClosed((event as { code: number }).code) },
  });
  return {
    client,
    closed,
    subscribe(query, variables = {}) {
      const results: ExecutionResult<Record<string, unknown>>[] = [];
      const stop = client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result) => void results.push(result),
          // An `error` message carries the operation's errors; anything else is the connection's.
          error: (error) => void results.push({ errors: (Array.isArray(error) ? error : [error]) as never }),
          complete: () => undefined,
        },
      );
      return {
        results,
        async received(count) {
          await until(() => results.length >= count, `${count} results (have ${results.length})`);
          return results.slice(0, count);
        },
        stop,
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Gives the server a moment to deliver anything it would wrongly send. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
