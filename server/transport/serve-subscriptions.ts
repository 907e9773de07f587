import type { Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  print,
  specifiedRules,
  validate,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Context } from '../../schema/context';
import { accessKey } from '../engine/access/access';
import type { Viewer } from '../engine/access/viewer';
import { MAX_TOKENS } from './graphql-limits';
import { subscribeSharingExecutions } from './shared-execution';
import { REQUEST_CANCELLED } from './request-budget';
import { unstorableTextError } from './unstorable-text';
import { asGraphQLError } from '../../schema/domain-errors';
import type { WorkLimit } from './work-limit';

/** Bounds on one connection: a message's size and its open operations (a slow reader is bounded in the live hub). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

/** Close codes a client can act on (4400–4499 are graphql-ws's application range). */
export const CLOSE_TOKEN_EXPIRED = 4401;
export const CLOSE_SERVER_RESTARTING = 1012;

/**
 * A result shared by many subscriptions (server/transport/shared-execution.ts) is serialised once: graphql-ws
 * writes each message with this in place of the payload, and the socket's send puts the payload's JSON in.
 */
const PLACEHOLDER = '@@progress-shared-payload@@';
const SHARED_PAYLOAD = JSON.stringify(PLACEHOLDER);
/** Each shared payload's JSON as UTF-8, made once for all the sockets it goes to. */
const payloadBytes = new WeakMap<object, Buffer>();
/** The payload graphql-ws has just written as SHARED_PAYLOAD: it sends the message at once. */
let lastPayloadBytes: Buffer = Buffer.alloc(0);

function sharedPayload(key: string, value: unknown): unknown {
  if (key !== 'payload' || typeof value !== 'object' || value === null) return value;
  let bytes = payloadBytes.get(value);
  if (bytes === undefined) payloadBytes.set(value, (bytes = Buffer.from(JSON.stringify(value))));
  lastPayloadBytes = bytes;
  return PLACEHOLDER;
}

/**
 * A message graphql-ws wrote with SHARED_PAYLOAD as the bytes of a text frame, the payload's put in; the
 * payload comes last. Null for a message without it.
 */
function withPayload(message: string): Buffer | null {
  const at = message.lastIndexOf(SHARED_PAYLOAD);
  if (at === -1) return null;
  return Buffer.concat([
    Buffer.from(message.slice(0, at)),
    lastPayloadBytes,
    Buffer.from(message.slice(at + SHARED_PAYLOAD.length)),
  ]);
}

/** Errors as Apollo codes them over HTTP, for a client that reads the same codes over WebSocket. */
function coded(errors: readonly GraphQLError[], code: string): GraphQLError[] {
  return errors.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        originalError: error.originalError,
        extensions: { ...error.extensions, code },
      }),
  );
}

/** setTimeout cannot wait longer than this; tokens outliving it are checked again when it fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

type ConnectionState = {
  viewer?: Viewer;
  expiry?: NodeJS.Timeout;
  operations?: Set<string>;
  closed?: AbortController;
};

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  validationRules: readonly ValidationRule[];
  authenticate: (authorization: string | undefined) => Promise<Viewer & { expiresAt?: Date | null }>;
  createContext: (viewer: Viewer, signal: AbortSignal) => Context;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  production: boolean;
  /** A connection silent this long after a ping is dropped, so a screen that hung frees what it held. */
  keepAliveMs?: number;
  workLimit: WorkLimit;
  /** Whether a page of this origin may connect; `host` is the server's as the browser reached it. */
  allowsOrigin: (origin: string | undefined, host: string | undefined) => boolean;
}

