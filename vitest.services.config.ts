import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests of the services that hold the law's rules (dossier actions, intake, application → dossier, feedback answer checks, the indicators' scope) on real
// PostgreSQL, for their mutation run (stryker/services.config.mjs, `npm run test:mutation:services`).
export default defineConfig({
  resolve: { alias: { '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)) } },
  test: {
    include: [
      'test/api/dossiers.test.ts',
      'test/api/dossier-actions.test.ts',
      'test/db/dossier-guards.test.ts',
      'test/api/people.scopes.test.ts',
      'test/api/indicators.scopes.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
