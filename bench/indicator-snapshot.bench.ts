// Month tables (migration 0029) against the whole-history reads they replace, on a cluster loaded by
// bench/province.ts: the province-year indicator set and the drill-downs, each run both ways in alternation (so
// both see the same machine load), p50/p95, and the answers compared (they must be identical). Also times
// indicator_snapshot_rebuild() (the month tables from the day rollups) and applies pending migrations first.
// Run: nice -n 5 npx tsx bench/indicator-snapshot.bench.ts [dataDir=/work/bench-data/10m] [runs=30]
import { sql } from 'kysely';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest, pendingMigrations } from '../src/db/migrate';
import { vnDate } from '../src/domain/indicators';
import { tallies, type Dimension } from '../src/db/repositories/indicator.repository';

const dir = process.argv[2] ?? '/work/bench-data/10m';
const RUNS = Number(process.argv[3] ?? 30);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const db = createDb(pg.url('postgres'));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const load = () => os.loadavg();
let cols: string[] = [];

/** The query before migration 0029: every day row of the units up to `to` (the open/late running sums). */
async function wholeHistory(q: {
  unitIds: string[];
  from: string;
  to: string;
  by?: Dimension;
}): Promise<Map<string, Record<string, unknown>>> {
  const table = q.by === 'procedure' || q.by === 'officer' ? 'indicator_rollup' : 'indicator_unit_day';
  const key =
    q.by === 'unit' ? 'unit_id::text' : q.by === 'procedure' ? 'procedure_id::text' : q.by === 'officer' ? 'officer_id::text' : `''`;
  const list = cols
    .map((c) =>
      c === 'open_delta' || c === 'late_delta'
        ? `sum(${c}) FILTER (WHERE day < p.f)::bigint AS "${c}:before", sum(${c})::bigint AS "${c}:end"`
        : `COALESCE(sum(${c}) FILTER (WHERE day >= p.f), 0)::bigint AS "${c}"`,
    )
    .join(', ');
  const r = await sql<Record<string, unknown>>`WITH p AS (SELECT ${q.from}::date AS f)
    SELECT ${sql.raw(key)} AS k, ${sql.raw(list)} FROM ${sql.table(table)}, p
    WHERE unit_id = ANY(${sql.val(q.unitIds)}::uuid[]) AND day <= ${q.to}::date GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [String(x.k), x]));
}

try {
  const pending = await pendingMigrations(db);
  if (pending.length) {
    const t = performance.now();
    await migrateToLatest(db);
    console.log(`applied migrations ${pending.join(', ')} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  cols = (
    await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'indicator_unit_day' AND column_name NOT IN ('unit_id', 'day')
      ORDER BY ordinal_position`.execute(db)
  ).rows.map((x) => x.c);
  const t0 = performance.now();
  const months = (await sql<{ n: string }>`SELECT indicator_snapshot_rebuild() AS n`.execute(db)).rows[0]!.n;
  const rebuildS = (performance.now() - t0) / 1000;
  await sql`VACUUM ANALYZE indicator_month, indicator_unit_month`.execute(db);
  console.log(
    `indicator_snapshot_rebuild(): ${Number(months).toLocaleString('en')} month rows in ${rebuildS.toFixed(1)} s (load ${load()[0]!.toFixed(1)})`,
  );
  const sizes = await sql<{ t: string; n: string; size: string }>`
    SELECT c.relname AS t, c.reltuples::bigint::text AS n, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
    WHERE c.relname IN ('indicator_fact', 'indicator_rollup', 'indicator_unit_day', 'indicator_month', 'indicator_unit_month') ORDER BY c.relname`.execute(
    db,
  );
  for (const r of sizes.rows) console.log(`| ${r.t} | ${Number(r.n).toLocaleString('en')} | ${r.size} |`);

  const units = await db.selectFrom('unit').select(['id', 'slug']).where('type', '!=', 'province').execute();
  const all = units.map((u) => u.id);
  const ward = units.find((u) => u.slug === 'hacthanh')!.id;
  const to = vnDate(new Date());
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const cases: [string, { unitIds: string[]; from: string; to: string; by?: Dimension }][] = [
    ['province-year indicator set (166 units)', { unitIds: all, from, to }],
    ['drill-down province-year by unit', { unitIds: all, from, to, by: 'unit' }],
    ['drill-down ward-year by procedure', { unitIds: [ward], from, to, by: 'procedure' }],
    ['drill-down ward-year by officer', { unitIds: [ward], from, to, by: 'officer' }],
  ];
  console.log(`\nperiod ${from}..${to}, ${RUNS} runs each way, alternating\n`);
  console.log('| query | whole history p50 | p95 | month tables p50 | p95 | same answer |');
  console.log('|---|---:|---:|---:|---:|---|');
  const loads: number[] = [];
  for (const [name, q] of cases) {
    const a = await wholeHistory(q);
    const b = await tallies(db, q);
    // Same numbers: the counters in the period, open/late before and at the end, per key.
    let same = a.size === b.size;
    for (const [k, x] of a) {
      const y = b.get(k);
      if (!y) {
        same = false;
        continue;
      }
      const want = {
        received: Number(x.received),
        finished: Number(x.finished),
        processingSeconds: Number(x.processing_seconds),
        openBefore: Number(x['open_delta:before'] ?? 0),
        lateBefore: Number(x['late_delta:before'] ?? 0),
        openAtEnd: Number(x['open_delta:end'] ?? 0),
        lateAtEnd: Number(x['late_delta:end'] ?? 0),
        notDigitised: Number(x.sig_not_digitised),
      };
      const got = {
        received: y.received,
        finished: y.finished,
        processingSeconds: y.processingSeconds,
        openBefore: y.openBefore,
        lateBefore: y.lateBefore,
        openAtEnd: y.openAtEnd,
        lateAtEnd: y.lateAtEnd,
        notDigitised: y.signals['not-digitised'],
      };
      if (!isDeepStrictEqual(want, got)) same = false;
    }
    const xa: number[] = [];
    const xb: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await wholeHistory(q);
      xa.push(performance.now() - t);
      t = performance.now();
      await tallies(db, q);
      xb.push(performance.now() - t);
      loads.push(load()[0]!);
    }
    const f = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `| ${name} | ${f(pct(xa, 0.5))} | ${f(pct(xa, 0.95))} | ${f(pct(xb, 0.5))} | ${f(pct(xb, 0.95))} | ${same ? 'yes' : '**NO**'} |`,
    );
  }
  console.log(`\nload average (1 min) during the runs: min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}`);
} finally {
  await db.destroy();
  await pg.stop();
}
