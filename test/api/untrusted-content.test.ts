// Small hostile requests must not stop the server: each hostile file is built here, sent to a real listening
// server, and while it is in flight /healthz keeps answering. Before the bounds (src/services/untrusted, the
// import's streaming reader) the PDF bomb held the event loop for ~15 s and the crafted signature for ~11 s
// on this 2-core machine, and the 8 MB CSV was read whole before anyone asked who sent it.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import { IMPORT_LIMITS } from '../../src/services/catalogue.service';
import { UntrustedContent, VERIFY_BODY_LIMIT } from '../../src/services/untrusted/pool';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import { watchLoopBlocking, type LoopBlocking } from '../support/loop-block';

const MiB = 1024 * 1024;
// While a hostile request is in flight the server's own code never holds the event loop for 100 ms (the issue's
// goal), measured as the main thread's CPU time inside the longest gap between two ticks (test/support/loop-block.ts):
// CPU time does not grow while the process waits for a core, so a loaded 2-core machine does not make this a race.
// The wall-clock gap (which does include the machine's load: over a second seen on a busy CI machine with no CPU
// spent) has only a backstop bound of 5 s against a total freeze: before the bounds the loop was held 2 s (the CSV)
// to 15 s (the PDF bomb), both seen in CPU too. /healthz must answer meanwhile; its latencies are reported
// on failure, and measured for real in bench/hostile-healthz.ts (docs/benchmarks.md).
const CPU_MS = 100;
const LOOP_MS = 5000;

let t: TestApi;
let base: string;
let officer: Session; // hacthanh.reception-officer
let provinceAdmin: Session; // tinh.province-admin
let citizen: CitizenSession;

beforeAll(async () => {
  t = await createTestApi();
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  [officer, provinceAdmin, citizen] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('tinh.province-admin'),
    citizenSession(t, 21),
  ]);
});
afterAll(async () => {
  await client?.terminate();
  await t.close();
});

/** A zlib stream that inflates to `mib` MiB of zeros, about 1 KB per MiB: the same flushed block repeated. */
function zerosBomb(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mib * MiB) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00]), adler]);
}

/** A one-page PDF with an extra object inserted before its cross-reference table. */
async function pdfWith(extra: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  const at = pdf.lastIndexOf('xref');
  return Buffer.concat([pdf.subarray(0, at), extra, pdf.subarray(at)]);
}

