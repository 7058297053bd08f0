// Hostile content for the tests and benchmarks of bounded work (test/api/untrusted-content.test.ts,
// bench/hostile-healthz.ts): small files that cost seconds to parse naively, big bodies, and a client that sends
// them from a worker thread so the thread running the server does none of the sending.
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { PDFDocument } from 'pdf-lib';

export const MiB = 1024 * 1024;

/** A zlib stream that inflates to `mib` MiB of zeros, about 1 KB per MiB: the same flushed block repeated. */
export function zerosBomb(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mib * MiB) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00]), adler]);
}

/** A one-page PDF with an extra object inserted before its cross-reference table. */
export async function pdfWith(extra: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  const at = pdf.lastIndexOf('xref');
  return Buffer.concat([pdf.subarray(0, at), extra, pdf.subarray(at)]);
}

/** A 200 KB PDF whose object stream inflates to 200 MiB. */
export async function pdfBomb(): Promise<Buffer> {
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
export function manyObjects(n: number): Promise<Buffer> {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${1000 + i} 0 obj null endobj\n`);
  return pdfWith(Buffer.from(parts.join(''), 'latin1'));
}

/** A "signed" PDF whose signature is `derBytes` of DER: a SEQUENCE of NULLs, millions of ASN.1 elements to parse. */
export function craftedSignature(derBytes: number): Buffer {
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

/** An 8 MB CSV of procedure rows (code, name, 200 characters of notes). */
export function bigCsv(): string {
  const lines = ['code,name,notes\n'];
  for (let i = 0; lines.length * 220 < 8 * MiB; i++) lines.push(`TT-${i},"Thủ tục thử ${i}",${'x'.repeat(200)}\n`);
  return lines.join('');
}

/** An 8 MB JSON array of procedure-like objects (each invalid: no legal basis, components and so on). */
export function bigJson(): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < 8 * MiB; i++) {
    const item = JSON.stringify({ code: `TT-${i}`, name: `Thủ tục thử ${i}`, notes: 'x'.repeat(1600) });
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

export type Answer = { status: number; type: string; body: { code?: string; status?: number } };

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
  let responded = () => {};
  const early = new Promise((r) => { responded = r; });
  req.once('response', () => responded());
  for (let at = 0; at < body.length && !answered && !failed; at += 65536) {
    if (!req.write(body.subarray(at, at + 65536))) await new Promise((r) => { req.once('drain', r); req.once('close', r); });
    await tick();
    // A server that refuses a large body by its Content-Length answers at once and closes the connection: give
    // it the moment to answer before sending on, so the answer is read rather than lost to a write error (EPIPE).
    if (at === 0 && body.length > 1024 * 1024) await Promise.race([early, new Promise((r) => setTimeout(r, 3000))]);
  }
  if (!answered && !failed) req.end();
});`;
export type SendInit = { method?: string; body?: Buffer | string; type?: string; as?: { cookie: string; csrf: string } | null };
type ClientAnswer = { status: number; type: string; text: string } | { error: string } | { staged: true };
/** A client on a worker thread of its own, for `base` (e.g. http://127.0.0.1:port). */
export function hostileClient(base: string) {
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
  return { staged, send, close: async () => void (await client?.terminate()) };
}
