// How long /healthz takes to answer while each hostile request of issue 10 is in flight (goal: within 100 ms).
// A real server over loopback on an embedded PostgreSQL with the demo data; the hostile bodies are sent from a worker
// thread (test/support/hostile.ts) so the server's thread does none of the sending; /healthz is asked every 10 ms on
// a fresh connection for as long as the hostile request runs (at least 1 s), repeated `rounds` times per case.
// Prints p50/p99/max of /healthz per case and a baseline with nothing hostile in flight.
// Run: npx tsx bench/hostile-healthz.ts [rounds=3]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { bigCsv, bigJson, craftedSignature, hostileClient, MiB, pdfBomb, type SendInit } from '../test/support/hostile';
import { startBenchServer } from './load';

const ROUNDS = Number(process.argv[2] ?? 3);
const PASSWORD = 'BenchPass2026x';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-hostile-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
const url = pg.url('postgres');
const db = createDb(url);
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

try {
  await migrateToLatest(db);
  await seedDemo(db, PASSWORD);
  await db.updateTable('staff_user').set({ must_change_password: false }).execute();
  const { base, close } = await startBenchServer(db, url, path.join(dir, 'files'));
  const signIn = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
  };
  const officer = await signIn('hacthanh.reception-officer');
  const provinceAdmin = await signIn('tinh.province-admin');
  const hacthanh = (await db.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
  const client = hostileClient(base);

  const healthz = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      http
        .get(`${base}/healthz`, { agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(performance.now() - started));
        })
        .on('error', reject);
    });

  const [bomb, csv, json] = [await pdfBomb(), bigCsv(), bigJson()];
  const cases: [string, string, SendInit | null][] = [
    ['nothing hostile (baseline)', '', null],
    [
      '200 KB PDF inflating to 200 MiB, POST /api/files',
      `/api/files?unitId=${hacthanh}&name=bomb.pdf`,
      { body: bomb, type: 'application/pdf', as: officer },
    ],
    [
      'crafted 4 MiB signature, anonymous POST /api/forms/verify',
      '/api/forms/verify',
      { body: craftedSignature(4 * MiB), type: 'application/pdf' },
    ],
    ['16 MB body, anonymous POST /api/forms/verify', '/api/forms/verify', { body: craftedSignature(8 * MiB), type: 'application/pdf' }],
    ['8 MB CSV, anonymous POST /api/procedures/import', '/api/procedures/import', { body: csv, type: 'text/csv' }],
    ['8 MB CSV, officer POST /api/procedures/import', '/api/procedures/import', { body: csv, type: 'text/csv', as: officer }],
    [
      '8 MB JSON, province admin POST /api/procedures/import',
      '/api/procedures/import',
      { body: json, type: 'application/json', as: provinceAdmin },
    ],
  ];
  console.log(
    `/healthz while a hostile request is in flight; ${ROUNDS} rounds per case; ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  console.log('| hostile request | answer | /healthz asked | p50 | p99 | max |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const [name, route, init] of cases) {
    const latencies: number[] = [];
    const answers = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const req = init ? await client.staged(route, init) : null;
      const started = performance.now();
      let done = false;
      const running = (req ? req.go() : sleep(1000).then(() => null)).then((a) => {
        if (a) answers.add(`${a.status} ${a.body.code ?? ''}`.trim());
        done = true;
      });
      while (!done || performance.now() - started < 1000) {
        latencies.push(await healthz());
        await sleep(10);
      }
      await running;
      await sleep(2000); // let the rate limit of /api/forms/verify and the machine settle between rounds
    }
    const f = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `| ${name} | ${[...answers].join(', ') || '—'} | ${latencies.length} | ${f(q(latencies, 0.5))} | ${f(q(latencies, 0.99))} | ${f(Math.max(...latencies))} |`,
    );
  }
  await client.close();
  await close();
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
