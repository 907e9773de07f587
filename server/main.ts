import { ConfigError, readConfig } from './transport/config';
import { DatabaseUrlError } from './storage/db/database-url-error';
import { DataDirError } from './storage/db/data-dir-error';
import { KpiPluginError } from './engine/kpi/kpi-plugin-error';
import { startServer } from './transport/start-server';

/** `npm start`: configuration from the environment, a clear message and a non-zero exit when it cannot start. */
async function main() {
  const config = readConfig();
  const server = await startServer(config);
  console.log(`PROGRESS is serving ${server.registry.all().length} KPIs from ${server.database.describe}`);
  console.log(`GraphQL: ${server.url} (queries and mutations)`);
  if (server.demoTokens) {
    console.log(
      '\nNo JWT_SECRET is set, so this is the demo: anyone may read, and these tokens (valid until the',
    );
    console.log('server stops) may write. Send one as `Authorization: Bearer <token>`.\n');
    for (const [role, token] of Object.entries(server.demoTokens)) console.log(`${role.padEnd(12)} ${token}`);
    console.log('');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const known = [KpiPluginError, ConfigError, DataDirError, DatabaseUrlError];
  if (error instanceof Error && known.some((kind) => error instanceof kind)) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Cannot start:', error);
  }
  process.exit(1);
});
