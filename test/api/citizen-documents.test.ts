// The citizen electronic data store: files kept from uploads and from earlier dossiers, attached again without
// uploading; only the citizen sees them, an officer's read is logged, nobody attaches another person's file.
import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import { addFromDossier, assertOwnedFiles } from '../../src/services/citizen-documents.service';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';

let t: TestApi;
let me: CitizenSession;
let other: CitizenSession;
let officer: Session; // hacthanh.reception-officer
let nvOfficer: Session; // nguyetvien.reception-officer

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await createTestApi();
  [me, other, officer, nvOfficer] = await Promise.all([
    citizenSession(t, 21),
    citizenSession(t, 22),
    t.login('hacthanh.reception-officer'),
    t.login('nguyetvien.reception-officer'),
  ]);
});
afterAll(() => t.close());

type As = { cookie: string; csrf: string } | null;
const req = (as: As, opts: InjectOptions) =>
  t.server.inject({ ...opts, headers: { ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}), ...(opts.headers ?? {}) } });

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save());
}

/** Uploads a small file in one chunk; answers the upload id and the stored file. */
async function upload(as: As, bytes: Buffer, unitId?: string): Promise<{ uploadId: string; fileId: string }> {
  const c = await req(as, {
    method: 'POST',
    url: '/api/uploads',
    payload: { fileName: 'giay-khai-sinh.pdf', sizeBytes: bytes.length, sha256: sha(bytes), ...(unitId ? { unitId } : {}) },
  });
  expect(c.statusCode).toBe(201);
  const r = await req(as, {
    method: 'PATCH',
    url: `/api/uploads/${c.json().id}`,
    headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    payload: bytes,
  });
  expect(r.statusCode).toBe(200);
  return { uploadId: c.json().id, fileId: r.json().file.id };
}

