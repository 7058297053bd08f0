// The citizen portal's server side with N dossiers already in the database (default 200,000): each of R
// citizens (default 200) opens the e-form (registry lookup, prefill), saves a draft, uploads one scan in one
// chunk, submits (checks + OTP through the outbox), confirms (the dossier is created) and lists "my dossiers".
// Real HTTP over loopback against the real server on an embedded PostgreSQL; prints p50/p95/p99 per step.
// Run: npx tsx bench/portal.bench.ts [N=200000] [citizens=200]
import { createHash, randomUUID } from 'node:crypto';
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

const N = Number(process.argv[2] ?? 200_000);
const R = Number(process.argv[3] ?? 200);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-portal-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const url = pg.url('postgres');
const db = createDb(url);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

try {
  await migrateToLatest(db);
  await seedDemo(db, 'BenchPass2026x');
  await loadDossiers(db, N);
  await sql`ANALYZE`.execute(db);
  const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db)).rows[0]!.s;
  const { app, base, close } = await startBenchServer(db, url, path.join(dir, 'files'));
  const hacthanh = (await db.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
  // A free, fully online procedure without an e-form: the steps measure the portal, not typing.
  const proc = (
    (await (await fetch(`${base}/api/procedures?q=1.004837`)).json()) as {
      items: { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] }[];
    }
  ).items[0]!;
  const pdfDoc = await PDFDocument.create();
  pdfDoc.addPage();
  const pdfBase = Buffer.from(await pdfDoc.save());

  const steps = [
    'e-form (registry lookup, prefill)',
    'save draft',
    'upload one scan (1 chunk)',
    'submit (checks, OTP via outbox)',
    'confirm OTP → dossier created',
    'my dossiers',
  ] as const;
  const lat: Record<(typeof steps)[number], number[]> = Object.fromEntries(steps.map((s) => [s, []])) as never;
  const time = async <T>(step: (typeof steps)[number], f: () => Promise<Response>, expect = 200): Promise<T> => {
    const s = performance.now();
    const r = await f();
    const body = (await r.json()) as T;
    lat[step].push(performance.now() - s);
    if (r.status !== expect) throw new Error(`${step}: HTTP ${r.status} ${JSON.stringify(body)}`);
    return body;
  };

  const t0 = performance.now();
  for (let i = 0; i < R; i++) {
    const c = citizen(1000 + (i % 3000));
    if (/[49]$/.test(c.idNumber)) continue; // level-1 accounts cannot file this procedure
    const { id } = await app.services.citizenAuth.upsertCitizen({ ...c, loa: 2 });
    const { token, session } = await app.services.citizenAuth.createSession(id, 2);
    const headers = { cookie: `motcua_citizen=${token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const form = await time<{ prefill: Record<string, unknown> }>(steps[0], () =>
      fetch(`${base}/api/portal/procedures/${proc.id}/form`, { headers }),
    );
    const appId = randomUUID();
    const body = {
      procedureId: proc.id,
      unitId: hacthanh,
      form: form.prefill,
      components: [] as { componentId: string; fileIds: string[] }[],
    };
    await time(steps[1], () => fetch(`${base}/api/portal/applications/${appId}`, { method: 'PUT', headers, body: JSON.stringify(body) }));
    const pdf = Buffer.concat([pdfBase, Buffer.from(`\n%${randomUUID()}\n`)]);
    const s = performance.now();
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
    lat[steps[2]].push(performance.now() - s);
    body.components = proc.components
      .filter((x) => x.mandatory && !x.fromRegistry)
      .map((x) => ({ componentId: x.id, fileIds: [put.file.id] }));
    await fetch(`${base}/api/portal/applications/${appId}`, { method: 'PUT', headers, body: JSON.stringify(body) }).then((r) =>
      r.arrayBuffer(),
    );
    await time(steps[3], () => fetch(`${base}/api/portal/applications/${appId}/submit`, { method: 'POST', headers, body: '{}' }));
    // The code as the SMS gateway would deliver it (read from the outbox row written with the challenge).
    const msg = await db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', 'otp:%')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const code = String(msg.payload.text).match(/[A-Z]{2}-\d{6}/)![0];
    await time(steps[4], () =>
      fetch(`${base}/api/portal/applications/${appId}/confirm`, { method: 'POST', headers, body: JSON.stringify({ code }) }),
    );
    await time(steps[5], () => fetch(`${base}/api/portal/dossiers`, { headers }));
  }
  const total = (performance.now() - t0) / 1000;
  const n = lat[steps[0]].length;
  console.log(
    `\n${N.toLocaleString('en')} dossiers already in the database (${size}); ${n} citizens filed online one after another in ${total.toFixed(1)} s\n`,
  );
  console.log('| step | p50 | p95 | p99 |');
  console.log('|---|---:|---:|---:|');
  for (const st of steps)
    console.log(`| ${st} | ${pct(lat[st], 50).toFixed(1)} ms | ${pct(lat[st], 95).toFixed(1)} ms | ${pct(lat[st], 99).toFixed(1)} ms |`);
  await close();
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
