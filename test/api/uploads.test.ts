// Resumable uploads: a citizen on a weak network sends a PDF in chunks, loses the connection, asks how far the
// server got and goes on; a chunk sent twice counts once; a file damaged in transit is refused and recorded.
import { createHash, randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredUploads, UPLOAD_CHUNK_SIZE } from '../../src/services/upload.service';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';

let t: TestApi;
let me: CitizenSession;
let other: CitizenSession;
let officer: Session; // hacthanh.reception-officer
let pdf: Buffer; // a real PDF of a little over two chunks: three chunks

const CHUNK = UPLOAD_CHUNK_SIZE;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await createTestApi();
  [me, other, officer] = await Promise.all([citizenSession(t, 11), citizenSession(t, 12), t.login('hacthanh.reception-officer')]);
  pdf = await threeChunkPdf();
});

/** A real two-page PDF spanning three chunks; each call makes another file (another SHA-256). */
async function threeChunkPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage();
  // Incompressible content makes the file span three chunks.
  await doc.attach(randomBytes(2 * CHUNK + 1000), 'scan.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}
afterAll(() => t.close());

type As = { cookie: string; csrf: string } | null;
const req = (as: As, opts: InjectOptions) =>
  t.server.inject({ ...opts, headers: { ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}), ...(opts.headers ?? {}) } });
const create = (as: As, bytes: Buffer, over: Record<string, unknown> = {}) =>
  req(as, {
    method: 'POST',
    url: '/api/uploads',
    payload: { fileName: 'giay-to.pdf', sizeBytes: bytes.length, sha256: sha(bytes), ...over },
  });
const patch = (as: As, id: string, offset: number | string, body: Buffer, type = 'application/offset+octet-stream') =>
  req(as, {
    method: 'PATCH',
    url: `/api/uploads/${id}`,
    headers: { 'content-type': type, 'upload-offset': String(offset) },
    payload: body,
  });
const chunkOf = (bytes: Buffer, i: number) => bytes.subarray(i * CHUNK, (i + 1) * CHUNK);
const chunksOf = (id: string) => t.database.db.selectFrom('upload_chunk').select('index').where('upload_id', '=', id).execute();