describe('citizen data store', () => {
  it('keeps an uploaded file, lists it, serves it to its citizen only', async () => {
    // Citizens of this test's own: the list holds only what it keeps, whatever the other tests kept.
    const [me, other] = await Promise.all([citizenSession(t, 23), citizenSession(t, 24)]);
    const bytes = await onePagePdf('giay khai sinh');
    const { uploadId, fileId } = await upload(me, bytes);
    const kept = await req(me, { method: 'POST', url: '/api/portal/documents', payload: { uploadId, title: 'Giấy khai sinh' } });
    expect(kept.statusCode).toBe(201);
    const doc = kept.json();
    expect(doc).toMatchObject({ title: 'Giấy khai sinh', kind: 'component', fileId, mime: 'application/pdf', pages: 1, dossierCode: null });
    // Keeping it again (by upload or by file) answers the same document.
    expect((await req(me, { method: 'POST', url: '/api/portal/documents', payload: { fileId, title: 'Lần nữa' } })).json().id).toBe(doc.id);

    const list = (await req(me, { method: 'GET', url: '/api/portal/documents' })).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: doc.id, fileId, sizeBytes: bytes.length, sha256: sha(bytes) });
    expect(list[0].createdAt).toMatch(/\+07:00$/);

    const file = await req(me, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha(file.rawPayload)).toBe(sha(bytes));

    // DENY: another citizen sees neither the document nor the file, and cannot keep my file or my upload.
    expect((await req(other, { method: 'GET', url: '/api/portal/documents' })).json().items).toEqual([]);
    expect((await req(other, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` })).statusCode).toBe(404);
    expect((await req(other, { method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(404);
    const stealFile = await req(other, { method: 'POST', url: '/api/portal/documents', payload: { fileId, title: 'của tôi' } });
    expect(stealFile.statusCode).toBe(422);
    expect(stealFile.json()).toMatchObject({ code: 'file-not-owned', fileIds: [fileId] });
    expect((await req(other, { method: 'POST', url: '/api/portal/documents', payload: { uploadId, title: 'x' } })).statusCode).toBe(404);
    // An officer of any unit: the file has no unit and no dossier yet.
    expect((await t.req(officer, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` })).statusCode).toBe(404);
    // Without a session.
    expect((await req(null, { method: 'GET', url: '/api/portal/documents' })).statusCode).toBe(401);
    expect((await req(null, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` })).statusCode).toBe(401);
  });

  it("holds a dossier's files for its citizen (idempotent); an officer's read of them is logged as personal data access", async () => {
    // A dossier received at the counter, with an officer's scan; its result belongs to the citizen.
    const scan = await onePagePdf('to khai');
    const { fileId } = await upload(officer, scan, t.units.hacthanh);
    const marital = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0] as {
      id: string;
      components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
    };
    const points = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
      slug: string;
      receptionPoints: { id: string }[];
    }[];
    const person = citizen(21);
    const d = await t.req(officer, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: marital.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: points.find((p) => p.slug === 'hacthanh')!.receptionPoints[0]!.id,
        channel: 'in-person',
        applicant: { idNumber: person.idNumber, fullName: person.fullName },
        components: marital.components
          .filter((c) => c.mandatory && !c.fromRegistry)
          .map((c, i) => (i === 0 ? { componentId: c.id, fileIds: [fileId] } : { componentId: c.id, presented: true })),
      },
    });
    expect(d.statusCode).toBe(201);
    const dossier = d.json() as { id: string; code: string };

    // Not mine yet: attaching it is refused.
    await expect(assertOwnedFiles(t.database.db, me.citizenId, [fileId])).rejects.toMatchObject({ code: 'file-not-owned' });
    const add = () =>
      t.database.db.transaction().execute((trx) =>
        addFromDossier(trx, {
          citizenId: me.citizenId,
          dossierId: dossier.id,
          fileIds: [fileId, fileId],
          kind: 'result',
          titles: ['Giấy chứng nhận'],
        }),
      );
    expect(await add()).toBe(1);
    expect(await add()).toBe(0);
    await assertOwnedFiles(t.database.db, me.citizenId, [fileId]);

    const list = (await req(me, { method: 'GET', url: '/api/portal/documents' })).json().items as { id: string; fileId: string }[];
    const doc = list.find((x) => x.fileId === fileId)!;
    expect(doc).toMatchObject({ kind: 'result', title: 'Giấy chứng nhận', dossierId: dossier.id, dossierCode: dossier.code });
    expect((await req(me, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` })).statusCode).toBe(200);
    expect((await req(me, { method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);

    // The unit's officer may read it, and the read is logged; another unit's officer gets 404 and no log.
    const before = await t.database.db.selectFrom('personal_data_access').select('id').where('subject_id', '=', doc.id).execute();
    expect(before).toHaveLength(0);
    const staffRead = await t.req(officer, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` });
    expect(staffRead.statusCode).toBe(200);
    expect(sha(staffRead.rawPayload)).toBe(sha(scan));
    const log = await t.database.db.selectFrom('personal_data_access').selectAll().where('subject_id', '=', doc.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: officer.userId, id_number: me.idNumber, subject_type: 'citizen-document' });
    expect((await t.req(nvOfficer, { method: 'GET', url: `/api/portal/documents/${doc.id}/file` })).statusCode).toBe(404);
    expect(await t.database.db.selectFrom('personal_data_access').select('id').where('subject_id', '=', doc.id).execute()).toHaveLength(1);
    // Staff do not list a citizen's store.
    expect((await t.req(officer, { method: 'GET', url: '/api/portal/documents' })).statusCode).toBe(401);
  });

  it('assertOwnedFiles refuses foreign, unknown and malformed file ids, naming them', async () => {
    const mine = await upload(me, await onePagePdf('cua toi'));
    const theirs = await upload(other, await onePagePdf('cua nguoi khac'));
    const staff = await upload(officer, await onePagePdf('cua don vi'), t.units.hacthanh);
    await assertOwnedFiles(t.database.db, me.citizenId, [mine.fileId, mine.fileId]);
    await assertOwnedFiles(t.database.db, me.citizenId, []);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const err = await assertOwnedFiles(t.database.db, me.citizenId, [mine.fileId, theirs.fileId, staff.fileId, unknown, 'garbage']).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Problem);
    expect(err).toMatchObject({
      code: 'file-not-owned',
      status: 422,
      extensions: { fileIds: [theirs.fileId, staff.fileId, unknown, 'garbage'] },
    });
    await expect(assertOwnedFiles(t.database.db, other.citizenId, [mine.fileId])).rejects.toMatchObject({ code: 'file-not-owned' });
  });

  it('answers garbage with 4xx, never 500', async () => {
    const cases: InjectOptions[] = [
      { method: 'GET', url: '/api/portal/documents/not-a-uuid/file' },
      { method: 'GET', url: '/api/portal/documents/00000000-0000-4000-8000-000000000000/file' },
      { method: 'POST', url: '/api/portal/documents', payload: { title: 'no file' } },
      { method: 'POST', url: '/api/portal/documents', payload: { fileId: 'x', title: 't' } },
      { method: 'POST', url: '/api/portal/documents', payload: { fileId: '00000000-0000-4000-8000-000000000000', title: 't' } },
      { method: 'POST', url: '/api/portal/documents', payload: { uploadId: '00000000-0000-4000-8000-000000000000', title: 't' } },
      { method: 'POST', url: '/api/portal/documents', payload: { fileId: '00000000-0000-4000-8000-000000000000', title: '   ' } },
      { method: 'POST', url: '/api/portal/documents', headers: { 'content-type': 'application/json' }, payload: '{' },
    ];
    for (const c of cases) {
      const r = await req(me, c);
      expect(r.statusCode, `${c.method} ${c.url}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${c.method} ${c.url}: ${r.body}`).toBeLessThan(500);
    }
    // An unfinished upload cannot be kept yet.
    const bytes = await onePagePdf('chua xong');
    const c = await req(me, {
      method: 'POST',
      url: '/api/uploads',
      payload: { fileName: 'x.pdf', sizeBytes: bytes.length, sha256: sha(bytes) },
    });
    const r = await req(me, { method: 'POST', url: '/api/portal/documents', payload: { uploadId: c.json().id, title: 'x' } });
    expect(r.statusCode).toBe(400);
  });
});
