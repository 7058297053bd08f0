// What runs inside the worker threads of `UntrustedContent` (./pool.ts): the inspection of files a client sent,
// with limits, so that a small hostile file (a 200 KB PDF whose object stream inflates to 200 MiB, a million
// objects, a huge crafted signature) costs a bounded amount of memory and time — and never the event loop's.
// These functions are synchronous and plain: they are also called directly by tests.
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { SignatureTooLarge, verifySignature, type Verification } from '../../forms/signing';

export type PdfLimits = {
  /** Bytes that the PDF's compressed streams may inflate to, all together (images are not inflated). */
  inflatedBytes: number;
  /** Indirect objects the PDF may hold (counted in the file and in its object streams). */
  objects: number;
};

/** Why a file was refused: `limit` names the limit it went past, for the problem's message. */
export type Refusal = { ok: false; code: 'file-too-complex' | 'file-unreadable'; limit?: string };
export type Outcome<T> = { ok: true; value: T } | Refusal;

const MiB = 1024 * 1024;
const formatBytes = (n: number) => (n >= MiB ? `${Math.round(n / MiB)} MiB` : `${Math.round(n / 1024)} KiB`);

/** The part of a stream's dictionary before the `stream` keyword that is read (a longer one is cut here). */
const DICT_WINDOW = 64 * 1024;

/**
 * Walks the PDF's streams without a parser: every stream that is not an image and is compressed with
 * FlateDecode is inflated by zlib with `maxOutputLength` set to what is left of the budget, so a bomb stops at
 * the limit instead of filling memory. Object streams and cross-reference streams (the ones a PDF library
 * inflates to read the file) must use FlateDecode or no filter. Objects are counted too.
 */
export function scanPdf(bytes: Buffer, limits: PdfLimits): Outcome<{ objects: number; inflatedBytes: number }> {
  const text = bytes.toString('latin1');
  let objects = 0;
  for (const _ of text.matchAll(/\d+\s+\d+\s+obj\b/g)) {
    if (++objects > limits.objects) return { ok: false, code: 'file-too-complex', limit: `${limits.objects} objects` };
  }
  let inflated = 0;
  for (const m of text.matchAll(/(?<!end)stream(?:\r\n|\n|\r)/g)) {
    const start = m.index + m[0].length;
    const objAt = text.lastIndexOf('obj', m.index);
    const dict = text.slice(Math.max(objAt, m.index - DICT_WINDOW, 0), m.index);
    const end = streamEnd(text, dict, start);
    const structural = /\/Type\s*\/(ObjStm|XRef)\b/.test(dict);
    if (structural) {
      const n = /\/N\s+(\d+)/.exec(dict);
      objects += n ? Number(n[1]) : 0;
      if (objects > limits.objects) return { ok: false, code: 'file-too-complex', limit: `${limits.objects} objects` };
    } else if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1];
    if (!filter) continue;
    const names = filter.match(/\/[A-Za-z0-9]+/g) ?? [];
    const flate = names.length === 1 && (names[0] === '/FlateDecode' || names[0] === '/Fl');
    if (!flate) {
      if (structural) return { ok: false, code: 'file-too-complex', limit: 'object streams use FlateDecode only' };
      continue;
    }
    const left = limits.inflatedBytes - inflated;
    try {
      const out = zlib.inflateSync(bytes.subarray(start, end), {
        maxOutputLength: Math.max(1, left),
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      inflated += out.length;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
        return { ok: false, code: 'file-too-complex', limit: `${formatBytes(limits.inflatedBytes)} inflated` };
      // Damaged compressed data: the PDF library decides below whether the file is readable.
    }
    if (inflated > limits.inflatedBytes)
      return { ok: false, code: 'file-too-complex', limit: `${formatBytes(limits.inflatedBytes)} inflated` };
  }
  return { ok: true, value: { objects, inflatedBytes: inflated } };
}

/** Where a stream's data ends: its direct /Length when `endstream` follows there, else the next `endstream`. */
function streamEnd(text: string, dict: string, start: number): number {
  const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  if (len) {
    const end = start + Number(len[1]);
    if (end <= text.length && /^\s*endstream/.test(text.slice(end, end + 32))) return end;
  }
  const at = text.indexOf('endstream', start);
  return at < 0 ? text.length : at;
}

/** The page count of a PDF after the scan above let it through (pdf-lib reads the cross-reference and page tree). */
export async function pdfPages(bytes: Buffer, limits: PdfLimits): Promise<Outcome<number>> {
  const scan = scanPdf(bytes, limits);
  if (!scan.ok) return scan;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return { ok: true, value: doc.getPageCount() };
  } catch {
    return { ok: false, code: 'file-unreadable' };
  }
}

/** A form's signature checked (./forms/signing.ts), refusing a signature larger than any real one. */
export function verifyPdf(bytes: Buffer, signatureBytes: number): Outcome<Verification> {
  try {
    return { ok: true, value: verifySignature(bytes, { maxSignatureBytes: signatureBytes }) };
  } catch (e) {
    if (e instanceof SignatureTooLarge)
      return { ok: false, code: 'file-too-complex', limit: `signature of ${formatBytes(signatureBytes)}` };
    throw e;
  }
}

export type Task =
  | { kind: 'warm' }
  | { kind: 'pdf-pages'; bytes: Uint8Array; limits: PdfLimits }
  | { kind: 'verify'; bytes: Uint8Array; signatureBytes: number };

/** The worker's entry: one task, one outcome (errors are outcomes, so they cross the thread boundary intact). */
export async function runTask(task: Task): Promise<Outcome<unknown>> {
  if (task.kind === 'warm') return { ok: true, value: null };
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  if (task.kind === 'pdf-pages') return pdfPages(bytes, task.limits);
  return verifyPdf(bytes, task.signatureBytes);
}
