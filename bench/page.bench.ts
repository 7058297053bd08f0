// The dossier page and the work queue with N dossiers: latency with one client, and throughput with 16
// clients as a fraction of the same server's /healthz measured in the same run (the ratio is what survives
// a busy machine). Run: npx tsx bench/page.bench.ts [N=200000] [requests=300] [seconds=15] [dataDir]
// With a dataDir the cluster is kept there and reused by the next run (loaded once, measured before and
// after a change); without one it is a temporary directory removed at the end.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pgLib from 'pg';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { loadDossiers, startBenchServer } from './load';

const N = Number(process.argv[2] ?? 200_000);
const REQUESTS = Number(process.argv[3] ?? 300);
const SECONDS = Number(process.argv[4] ?? 15);
const keep = process.argv[5];
const PASSWORD = 'BenchPass2026x';
const run = promisify(execFile);

const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.mkdirSync(dir, { recursive: true });
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const url = pg.url('postgres');
const db = createDb(url);

// Every SQL statement any pool or client of this process sends (the server runs in this process): round trips
// per request are a count, so they compare before and after on a busy machine where times do not.
let statements = 0;
const query = pgLib.Client.prototype.query;
pgLib.Client.prototype.query = function (this: pgLib.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

try {
  const fresh = (await sql<{ t: string | null }>`SELECT to_regclass('dossier')::text AS t`.execute(db)).rows[0]!.t === null;
  // Migrated once, when loaded: the same data then serves the code before and after a change, even when the
  // earlier code does not know a later migration.
  if (fresh) {
    await migrateToLatest(db);
    await seedDemo(db, PASSWORD);
    const t0 = performance.now();
    await loadDossiers(db, N);
    await sql`ANALYZE`.execute(db);
    console.log(`loaded ${N.toLocaleString('en')} dossiers in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const count = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier`.execute(db)).rows[0]!.n;
  const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db)).rows[0]!.s;
  const { base, close } = await startBenchServer(db, url, path.join(dir, 'files'));
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hacthanh.specialist', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const hacthanh = (await db.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
  const sample = await db
    .selectFrom('dossier')
    .select('id')
    .where('unit_id', '=', hacthanh)
    .where('status', '=', 'in-progress')
    .limit(200)
    .execute();
  const cases = [
    { name: 'dossier page', paths: sample.map((s) => `/api/dossiers/${s.id}`) },
    { name: 'work queue: to process (50 rows)', paths: [`/api/dossiers?unitId=${hacthanh}&queue=to-process&limit=50`] },
    { name: 'work queue: mine (50 rows)', paths: [`/api/dossiers?queue=mine&limit=50`] },
  ];
  async function throughput(paths: string[], auth: boolean): Promise<number> {
    const r = await run(process.execPath, ['bench/loadgen.mjs', base, auth ? cookie : '', '16', String(SECONDS), ...paths]);
    const o = JSON.parse(r.stdout) as { requests: number; errors: number; seconds: number };
    if (o.errors) throw new Error(`${o.errors} errors`);
    return o.requests / o.seconds;
  }
  const healthz = await throughput(['/healthz'], false);
  console.log(
    `\n${count.toLocaleString('en')} dossiers, database ${size}; ${REQUESTS} requests one after another after 20 warm-up; 16 clients for ${SECONDS} s`,
  );
  console.log(`/healthz at 16 clients: ${healthz.toFixed(0)}/s\n`);
  console.log(
    '| request | SQL statements per request | CPU per request (this process) | p50 | p95 | p99 | 16 clients | ratio to /healthz |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const get = (i: number) => fetch(base + c.paths[i % c.paths.length]!, { headers: { cookie } });
    for (let i = 0; i < 20; i++) await (await get(i)).arrayBuffer();
    const lat: number[] = [];
    const st0 = statements;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const r = await get(i);
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${c.name}: HTTP ${r.status}`);
      lat.push(performance.now() - s);
    }
    const perReq = (statements - st0) / REQUESTS;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / REQUESTS;
    const tp = await throughput(c.paths, true);
    console.log(
      `| ${c.name} | ${perReq.toFixed(1)} | ${cpuMs.toFixed(1)} ms | ${pct(lat, 50).toFixed(1)} ms | ${pct(lat, 95).toFixed(1)} ms | ${pct(lat, 99).toFixed(1)} ms | ${tp.toFixed(0)}/s | ${(tp / healthz).toFixed(3)} |`,
    );
  }
  await close();
} finally {
  await db.destroy();
  await pg.stop();
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}
