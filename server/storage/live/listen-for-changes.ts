import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import type { Database } from '../db/open-database';

/**
 * A kind of committed change, announced on `channel` with the id of its row in `table` as the payload;
 * ids are serial, so a listener that lost its connection catches up with the ids it has not delivered.
 */
export interface ChangeFeed {
  channel: string;
  table: string;
}

export interface FeedReceiver extends ChangeFeed {
  receive(id: number): void;
}

export interface ChangeListener {
  /** False while the listening connection is down and being made again: changes then wait for its catch-up. */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** How the listening connection shows in PostgreSQL's pg_stat_activity, beside the pool's connections. */
export const LISTENER_APPLICATION_NAME = 'progress-listener';

const FIRST_RECONNECT_MS = 1_000;
const LONGEST_RECONNECT_MS = 30_000;
const REMEMBERED_IDS = 10_000;

/**
 * What one feed has delivered, so that a catch-up after a lost connection delivers exactly what was missed.
 * Ids are taken in insert order but committed in any order: a change may take an id below one already
 * delivered and commit after it. So a catch-up does not start from the highest id seen but from a horizon
 * below every id remembered as delivered, and skips those; and notifications that arrive while it runs are
 * held until it has delivered what it found, so that every change goes out in commit order.
 */
function feedTracker(feed: FeedReceiver) {
  const delivered = new Set<number>();
  /**
   * Every id at or below it was committed before listening began, or was delivered and then forgotten to
   * bound the memory: a catch-up looks above it only. A change can be missed only if it commits while the
   * connection is down, with ten thousand later changes delivered since its id was taken.
   */
  let horizon = 0;
  let started = false;
  let held: number[] | null = null;
  const deliver = (id: number) => {
    if (delivered.has(id)) return;
    delivered.add(id);
    if (delivered.size > REMEMBERED_IDS) {
      const oldest = delivered.values().next().value!;
      delivered.delete(oldest);
      horizon = Math.max(horizon, oldest);
    }
    feed.receive(id);
  };
  return {
    notified(id: number): void {
      if (held) held.push(id);
      else deliver(id);
    },
    /** Holds the notifications that come before the catch-up on a new connection. */
    hold(): void {
      held ??= [];
    },
    /** On the first connection, starts from the latest row; on every later one, delivers what was missed. */
    async catchUp(connection: Client): Promise<void> {
      if (!started) {
        const { rows } = await connection.query<{ last: number | null }>(
          `select max(id) as last from ${feed.table}`,
        );
        horizon = rows[0]?.last ?? 0;
        started = true;
      } else {
        const { rows } = await connection.query<{ id: number }>(
          `select id from ${feed.table} where id > $1 order by id`,
          [horizon],
        );
        for (const row of rows) deliver(row.id);
      }
      const notifiedMeanwhile = held ?? [];
      held = null;
      for (const id of notifiedMeanwhile) deliver(id);
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
      // In-process: there is no connection to lose.
      connected: true,
      close: async () => {
        await Promise.all(unlistens.map((unlisten) => unlisten()));
      },
    };
  }

  const trackers = new Map(feeds.map((feed) => [feed.channel, feedTracker(feed)] as const));
  const closing = new AbortController();
  const closed = () => closing.signal.aborted;
  let client: Client | undefined;

  const connect = async (): Promise<Client> => {
    const connection = new Client({
      connectionString: databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
    });
    for (const tracker of trackers.values()) tracker.hold();
    connection.on('notification', (message) =>
      trackers.get(message.channel)?.notified(Number(message.payload)),
    );
    const lost = (error?: unknown) => {
      if (error) onError(error);
      void connection.end().catch(() => undefined);
      if (client !== connection) return;
      client = undefined;
      if (!closed()) void reconnect();
    };
    connection.on('error', lost);
    connection.on('end', () => lost());
    try {
      await connection.connect();
      for (const channel of trackers.keys()) await connection.query(`listen ${channel}`);
      for (const tracker of trackers.values()) await tracker.catchUp(connection);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
    client = connection;
    return connection;
  };

  // Tried again and again, waiting longer each time, until the database answers or the server closes.
  const reconnect = async (): Promise<void> => {
    for (let wait = FIRST_RECONNECT_MS; !closed(); wait = Math.min(wait * 2, LONGEST_RECONNECT_MS)) {
      // Closing the listener cuts the wait short.
      await delay(wait, undefined, { signal: closing.signal }).catch(() => undefined);
      if (closed()) return;
      try {
        const connection = await connect();
        if (closed()) await connection.end();
        return;
      } catch (error) {
        onError(error);
      }
    }
  };

  await connect();
  return {
    get connected() {
      return client !== undefined;
    },
    async close() {
      closing.abort();
      await client?.end();
    },
  };
}
