const shared = {
  transform: { '^.+\\.ts$': '<rootDir>/packages/testing/jest-transform.cjs' },
  moduleNameMapper: {
    '^@vexil/(evaluation|platform|testing)$': '<rootDir>/packages/$1/src/index.ts',
    '^@vexil/(identity|flags|billing|analytics)$': '<rootDir>/services/$1/src/index.ts',
    '^@vexil/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@vexil/schema$': '<rootDir>/schema/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/**
 * Unit tests (`*.test.ts`) need no database. Integration tests (`*.int.test.ts`) run on the platform
 * their jest worker shares (`sharedTestPlatform`, started by the global setup), or, when they need other
 * settings, on one of their own (`startTestPlatform`); every platform gets a fresh database cloned from
 * the template `npm test` migrates once (packages/testing).
 */
export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.test.ts', '!**/*.int.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.js',
      globalTeardown: '<rootDir>/test/harness/global-teardown.js',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 30000,
  // A beforeAll that times out abandons a platform still starting, which nobody can dispose; without
  // this a single slow start would leave the run hanging instead of failing.
  forceExit: true,
};
