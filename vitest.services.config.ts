import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests of the services that hold the law's rules (dossier actions, intake, application → dossier, feedback
// answer checks, indicators) on real PostgreSQL, for their mutation run (stryker/services.config.mjs,
// `npm run test:mutation:services`). Only these files: each mutant re-runs the tests among them that reach it.
export default defineConfig({
  resolve: { alias: { '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)) } },
  test: {
    // Two files, written so that each mutant re-runs a short set-up and a few tests: the rules' own tests (each in
    // a fresh ward) and the database guards. The other tests that reach these lines (dossiers, dossier-record,
    // dossier-actions, feedback, indicators) made a mutant cost a minute or more on the loaded two-core machine
    // (1.4 mutants a minute at load average 30): the run then takes hours. docs/testing.md has the measurement.
    include: ['test/api/services-rules.test.ts', 'test/db/dossier-guards.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
