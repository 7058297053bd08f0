// Compressed JSON answers for clients that accept it: the public catalogue list is 145 KB of JSON and 16 KB with
// brotli, three seconds less on a 400 kbit/s connection. Brotli at quality 5 or gzip at level 6 (gzip first up to
// 24 KiB, see chooseEncoding); bodies under 1 KiB, streams and buffers (files, PDFs: already served precompressed
// or not worth it) pass through. Registered after the idempotency hook, which stores the uncompressed text.
//
// Where the work runs depends on the size. A big body (the catalogue: about 2 ms) goes to libuv's thread pool so
// the event loop keeps serving. A small one is compressed on the event loop: for a 5.6 KB dossier page, gzip
// costs 64 µs of CPU in place against 267 µs through the thread pool (a stream object, its zlib state and two
// thread hops per answer; brotli 146 against 343 µs), and that overhead was a tenth of the server's CPU per
// dossier page under 16 clients (docs/benchmarks.md). Same bytes either way.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const MIN_BYTES = 1024;
/** Up to this size, compressed in place (at most about 0.3 ms of the event loop); above it, in the thread pool. */
export const SYNC_MAX_BYTES = 24 * 1024;

/**
 * The encoding to use for an Accept-Encoding header, honouring `;q=0`: brotli, then gzip; for a small body
 * (`small`), gzip first — on a 5.6 KB dossier page brotli saves 78 bytes (4 %) for twice the CPU (129 against
 * 69 µs), while on the 145 KB catalogue it is worth its cost.
 */
export function chooseEncoding(accept: string | undefined, small = false): 'br' | 'gzip' | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name!.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (small && ok('gzip')) return 'gzip';
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

function addVary(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/\baccept-encoding\b/i.test(vary)) reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
}

export function compressJson(server: FastifyInstance): void {
  server.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || reply.hasHeader('content-encoding')) return payload;
    if (!/json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const bytes = Buffer.byteLength(payload);
    if (bytes < MIN_BYTES) return payload;
    addVary(reply);
    const inPlace = bytes <= SYNC_MAX_BYTES;
    const encoding = chooseEncoding(req.headers['accept-encoding'], inPlace);
    if (!encoding) return payload;
    const body =
      encoding === 'br'
        ? await (inPlace ? zlib.brotliCompressSync : brotli)(payload, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes },
          })
        : await (inPlace ? zlib.gzipSync : gzip)(payload, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
