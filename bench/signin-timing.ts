// Does the time of a refused sign-in tell anything? AuthService.login against the real database for five cases —
// an unknown username, an inactive account, a locked account, a wrong password, the right password — interleaved
// round-robin (so drift of the machine's load hits every case alike), R runs each after a warm-up. Prints median,
// interquartile range, p10/p90 and the difference of each median from the unknown-username median.
// Run: npx tsx bench/signin-timing.ts [runs=300]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { Problem } from '../src/domain/problems';
import { seedDemo } from '../src/seed/demo';
import { AuthService } from '../src/services/auth.service';

const R = Number(process.argv[2] ?? 300);
const PASSWORD = 'BenchPass2026x';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-signin-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const db = createDb(pg.url('postgres'));
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

try {
  await migrateToLatest(db);
  await seedDemo(db, PASSWORD);
  // Lockout far away, so the wrong-password account stays "wrong" and never becomes "locked" during the run.
  const auth = new AuthService(db, {
    session: { idleMinutes: 30, absoluteHours: 12 },
    login: { maxFailures: 1_000_000_000, lockMinutes: 15 },
  });
  await db.updateTable('staff_user').set({ active: false }).where('username', '=', 'dongtien.specialist').execute();
  await db
    .updateTable('staff_user')
    .set({ locked_until: new Date(Date.now() + 24 * 3_600_000) })
    .where('username', '=', 'dongtien.leader')
    .execute();
  await db.updateTable('staff_user').set({ must_change_password: false }).where('username', '=', 'dongtien.reception-officer').execute();
  const cases: [string, string, string][] = [
    ['unknown username', 'khong.ton.tai', 'Sai-mat-khau-1'],
    ['inactive account', 'dongtien.specialist', 'Sai-mat-khau-1'],
    ['locked account', 'dongtien.leader', 'Sai-mat-khau-1'],
    ['wrong password', 'hacthanh.specialist', 'Sai-mat-khau-1'],
    ['right password', 'dongtien.reception-officer', PASSWORD],
  ];
  const ctx = { actor: null, requestId: 'bench', lang: 'en' as const, ip: '127.0.0.1' };
  const once = async (username: string, password: string) => {
    const started = performance.now();
    const outcome = await auth.login(ctx, username, password, { userAgent: 'bench' }).then(
      () => 'signed-in',
      (e: unknown) => (e instanceof Problem ? e.code : String(e)),
    );
    return { ms: performance.now() - started, outcome };
  };
  for (let i = 0; i < 20; i++) for (const [, u, p] of cases) await once(u, p); // warm-up
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  const outcomes = new Map<string, Set<string>>(cases.map(([name]) => [name, new Set()]));
  for (let i = 0; i < R; i++)
    for (const [name, u, p] of cases) {
      const r = await once(u, p);
      times.get(name)!.push(r.ms);
      outcomes.get(name)!.add(r.outcome);
    }
  const base = q(times.get('unknown username')!, 0.5);
  console.log(`sign-in timing, ${R} runs per case, interleaved; ${os.cpus().length} CPUs, Node ${process.version}`);
  console.log('| case | answer | median | IQR | p10 | p90 | median − unknown |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name] of cases) {
    const xs = times.get(name)!;
    const f = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `| ${name} | ${[...outcomes.get(name)!].join(', ')} | ${f(q(xs, 0.5))} | ${f(q(xs, 0.75) - q(xs, 0.25))} | ${f(q(xs, 0.1))} | ${f(q(xs, 0.9))} | ${(q(xs, 0.5) - base).toFixed(1)} ms |`,
    );
  }
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
