// Counter intake and the officer's work queues with N dossiers in the database (default 1,000,000).
// Real HTTP over loopback against the real server on an embedded PostgreSQL; prints p50/p95/p99 and
// throughput as a markdown table. Run: npx tsx bench/dossiers.bench.ts [N=1000000] [requests=400]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { citizen } from '../src/simulators/citizens';
import { loadDossiers, startBenchServer } from './load';

const N = Number(process.argv[2] ?? 1_000_000);
const REQUESTS = Number(process.argv[3] ?? 400);
const PASSWORD = 'BenchPass2026x';
const SEARCH_NAMES = [
  'nguyen van hung',
  'le thi lan',
  'tran duc tuan',
  'pham minh long',
  'hoang thu trang',
  'do ngoc ha',
  'bui quang khoa',
  'dang thi linh',
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const url = pg.url('postgres');
const db = createDb(url);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

try {
  await migrateToLatest(db);
  await seedDemo(db, PASSWORD);
  const t0 = performance.now();
  await loadDossiers(db, N);
  await sql`ANALYZE`.execute(db);
  const loadS = (performance.now() - t0) / 1000;
  const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db)).rows[0]!.s;

  const { base, close } = await startBenchServer(db, url, path.join(dir, 'files'));

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hacthanh.reception-officer', password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    cookie: login.headers.get('set-cookie')!.split(';')[0]!,
    'x-csrf-token': csrfToken,
    'content-type': 'application/json',
  };
  const hacthanh = (await db.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
  const point = (
    await db.selectFrom('reception_point').select('id').where('unit_id', '=', hacthanh).orderBy('name', 'desc').executeTakeFirstOrThrow()
  ).id;
  const proc = (await (await fetch(`${base}/api/procedures?q=1.004873`)).json()) as {
    items: { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] }[];
  };
  const marital = proc.items[0]!;
  const pdfDoc = await PDFDocument.create();
  pdfDoc.addPage();
  const pdf = Buffer.from(await pdfDoc.save());
  const fileIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const f = await fetch(`${base}/api/files?unitId=${hacthanh}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/pdf' },
      body: pdf,
    });
    fileIds.push(((await f.json()) as { id: string }).id);
  }
  const three = marital.components.filter((c) => !c.fromRegistry).slice(0, 3);
  const sample = await db
    .selectFrom('dossier')
    .select('id')
    .where('unit_id', '=', hacthanh)
    .where('status', '=', 'in-progress')
    .limit(REQUESTS)
    .execute();

  type Case = { name: string; run: (i: number) => Promise<Response> };
  const cases: Case[] = [
    {
      name: 'work queue: to process (50 rows, due first)',
      run: () => fetch(`${base}/api/dossiers?unitId=${hacthanh}&queue=to-process&limit=50`, { headers }),
    },
    {
      name: 'work queue: overdue (50 rows)',
      run: () => fetch(`${base}/api/dossiers?unitId=${hacthanh}&queue=overdue&limit=50`, { headers }),
    },
    {
      name: 'search by applicant full name, no diacritics',
      run: (i) =>
        fetch(`${base}/api/dossiers?unitId=${hacthanh}&q=${encodeURIComponent(SEARCH_NAMES[i % SEARCH_NAMES.length]!)}&limit=20`, {
          headers,
        }),
    },
    {
      name: 'dossier page (history, components, allowed actions)',
      run: (i) => fetch(`${base}/api/dossiers/${sample[i % sample.length]!.id}`, { headers }),
    },
    {
      name: 'counter intake: 3 components with files + registry lookup',
      run: (i) =>
        fetch(`${base}/api/dossiers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            procedureId: marital.id,
            competentUnitId: hacthanh,
            receptionPointId: point,
            channel: 'in-person',
            applicant: { idNumber: citizen(i % 4000).idNumber, fullName: 'x' },
            components: three.map((c, k) => ({ componentId: c.id, fileIds: [fileIds[k]!] })),
          }),
        }),
    },
  ];
  console.log(
    `\n${N.toLocaleString('en')} dossiers (+ ${N.toLocaleString('en')} events), database ${size}, loaded in ${loadS.toFixed(0)} s; ${REQUESTS} requests per row, one client after a warm-up of 20\n`,
  );
  console.log('| request | p50 | p95 | p99 | throughput (1 client) | throughput (8 clients) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    for (let i = 0; i < 20; i++) await (await c.run(i)).arrayBuffer();
    const lat: number[] = [];
    const t1 = performance.now();
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const r = await c.run(i + 20);
      await r.arrayBuffer();
      if (r.status >= 300) throw new Error(`${c.name}: HTTP ${r.status}`);
      lat.push(performance.now() - s);
    }
    const serial = REQUESTS / ((performance.now() - t1) / 1000);
    const t2 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          await (await c.run(i + 20 + REQUESTS)).arrayBuffer();
        }
      }),
    );
    const parallel = REQUESTS / ((performance.now() - t2) / 1000);
    console.log(
      `| ${c.name} | ${pct(lat, 50).toFixed(1)} ms | ${pct(lat, 95).toFixed(1)} ms | ${pct(lat, 99).toFixed(1)} ms | ${serial.toFixed(0)}/s | ${parallel.toFixed(0)}/s |`,
    );
  }
  await close();
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
