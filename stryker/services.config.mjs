// Mutation testing of the services that hold the law's rules, against their tests on real PostgreSQL:
// `npm run test:mutation:services` (minutes to an hour: each mutant re-runs the covering tests on a fresh
// database copy). Not part of CI; its latest score and surviving mutants are in docs/testing.md.
// Mutated: intake (DossierService.create), the actions and their rules (act), application → dossier
// (createFromApplication). Line ranges follow src/services/dossier.service.ts; keep them in step when it moves.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.services.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/services/dossier.service.ts:219-332', // create: intake checks
    'src/services/dossier.service.ts:519-735', // act: scope, roles, the law's rules per action
    'src/services/dossier.service.ts:824-845', // createFromApplication: the once-only guard
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'var/stryker/services-incremental.json',
  tempDirName: 'var/stryker/tmp-services',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'var/stryker/services-report.json' },
  // Static mutants (module-level tables) would re-run every test file each; the domain run covers those tables.
  ignoreStatic: true,
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 60000,
  cleanTempDir: 'always',
};
