import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `em.execute` with the parameters bound by the database instead of written into the statement's text.
 * MikroORM writes every value into the SQL, escaping it a character at a time on the event loop: for a batch
 * sent as one JSON parameter of some hundreds of kilobytes that is tens of milliseconds a statement. Scalars
 * and strings only: knex spreads an array parameter into a list of parameters.
 */
export async function executeBound<Row extends object>(
  em: EntityManager,
  sql: string,
  params: readonly (string | number | boolean | null)[],
): Promise<Row[]> {
  const query = em.getKnex().raw(sql, [...params]);
  const transaction = em.getTransactionContext();
  if (transaction) void query.transacting(transaction);
  const result = (await query) as { rows?: Row[] } | Row[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
