// Mutation testing of the services that hold the law's rules, against their tests on real PostgreSQL:
// `npm run test:mutation:services` (minutes to an hour: each mutant re-runs the covering tests on a fresh
// database copy). Not part of CI; its latest score and surviving mutants are in docs/testing.md.
// Mutated: the lines of the dossier services that decide who may act (the dossier's units, the role held there,
// allowed actions) and the once-only guard of an online application's dossier. The law's rules themselves
// (supplement once, stop only on a withdrawal request, one extension, the signature before a result) are pure,
// in src/domain/dossier/effects.ts (checkAction), and mutated here too against the same real-PostgreSQL tests.
// Line ranges follow src/services/dossier/*.ts and the effects file; keep them in step when they move.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.services.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/services/dossier/actions.service.ts:69-88', // act: the dossier's units, the role held there, allowed actions
    'src/domain/dossier/effects.ts:215-284', // checkAction: supplement once, only the procedure's components, reasons, stop, signature, extension
    'src/services/dossier/intake.service.ts:322-323', // createFromApplication: one dossier per application
    'src/services/indicator.service.ts:130-130', // indicators: only the units the caller oversees
  ],
  ignorePatterns: ['var', 'web', 'e2e', 'bench', 'docs', 'dist'],
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