describe('resumable upload by a citizen', () => {
  it('takes a PDF in three chunks, resumes after a dropped connection, counts a repeated chunk once, stores it for the citizen', async () => {
    expect(pdf.length).toBeGreaterThan(2 * CHUNK);
    expect(pdf.length).toBeLessThan(3 * CHUNK);
    const c = await create(me, pdf);
    expect(c.statusCode).toBe(201);
    const u = c.json();
    expect(u).toMatchObject({ chunkSize: CHUNK, receivedBytes: 0, sizeBytes: pdf.length, status: 'open', file: null });
    expect(u.expiresAt).toMatch(/\+07:00$/);

    const first = await patch(me, u.id, 0, chunkOf(pdf, 0));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ receivedBytes: CHUNK, complete: false });
    expect(first.headers['upload-offset']).toBe(String(CHUNK));

    // The connection dropped before the answer came: the client asks how far the server got…
    const head = await req(me, { method: 'HEAD', url: `/api/uploads/${u.id}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(CHUNK));
    const st = await req(me, { method: 'GET', url: `/api/uploads/${u.id}` });
    expect(st.json()).toMatchObject({ receivedBytes: CHUNK, status: 'open' });
    // …or, not knowing, sends the first chunk again: accepted once, nothing doubles.
    const again = await patch(me, u.id, 0, chunkOf(pdf, 0));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ receivedBytes: CHUNK, complete: false });
    expect(await chunksOf(u.id)).toHaveLength(1);
    // A client that lost the upload id declares the same file again and gets the same upload back.
    const lost = await create(me, pdf);
    expect(lost.statusCode).toBe(200);
    expect(lost.json()).toMatchObject({ id: u.id, receivedBytes: CHUNK });

    expect((await patch(me, u.id, CHUNK, chunkOf(pdf, 1), 'application/octet-stream')).json()).toEqual({
      receivedBytes: 2 * CHUNK,
      complete: false,
    });
    const last = await patch(me, u.id, 2 * CHUNK, chunkOf(pdf, 2));
    expect(last.statusCode).toBe(200);
    const done = last.json();
    expect(done).toMatchObject({
      receivedBytes: pdf.length,
      complete: true,
      file: { sha256: sha(pdf), mime: 'application/pdf', pages: 2, sizeBytes: pdf.length },
    });

    const f = await t.database.db.selectFrom('stored_file').selectAll().where('id', '=', done.file.id).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ citizen_id: me.citizenId, unit_id: null, uploaded_by: null, original_name: 'giay-to.pdf' });
    expect(f.officer_signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await chunksOf(u.id)).toHaveLength(0);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'file.upload')
      .where('subject_id', '=', done.file.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_role: 'citizen', actor_name: `citizen:${me.idNumber}` });

    // The last chunk's answer was lost too: sending it again answers the finished upload, nothing new is stored.
    const replay = await patch(me, u.id, 2 * CHUNK, chunkOf(pdf, 2));
    expect(replay.json()).toMatchObject({ complete: true, file: { id: done.file.id } });
    expect((await req(me, { method: 'GET', url: `/api/uploads/${u.id}` })).json()).toMatchObject({
      status: 'complete',
      file: { id: done.file.id },
    });

    // The citizen reads the file back; another citizen and staff of any unit cannot (it has no unit yet).
    const read = await req(me, { method: 'GET', url: `/api/files/${done.file.id}` });
    expect(read.statusCode).toBe(200);
    expect(sha(read.rawPayload)).toBe(sha(pdf));
    expect((await req(other, { method: 'GET', url: `/api/files/${done.file.id}` })).statusCode).toBe(404);
    expect((await t.req(officer, { method: 'GET', url: `/api/files/${done.file.id}` })).statusCode).toBe(404);
  });

  it('answers a chunk at the wrong offset with 409 and the offset received, so the client resumes from there', async () => {
    const bytes = await threeChunkPdf();
    const u = (await create(me, bytes, { fileName: 'offset.pdf' })).json();
    expect(u.receivedBytes).toBe(0);
    const ahead = await patch(me, u.id, CHUNK, chunkOf(bytes, 1));
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json()).toMatchObject({ code: 'upload-offset-mismatch', received: 0 });
    expect(ahead.json().detail).toContain('0');
    await patch(me, u.id, 0, chunkOf(bytes, 0));
    // Not a chunk boundary, or past the end, or other bytes where a chunk was received: 409 with the offset.
    for (const [offset, body] of [
      [100, chunkOf(bytes, 1)],
      [10 * CHUNK, chunkOf(bytes, 1)],
      [0, chunkOf(bytes, 1)],
    ] as const) {
      const r = await patch(me, u.id, offset, body);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'upload-offset-mismatch', received: CHUNK });
    }
    // A chunk of the wrong length at the right offset: 400 saying how long it must be.
    const short = await patch(me, u.id, CHUNK, chunkOf(bytes, 1).subarray(0, 1000));
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toContain(String(CHUNK));
    expect((await req(me, { method: 'GET', url: `/api/uploads/${u.id}` })).json().receivedBytes).toBe(CHUNK);
  });

  it('refuses a file whose checksum fails: 422, recorded in the audit log, no stored file, chunks gone', async () => {
    const sent = await threeChunkPdf();
    const damaged = Buffer.from(sent);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff; // one byte changed in transit
    const u = (await create(me, damaged, { fileName: 'hong.pdf', sha256: sha(sent) })).json();
    expect(u.receivedBytes).toBe(0);
    const filesBefore = await t.database.db.selectFrom('stored_file').select('id').execute();
    await patch(me, u.id, 0, chunkOf(damaged, 0));
    await patch(me, u.id, CHUNK, chunkOf(damaged, 1));
    expect(await chunksOf(u.id)).toHaveLength(2);
    const last = await patch(me, u.id, 2 * CHUNK, chunkOf(damaged, 2));
    expect(last.statusCode).toBe(422);
    expect(last.json().code).toBe('upload-checksum-mismatch');
    expect(last.json().detail).toMatch(/mã kiểm tra/);

    expect(await t.database.db.selectFrom('stored_file').select('id').execute()).toHaveLength(filesBefore.length);
    expect(await chunksOf(u.id)).toHaveLength(0);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'upload.checksum-mismatch')
      .where('subject_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ declared: sha(sent), actual: sha(damaged), fileName: 'hong.pdf' });
    const st = (await req(me, { method: 'GET', url: `/api/uploads/${u.id}` })).json();
    expect(st).toMatchObject({ status: 'failed', failure: 'upload-checksum-mismatch', file: null });
    // The failed upload stays failed; sending to it again says why. Declaring the file again starts afresh.
    expect((await patch(me, u.id, 2 * CHUNK, chunkOf(damaged, 2))).json().code).toBe('upload-checksum-mismatch');
    const fresh = await create(me, damaged, { fileName: 'hong.pdf', sha256: sha(sent) });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().id).not.toBe(u.id);
  });

  it('refuses what is not a PDF, JPEG or PNG as soon as the first chunk shows it, and a damaged PDF when complete', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(5000)]);
    const u = (await create(me, exe, { fileName: 'virus.pdf' })).json();
    const r = await patch(me, u.id, 0, exe);
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('file-type-not-allowed');
    expect((await req(me, { method: 'GET', url: `/api/uploads/${u.id}` })).json()).toMatchObject({
      status: 'failed',
      failure: 'file-type-not-allowed',
    });

    const broken = Buffer.from('%PDF-1.7 broken');
    const b = (await create(me, broken)).json();
    const rb = await patch(me, b.id, 0, broken);
    expect(rb.statusCode).toBe(422);
    expect(rb.json().code).toBe('file-unreadable');
    expect(await chunksOf(b.id)).toHaveLength(0);
  });

  it('DENY: another citizen cannot see or continue my upload (404); without a session 401; without the CSRF token 403', async () => {
    const mine = await threeChunkPdf();
    const u = (await create(me, mine, { fileName: 'rieng.pdf' })).json();
    expect(u.receivedBytes).toBe(0);
    expect((await req(other, { method: 'GET', url: `/api/uploads/${u.id}` })).statusCode).toBe(404);
    expect((await req(other, { method: 'HEAD', url: `/api/uploads/${u.id}` })).statusCode).toBe(404);
    const theirs = await patch(other, u.id, 0, chunkOf(mine, 0));
    expect(theirs.statusCode).toBe(404);
    expect(await chunksOf(u.id)).toHaveLength(0);
    // Declaring the same file makes the other citizen their own upload, not mine.
    expect((await create(other, mine)).json().id).not.toBe(u.id);
    expect((await t.req(officer, { method: 'GET', url: `/api/uploads/${u.id}` })).statusCode).toBe(404);

    const anon = await patch(null, u.id, 0, chunkOf(mine, 0));
    expect(anon.statusCode).toBe(401);
    expect((await create(null, mine)).json().code).toBe('citizen-not-signed-in');
    const noCsrf = await t.server.inject({
      method: 'PATCH',
      url: `/api/uploads/${u.id}`,
      headers: { cookie: me.cookie, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: chunkOf(mine, 0),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await chunksOf(u.id)).toHaveLength(0);
  });

  it('refuses a file above the upload limit before any byte is sent', async () => {
    const r = await create(me, pdf, { sizeBytes: t.app.config.uploadLimit + 1 });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('body-too-large');
  });
});

describe('resumable upload by an officer', () => {
  it('stores the file for the unit named, with the officer as uploader; refuses a unit where the officer holds no role', async () => {
    const d = await PDFDocument.create();
    d.addPage();
    const small = Buffer.from(await d.save());
    const c = await t.req(officer, {
      method: 'POST',
      url: '/api/uploads',
      headers: { 'idempotency-key': 'officer-upload-1' },
      payload: { fileName: 'scan.pdf', sizeBytes: small.length, sha256: sha(small), unitId: t.units.hacthanh },
    });
    expect(c.statusCode).toBe(201);
    const u = c.json();
    const r = await t.req(officer, {
      method: 'PATCH',
      url: `/api/uploads/${u.id}`,
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: small,
    });
    expect(r.statusCode).toBe(200);
    const fileId = r.json().file.id as string;
    const f = await t.database.db.selectFrom('stored_file').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ unit_id: t.units.hacthanh, citizen_id: null, uploaded_by: officer.userId });
    expect((await t.req(officer, { method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);
    // The same request retried with its Idempotency-Key answers the first answer.
    const retry = await t.req(officer, {
      method: 'POST',
      url: '/api/uploads',
      headers: { 'idempotency-key': 'officer-upload-1' },
      payload: { fileName: 'scan.pdf', sizeBytes: small.length, sha256: sha(small), unitId: t.units.hacthanh },
    });
    expect(retry.json().id).toBe(u.id);

    const elsewhere = await t.req(officer, {
      method: 'POST',
      url: '/api/uploads',
      payload: { fileName: 'scan.pdf', sizeBytes: small.length, sha256: sha(small), unitId: t.units.nguyetvien },
    });
    expect(elsewhere.statusCode).toBe(403);
    const noUnit = await t.req(officer, {
      method: 'POST',
      url: '/api/uploads',
      payload: { fileName: 'scan.pdf', sizeBytes: 10, sha256: sha(small) },
    });
    expect(noUnit.statusCode).toBe(400);
    // A citizen cannot upload on a unit's behalf.
    expect((await create(me, small, { unitId: t.units.hacthanh })).statusCode).toBe(403);
    // Another officer of the same unit does not see this officer's upload.
    const specialist = await t.login('hacthanh.specialist');
    expect((await t.req(specialist, { method: 'GET', url: `/api/uploads/${u.id}` })).statusCode).toBe(404);
  });
});

describe('expiry', () => {
  it('answers 410 for an upload whose time ran out; the purge deletes its chunks; the same file can be uploaded anew', async () => {
    const pdf = await threeChunkPdf();
    const u = (await create(me, pdf, { fileName: 'cu.pdf' })).json();
    await patch(me, u.id, 0, chunkOf(pdf, 0));
    await t.database.db
      .updateTable('upload')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', u.id)
      .execute();
    const st = await req(me, { method: 'GET', url: `/api/uploads/${u.id}` });
    expect(st.statusCode).toBe(410);
    expect(st.json().code).toBe('upload-expired');

    expect(await purgeExpiredUploads(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await chunksOf(u.id)).toHaveLength(0);
    const r = await patch(me, u.id, CHUNK, chunkOf(pdf, 1));
    expect(r.statusCode).toBe(410);
    expect(r.json().code).toBe('upload-expired');

    // Expired but not purged yet: a chunk gives the upload up on the spot.
    const v = (await create(me, pdf, { fileName: 'cu2.pdf' })).json();
    expect(v.id).not.toBe(u.id);
    await patch(me, v.id, 0, chunkOf(pdf, 0));
    await t.database.db
      .updateTable('upload')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', v.id)
      .execute();
    expect((await patch(me, v.id, CHUNK, chunkOf(pdf, 1))).statusCode).toBe(410);
    expect(await chunksOf(v.id)).toHaveLength(0);
    const w = await create(me, pdf, { fileName: 'cu3.pdf' });
    expect(w.statusCode).toBe(201);
    expect(w.json().receivedBytes).toBe(0);
  });
});

describe('garbage never gives a 500', () => {
  it('answers bad headers, bodies and ids with 4xx', async () => {
    const pdf = await threeChunkPdf();
    const u = (await create(me, pdf, { fileName: 'rac.pdf' })).json();
    expect(u.receivedBytes).toBe(0);
    const url = `/api/uploads/${u.id}`;
    const cases: InjectOptions[] = [
      { method: 'PATCH', url, headers: { 'content-type': 'application/offset+octet-stream' }, payload: Buffer.from('x') },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': 'abc' },
        payload: Buffer.from('x'),
      },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '-1' },
        payload: Buffer.from('x'),
      },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '1e3' },
        payload: Buffer.from('x'),
      },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '999999999999' },
        payload: Buffer.from('x'),
      },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.alloc(0),
      },
      { method: 'PATCH', url, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } },
      { method: 'PATCH', url, headers: { 'content-type': 'application/json', 'upload-offset': '0' }, payload: '{"a":1}' },
      { method: 'PATCH', url, headers: { 'content-type': 'application/json', 'upload-offset': '0' }, payload: '{"a":' },
      { method: 'PATCH', url, headers: { 'content-type': 'text/plain', 'upload-offset': '0' }, payload: 'hello' },
      { method: 'PATCH', url, headers: { 'content-type': 'application/x-whatever', 'upload-offset': '0' }, payload: 'hello' },
      {
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: randomBytes(CHUNK + 70 * 1024),
      },
      {
        method: 'PATCH',
        url: '/api/uploads/not-a-uuid',
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.from('x'),
      },
      {
        method: 'PATCH',
        url: '/api/uploads/00000000-0000-4000-8000-000000000000',
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.from('x'),
      },
      { method: 'GET', url: '/api/uploads/not-a-uuid' },
      { method: 'HEAD', url: '/api/uploads/00000000-0000-4000-8000-000000000000' },
      { method: 'POST', url: '/api/uploads', headers: { 'content-type': 'application/json' }, payload: '{"fileName":' },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: 'many', sha256: sha(pdf) } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: 10, sha256: 'zz' } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: -5, sha256: sha(pdf) } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: 1.5, sha256: sha(pdf) } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: '', sizeBytes: 10, sha256: sha(pdf) } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: 10, sha256: sha(pdf), unitId: 'x' } },
      { method: 'POST', url: '/api/uploads', payload: { fileName: 'a.pdf', sizeBytes: 10, sha256: sha(pdf), extra: 1 } },
      { method: 'POST', url: '/api/uploads', payload: [1, 2] },
      {
        method: 'POST',
        url: '/api/uploads',
        headers: { 'idempotency-key': '' },
        payload: { fileName: 'a.pdf', sizeBytes: 10, sha256: sha(pdf) },
      },
    ];
    for (const c of cases) {
      const r = await req(me, c);
      expect(r.statusCode, `${c.method} ${c.url} ${JSON.stringify(c.headers)}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${c.method} ${c.url} ${JSON.stringify(c.headers)}: ${r.body}`).toBeLessThan(500);
    }
    // Nothing of that reached the upload.
    expect((await req(me, { method: 'GET', url })).json()).toMatchObject({ receivedBytes: 0, status: 'open' });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/uploads', '/api/uploads/{id}', '/api/portal/documents']));
    expect(Object.keys(doc.paths['/api/uploads/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc['x-problem-codes']).toEqual(
      expect.arrayContaining(['upload-checksum-mismatch', 'upload-offset-mismatch', 'upload-expired']),
    );
  });
});
