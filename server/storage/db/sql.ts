import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Statements on one connection, the parameters bound by the database (`$1`, `$2` …, arrays as arrays). pg's
 * client and PGlite both take them as they are; MikroORM's `execute` writes every value into the text instead,
 * and its and knex's machinery around each statement was a third of a submission's server time.
 */
export interface Sql {
  query<Row extends object>(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

/** What knex's pool hands out: a pg `Client`, or the embedded database. */
interface PooledConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
}

function sqlOn(connection: PooledConnection): Sql {
  return {
    async query<Row extends object>(text: string, values: readonly unknown[] = []) {
      const { rows } = await connection.query(text, [...values]);
      return rows as Row[];
    },
  };
}

/** The connection of the entity manager's open transaction, for statements that belong to it. */
export async function transactionSql(em: EntityManager): Promise<Sql> {
  const transaction = em.getTransactionContext<{ client: KnexClient }>();
  if (!transaction) throw new Error('transactionSql needs an open transaction');
  return sqlOn(await transaction.client.acquireConnection());
}

/**
 * Runs `work` in a transaction of its own on a connection from the entity manager's pool, committed when it
 * resolves and rolled back when it throws. Nothing goes through the entity manager: read and write in `work`.
 */
export async function inTransaction<T>(em: EntityManager, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = em.getKnex().client as KnexClient;
  const connection = await client.acquireConnection();
  const sql = sqlOn(connection);
  try {
    await sql.query('begin');
    let result: T;
    try {
      result = await work(sql);
    } catch (error) {
      // The work's error is the one to tell; a rollback that fails too had a broken connection, which the pool drops.
      await sql.query('rollback').catch(() => undefined);
      throw error;
    }
    await sql.query('commit');
    return result;
  } finally {
    await client.releaseConnection(connection);
  }
}
