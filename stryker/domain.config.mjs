// Mutation testing of the pure domain (src/domain) against its own tests: `npm run test:mutation`.
// Runs in CI (.ci/run) and fails below the break threshold. See docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.domain.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.test.ts'],
  // The sandbox needs src/domain and the configs only: keep databases, builds and other tests out of the copy.
  ignorePatterns: ['var', 'web', 'e2e', 'bench', 'docs', 'test', 'dist'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'stryker/domain.incremental.json',
  tempDirName: 'var/stryker/tmp-domain',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'var/stryker/domain-report.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  ignoreStatic: true,
  timeoutMS: 20000,
  cleanTempDir: 'always',
};
