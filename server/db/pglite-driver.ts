/**
 * mikro-orm-pglite ships CommonJS, but its only type declarations are written as ES module types.
 * Requiring it keeps one copy of MikroORM in the process (importing its ES build would load a second,
 * whose entity metadata ours cannot see); the types are borrowed from its declarations.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a type-only import cannot take a value's type
type PGliteDriverModule = typeof import('mikro-orm-pglite', { with: { 'resolution-mode': 'import' } });

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { PGliteDriver } = require('mikro-orm-pglite') as PGliteDriverModule;
export type { PGliteConnectionConfig } from 'mikro-orm-pglite' with { 'resolution-mode': 'import' };
