// Mutation testing of the services that hold the law's rules, against their tests on real PostgreSQL:
// `npm run test:mutation:services` (minutes to an hour: each mutant re-runs the covering tests on a fresh
// database copy). Not part of CI; its latest score and surviving mutants are in docs/testing.md.
// Mutated: the lines of DossierService that decide the law's rules (who may act on which dossier, supplement
// once, stop only on a withdrawal request, one extension, the signature before a result, one dossier per
// online application). Line ranges follow src/services/dossier.service.ts; keep them in step when it moves.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.services.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/services/dossier.service.ts:534-556', // act: the dossier's units, the role held there, allowed actions
    'src/services/dossier.service.ts:593-600', // request-supplement: once, only the procedure's components
    'src/services/dossier.service.ts:648-653', // stop: only on a withdrawal request; refuse/stop: written reasons
    'src/services/dossier.service.ts:664-665', // issue-result: the leader's signature
    'src/services/dossier.service.ts:688-693', // apologize-and-extend: once, a later date
    'src/services/dossier.service.ts:831-834', // createFromApplication: one dossier per application
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