/** A 200 KB PDF whose object stream inflates to 200 MiB. */
async function pdfBomb(): Promise<Buffer> {
  const bomb = zerosBomb(200);
  return pdfWith(
    Buffer.concat([
      Buffer.from(`99 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
      bomb,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]),
  );
}

/** A PDF of `n` tiny objects. */
function manyObjects(n: number): Promise<Buffer> {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${1000 + i} 0 obj null endobj\n`);
  return pdfWith(Buffer.from(parts.join(''), 'latin1'));
}

/** A "signed" PDF whose signature is `derBytes` of DER: a SEQUENCE of NULLs, millions of ASN.1 elements to parse. */
function craftedSignature(derBytes: number): Buffer {
  const inner = Buffer.alloc(derBytes - 6);
  for (let i = 0; i + 1 < inner.length; i += 2) inner[i] = 0x05;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(inner.length);
  const hex = Buffer.concat([Buffer.from([0x30, 0x84]), len, inner]).toString('hex');
  const prefix = Buffer.from('%PDF-1.7\n'.padEnd(100, ' '), 'latin1');
  const second = prefix.length + hex.length + 2;
  const tail = Buffer.from(`\n/ByteRange [0 100 ${second} 64]\n`.padEnd(64, ' '), 'latin1');
  return Buffer.concat([prefix, Buffer.from(`<${hex}>`, 'latin1'), tail]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Probed<T> = { result: T; latencies: number[]; loop: LoopBlocking };

/** GET /healthz on a connection of its own (never queued behind the hostile upload's connection). */
function healthz(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/healthz`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Runs `work` while asking /healthz every 25 ms (at least five times), timing every answer. */
async function whileProbing<T>(work: () => Promise<T>): Promise<Probed<T>> {
  const loop = watchLoopBlocking();
  let done = false;
  const running = work().finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  while (!done || latencies.length < 5) {
    const started = performance.now();
    expect(await healthz()).toBe(200);
    latencies.push(performance.now() - started);
    await sleep(25);
  }
  const result = await running;
  return { result, latencies, loop: loop.stop() };
}

function expectHealthy(p: Probed<unknown>): void {
  const sorted = [...p.latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const worst = sorted[sorted.length - 1]!;
  const said =
    `healthz ms: ${sorted.map((x) => Math.round(x)).join(', ')} (median ${Math.round(median)}, slowest ${Math.round(worst)}); ` +
    `longest loop gap ${Math.round(p.loop.wallMs)} ms wall, ${p.loop.cpuMs ?? '?'} ms of main-thread CPU`;
  if (process.env.MOTCUA_REPORT_LOOP) console.log(said);
  expect(p.loop.cpuMs, said).not.toBeNull();
  expect(p.loop.cpuMs!, said).toBeLessThan(CPU_MS);
  expect(p.loop.wallMs, said).toBeLessThan(LOOP_MS);
}

type Answer = { status: number; type: string; body: { code?: string; status?: number } };

// The hostile bodies are sent from a worker thread, and handed to it before the measuring starts: the main thread
// runs only the server (and the /healthz probes), so what watchLoopBlocking measures there is the server's work, not
// the client's copying of 8–16 MB bodies.
// node:http rather than fetch, the body written 64 KB at a time and no more once the answer has come: a server that
// answers 401/413 before reading the body closes the connection, and a client that kept writing would get a reset
// instead of the answer (fetch fails the whole call then).
const CLIENT = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const staged = new Map();
const tick = () => new Promise((r) => setImmediate(r));
parentPort.on('message', async (m) => {
  if (m.stage) {
    staged.set(m.id, m.init);
    parentPort.postMessage({ id: m.id, staged: true });
    return;
  }
  const init = staged.get(m.id);
  staged.delete(m.id);
  let answered = false;
  let failed = null;
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body);
  const headers = { ...init.headers, 'content-length': body.length };
  const req = http.request(m.url, { method: init.method, headers, agent: false }, (res) => {
    answered = true;
    const parts = [];
    res.on('data', (c) => parts.push(c));
    res.on('end', () => parentPort.postMessage({
      id: m.id, status: res.statusCode, type: res.headers['content-type'] ?? '', text: Buffer.concat(parts).toString('utf8'),
    }));
  });
  req.on('error', (e) => {
    failed = e;
    setTimeout(() => { if (!answered) parentPort.postMessage({ id: m.id, error: String(e) }); }, 500);
  });
  for (let at = 0; at < body.length && !answered && !failed; at += 65536) {
    if (!req.write(body.subarray(at, at + 65536))) await new Promise((r) => { req.once('drain', r); req.once('close', r); });
    await tick();
  }
  if (!answered && !failed) req.end();
});`;
type ClientAnswer = { status: number; type: string; text: string } | { error: string } | { staged: true };
let client: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (m: ClientAnswer) => void>();

function ask(message: Record<string, unknown> & { id: number }): Promise<ClientAnswer> {
  if (!client) {
    client = new Worker(CLIENT, { eval: true });
    client.on('message', (m: { id: number }) => {
      waiting.get(m.id)?.(m as unknown as ClientAnswer);
      waiting.delete(m.id);
    });
  }
  const answered = new Promise<ClientAnswer>((resolve) => waiting.set(message.id, resolve));
  client.postMessage(message);
  return answered;
}

type SendInit = { method?: string; body?: Buffer | string; type?: string; as?: { cookie: string; csrf: string } | null };

/** Hands a request to the client thread now; `go()` sends it (and answers) later, inside a measured window. */
async function staged(path: string, init: SendInit): Promise<{ go: () => Promise<Answer> }> {
  const id = nextId++;
  await ask({
    id,
    stage: true,
    init: {
      method: init.method ?? 'POST',
      headers: {
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.as ? { cookie: init.as.cookie, 'x-csrf-token': init.as.csrf } : {}),
      },
      body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body),
    },
  });
  return {
    go: async () => {
      const m = await ask({ id, url: `${base}${path}` });
      if ('error' in m) throw new Error(m.error);
      if ('staged' in m) throw new Error('staged twice');
      return { status: m.status, type: m.type, body: m.text ? (JSON.parse(m.text) as Answer['body']) : {} };
    },
  };
}

async function send(path: string, init: SendInit): Promise<Answer> {
  return (await staged(path, init)).go();
}

function expectProblem(a: Answer, status: number, code: string): void {
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.type).toContain('application/problem+json');
  expect(a.body.code).toBe(code);
}

const count = async (table: 'stored_file' | 'audit_log' | 'procedure' | 'upload') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a PDF that inflates to 200 MiB', () => {
  it('is refused at POST /api/files with 422 file-too-complex, nothing stored, while /healthz keeps answering', async () => {
    const pdf = await pdfBomb();
    expect(pdf.length).toBeLessThan(300 * 1024);
    const [files, audit] = [await count('stored_file'), await count('audit_log')];
    const req = await staged(`/api/files?unitId=${t.units.hacthanh}&name=bomb.pdf`, { body: pdf, type: 'application/pdf', as: officer });
    const p = await whileProbing(req.go);
    expectProblem(p.result, 422, 'file-too-complex');
    expectHealthy(p);
    expect(await count('stored_file')).toBe(files);
    expect(await count('audit_log')).toBe(audit);
  });

  it('is refused through a citizen portal upload too: the upload fails with file-too-complex', async () => {
    const pdf = await pdfBomb();
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const created = await send('/api/uploads', {
      body: JSON.stringify({ fileName: 'bomb.pdf', sizeBytes: pdf.length, sha256 }),
      type: 'application/json',
      as: citizen,
    });
    expect(created.status).toBe(201);
    const { id, chunkSize } = created.body as unknown as { id: string; chunkSize: number };
    const p = await whileProbing(async () => {
      let last: Answer | undefined;
      for (let offset = 0; offset < pdf.length; offset += chunkSize) {
        const res = await fetch(`${base}/api/uploads/${id}`, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/offset+octet-stream',
            'upload-offset': String(offset),
            cookie: citizen.cookie,
            'x-csrf-token': citizen.csrf,
          },
          body: pdf.subarray(offset, offset + chunkSize),
        });
        last = { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Answer['body'] };
      }
      return last!;
    });
    expectProblem(p.result, 422, 'file-too-complex');
    expectHealthy(p);
    const row = await t.database.db.selectFrom('upload').select(['status', 'failure']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', failure: 'file-too-complex' });
  });

  it('a PDF of more objects than the limit is refused; a real PDF still gets its page count', async () => {
    const many = await manyObjects(100_001);
    expectProblem(
      await send(`/api/files?unitId=${t.units.hacthanh}&name=many.pdf`, { body: many, type: 'application/pdf', as: officer }),
      422,
      'file-too-complex',
    );
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const ok = await send(`/api/files?unitId=${t.units.hacthanh}&name=real.pdf`, {
      body: Buffer.from(await doc.save()),
      type: 'application/pdf',
      as: officer,
    });
    expect(ok.status).toBe(201);
    expect((ok.body as { pages?: number }).pages).toBe(2);
  });
});

