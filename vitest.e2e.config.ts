// Browser tests: a real Motcua server (demo mode, embedded PostgreSQL) driven by Debian's Chromium.
// Run: npx vitest run --config vitest.e2e.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    env: { MOTCUA_E2E: '1' },
  },
});
