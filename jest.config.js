// @ts-check
/** Transform with swc (decorator metadata included) and type-check separately with `npm run typecheck`. */
const transform = {
  '^.+\\.(t|j)s$': [
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

const integration = (database) => ({
  displayName: `integration:${database}`,
  transform,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: [`<rootDir>/test/support/use-${database}.ts`],
  testTimeout: 60_000,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      transform,
      testMatch: ['<rootDir>/{server,schema,plugins,seeds}/**/*.test.ts'],
    },
    integration('pglite'),
    integration('postgres'),
  ],
};