/**
 * graphql-ws on the server's own port and path, guarded like HTTP: the token from `connection_init`,
 * the same parse limits and validation rules, masked errors, and bounded connections.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { schema, authenticate, createContext, formatError } = options;
  const webSockets = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
    // Browsers send no preflight before a WebSocket: the upgrade itself is where another site's page is refused.
    verifyClient: ({ origin, req }, decide) =>
      options.allowsOrigin(origin || undefined, req.headers.host)
        ? decide(true)
        : decide(false, 403, 'This origin may not connect (CORS_ORIGINS)'),
  });
  const rules = [...specifiedRules, ...options.validationRules];
  // Registered before graphql-ws's own, so every message it sends passes through.
  webSockets.on('connection', (socket) => {
    // A message over the limit is the client's fault, and ws closes the connection with 1009 for it;
    // graphql-ws would log it as an internal error, stack trace and all.
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) =>
      event === 'error' && (args[0] as { code?: unknown }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? false
        : emit(event, ...args)) as typeof socket.emit;
    const send = socket.send.bind(socket) as (...args: unknown[]) => void;
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      const shared = typeof data === 'string' ? withPayload(data) : null;
      // Bytes go as a binary frame unless told otherwise; graphql-ws speaks in text frames.
      if (shared) send(shared, { binary: false }, ...rest);
      else send(data, ...rest);
    }) as typeof socket.send;
  });

  const server = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      isProd: options.production,
      // Screens watching with the same operation and the same access share each event's execution.
      subscribe: (args) => {
        const context = args.contextValue as Context;
        return subscribeSharingExecutions(args, {
          key: JSON.stringify([
            print(args.document),
            args.operationName,
            args.variableValues,
            accessKey(context.access.viewer),
          ]),
          beforeExecute: context.renew,
        });
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        let viewer;
        try {
          viewer = await authenticate(
            typeof authorization === 'string' && authorization !== ''
              ? /^bearer\s/i.test(authorization)
                ? authorization
                : `Bearer ${authorization}`
              : undefined,
          );
        } catch {
          return false;
        }
        ctx.extra.viewer = viewer;
        ctx.extra.operations = new Set();
        ctx.extra.closed = new AbortController();
        if (viewer.expiresAt) {
          const closeWhenExpired = () => {
            const remaining = viewer.expiresAt!.getTime() - Date.now();
            if (remaining <= 0) ctx.extra.socket.close(CLOSE_TOKEN_EXPIRED, 'Token expired');
            else ctx.extra.expiry = setTimeout(closeWhenExpired, Math.min(remaining, LONGEST_TIMER_MS));
          };
          closeWhenExpired();
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const operations = ctx.extra.operations!;
        if (operations.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          const message = `A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} operations at once`;
          return coded([new GraphQLError(message)], 'BAD_REQUEST');
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (error) {
          return coded(
            [error instanceof GraphQLError ? error : new GraphQLError(String(error))],
            'GRAPHQL_PARSE_FAILED',
          );
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return coded(errors, 'GRAPHQL_VALIDATION_FAILED');
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          const message = payload.operationName
            ? `Unknown operation named "${payload.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          return coded([new GraphQLError(message)], 'OPERATION_RESOLUTION_FAILURE');
        }
        const unstorable = unstorableTextError(document, payload.variables);
        if (unstorable) return [asGraphQLError(unstorable) as GraphQLError];
        const variables = getVariableValues(
          schema,
          operation.variableDefinitions ?? [],
          payload.variables ?? {},
        );
        if (variables.errors) return coded(variables.errors, 'BAD_USER_INPUT');
        // Counted before the work is estimated, so that operations sent together cannot pass the bound together.
        operations.add(id);
        const overWorked = await options.workLimit.check(document, operation, payload.variables ?? {});
        if (overWorked) {
          operations.delete(id);
          return [overWorked];
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createContext(ctx.extra.viewer!, ctx.extra.closed!.signal),
        };
      },
      // Refusals before execution, as over HTTP: coded, and without suggestions in production.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      // The result itself, not a copy, so that subscriptions sharing it share its JSON too.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return result;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
      },
      jsonMessageReplacer: sharedPayload,
      onComplete: (ctx, id) => {
        ctx.extra.operations?.delete(id);
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        // Work for this connection's operations stops at its next turn: nobody is there to read it.
        ctx.extra.closed?.abort(
          new GraphQLError('The connection has closed', { extensions: { code: REQUEST_CANCELLED } }),
        );
      },
    },
    webSockets,
    options.keepAliveMs,
  );

  return {
    async close() {
      for (const socket of webSockets.clients) socket.close(CLOSE_SERVER_RESTARTING, 'Server restarting');
      await server.dispose();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}
