// Everything issues 13 and 14 ask to measure, on a data set loaded once by bench/province.ts and kept:
// with one client, p50/p95/p99 of the dossier page, the work queues, name search with and without diacritics,
// counter intake and online submission (real HTTP over loopback, the real server in this process, session
// cookie, CSRF, scoping and personal-data logging on); the province-year indicator set and its drill-downs (as
// the service computes them); then 16 clients (bench/loadgen.mjs, its own process) on the dossier page and the
// work list as a ratio of /healthz measured in the same run. For each request, its main SQL statement (the
// longest text it sent: the page, queue or search query rather than the session lookup) is run again under EXPLAIN (ANALYZE, BUFFERS) (writes inside a rolled-back transaction) and printed.
// Run: nice -n 5 npx tsx bench/scale.bench.ts [dataDir=/work/bench-data/10m] [requests=200] [seconds=10] [citizens=100]
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Migrator, sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import pgLib from 'pg';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrations } from '../src/db/migrations/index';
import { computeIndicators, indicatorSet, vnDate } from '../src/domain/indicators';
import { tallies } from '../src/db/repositories/indicator.repository';
import { citizen } from '../src/simulators/citizens';
import { startBenchServer } from './load';

const dir = process.argv[2] ?? '/work/bench-data/10m';
const REQUESTS = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 10);
const CITIZENS = Number(process.argv[5] ?? 100);
const PASSWORD = 'BenchPass2026x';
const run = promisify(execFile);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

// Every statement the process sends, with its text, parameters and time, while `capture` is set.
type Stmt = { text: string; values: unknown[]; ms: number };
let capture: Stmt[] | null = null;
const query = pgLib.Client.prototype.query;
pgLib.Client.prototype.query = function (this: pgLib.Client, ...args: unknown[]) {
  const out = (query as (...a: unknown[]) => unknown).apply(this, args);
  const sink = capture;
  if (sink && out instanceof Promise) {
    const a0 = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof a0 === 'string' ? a0 : a0.text;
    const values = (typeof a0 === 'string' ? args[1] : a0.values) as unknown[] | undefined;
    const t = performance.now();
    void out.then(
      () => sink.push({ text, values: values ?? [], ms: performance.now() - t }),
      () => {},
    );
  }
  return out;
} as typeof query;

const loads: number[] = [];
const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
// BENCH_URL measures a PostgreSQL already running (e.g. the loader's, while it rebuilds the rollups) instead of
// starting one on dataDir; BENCH_PARTS picks what to measure (reads, writes, indicators, clients; all by default;
// also `fragments`: name search by a part of a name, and `snapshot`: the month tables rebuilt, timed).
const parts = new Set((process.env.BENCH_PARTS ?? 'reads,writes,indicators,clients').split(','));
const pg = process.env.BENCH_URL ? null : await startEmbedded({ dataDir: dir, log: () => {} });
const url = process.env.BENCH_URL ?? pg!.url('postgres');
const db = createDb(url);
const plans: string[] = [];

async function explain(name: string, stmts: Stmt[]): Promise<void> {
  // The longest statement first; a write whose re-run would take a unique key the request already took (the
  // intake's dossier code, an idempotency key) cannot be re-run, so the next longest is explained instead.
  const hot = stmts.filter((s) => /^\s*(select|with|insert|update)/i.test(s.text)).sort((a, b) => b.text.length - a.text.length);
  const skipped: string[] = [];
  const c = new pgLib.Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of hot) {
      await c.query('BEGIN');
      try {
        const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
        const note = skipped.length ? ` (${skipped.join('; ')})` : '';
        plans.push(
          `#### ${name} (the largest of its ${stmts.length} statements${note}, ${ms(s.ms)} in the measured request)\n\n\`\`\`sql\n${s.text.replace(/\s+/g, ' ').trim()}\n\`\`\`\n\n\`\`\`\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\`\`\`\n`,
        );
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '23505') throw e;
        skipped.push(`not re-run: ${s.text.replace(/\s+/g, ' ').slice(0, 40)}… takes a unique key the request already took`);
      } finally {
        await c.query('ROLLBACK');
      }
    }
  } finally {
    await c.end();
  }
}

