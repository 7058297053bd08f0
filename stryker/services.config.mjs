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
    'src/services/dossier.service.ts:208-210', // rolesIn: only roles held in the dossier's units count
    'src/services/dossier.service.ts:219-232', // lookupCitizen: registry lookups only on grounds, under the caller's unit
    'src/services/dossier.service.ts:272-304', // intake: reception officer of the point, competent unit, boundary, channel, return point, components
    'src/services/dossier.service.ts:646-672', // act: the dossier's units, the role held there, allowed actions
    'src/services/dossier.service.ts:697-698', // act: the rules of the law over the history (actionRule)
    'src/services/dossier.service.ts:713-718', // request-supplement: only the procedure's components, at least one
    'src/services/dossier.service.ts:726-726', // request-supplement: counted (the database allows one)
    'src/services/dossier.service.ts:788-788', // refuse/stop: written reasons
    'src/services/dossier.service.ts:810-810', // issue-result: a result file
    'src/services/dossier.service.ts:855-858', // apologize-and-extend: a later date than the current due time and now
    'src/services/dossier.service.ts:868-868', // apologize-and-extend: counted (the database allows one)
    'src/services/dossier.service.ts:997-997', // createFromApplication: one dossier per application
    'src/services/indicator.service.ts:91-92', // indicators: only the units the caller oversees
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
  cleanTempDir: 'always',
};
