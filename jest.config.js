/** One jest run, four projects: pure unit tests (server and web client), API tests on a real PostgreSQL, browser tests on the built app. */
const swcTransform = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, react: { runtime: 'automatic' } },
      keepClassNames: true,
    },
  },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleNameMapper: {
    '^@cchc/shared$': '<rootDir>/libs/shared/src/index.ts',
    '^@cchc/migrations$': '<rootDir>/migrations/index.ts',
    '^@api/(.*)$': '<rootDir>/apps/api/src/$1',
  },
  // A few dependencies ship ESM only; swc turns them into CommonJS for jest's module system.
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/).*/node_modules/'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.nx', '<rootDir>/.data'],
  testEnvironment: 'node',
};

module.exports = {
  // Jest reads testTimeout from the root config only (the per-project values below are ignored): on a busy 2-core
  // machine the 5 s default fails slow-but-correct tests (xlsx round-trips, starting the built server).
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/test/lint/**/*.spec.ts'] },
    // The web client's own logic (the offline answer queue, the test navigator, ...): plain functions, no browser.
    { ...common, displayName: 'web', testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts-api.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts-browser.ts'],
    },
  ],
};
