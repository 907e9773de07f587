import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Context } from '../../schema/context';
import { buildPlatformSchema } from '../../schema/build-schema';
import { createLoaders } from '../../schema/loaders';
import { seedDemoTrustIfEmpty } from '../../seeds/seed-demo-trust';
import { Access } from '../engine/access/access';
import { authenticator } from './auth/authenticate';
import { demoSecretAndTokens } from './auth/demo-tokens';
import type { Role } from '../engine/access/roles';
import { Tokens } from './auth/tokens';
import type { Config } from './config';
import { controlRoom } from './control-room/control-room';
import { embeddedSizeWarning } from '../storage/db/embedded-size';
import { openDatabase } from '../storage/db/open-database';
import { FactRefresher } from '../storage/facts/fact-refresher';
import { FACT_REFRESHES } from '../storage/facts/request-fact-refresh';
import { importEndpoint } from './import-endpoint';
import { CHART_PAGE_DIR, chartEndpoints } from './charts/chart-endpoints';
import { iconEndpoints } from './charts/icon-endpoints';
import { operationsInProcess } from './operations-in-process';
import { valuesExport } from './export/values-export';
import { fhirEndpoints } from './fhir/fhir-endpoints';
import { reportEndpoints } from './report/report-endpoints';
import type { Database } from '../storage/db/open-database';
import { createErrorFormatter } from './format-error';
import { MAX_TOKENS, graphqlLimits } from './graphql-limits';
import { KpiRegistry } from '../engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../engine/kpi/load-kpi-plugins';
import { KPI_CHANGES } from '../storage/live/kpi-change';
import { listenForChanges } from '../storage/live/listen-for-changes';
import { LiveHub } from '../storage/live/live-hub';
import { STORIES_ADDED } from '../storage/live/story-added';
import { StoryFeed } from '../storage/live/story-feed';
import { pacer } from '../engine/pace';
import { answerTimedOutRequests, requestSignal } from './request-budget';
import { serveSubscriptions } from './serve-subscriptions';
import { WorkLimit } from './work-limit';
import { healthEndpoints } from './health-endpoints';
import { Metrics } from './metrics';
import { observeAnsweredRequests } from './answered-requests';
import { asGraphQLError } from '../../schema/domain-errors';
import { answersAsJson } from './answers-as-json';
import { graphqlIde } from './ide/graphql-ide';
import { OriginPolicy } from './origin-policy';
import { jsonLogger, requestIds } from './log';
import type { Logger } from './log';
import { graphqlBodyErrors } from './graphql-body-errors';
import { uncachedResponses } from './uncached-responses';
import { refuseUnstorableText } from './unstorable-text';
import type { Viewer } from '../engine/access/viewer';

/** The part of knex's pool (tarn) the metrics read. */
interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

export interface ServerOptions {
  logger?: Logger;
  /** Sees every SQL statement, e.g. to count them. */
  onQuery?: (sql: string) => void;
  /** The clock, so tests can fix "now". */
  now?: () => Date;
  /** The largest body `POST /import` takes, in bytes (1 GiB): tests set a small one. */
  maxImportBytes?: number;
  /** How long a WebSocket may leave a ping unanswered before it is dropped (graphql-ws's 12 s). */
  keepAliveMs?: number;
  /** The most work an operation may ask for (server/transport/work-limit.ts): tests set a small one. */
  maxWork?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  registry: KpiRegistry;
  live: LiveHub;
  /** Works out the attention facts that writes have made stale, in the background. */
  facts: FactRefresher;
  /** Set when no JWT_SECRET was configured: one whole-tree token per role. */
  demoTokens: Record<Role, string> | null;
  close(): Promise<void>;
}

/** Values a request works out between two turns of the event loop: a few milliseconds' work. */
const VALUES_PER_TURN = 100;

