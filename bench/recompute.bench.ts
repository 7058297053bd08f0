// Recomputing open deadlines after a calendar change: N open deadlines spread over 2026–2027 in the demo
// province, then a year replaced (one new day off), timed end to end inside one transaction.
// Run: npx tsx bench/recompute.bench.ts [N=100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/db/seed/demo';
import { Calendar, computeDeadline, DEFAULT_SCHEDULE, OFFICIAL_YEARS } from '../src/domain/calendar/index';
import { recomputeOpenDeadlines } from '../src/services/calendar.service';

const N = Number(process.argv[2] ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const db = createDb(pg.url('postgres'));
try {
  await migrateToLatest(db);
  await seedDemo(db, 'BenchPass2026x');
  const units = await db.selectFrom('unit').select('id').where('type', '!=', 'province').execute();
  const province = (await db.selectFrom('unit').select('id').where('type', '=', 'province').executeTakeFirstOrThrow()).id;
  const calendar = new Calendar(OFFICIAL_YEARS);
  const start = Date.parse('2026-11-02T01:00:00Z');
  const t0 = performance.now();
  for (let i = 0; i < N; i += 5000) {
    const rows = [];
    for (let j = i; j < Math.min(N, i + 5000); j++) {
      const receivedAt = new Date(start + ((j * 7_919_000) % (120 * 86_400_000)));
      const workingDays = [0, 0.5, 1, 3, 5, 7, 12][j % 7]!;
      const d = computeDeadline({ receivedAt, workingDays, schedule: DEFAULT_SCHEDULE, calendar });
      rows.push({
        unit_id: units[j % units.length]!.id,
        subject_type: 'bench',
        subject_id: `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`,
        received_at: receivedAt,
        working_days: workingDays,
        counted_from: d.countedFrom,
        due_at: d.dueAt,
      });
    }
    await db.insertInto('deadline').values(rows).execute();
  }
  const loadMs = performance.now() - t0;
  const years = await db.selectFrom('calendar_year').selectAll().where('province_id', '=', province).execute();
  // A new day off on Mon 2027-01-04 moves every deadline that runs across it.
  const changed = new Calendar([
    ...years.map((y) => ({ year: y.year, holidays: y.holidays, workingDays: y.working_days, generated: y.generated })),
    { ...calendar.getYear(2027), holidays: [...calendar.getYear(2027).holidays, '2027-01-04'], generated: false },
  ]);
  const t1 = performance.now();
  const n = await db.transaction().execute((trx) => recomputeOpenDeadlines(trx, province, changed, 'bench', null));
  const recomputeMs = performance.now() - t1;
  const size = await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('deadline')) AS s`.execute(db);
  console.log(`| open deadlines | changed | recompute (one transaction) | per deadline | load time | table size |`);
  console.log(`|---:|---:|---:|---:|---:|---:|`);
  console.log(
    `| ${N} | ${n} | ${(recomputeMs / 1000).toFixed(2)} s | ${((recomputeMs * 1000) / N).toFixed(1)} µs | ${(loadMs / 1000).toFixed(1)} s | ${size.rows[0]!.s} |`,
  );
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
