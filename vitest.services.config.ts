import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests of the services that hold the law's rules (dossier actions, intake, application → dossier, feedback
// answer checks, indicators) on real PostgreSQL, for their mutation run (stryker/services.config.mjs,
// `npm run test:mutation:services`). Only these files: each mutant re-runs the tests among them that reach it.
export default defineConfig({
  resolve: { alias: { '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)) } },
  test: {
    // Files whose tests reach the mutated lines and set up quickly. Not here, though they reach these lines too:
    // test/api/dossiers.test.ts and test/api/people.scopes.test.ts (each mutant would re-run their long set-up;
    // their probes by hand are in docs/testing.md).
    include: [
      'test/api/services-rules.test.ts',
      'test/api/dossier-record.test.ts',
      'test/api/dossier-actions.test.ts',
      'test/api/offline-intake.test.ts',
      'test/db/dossier-guards.test.ts',
      'test/api/indicators.test.ts',
      'test/api/feedback.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
