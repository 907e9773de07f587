// @ts-check
/** Transform with swc (decorator metadata included) and type-check separately with `npm run typecheck`. */
const transform = {
  '^.+\\.(t|m?j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        keepClassNames: true,
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
      module: { type: 'commonjs', ignoreDynamic: true },
    },
  ],
};

/** d3's packages are ES modules only: swc makes them CommonJS for jest, as Node's own require loads them. */
const transformIgnorePatterns = ['/node_modules/(?!(d3-[^/]+|internmap)/)'];

/** As the server serves its plugin kit to plugins by package name (server/engine/kpi/provide-kit.ts). */
const moduleNameMapper = { '^progress-platform/kpi$': '<rootDir>/server/engine/kpi/kit.ts' };

/**
 * `*.postgres.test.ts` files prove what only a shared PostgreSQL can show, e.g. several instances on one
 * database, so only the PostgreSQL run has them. `*.e2e.test.ts` files drive a real browser against the
 * server; the database under it changes nothing they show, so they run once, on PGlite.
 */
const ONLY_ON = { postgres: '\\.postgres\\.test\\.ts$', pglite: '\\.e2e\\.test\\.ts$' };
const integration = (database) => ({
  displayName: `integration:${database}`,
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: Object.entries(ONLY_ON)
    .filter(([onlyOn]) => onlyOn !== database)
    .map(([, pattern]) => pattern),
  setupFiles: [`<rootDir>/test/support/use-${database}.ts`],
  // Servers started in their own process run the compiled build, made once for both projects.
  globalSetup: '<rootDir>/test/support/build-for-tests.ts',
  globalTeardown: '<rootDir>/test/support/remove-test-build.ts',
});

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests start servers and databases; a shared two-core machine needs the headroom.
  testTimeout: 60_000,
  // Every test file loads the whole server afresh in its worker, and not all of it is collected after: a worker
  // that holds more than this after a file is replaced, so a long run never reaches the heap's limit.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/{server,schema,plugins,seeds}/**/*.test.ts'],
    },
    integration('pglite'),
    integration('postgres'),
  ],
};
