import { Client } from 'pg';
import type { Database } from '../db/open-database';

/**
 * A kind of committed change, announced on `channel` with the id of its row in `table` as the payload;
 * ids are serial, so a listener that lost its connection catches up with the ids above the last it saw.
 */
export interface ChangeFeed {
  channel: string;
  table: string;
}

export interface FeedReceiver extends ChangeFeed {
  receive(id: number): void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

/** How the listening connection shows in PostgreSQL's pg_stat_activity, beside the pool's connections. */
export const LISTENER_APPLICATION_NAME = 'progress-listener';

const RECONNECT_DELAY_MS = 1_000;
const REMEMBERED_IDS = 10_000;

/** What one feed has delivered: ids repeated by a catch-up are dropped, and the next catch-up starts above them. */
function feedTracker(feed: FeedReceiver) {
  // Ids are taken in insert order but committed in any order, so a later id may arrive first:
  // remember recent ids to ignore repeats from a catch-up, and the highest to catch up from.
  const recent = new Set<number>();
  let lastSeen = 0;
  let started = false;
  const seen = (id: number) => {
    if (recent.has(id)) return;
    recent.add(id);
    if (recent.size > REMEMBERED_IDS) recent.delete(recent.values().next().value!);
    lastSeen = Math.max(lastSeen, id);
    feed.receive(id);
  };
  return {
    seen,
    /** On the first connection, starts from the latest row; on every later one, delivers what was missed. */
    async catchUp(connection: Client): Promise<void> {
      if (!started) {
        const { rows } = await connection.query<{ last: number | null }>(
          `select max(id) as last from ${feed.table}`,
        );
        lastSeen = Math.max(lastSeen, rows[0]?.last ?? 0);
        started = true;
        return;
      }
      const { rows } = await connection.query<{ id: number }>(
        `select id from ${feed.table} where id > $1 order by id`,
        [lastSeen],
      );
      for (const row of rows) seen(row.id);
    },
  };
}

/**
 * Hands the id of every committed change of each feed, from any instance, to that feed's `receive`. On
 * PostgreSQL one connection of its own LISTENs on every channel (and after a lost connection, catches each
 * feed up from the last id it saw); embedded, PGlite delivers the same notifications in-process.
 */
export async function listenForChanges(
  database: Database,
  databaseUrl: string | undefined,
  feeds: readonly FeedReceiver[],
  onError: (error: unknown) => void,
): Promise<ChangeListener> {
  if (!databaseUrl) {
    const unlistens = await Promise.all(
      feeds.map((feed) => database.pglite!.listen(feed.channel, (payload) => feed.receive(Number(payload)))),
    );
    return {
      close: async () => {
        await Promise.all(unlistens.map((unlisten) => unlisten()));
      },
    };
  }

  const trackers = new Map(feeds.map((feed) => [feed.channel, feedTracker(feed)] as const));
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const connection = new Client({
      connectionString: databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
    });
    connection.on('notification', (message) => trackers.get(message.channel)?.seen(Number(message.payload)));
    connection.on('error', (error) => {
      onError(error);
      void connection.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect().catch(onError), RECONNECT_DELAY_MS);
    });
    await connection.connect();
    for (const channel of trackers.keys()) await connection.query(`listen ${channel}`);
    client = connection;
    for (const tracker of trackers.values()) await tracker.catchUp(connection);
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end();
    },
  };
}
