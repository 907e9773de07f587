import type { Role } from '../../server/engine/access/roles';
import { Tokens } from '../../server/transport/auth/tokens';
import type { Config } from '../../server/transport/config';
import type { RunningServer, ServerOptions } from '../../server/transport/start-server';
import { startServer } from '../../server/transport/start-server';
import type { GraphQLResponse } from './post-graphql';
import { postGraphQL } from './post-graphql';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'integration-test-secret-of-enough-length';

export interface TestServer {
  server: RunningServer;
  /** Sends one operation over real HTTP, with a bearer token when given. */
  graphql<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<Data>>;
  /** A token signed with the server's secret. */
  token(roles: Role[], orgUnits?: string[], sub?: string, expiresIn?: string): Promise<string>;
  stop(): Promise<void>;
}

/** How the tests run a server on a database of their own: no demo, no plugins, a known secret, any free port. */
export function testConfig(database: TestDatabase, config: Partial<Config> = {}): Config {
  return {
    port: 0,
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    jwtSecret: TEST_JWT_SECRET,
    demoSeed: false,
    kpiPluginDirs: [],
    production: false,
    requestTimeoutMs: 30_000,
    corsOrigins: [],
    chromiumPath: '/usr/bin/chromium',
    ...config,
  };
}

export async function startTestServer(
  config: Partial<Config> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const fullConfig = testConfig(database, config);
  let server: RunningServer;
  try {
    server = await startServer(fullConfig, {
      logger: { info: () => undefined, error: () => undefined },
      ...options,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const tokens = fullConfig.jwtSecret ? new Tokens(fullConfig.jwtSecret) : null;
  return {
    server,
    graphql: (query, variables, token) => postGraphQL(server.url, query, variables, token),
    async token(roles, orgUnits = ['*'], sub = `test-${roles.join('-').toLowerCase()}`, expiresIn = '1h') {
      if (!tokens) throw new Error('This server has no JWT_SECRET: use server.demoTokens');
      return tokens.issue({ sub, roles, orgUnits }, expiresIn);
    },
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}
