import { defineConfig } from 'vitest/config';

// The pure domain tests alone: no database, no global setup. Used by the domain mutation run
// (stryker/domain.config.mjs), which re-runs these tests for each mutant: properties are checked
// with 60 generated cases each instead of 400 so that the run stays within a few minutes.
export default defineConfig({
  test: {
    include: ['src/domain/**/*.test.ts'],
    testTimeout: 30_000,
    env: { MOTCUA_PROPERTY_RUNS: '60' },
  },
});
