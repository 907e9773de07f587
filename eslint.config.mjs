// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** The GraphQL layer's packages: the storage layer and the engine below it know nothing of them. */
const GRAPHQL = ['graphql', 'graphql/*', 'type-graphql', '@escape.tech/*'];

/** The transport's packages: only server/transport/ and the boot (server/main.ts) serve HTTP and WebSockets. */
const TRANSPORT = [
  '@apollo/*',
  '@as-integrations/*',
  'graphql-ws',
  'graphql-ws/*',
  'express',
  'cors',
  'ws',
  'jose',
];

/** The storage layer's packages, and the logging and metrics the boot wires up: none of them in the engine. */
const STORAGE_AND_OPERATIONS = [
  '@mikro-orm/*',
  'mikro-orm-pglite',
  '@electric-sql/*',
  'pg',
  'knex',
  'pino',
  'prom-client',
];

/** no-restricted-imports of the packages a layer stands above, with why. */
const packagesAbove = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

/**
 * The stack, lowest first: the engine (server/engine/), storage and the commands (server/storage/), the GraphQL
 * layer (schema/), transport and boot (server/transport/, server/main.ts). A layer imports the layers below
 * it, never one above: import-x resolves every relative import to its file, so no path can climb around it.
 */
const LAYERS_ABOVE = [
  {
    target: 'server/engine',
    from: ['server/storage', 'schema', 'server/transport', 'server/main.ts'],
    message: 'The engine imports only the engine: storage, the GraphQL layer and the transport import it.',
  },
  {
    target: 'server/storage',
    from: ['schema', 'server/transport', 'server/main.ts'],
    message: 'Storage and the commands stand below the GraphQL layer and the transport: take plain values.',
  },
  {
    target: 'schema',
    from: ['server/transport', 'server/main.ts'],
    message:
      'The GraphQL layer stands below the transport: the transport serves the schema, not the reverse.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'test-results/',
      'scale-plugins/',
      'test/fixtures/**/*.{js,cjs,mjs}',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable' },
      // Decorated signatures are read at run time (type-graphql, MikroORM): their imports are values.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bench/**/*.cjs'],
    languageOptions: { globals: { fetch: 'readonly', performance: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['server/**/*.ts', 'schema/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYERS_ABOVE }] },
  },
  {
    files: ['server/engine/**/*.ts'],
    rules: packagesAbove(
      [...GRAPHQL, ...TRANSPORT, ...STORAGE_AND_OPERATIONS],
      'The engine knows nothing of GraphQL, HTTP or the database: raise a DomainError, take plain values.',
    ),
  },
  {
    files: ['server/storage/**/*.ts'],
    rules: packagesAbove(
      [...GRAPHQL, ...TRANSPORT, 'pino', 'prom-client'],
      'Storage and the commands speak neither GraphQL nor HTTP: raise a DomainError, and leave logs and metrics to the boot.',
    ),
  },
  {
    files: ['schema/**/*.ts'],
    rules: packagesAbove(
      [...TRANSPORT, 'pino', 'prom-client'],
      'The GraphQL layer is served by the transport: it knows no HTTP server, socket, token, log or metric.',
    ),
  },
  prettier,
);
