// Mutation testing of the services that hold the law's rules, against their tests on real PostgreSQL:
// `npm run test:mutation:services` (minutes to an hour: each mutant re-runs the covering tests on a fresh
// database copy). Not part of CI; its latest score and surviving mutants are in docs/testing.md.
// Mutated: the lines of the services that decide the law's rules (who may act on which dossier, intake at the
// competent unit, supplement once and only the procedure's papers, written reasons, one later extension, one
// dossier per online application, the feedback answer checks, the indicators' scope). Line ranges follow the
// files as of 3 December 2026; keep them in step when dossier.service.ts is split.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.services.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/services/dossier.service.ts:209-209', // rolesIn: only roles held in the dossier's units count
    'src/services/dossier.service.ts:222-232', // lookupCitizen: registry lookups only on grounds, under the caller's unit
    'src/services/dossier.service.ts:273-273', // intake: only a reception officer of the reception point
    'src/services/dossier.service.ts:282-282', // intake: a procedure the competent unit handles
    'src/services/dossier.service.ts:286-289', // intake: another unit's procedure only when boundary-free, in the province
    'src/services/dossier.service.ts:298-298', // intake: the return point belongs to the competent or the receiving unit
    'src/services/dossier.service.ts:650-655', // act: the dossier is in the actor's units (or the citizen's own)
    'src/services/dossier.service.ts:662-672', // act: the role held in the dossier's units, allowed actions
    'src/services/dossier.service.ts:697-698', // act: the rules of the law over the history (actionRule)
    'src/services/dossier.service.ts:718-718', // request-supplement: only the procedure's components, at least one
    'src/services/dossier.service.ts:788-788', // refuse/stop: written reasons
    'src/services/dossier.service.ts:857-858', // apologize-and-extend: a later date than the current due time and now
    'src/services/dossier.service.ts:997-997', // createFromApplication: one dossier per application
    'src/services/indicator.service.ts:92-92', // indicators: only the units the caller oversees
  ],
  ignorePatterns: ['var', 'web', 'e2e', 'bench', 'docs', 'dist'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'var/stryker/services-incremental.json',
  tempDirName: 'var/stryker/tmp-services',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'var/stryker/services-report.json' },
  // Static mutants (module-level tables) would re-run every test file each; the domain run covers those tables.
  ignoreStatic: true,
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 60000,
  // The initial run of the test files on real PostgreSQL takes minutes on a loaded two-core machine.
  dryRunTimeoutMinutes: 40,
  cleanTempDir: 'always',
};
