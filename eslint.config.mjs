// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** What the engine may not import: GraphQL, HTTP, the database, logging and metrics belong to the layers above. */
const OUTSIDE_THE_ENGINE = [
  'graphql',
  'graphql/*',
  'type-graphql',
  'graphql-ws',
  'graphql-ws/*',
  '@apollo/*',
  '@as-integrations/*',
  '@escape.tech/*',
  'express',
  'cors',
  'ws',
  '@mikro-orm/*',
  'mikro-orm-pglite',
  '@electric-sql/*',
  'pg',
  'knex',
  'jose',
  'pino',
  'prom-client',
];

/**
 * The engine (server/engine/: the plugin contract, KPI maths, SPC, findings, the governance rules) sits at the
 * bottom of the stack: it imports only itself and Node. `depth` is how many folders below server/ a file is,
 * so how many `../` lead out of the engine.
 */
const engineOnly = (depth) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: OUTSIDE_THE_ENGINE,
          message:
            'The engine knows nothing of GraphQL, HTTP or the database: raise a DomainError, take plain values.',
        },
        {
          // The built-in plugins stand on the kit alone: the engine's tests use them as examples.
          regex: `^(\\.\\./){${depth}}(?!\\.\\./plugins/)`,
          message:
            'The engine imports only the engine: storage, the GraphQL layer and the transport import it, not the reverse.',
        },
      ],
    },
  ],
});

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
  { files: ['server/engine/*.ts'], rules: engineOnly(1) },
  { files: ['server/engine/*/*.ts'], rules: engineOnly(2) },
  prettier,
);
