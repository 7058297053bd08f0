// Decision 766 indicators at scale: N dossiers loaded set-based (bench/load.ts, with events), the rollups
// rebuilt (timed), then the province-year indicator set and drill-downs (by unit, procedure, officer) timed
// over repeated runs, p50/p95, as the service computes them (rollup query + pure formulas).
// Run: nice -n 19 npx tsx bench/indicators.bench.ts [N=1000000] [runs=40]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { computeIndicators, indicatorSet, vnDate } from '../src/domain/indicators';
import { rebuild, tallies } from '../src/db/repositories/indicator.repository';
import { loadDossiers } from './load';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 40);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const db = createDb(pg.url('postgres'));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
async function time(label: string, f: () => Promise<unknown>) {
  await f(); // warm
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  console.log(`${label}: p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms (${RUNS} runs)`);
}
try {
  await migrateToLatest(db);
  await seedDemo(db, 'BenchPass2026x');
  let t = performance.now();
  await loadDossiers(db, N);
  console.log(`loaded ${N} dossiers (with the rollup rebuild) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const facts = await rebuild(db);
  console.log(`full rollup rebuild: ${facts} dossiers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const sizes = await sql<{ t: string; n: string }>`
    SELECT 'indicator_rollup' AS t, count(*) AS n FROM indicator_rollup UNION ALL SELECT 'indicator_unit_day', count(*) FROM indicator_unit_day`.execute(
    db,
  );
  for (const r of sizes.rows) console.log(`${r.t}: ${r.n} rows`);
  const units = await db.selectFrom('unit').select(['id', 'slug', 'type']).execute();
  const all = units.map((u) => u.id);
  const ward = units.find((u) => u.slug === 'hacthanh')!.id;
  const to = vnDate(new Date());
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const set = indicatorSet()!;
  await time('province-year indicator set', async () => computeIndicators(set, (await tallies(db, { unitIds: all, from, to })).get('')!));
  await time('drill-down province-year by unit', () => tallies(db, { unitIds: all, from, to, by: 'unit' }));
  await time('drill-down ward-year by procedure', () => tallies(db, { unitIds: [ward], from, to, by: 'procedure' }));
  await time('drill-down ward-year by officer', () => tallies(db, { unitIds: [ward], from, to, by: 'officer' }));
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
