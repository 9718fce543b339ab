/** Jest: ts-jest transpiles only (tsconfig isolatedModules); `npm run typecheck` does the strict type check once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores (jest-config getMaxWorkers), which on a 2-core machine
  // is one worker, in band: the 152 files ran one after another (255 s wall for 246 s of files, issue 19).
  // Every core instead; the main process only schedules. https://jestjs.io/docs/configuration#maxworkers-number--string
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
