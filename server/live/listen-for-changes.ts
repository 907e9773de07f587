import { Client } from 'pg';
import type { Database } from '../db/open-database';
import { KPI_CHANGE_CHANNEL } from './kpi-change';

export interface ChangeListener {
  close(): Promise<void>;
}

const RECONNECT_DELAY_MS = 1_000;
const REMEMBERED_IDS = 10_000;

/**
 * Hands the id of every committed change, from any instance, to `onChange`. On PostgreSQL a connection of
 * its own LISTENs (and after a lost connection, catches up from the last id it saw); embedded, PGlite
 * delivers the same notifications in-process.
 */
export async function listenForChanges(
  database: Database,
  databaseUrl: string | undefined,
  onChange: (changeId: number) => void,
  onError: (error: unknown) => void,
): Promise<ChangeListener> {
  if (!databaseUrl) {
    const unlisten = await database.pglite!.listen(KPI_CHANGE_CHANNEL, (payload) =>
      onChange(Number(payload)),
    );
    return { close: () => unlisten() };
  }

  // Ids are taken in insert order but committed in any order, so a later id may arrive first:
  // remember recent ids to ignore repeats from a catch-up, and the highest to catch up from.
  const recent = new Set<number>();
  let lastSeen = 0;
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const seen = (id: number) => {
    if (recent.has(id)) return;
    recent.add(id);
    if (recent.size > REMEMBERED_IDS) recent.delete(recent.values().next().value!);
    lastSeen = Math.max(lastSeen, id);
    onChange(id);
  };

  const connect = async (): Promise<void> => {
    const connection = new Client({ connectionString: databaseUrl });
    connection.on('notification', (message) => seen(Number(message.payload)));
    connection.on('error', (error) => {
      onError(error);
      void connection.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect().catch(onError), RECONNECT_DELAY_MS);
    });
    await connection.connect();
    await connection.query(`listen ${KPI_CHANGE_CHANNEL}`);
    client = connection;
    if (lastSeen === 0) {
      const { rows } = await connection.query<{ last: number | null }>(
        'select max(id) as last from kpi_change',
      );
      lastSeen = rows[0]?.last ?? 0;
    } else {
      const { rows } = await connection.query<{ id: number }>(
        'select id from kpi_change where id > $1 order by id',
        [lastSeen],
      );
      for (const row of rows) seen(row.id);
    }
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
