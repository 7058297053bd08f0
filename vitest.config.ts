import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web app's pure logic (drafts, e-form checks, formatting) imports the shared domain code as `@domain`.
  resolve: { alias: { '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['node_modules', 'e2e/**', 'web/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: each test file gets its own database, so files may run side by side.
    maxWorkers: 2,
    // Files and the tests inside each file run in random order: a test that leans on data an earlier test left
    // fails. The seed is printed ("Running tests with seed N"); `npm test -- --sequence.seed=N` repeats that order.
    sequence: { shuffle: { files: true, tests: true } },
  },
});
