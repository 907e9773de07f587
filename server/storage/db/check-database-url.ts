import { Client } from 'pg';
import { DatabaseUrlError } from './database-url-error';

const EXAMPLE = 'postgres://user:password@host:5432/progress';
const CONNECT_TIMEOUT_MS = 10_000;

/** The server as a message may name it: a Unix socket's folder decoded, never the password. */
function serverOf(url: URL): string {
  return decodeURIComponent(url.host) || 'localhost';
}

function databaseOf(url: URL): string {
  return decodeURIComponent(url.pathname.slice(1));
}

/** Refuses, before anything connects, a `DATABASE_URL` that is not a PostgreSQL URL naming a database. */
export function parseDatabaseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL is not a URL: write it as ${EXAMPLE}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(
      `DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//: write it as ${EXAMPLE}`,
    );
  }
  if (databaseOf(url) === '') {
    throw new DatabaseUrlError(
      `DATABASE_URL names no database: put its name after the server, as in ${EXAMPLE}`,
    );
  }
  return url;
}

function explain(error: unknown, url: URL): string {
  const { code, message } = error as { code?: string; message?: string };
  const server = serverOf(url);
  const user = decodeURIComponent(url.username) || 'the default user';
  switch (code) {
    case '3D000':
      return (
        `DATABASE_URL names the database "${databaseOf(url)}", which does not exist on ${server}: ` +
        'create it (createdb, or CREATE DATABASE) or correct the name; the server never creates a database'
      );
    case '28P01':
      return `DATABASE_URL's password for ${user} was refused by ${server}`;
    case '28000':
      return `${server} refused ${user}: ${message}`;
    case 'ECONNREFUSED':
      return `nothing answers at DATABASE_URL's server, ${server}: is PostgreSQL running there, on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL's server name "${url.hostname}" is not known`;
    default:
      return `DATABASE_URL's database "${databaseOf(url)}" on ${server} could not be reached: ${message ?? String(error)}`;
  }
}

/**
 * Connects once to the database `DATABASE_URL` names, and turns a refusal into what is wrong with it. A
 * database that does not exist is refused, not created: a mistyped name must not start an empty system.
 */
export async function checkDatabaseUrl(databaseUrl: string): Promise<void> {
  const url = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that drops the connection later must not crash the check with an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUrlError(explain(error, url));
  } finally {
    await client.end().catch(() => undefined);
  }
}
