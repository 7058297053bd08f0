// Recomputing open dossiers' deadlines after a calendar change: N open dossiers (with their deadlines)
// received over 120 days in the demo province, then one new day off declared; the recomputation (deadline
// rows, the dossiers' copies, one deadline_change row per change) is timed end to end in one transaction.
// Run: npx tsx bench/recompute.bench.ts [N=100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { Calendar, computeDeadline, DEFAULT_SCHEDULE, OFFICIAL_YEARS } from '../src/domain/calendar/index';
import { recomputeOpenDeadlines } from '../src/services/calendar.service';
import { loadDossiers } from './load';

const N = Number(process.argv[2] ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const db = createDb(pg.url('postgres'));
try {
  await migrateToLatest(db);
  await seedDemo(db, 'BenchPass2026x');
  const province = (await db.selectFrom('unit').select('id').where('type', '=', 'province').executeTakeFirstOrThrow()).id;
  const calendar = new Calendar(OFFICIAL_YEARS);
  const t0 = performance.now();
  // N real dossiers, all open (in progress), received over 120 days from 2 Nov 2026, each with its deadline.
  await loadDossiers(db, N);
  await sql`
    UPDATE dossier SET status = 'in-progress', finished_at = NULL, returned_at = NULL,
      received_at = timestamptz '2026-11-02 08:00+07' + ((substring(code from 7)::int * 7919) % (120 * 86400)) * interval '1 second'`.execute(
    db,
  );
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db
      .selectFrom('dossier')
      .select(['id', 'unit_id', 'received_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const rows = batch.map((d, j) => {
      const workingDays = [0, 0.5, 1, 3, 5, 7, 12][j % 7]!;
      const r = computeDeadline({ receivedAt: d.received_at, workingDays, schedule: DEFAULT_SCHEDULE, calendar });
      return {
        unit_id: d.unit_id,
        subject_type: 'dossier',
        subject_id: d.id,
        received_at: d.received_at,
        working_days: workingDays,
        counted_from: r.countedFrom,
        due_at: r.dueAt,
      };
    });
    await db.insertInto('deadline').values(rows).execute();
    const values = sql.join(rows.map((r) => sql`(${r.subject_id}::uuid, ${r.counted_from}::timestamptz, ${r.due_at}::timestamptz)`));
    await sql`UPDATE dossier d SET counted_from = v.c, due_at = v.d FROM (VALUES ${values}) AS v(id, c, d) WHERE d.id = v.id`.execute(db);
  }
  await sql`ANALYZE`.execute(db);
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
  console.log(`| open dossiers | changed | recompute (one transaction) | per deadline | load time | table size |`);
  console.log(`|---:|---:|---:|---:|---:|---:|`);
  console.log(
    `| ${N} | ${n} | ${(recomputeMs / 1000).toFixed(2)} s | ${((recomputeMs * 1000) / N).toFixed(1)} µs | ${(loadMs / 1000).toFixed(1)} s | ${size.rows[0]!.s} |`,
  );
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
