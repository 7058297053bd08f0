// Every repository's SQL is snapshotted (test/db/sql/<name>.sql.test.ts), so a changed query shows in review as a
// changed snapshot. A new repository without its snapshot test fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const repos = fs
  .readdirSync(path.join(root, 'src/db/repositories'))
  .filter((f) => f.endsWith('.repository.ts'))
  .map((f) => f.replace(/\.repository\.ts$/, ''));
const tests = fs.readdirSync(path.join(root, 'test/db/sql')).filter((f) => f.endsWith('.sql.test.ts'));

/** The snapshot files that import a repository (one test file may snapshot two, e.g. deadline-calendar). */
function testsOf(repo: string): string[] {
  return tests.filter((f) =>
    fs.readFileSync(path.join(root, 'test/db/sql', f), 'utf8').includes(`src/db/repositories/${repo}.repository'`),
  );
}

describe('every repository has its SQL snapshotted', () => {
  it('lists the repositories', () => expect(repos.length).toBeGreaterThan(20));
  for (const repo of repos)
    it(repo, () => {
      expect(testsOf(repo), `test/db/sql/${repo}.sql.test.ts importing src/db/repositories/${repo}.repository`).not.toEqual([]);
    });
});
