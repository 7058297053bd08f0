// The motcua command against a server database (DATABASE_URL): seed, audit verify, deadline. Each command is a
// real process loading the TypeScript sources, which takes many seconds on a loaded machine: the steps are
// separate tests with generous time (they never assert how fast), and nothing is spawned that is not needed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../support/db';

const run = promisify(execFile);
/** One command's time limit, and a step's (a few commands): minutes, not the seconds it takes on an idle machine. */
const SPAWN_MS = 240_000;
const STEP = { timeout: 3 * SPAWN_MS };
// Each test has a database of its own: the first an empty one it migrates and seeds, the others a copy of the
// migrated, seeded template, so none needs another test's steps.
const made: TestDb[] = [];
async function database(opts: { empty?: boolean } = {}): Promise<TestDb> {
  const d = await freshDatabase(opts);
  made.push(d);
  return d;
}
afterAll(async () => {
  for (const d of made) await d.drop();
});

async function motcua(t: TestDb, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['bin/motcua.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: t.url, MOTCUA_DEMO_PASSWORD: 'DemoPass2026x' },
      timeout: SPAWN_MS,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('motcua CLI on a server database', () => {
  it('migrate, then seed --demo once (a second seed changes nothing)', STEP, async () => {
    const t = await database({ empty: true });
    expect((await motcua(t, ['migrate'])).out).toContain('Migrations applied');
    const seeded = await motcua(t, ['seed', '--demo']);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('Demo province seeded');
    expect((await motcua(t, ['seed', '--demo'])).out).toContain('already present');
  });

  it('deadline prints when a dossier is due', STEP, async () => {
    const t = await database();
    const d = await motcua(t, ['deadline', '--received', '2026-02-13T16:00:00+07:00', '--days', '0.5', '--unit', 'hacthanh']);
    expect(JSON.parse(d.out)).toEqual({ countedFrom: '2026-02-23T07:30:00+07:00', dueAt: '2026-02-23T11:30:00+07:00' });
  });

  it('audit verify passes an intact log and catches tampering', STEP, async () => {
    const t = await database();
    const ok = await motcua(t, ['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Audit log intact');
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.db);
    await sql`UPDATE audit_log SET details = '{"users": 1}'`.execute(t.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(t.db);
    const bad = await motcua(t, ['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('TAMPERED');
  });
});