/** Loads and checks the KPI plugins, opens and migrates the database, seeds the demo and listens. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? jsonLogger();
  const now = options.now ?? (() => new Date());
  const registry = new KpiRegistry(
    await loadKpiPlugins(config.kpiPluginDirs, {
      onSkipped: ({ file, reason }) => logger.info(`Not a plugin, skipped: ${file} (${reason})`),
    }),
  );
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: options.onQuery,
  });
  // What has started, stopped in reverse order if a later step fails.
  const started: (() => Promise<void>)[] = [() => database.close()];
  try {
    if (config.demoSeed && (await seedDemoTrustIfEmpty(database.orm.em.fork()))) {
      logger.info('Seeded the demo trust (DEMO_SEED=0 skips this).');
    }
    const sizeWarning = database.pglite ? await embeddedSizeWarning(database.orm.em.fork()) : null;
    if (sizeWarning) logger.info(sizeWarning);

    const demo = config.jwtSecret ? null : await demoSecretAndTokens();
    const authenticate = authenticator(
      new Tokens(config.jwtSecret ?? demo!.secret),
      config.jwtSecret !== undefined,
    );

    const deliveryFailed = (what: string) => (error: unknown, ids: readonly number[], givenUp: boolean) => {
      const which =
        ids.length === 1 ? `${what} ${ids[0]}` : `${ids.length} ${what} (${ids[0]} to ${ids.at(-1)})`;
      logger.error(`Delivering ${which} failed; ${givenUp ? 'given up' : 'trying again'}:`, error);
    };
    const pool = database.orm.em.getKnex().client.pool as KnexPool;
    const metrics = new Metrics({
      liveSubscribers: (): number => live.subscriberCount + storyFeed.subscriberCount,
      pool: () => ({
        used: pool.numUsed(),
        free: pool.numFree(),
        pending: pool.numPendingAcquires(),
        max: pool.max,
      }),
    });
    const live = new LiveHub(database.orm, registry, deliveryFailed('changes'), {
      observer: metrics.liveObserver(),
    });
    const facts = new FactRefresher(
      database.orm,
      config.databaseUrl,
      registry,
      (error) => logger.error('Working out the attention facts failed:', error),
      (message) => logger.info(message),
    );
    const storyFeed = new StoryFeed(database.orm, deliveryFailed('stories'));
    const listener = await listenForChanges(
      database,
      config.databaseUrl,
      [
        { ...KPI_CHANGES, receive: (id) => live.receive(id) },
        { ...STORIES_ADDED, receive: (id) => storyFeed.receive(id) },
        { ...FACT_REFRESHES, receive: (id) => facts.wake(id) },
      ],
      (error) => logger.error('Listening for changes failed:', error),
    );
    started.push(() => listener.close());
    started.push(() => live.stop());
    started.push(() => storyFeed.stop());
    started.push(() => facts.stop());
    await facts.start();
    const freshReads = (signal: AbortSignal) => {
      const em = database.orm.em.fork();
      return { em, loaders: createLoaders(em, signal) };
    };
    const createContext = (viewer: Viewer, signal = new AbortController().signal): Context => {
      // Made on first use, so an event whose fields are all precomputed costs no entity manager or loaders.
      let reads: ReturnType<typeof freshReads> | null = null;
      const current = () => (reads ??= freshReads(signal));
      const context: Context = {
        get em() {
          return current().em;
        },
        get loaders() {
          return current().loaders;
        },
        registry,
        access: new Access(viewer, (codes) => context.loaders.orgUnits.pathsOfCodes(codes)),
        now,
        live,
        storyFeed,
        renew: () => {
          reads = null;
        },
        pace: pacer(VALUES_PER_TURN, signal),
        signal,
      };
      return context;
    };

    const app = express();
    app.use(requestIds());
    const httpServer = createServer(app);
    const limits = graphqlLimits(config.production);
    const schema = await buildPlatformSchema();
    const workLimit = new WorkLimit(database.orm, schema, registry.all().length, options.maxWork);
    const formatError = createErrorFormatter(config.production, (error) =>
      logger.error('Request failed:', error),
    );
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      parseOptions: { maxTokens: MAX_TOKENS },
      // main.ts owns the signals: a second, Apollo-registered stop would wait on the first forever.
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: !config.production,
      validationRules: limits.validationRules,
      plugins: [
        ...limits.plugins,
        ...uncachedResponses(),
        ...refuseUnstorableText(),
        answerTimedOutRequests(),
        workLimit.plugin(),
        observeAnsweredRequests(
          (request) => metrics.countRequest(request),
          (request) => logger.request?.(request),
        ),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        // Apollo's own landing pages load from a CDN; development has GraphiQL from this server instead.
        ApolloServerPluginLandingPageDisabled(),
      ],
      formatError,
    });
    await apollo.start();
    const origins = new OriginPolicy(config.corsOrigins);
    const subscriptions = serveSubscriptions({
      httpServer,
      schema,
      validationRules: limits.validationRules,
      authenticate,
      createContext,
      formatError,
      production: config.production,
      keepAliveMs: options.keepAliveMs,
      workLimit,
      allowsOrigin: (origin, host) => origins.allows(origin, host),
    });

    let stopping = false;
    app.use(
      healthEndpoints({
        database,
        listenerConnected: () => listener.connected,
        stopping: () => stopping,
      }),
    );
    app.get('/metrics', async (_request, response) => {
      response.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    // The wall display: a static page that reads /graphql like any other client.
    app.use('/control-room', controlRoom());
    const operations = operationsInProcess({
      apollo,
      authenticate,
      createContext,
      requestTimeoutMs: config.requestTimeoutMs,
    });
    app.use('/icons', iconEndpoints());
    const report = reportEndpoints({
      operations,
      chromiumPath: config.chromiumPath,
      logError: (error) => logger.error('Reading the report failed:', error),
    });
    app.use('/report', origins.http(), report.page);
    app.get('/report.pdf', origins.http(), report.pdf);
    app.use(
      '/fhir',
      origins.http(),
      fhirEndpoints({ operations, now, logError: (error) => logger.error('Reading FHIR failed:', error) }),
    );
    app.use(
      '/export',
      origins.http(),
      valuesExport({ operations, logError: (error) => logger.error('Exporting values failed:', error) }),
    );
    app.use('/charts', express.static(CHART_PAGE_DIR));
    app.use(
      '/charts',
      origins.http(),
      chartEndpoints({ operations, logError: (error) => logger.error('Drawing a chart failed:', error) }),
    );
    app.use(
      '/import',
      origins.http(),
      importEndpoint({
        authenticate,
        createContext,
        logError: (error) => logger.error('Import failed:', error),
        maxBytes: options.maxImportBytes,
      }),
    );
    // Before the IDE's routes, which would answer a preflight of /graphql with a bare 200 of their own.
    app.use('/graphql', origins.http());
    const ide = config.production ? null : graphqlIde();
    if (ide) app.use(ide);
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        // A refused token stops the request before any resolver runs, so it is said in GraphQL's terms here.
        context: async ({ req, res }) =>
          createContext(
            await authenticate(req.headers.authorization).catch((error: unknown) => {
              throw asGraphQLError(error);
            }),
            requestSignal(res, config.requestTimeoutMs),
          ),
      }),
      graphqlBodyErrors(),
    );
    app.use(...answersAsJson((error) => logger.error('Request failed:', error)));

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;
    return {
      url: `http://localhost:${port}/graphql`,
      port,
      database,
      registry,
      live,
      facts,
      demoTokens: demo?.tokens ?? null,
      async close() {
        // Not ready from now on, so a load balancer sends no more requests while these finish.
        stopping = true;
        // Subscribers first, with a close they can reconnect from; then requests in flight finish.
        await subscriptions.close();
        await apollo.stop();
        await facts.stop();
        await listener.close();
        await live.stop();
        await storyFeed.stop();
        await database.close();
      },
    };
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
