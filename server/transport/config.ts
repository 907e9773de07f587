/** Where the data and the KPIs are: what the server and the operator's commands read alike. */
export interface StorageConfig {
  /** PostgreSQL when set; otherwise the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database, or `memory://` to keep nothing. */
  dataDir: string;
  kpiPluginDirs: string[];
}

/** Everything the server reads from its environment, checked once at start-up. */
export interface Config extends StorageConfig {
  port: number;
  /** When unset, a secret is generated and a token per demo role is printed at start-up. */
  jwtSecret: string | undefined;
  demoSeed: boolean;
  production: boolean;
  /** How long a request over HTTP may run before it is answered REQUEST_TIMEOUT and its work stops. */
  requestTimeoutMs: number;
  /** Browser origins other than the server's own that may call the API, over HTTP and WebSocket. */
  corsOrigins: string[];
  /** The Chromium that prints `/report.pdf`. */
  chromiumPath: string;
}

/** Long enough for any read the platform serves at the size of an integrated care system, many times over. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class ConfigError extends Error {}

/** `https://dashboard.trust.nhs.uk,http://localhost:5173`: each an origin alone, as a browser sends it. */
function readCorsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://dashboard.example.org (scheme, host and any port; no path or trailing slash), separated by commas; got "${origin}"`,
      );
    }
  }
  return origins;
}

export function readStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    kpiPluginDirs: (env.KPI_PLUGIN_DIRS ?? '').split(':').filter((dir) => dir !== ''),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  const production = env.NODE_ENV === 'production';
  // A production database gets the fictional trust only when asked for by name.
  const demoSeed = env.DEMO_SEED || (production ? '0' : '1');
  if (demoSeed !== '0' && demoSeed !== '1')
    throw new ConfigError(`DEMO_SEED must be 0 or 1, got "${demoSeed}"`);
  const requestTimeoutMs = Number(env.REQUEST_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS);
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
    throw new ConfigError(
      `REQUEST_TIMEOUT_MS must be a whole number of milliseconds, at least 1, got "${env.REQUEST_TIMEOUT_MS}"`,
    );
  }
  if (production && !env.JWT_SECRET) {
    throw new ConfigError('NODE_ENV=production needs JWT_SECRET: without it the server runs the open demo');
  }
  return {
    ...readStorageConfig(env),
    port,
    jwtSecret: env.JWT_SECRET || undefined,
    demoSeed: demoSeed === '1',
    production,
    requestTimeoutMs,
    corsOrigins: readCorsOrigins(env.CORS_ORIGINS),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
}