describe('the inspection in worker threads', () => {
  it('ends a task that runs over its time limit and answers file-too-complex; the pool goes on working', async () => {
    const slow = new UntrustedContent({ pdfMs: 30 });
    try {
      const err = await slow.pdfPages(await manyObjects(60_000)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Problem);
      expect((err as Problem).code).toBe('file-too-complex');
    } finally {
      await slow.close();
    }
    const pool = new UntrustedContent();
    try {
      const doc = await PDFDocument.create();
      doc.addPage();
      expect(await pool.pdfPages(Buffer.from(await doc.save()))).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('POST /api/forms/verify (anonymous)', () => {
  it('refuses a 16 MB body with 413 problem+json at once', async () => {
    const body = craftedSignature(8 * MiB);
    expect(body.length).toBeGreaterThan(VERIFY_BODY_LIMIT);
    const p = await whileProbing((await staged('/api/forms/verify', { body, type: 'application/pdf' })).go);
    expectProblem(p.result, 413, 'body-too-large');
    expectHealthy(p);
  });

  it('refuses a crafted 4 MiB signature within the body limit with 422 file-too-complex, while /healthz keeps answering', async () => {
    const body = craftedSignature(4 * MiB);
    expect(body.length).toBeLessThan(VERIFY_BODY_LIMIT);
    const p = await whileProbing((await staged('/api/forms/verify', { body, type: 'application/pdf' })).go);
    expectProblem(p.result, 422, 'file-too-complex');
    expectHealthy(p);
  });

  it('is rate limited per client: 429 problem+json', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++)
      last = await send('/api/forms/verify', { body: '%PDF-1.7\n', type: 'application/pdf' });
    expectProblem(last!, 429, 'rate-limited');
  });
});

describe('POST /api/procedures/import', () => {
  const row = (i: number) => `TT-${i},"Thủ tục thử ${i}",${'x'.repeat(200)}\n`;
  const bigCsv = () => {
    const lines = ['code,name,notes\n'];
    for (let i = 0; lines.length * 220 < 8 * MiB; i++) lines.push(row(i));
    return lines.join('');
  };

  it('answers an officer who may not import with 403 before reading an 8 MB body (the body never has to arrive)', async () => {
    const { port } = t.server.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; type: string; code?: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/procedures/import',
        headers: { 'content-type': 'text/csv', 'content-length': 8 * MiB, cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            code: (JSON.parse(text) as { code?: string }).code,
          });
          req.destroy();
        });
      });
      req.on('error', reject);
      // Only the first 64 KB of the announced 8 MB: an answer can only come from a check made before the body.
      req.write('code,name\n' + 'x'.repeat(64 * 1024));
      setTimeout(() => reject(new Error('no answer before the body was complete')), 15_000).unref();
    });
    expect(answer).toEqual({ status: 403, type: expect.stringContaining('application/problem+json'), code: 'forbidden' });
  });

  it('anonymous and unauthorized 8 MB CSVs are refused (401, 403) while /healthz keeps answering; nothing imported', async () => {
    const csv = bigCsv();
    expect(csv.length).toBeGreaterThan(8 * MiB - 1024);
    const before = await count('procedure');
    const anonymous = await staged('/api/procedures/import', { body: csv, type: 'text/csv' });
    const unauthorized = await staged('/api/procedures/import', { body: csv, type: 'text/csv', as: officer });
    const p = await whileProbing(() => Promise.all([anonymous.go(), unauthorized.go()]));
    expectProblem(p.result[0], 401, 'not-signed-in');
    expectProblem(p.result[1], 403, 'forbidden');
    expectHealthy(p);
    expect(await count('procedure')).toBe(before);
  });

  it('a province admin’s CSV past the row limit is refused with 413 import-too-large; nothing imported', async () => {
    const lines = ['code,name\n'];
    for (let i = 0; i <= IMPORT_LIMITS.rows; i++) lines.push(`TT-${i},Thủ tục ${i}\n`);
    const before = await count('procedure');
    expectProblem(
      await send('/api/procedures/import', { body: lines.join(''), type: 'text/csv', as: provinceAdmin }),
      413,
      'import-too-large',
    );
    expect(await count('procedure')).toBe(before);
  });

  /** Sends `head` of a body announced as `announced` bytes and answers what the server said before the rest came. */
  const answerBeforeBody = (type: string, head: string, announced: number) => {
    const { port } = t.server.server.address() as AddressInfo;
    return new Promise<{ status: number; type: string; code?: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/procedures/import',
        headers: { 'content-type': type, 'content-length': announced, cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            code: (JSON.parse(text) as { code?: string }).code,
          });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write(head);
      setTimeout(() => reject(new Error('no answer before the body was complete')), 15_000).unref();
    });
  };

  /** An 8 MB JSON array of procedure-like objects (each invalid: no legal basis, components and so on). */
  const bigJson = () => {
    const items: string[] = [];
    let size = 2;
    for (let i = 0; size < 8 * MiB; i++) {
      const item = JSON.stringify({ code: `TT-${i}`, name: `Thủ tục thử ${i}`, notes: 'x'.repeat(1600) });
      items.push(item);
      size += item.length + 1;
    }
    return `[${items.join(',')}]`;
  };

  it('JSON too: an officer who may not import gets 403 before an 8 MB JSON body arrives', async () => {
    expect(await answerBeforeBody('application/json', '[' + ' '.repeat(64 * 1024), 8 * MiB)).toEqual({
      status: 403,
      type: expect.stringContaining('application/problem+json'),
      code: 'forbidden',
    });
  });

  it('a province admin’s 8 MB JSON is read as a stream: 413 past the row limit, while /healthz keeps answering; nothing imported', async () => {
    const json = bigJson();
    expect(json.length).toBeGreaterThan(8 * MiB - 4096);
    const before = await count('procedure');
    const p = await whileProbing((await staged('/api/procedures/import', { body: json, type: 'application/json', as: provinceAdmin })).go);
    // 8 MB of 1.6 KB items is more than IMPORT_LIMITS.rows procedures.
    expectProblem(p.result, 413, 'import-too-large');
    expect(p.result.body).toMatchObject({ status: 413 });
    expectHealthy(p);
    expect(await count('procedure')).toBe(before);
  });

  it('a province admin’s JSON past the byte limit is refused with 413 stating the limit; nothing imported', async () => {
    const small = { rows: IMPORT_LIMITS.rows, bytes: 1024 };
    const { readJsonArrayStream } = await import('../../src/services/catalogue.service');
    const { Readable } = await import('node:stream');
    const err = await readJsonArrayStream(Readable.from([Buffer.from('[' + '"x",'.repeat(600) + '"y"]')]), small).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).code).toBe('import-too-large');
    expect((err as Problem).params).toMatchObject({ bytes: 1024 });
    // Over HTTP the body limit is the import's own (20 MiB), stated in the answer.
    const before = await count('procedure');
    const over = await send('/api/procedures/import', {
      body: `[${'"x",'.repeat(Math.ceil(IMPORT_LIMITS.bytes / 4))}"y"]`,
      type: 'application/json',
      as: provinceAdmin,
    });
    expect(over.status).toBe(413);
    expect(over.type).toContain('application/problem+json');
    expect(['import-too-large', 'body-too-large']).toContain(over.body.code);
    expect(JSON.stringify(over.body)).toMatch(/20 ?MiB|20971520|20 971 520/);
    expect(await count('procedure')).toBe(before);
  });

  it('JSON that breaks off, is not an array or nests too deep is 422 import-invalid naming the procedure (row)', async () => {
    const before = await count('procedure');
    const cases: [string, number][] = [
      ['[{"code":"A"},{"code":"B"},{"code":', 3],
      ['{"code":"A"}', 1],
      [`[{"code":"A"},${'['.repeat(200)}${']'.repeat(200)}]`, 2],
    ];
    for (const [body, row] of cases) {
      const r = await send('/api/procedures/import', { body, type: 'application/json', as: provinceAdmin });
      expectProblem(r, 422, 'import-invalid');
      expect((r.body as { errors?: { row: number }[] }).errors?.[0]?.row, body.slice(0, 40)).toBe(row);
    }
    expect(await count('procedure')).toBe(before);
  });
});
