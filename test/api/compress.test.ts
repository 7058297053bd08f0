// JSON answers are compressed for clients that accept it (brotli first, then gzip); small answers and clients
// that accept neither get plain text; the idempotency store keeps the plain text.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, SYNC_MAX_BYTES } from '../../src/api/compress';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

describe('compressed JSON', () => {
  it('chooses brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBe(null);
    expect(chooseEncoding(undefined)).toBe(null);
    // A small body: gzip first when it is accepted.
    expect(chooseEncoding('gzip, deflate, br, zstd', true)).toBe('gzip');
    expect(chooseEncoding('br', true)).toBe('br');
    expect(chooseEncoding('gzip;q=0, br', true)).toBe('br');
  });

  it('sends the catalogue list with brotli or gzip, the same JSON once decoded', async () => {
    const url = '/api/procedures?limit=200';
    const plain = await t.req(null, { method: 'GET', url });
    expect(plain.rawPayload.length).toBeGreaterThan(SYNC_MAX_BYTES);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');

    const br = await t.req(null, { method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    const gz = await t.req(null, { method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('compresses a mid-sized answer (in place, not in the thread pool) to the same JSON', async () => {
    const url = '/api/procedures?limit=3';
    const plain = await t.req(null, { method: 'GET', url });
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    expect(plain.rawPayload.length).toBeLessThanOrEqual(SYNC_MAX_BYTES);
    const br = await t.req(null, { method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    // A browser accepts both: gzip, cheaper for a body this small.
    const gz = await t.req(null, { method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves small answers as they are', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/no-such-route', headers: { 'accept-encoding': 'br' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.json().code).toBe('route-not-found');
  });
});