async function timed(name: string, n: number, f: (i: number) => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await (await f(i)).arrayBuffer();
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const r = await f(i + 20);
    await r.arrayBuffer();
    if (r.status >= 300) throw new Error(`${name}: HTTP ${r.status}`);
    lat.push(performance.now() - s);
  }
  capture = [];
  const stmts = capture;
  await (await f(n + 20)).arrayBuffer();
  await new Promise((r) => setTimeout(r, 50));
  capture = null;
  await explain(name, stmts);
  return lat;
}

try {
  // The cluster was loaded by bench/province.ts with the code of its day: apply what the code has added since,
  // one migration at a time, each timed (an index build at 10 M dossiers is part of what a deployment costs).
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  console.log(pending.length ? `pending migrations: ${pending.join(', ')}` : 'migrations: up to date');
  for (const name of pending) {
    const t = performance.now();
    const { error, results } = await migrator.migrateUp();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    console.log(`migration ${results?.[0]?.migrationName ?? name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const rows = await sql<{ t: string; n: string; size: string }>`
    SELECT c.relname AS t, c.reltuples::bigint::text AS n, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
    WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('dossier', 'dossier_event', 'dossier_component', 'deadline', 'feedback',
      'unit', 'staff_user')
    ORDER BY c.reltuples DESC`.execute(db);
  const dbSize = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db)).rows[0]!.s;
  console.log(
    `machine: nproc ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.cpus()[0]!.model}, Node ${process.version}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(`database ${dbSize}`);
  console.log('| table | rows (estimate after ANALYZE) | size with indexes |\n|---|---:|---:|');
  for (const r of rows.rows) console.log(`| ${r.t} | ${Number(r.n).toLocaleString('en')} | ${r.size} |`);

  const { app, base, close } = await startBenchServer(db, url, path.join(dir, 'files'));
  const login = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status}`);
    const { csrfToken } = (await r.json()) as { csrfToken: string };
    return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  };
  const specialist = await login('hacthanh.specialist');
  const officer = await login('hacthanh.reception-officer');
  const hacthanh = (await db.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
  const counts = await sql<{ all: string; open: string }>`
    SELECT count(*)::text AS all, count(*) FILTER (WHERE finished_at IS NULL)::text AS open FROM dossier WHERE unit_id = ${hacthanh}`.execute(
    db,
  );
  console.log(`Hạc Thành (the measured ward): ${counts.rows[0]!.all} dossiers, ${counts.rows[0]!.open} open`);
  const sample = await sql<{ id: string }>`
    SELECT id FROM dossier WHERE unit_id = ${hacthanh} AND finished_at IS NULL ORDER BY md5(id::text) LIMIT 100`.execute(db);
  const old = await sql<{ id: string }>`
    SELECT id FROM dossier WHERE unit_id = ${hacthanh} AND status = 'returned' AND received_at < now() - interval '2 years' ORDER BY md5(id::text) LIMIT 100`.execute(
    db,
  );
  const pages = [...sample.rows, ...old.rows].map((r) => `/api/dossiers/${r.id}`);
  const queues = {
    toProcess: `/api/dossiers?unitId=${hacthanh}&queue=to-process&limit=50`,
    overdue: `/api/dossiers?unitId=${hacthanh}&queue=overdue&limit=50`,
    mine: `/api/dossiers?queue=mine&limit=50`,
  };
  const folded = [
    'nguyen van hung',
    'le thi lan',
    'tran duc tuan',
    'pham minh huong',
    'hoang thu trang',
    'do ngoc ha',
    'bui quang khoa',
    'dang thi linh',
  ];
  const accented = [
    'Nguyễn Văn Hùng',
    'Lê Thị Lan',
    'Trần Đức Tuấn',
    'Phạm Minh Hương',
    'Hoàng Thu Trang',
    'Đỗ Ngọc Hà',
    'Bùi Quang Khoa',
    'Đặng Thị Linh',
  ];
  const get = (p: string, h = specialist) => fetch(base + p, { headers: { cookie: h.cookie } });

  // Counter intake: three components with files, registry lookup through the simulator.
  const marital = (
    (await (await fetch(`${base}/api/procedures?q=1.004873`)).json()) as {
      items: { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] }[];
    }
  ).items[0]!;
  const point = (
    await db.selectFrom('reception_point').select('id').where('unit_id', '=', hacthanh).orderBy('name', 'desc').executeTakeFirstOrThrow()
  ).id;
  const pdfDoc = await PDFDocument.create();
  pdfDoc.addPage();
  const pdfBase = Buffer.from(await pdfDoc.save());
  const intakeFiles: string[] = [];
  for (let i = 0; i < 3; i++) {
    const f = await fetch(`${base}/api/files?unitId=${hacthanh}`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/pdf' },
      body: pdfBase,
    });
    intakeFiles.push(((await f.json()) as { id: string }).id);
  }
  const three = marital.components.filter((c) => !c.fromRegistry).slice(0, 3);

  const one: { name: string; lat: number[] }[] = [];
  const add = async (name: string, n: number, f: (i: number) => Promise<Response>) => {
    one.push({ name, lat: await timed(name, n, f) });
    console.log(`measured: ${name}`);
  };
  if (parts.has('reads')) {
    await add('dossier page (open and 2-year-old returned dossiers)', REQUESTS, (i) => get(pages[i % pages.length]!));
    await add('work queue: to process (50 rows, due first)', REQUESTS, () => get(queues.toProcess));
    await add('work queue: overdue (50 rows)', REQUESTS, () => get(queues.overdue));
    await add('work queue: mine (50 rows)', REQUESTS, () => get(queues.mine));
    await add('name search, no diacritics ("nguyen van hung")', REQUESTS, (i) =>
      get(`/api/dossiers?unitId=${hacthanh}&q=${encodeURIComponent(folded[i % folded.length]!)}&limit=20`),
    );
    await add('name search, with diacritics ("Nguyễn Văn Hùng")', REQUESTS, (i) =>
      get(`/api/dossiers?unitId=${hacthanh}&q=${encodeURIComponent(accented[i % accented.length]!)}&limit=20`),
    );
  }
  if (parts.has('fragments')) {
    // A part of a name that starts no name ("van hung", "thu trang"): the names containing it from the name
    // dictionary (migration 0032), then the ward's dossiers with those names. A fragment in most names ("thi",
    // "van": more than the dictionary path takes) reads the queue in its order with the fragment as a filter.
    const fragments = ['van hung', 'thi lan', 'duc tuan', 'minh huong', 'thu trang', 'ngoc ha'];
    await add('name search, a fragment no name starts with ("van hung")', Math.min(REQUESTS, 60), (i) =>
      get(`/api/dossiers?unitId=${hacthanh}&q=${encodeURIComponent(fragments[i % fragments.length]!)}&limit=20`),
    );
    const common = ['thi', 'van', 'ng', 'anh'];
    await add('name search, a fragment in most names ("thi")', Math.min(REQUESTS, 60), (i) =>
      get(`/api/dossiers?unitId=${hacthanh}&q=${encodeURIComponent(common[i % common.length]!)}&limit=20`),
    );
  }
  if (parts.has('writes')) {
    await add('counter intake: 3 components with files + registry lookup', REQUESTS, (i) =>
      fetch(`${base}/api/dossiers`, {
        method: 'POST',
        headers: officer,
        body: JSON.stringify({
          procedureId: marital.id,
          competentUnitId: hacthanh,
          receptionPointId: point,
          channel: 'in-person',
          applicant: { idNumber: citizen(i % 4000).idNumber, fullName: 'x' },
          components: three.map((c, k) => ({ componentId: c.id, fileIds: [intakeFiles[k]!] })),
        }),
      }),
    );

    // Online submission: e-form, draft, one-chunk upload, submit (OTP via the outbox), confirm (dossier created).
    const proc = (
      (await (await fetch(`${base}/api/procedures?q=1.004837`)).json()) as {
        items: { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] }[];
      }
    ).items[0]!;
    const submitLat: number[] = [];
    const confirmLat: number[] = [];
    let submitStmts: Stmt[] = [];
    let confirmStmts: Stmt[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      const c = citizen(4000 + (i % 1000));
      if (/[49]$/.test(c.idNumber)) continue; // level-1 accounts cannot file this procedure
      const { id } = await app.services.citizenAuth.upsertCitizen({ ...c, loa: 2 });
      const { token, session } = await app.services.citizenAuth.createSession(id, 2);
      const headers = { cookie: `motcua_citizen=${token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
      const form = (await (await fetch(`${base}/api/portal/procedures/${proc.id}/form`, { headers })).json()) as {
        prefill: Record<string, unknown>;
      };
      const appId = randomUUID();
      const pdf = Buffer.concat([pdfBase, Buffer.from(`\n%${randomUUID()}\n`)]);
      const up = (await (
        await fetch(`${base}/api/uploads`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ fileName: 'scan.pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') }),
        })
      ).json()) as { id: string };
      const put = (await (
        await fetch(`${base}/api/uploads/${up.id}`, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
          body: pdf,
        })
      ).json()) as { file: { id: string } };
      const body = {
        procedureId: proc.id,
        unitId: hacthanh,
        form: form.prefill,
        components: proc.components
          .filter((x) => x.mandatory && !x.fromRegistry)
          .map((x) => ({ componentId: x.id, fileIds: [put.file.id] })),
      };
      await (await fetch(`${base}/api/portal/applications/${appId}`, { method: 'PUT', headers, body: JSON.stringify(body) })).arrayBuffer();
      const last = i >= CITIZENS - 2;
      if (last) capture = [];
      let s = performance.now();
      const sub = await fetch(`${base}/api/portal/applications/${appId}/submit`, { method: 'POST', headers, body: '{}' });
      const subBody = await sub.text();
      if (sub.status !== 200) throw new Error(`submit: HTTP ${sub.status} ${subBody}`);
      submitLat.push(performance.now() - s);
      if (last) submitStmts = capture!;
      const msg = await db
        .selectFrom('outbox')
        .select('payload')
        .where('idempotency_key', 'like', 'otp:%')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const code = String(msg.payload.text).match(/[A-Z]{2}-\d{6}/)![0];
      if (last) capture = [];
      s = performance.now();
      const conf = await fetch(`${base}/api/portal/applications/${appId}/confirm`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code }),
      });
      await conf.arrayBuffer();
      if (conf.status >= 300) throw new Error(`confirm: HTTP ${conf.status}`);
      confirmLat.push(performance.now() - s);
      if (last) confirmStmts = capture!;
      capture = null;
    }
    await explain('online submission: submit', submitStmts);
    await explain('online submission: confirm (dossier created)', confirmStmts);
    one.push({ name: 'online submission: submit (checks, OTP via outbox)', lat: submitLat });
    one.push({ name: 'online submission: confirm OTP → dossier created', lat: confirmLat });
  }

  // Indicators as the service computes them: rollup query + pure formulas.
  const units = await db.selectFrom('unit').select(['id', 'slug']).execute();
  const all = units.map((u) => u.id);
  const to = vnDate(new Date());
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const set = indicatorSet()!;
  const ind = async (name: string, f: () => Promise<unknown>) => {
    await f();
    const lat: number[] = [];
    for (let i = 0; i < Math.max(30, REQUESTS / 5); i++) {
      const t = performance.now();
      await f();
      lat.push(performance.now() - t);
    }
    capture = [];
    const stmts = capture;
    await f();
    capture = null;
    await explain(name, stmts);
    one.push({ name, lat });
    console.log(`measured: ${name}`);
  };
  if (parts.has('indicators')) {
    // Read only here: a rollup rebuild in progress holds these tables (TRUNCATE) until it commits.
    const ir = await sql<{ t: string; n: string; size: string }>`
      SELECT c.relname AS t, c.reltuples::bigint::text AS n, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
      WHERE c.relname IN ('indicator_fact', 'indicator_rollup', 'indicator_unit_day', 'indicator_month', 'indicator_unit_month') ORDER BY c.relname`.execute(
      db,
    );
    for (const r of ir.rows) console.log(`| ${r.t} | ${Number(r.n).toLocaleString('en')} | ${r.size} |`);
    if (parts.has('snapshot')) {
      const t = performance.now();
      const n = (await sql<{ n: string }>`SELECT indicator_snapshot_rebuild() AS n`.execute(db)).rows[0]!.n;
      await sql`ANALYZE indicator_month, indicator_unit_month`.execute(db);
      console.log(
        `indicator_snapshot_rebuild(): ${Number(n).toLocaleString('en')} month rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    await ind('indicators: province-year set (166 units)', async () =>
      computeIndicators(set, (await tallies(db, { unitIds: all, from, to })).get('')!),
    );
    await ind('indicators: drill-down province-year by unit', () => tallies(db, { unitIds: all, from, to, by: 'unit' }));
    await ind('indicators: drill-down ward-year by procedure', () => tallies(db, { unitIds: [hacthanh], from, to, by: 'procedure' }));
    await ind('indicators: drill-down ward-year by officer', () => tallies(db, { unitIds: [hacthanh], from, to, by: 'officer' }));
  }

  console.log(`\n| request | n | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|`);
  for (const o of one)
    console.log(`| ${o.name} | ${o.lat.length} | ${ms(pct(o.lat, 50))} | ${ms(pct(o.lat, 95))} | ${ms(pct(o.lat, 99))} |`);

  // 16 clients from another process; /healthz in the same run, before and after.
  const throughput = async (paths: string[], auth: boolean) => {
    const r = await run(process.execPath, ['bench/loadgen.mjs', base, auth ? specialist.cookie : '', '16', String(SECONDS), ...paths]);
    const o = JSON.parse(r.stdout) as { requests: number; errors: number; seconds: number };
    if (o.errors) throw new Error(`${o.errors} errors`);
    return o.requests / o.seconds;
  };
  if (parts.has('clients')) {
    const h1 = await throughput(['/healthz'], false);
    const page16 = await throughput(pages, true);
    const list16 = await throughput([queues.toProcess], true);
    const h2 = await throughput(['/healthz'], false);
    const h = (h1 + h2) / 2;
    console.log(`\n16 clients, ${SECONDS} s each: /healthz ${h1.toFixed(0)}/s before, ${h2.toFixed(0)}/s after (mean ${h.toFixed(0)}/s)`);
    console.log(`| request | 16 clients | ratio to /healthz |\n|---|---:|---:|`);
    console.log(`| dossier page | ${page16.toFixed(0)}/s | ${(page16 / h).toFixed(3)} |`);
    console.log(`| work list (to process, 50 rows) | ${list16.toFixed(0)}/s | ${(list16 / h).toFixed(3)} |`);
  }
  await close();
  loads.push(os.loadavg()[0]!);
  console.log(
    `\nload average (1 min) during the run: min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}, samples ${loads.length}`,
  );
  console.log('\n### Plans\n');
  console.log(plans.join('\n'));
} finally {
  clearInterval(sampler);
  await db.destroy();
  await pg?.stop();
}
