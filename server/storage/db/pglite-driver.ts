/**
 * mikro-orm-pglite ships CommonJS, but its only type declarations are written as ES module types.
 * Requiring it keeps one copy of MikroORM in the process (importing its ES build would load a second,
 * whose entity metadata ours cannot see); the types are borrowed from its declarations.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a type-only import cannot take a value's type
type PGliteDriverModule = typeof import('mikro-orm-pglite', { with: { 'resolution-mode': 'import' } });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pglite = require('mikro-orm-pglite') as PGliteDriverModule;

/**
 * knex-pglite runs a query through PGlite's `exec` (no parameters, another result shape) whenever its text
 * splits into several parts at ";". MikroORM writes parameter values into the text before sending it, so
 * a value holding a semicolon, such as a sentence of a story, made one INSERT look like several statements
 * and lost the id it returned. Every query MikroORM sends here is a single statement, so all go to `query`.
 */
pglite.PGliteKnexDialect.prototype._query = async (connection, query) => {
  query.response = await connection.query(query.sql!, query.bindings ?? []);
  return query;
};

export const { PGliteDriver } = pglite;
export type { PGliteConnectionConfig } from 'mikro-orm-pglite' with { 'resolution-mode': 'import' };
