// Small hostile requests must not stop the server: each hostile file is built here, sent to a real listening
// server, and while it is in flight /healthz keeps answering. Before the bounds (src/services/untrusted, the
// import's streaming reader) the PDF bomb held the event loop for ~15 s and the crafted signature for ~11 s
// on this 2-core machine, and the 8 MB CSV was read whole before anyone asked who sent it.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import demoProcedures from '../../src/seed/demo-procedures.json' with { type: 'json' };
import { IMPORT_LIMITS } from '../../src/services/catalogue.service';
import { UntrustedContent, VERIFY_BODY_LIMIT } from '../../src/services/untrusted/pool';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import {
  bigCsv,
  bigJson,
  craftedSignature,
  hostileClient,
  manyObjects,
  MiB,
  pdfBomb,
  type Answer,
  type SendInit,
} from '../support/hostile';
import { watchLoopBlocking, type LoopBlocking } from '../support/loop-block';

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
let client: ReturnType<typeof hostileClient> | undefined;
const staged = (path: string, init: SendInit) => (client ??= hostileClient(base)).staged(path, init);
const send = (path: string, init: SendInit) => (client ??= hostileClient(base)).send(path, init);

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
  await client?.close();
  await t.close();
});

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
    // From an address of its own on the loopback, so the budget it uses up is not the other tests' (any order).
    const fromOwnAddress = () =>
      new Promise<Answer>((resolve, reject) => {
        const req = http.request(
          `${base}/api/forms/verify`,
          { method: 'POST', localAddress: '127.0.0.19', agent: false, headers: { 'content-type': 'application/pdf' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                type: String(res.headers['content-type'] ?? ''),
                body: text ? (JSON.parse(text) as Answer['body']) : {},
              }),
            );
          },
        );
        req.on('error', reject);
        req.end('%PDF-1.7\n');
      });
    let last: Answer | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++) last = await fromOwnAddress();
    expectProblem(last!, 429, 'rate-limited');
    // The other clients' budget is untouched.
    const other = await send('/api/forms/verify', { body: '%PDF-1.7\n', type: 'application/pdf' });
    expect(other.status).not.toBe(429);
  });
});

describe('POST /api/procedures/import', () => {
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

  it('a province admin’s valid import of 150 procedures, each with its own e-form to compile, lets /healthz in all along', async () => {
    // Compiling an e-form schema costs milliseconds of CPU: 150 in one synchronous pass held the loop for seconds
    // (5,000 for 5–6 s of CPU, bench/import-validation.ts); validation now yields every few milliseconds.
    const withForm = (demoProcedures as Record<string, unknown>[]).filter((p) => p.formSchema);
    const items = Array.from({ length: 150 }, (_, i) => {
      const p = structuredClone(withForm[i % withForm.length]!);
      p.code = `8.${String(i).padStart(6, '0')}`;
      p.formSchema = { ...(p.formSchema as object), title: `Tờ khai ${i}` };
      return p;
    });
    const before = await count('procedure');
    const p = await whileProbing(() =>
      send('/api/procedures/import', { body: JSON.stringify(items), type: 'application/json', as: provinceAdmin }),
    );
    expect(p.result.status, JSON.stringify(p.result.body)).toBe(200);
    expectHealthy(p);
    expect(await count('procedure')).toBe(before + 150);
  }, 240_000);

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
