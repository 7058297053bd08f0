// Lint: typescript-eslint with type information, for the rules that catch real bugs in this codebase.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TOO_DEEP = { group: ['../../../../*'], message: 'Too deep: move the module or import through its folder.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'var/', 'web/dist/', 'dist/', 'clients/typescript/src/schema.d.ts', 'e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'vitest.e2e.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // No deep relative imports across the tree: three levels up means the module is in the wrong place.
      'no-restricted-imports': ['error', { patterns: [TOO_DEEP] }],
    },
  },
  // The layers (ARCHITECTURE.md): api → services → db, everyone may use domain, domain uses nothing with I/O.
  // A later block replaces the rule's options for its files, so each zone repeats TOO_DEEP.
  // Blind spots: dynamic import() and require() are not checked, nor is I/O reached through a value handed in
  // (a Db passed to a domain function would type-check); `app.db` is reachable from api through the App type,
  // so routes hand it only to services and simulators (reviewed, not linted).
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'kysely'].map((name) => ({ name, message: 'api never queries: call a service.' })),
          patterns: [
            TOO_DEEP,
            { group: ['**/db', '**/db/**'], message: 'api never imports db: call a service, which calls a repository.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            TOO_DEEP,
            {
              group: ['**/services', '**/services/**', '**/api', '**/api/**', '**/seed', '**/seed/**', '**/jobs/**', '**/app'],
              message: 'db is the bottom layer: it never imports services, api, jobs or the seed.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'kysely', 'fastify', 'piscina', 'pino', 'pg-boss'].map((name) => ({ name, message: 'domain is pure: no I/O.' })),
          patterns: [
            TOO_DEEP,
            {
              group: ['node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'child_process', 'worker_threads', 'dns', 'os'],
              message: 'domain is pure: no I/O (pass what it needs as a parameter).',
            },
            {
              group: ['**/db/**', '**/services/**', '**/api/**', '**/adapters/**', '**/jobs/**', '**/simulators/**', '**/cli/**'],
              message: 'domain imports no other layer.',
            },
            { group: ['**/seed/**', '**/forms/**', '**/app', '**/config', '**/runtime'], message: 'domain imports no other layer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
