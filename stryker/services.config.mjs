// Mutation testing of the services that hold the law's rules, against their tests on real PostgreSQL:
// `nice -n 10 npm run test:mutation:services` (about an hour on the shared two-core machine; not part of CI).
// Its latest score and every surviving mutant are in docs/testing.md.
//
// What keeps it inside an hour: only the rule-holding lines are mutated (below), coverage is per test (a mutant
// re-runs only the tests that reach it, in the test files of `vitest.services.config.ts`), static mutants are
// ignored, and the run is incremental (a re-run after new tests re-tests only the mutants those tests reach).
// Query code (repositories, SQL, the record of a failed feedback check) is not mutated: SQL is moved between
// files by other work and is covered by the database tests.
//
// Line ranges follow the files; keep them in step when the code moves (a moved range silently mutates other code).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.services.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    // act: the dossier's units, the role held there, the status's allowed actions (404 / 409 / 403).
    'src/services/dossier/actions.service.ts:69-88',
    // checkAction and checkLoaded: supplement once and only the procedure's components, written reasons for
    // refusal and stop, stop only on a withdrawal request, one apology with one later date, the result's file,
    // the handover, the transfer's target.
    'src/domain/dossier/effects.ts:215-292',
    // create: the intake rules (reception officer at the point, procedure handled by the competent unit,
    // boundary-free procedures only across the province, channel offered, return point, components of the
    // procedure, no registry-held paper, nothing missing).
    'src/services/dossier/intake.service.ts:181-221',
    // createFromApplication: one dossier per online application.
    'src/services/dossier/intake.service.ts:328-328',
    // feedback act: the answer checks before an answer is stored and again before approval; a promised action's
    // unit in the province; a failure recorded only for someone who may take the action.
    'src/services/feedback.service.ts:808-824',
    // indicators: form 06's columns, and the units a figure covers (only the units the caller oversees; a
    // province's without its training units).
    'src/services/indicator.service.ts:65-81',
    'src/services/indicator.service.ts:130-135',
  ],
  ignorePatterns: ['var', 'web', 'e2e', 'bench', 'docs', 'dist'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'stryker/services-incremental.json',
  tempDirName: 'var/stryker/tmp-services',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'var/stryker/services-report.json' },
  // Static mutants (module-level tables) would re-run every test file each; the domain run covers those tables.
  ignoreStatic: true,
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 60000,
  // The initial run (every test of vitest.services.config.ts, with per-test coverage) takes minutes when loaded.
  dryRunTimeoutMinutes: 40,
  cleanTempDir: 'always',
};
