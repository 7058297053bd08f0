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
    // checkAction: written reasons for refusal and stop, only the procedure's components in a refusal, a
    // withdrawal request's channel and reason and evidence, one apology with one date later than the old one and
    // than now; checkLoaded: the transfer's target in the province, handling the procedure, with a reason.
    // (Supplement once, stop only on a withdrawal request, one extension and the leader's signature are
    // `actionRule` in src/domain/dossier/rules.ts, measured by the domain run.)
    'src/domain/dossier/effects.ts:243-253',
    'src/domain/dossier/effects.ts:263-275',
    'src/domain/dossier/effects.ts:287-292',
    // create: the intake rules (a reception officer of the point's unit, an open point, the procedure handled by
    // the competent unit, boundary-free procedures only within the province, the channel offered, the return point).
    'src/services/dossier/intake.service.ts:181-201',
    // createFromApplication: one dossier per online application.
    'src/services/dossier/intake.service.ts:328-328',
    // feedback act: the answer checks run only when the action is allowed now, before an answer is stored and
    // again before approval, and a promised action's unit is in the province (the checks themselves are pure,
    // src/domain/feedback/answer-checks.ts, measured by the domain run).
    'src/services/feedback/actions.service.ts:116-129',
    // indicators: form 06's columns (TT 01/2020/TT-VPCP II.06a).
    'src/services/indicator.service.ts:73-88',
  ],
  // Message text and the parameters of a problem's message are not rules: their mutants are left out (the
  // problem's code and status are what the tests assert).
  mutator: { excludedMutations: ['StringLiteral', 'ObjectLiteral'] },
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
