// Filing online, end to end through the API: e-form prefilled from the registry, drafts (revisions, another
// device), submission checked as the centre would, OTP read from the SMS simulator, payment through the
// gateway simulator (callback, or reconciliation when the callback is lost), and the dossier in the centre's
// queue; then "my dossiers": supplement answered online, withdrawal asked online, rating after return.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import demo from '../../src/seed/demo-procedures.json' with { type: 'json' };
import { sweepOutbox } from '../../src/jobs/outbox';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import { paymentKit } from '../support/payment';

let t: TestApi;
let admin: Session;
let officer: Session;
let alice: CitizenSession;
type Proc = { id: string; code: string; components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let birth: Proc;

beforeAll(async () => {
  t = await createTestApi();
  [admin, officer, alice] = await Promise.all([t.login('admin'), t.login('hacthanh.reception-officer'), citizenSession(t, 1, 2)]);
  marital = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0];
  birth = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.001193' })).json().items[0];
});
afterAll(() => t.close());

const as = (c: CitizenSession) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });
const call = (c: CitizenSession | null, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  t.server.inject({ method, url, headers: c ? as(c) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function pdfUpload(c: CitizenSession, name = 'to-khai.pdf'): Promise<string> {
  const bytes = Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${randomUUID()}`,
  );
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const created = await call(c, 'POST', '/api/uploads', { fileName: name, sizeBytes: bytes.length, sha256 });
  expect(created.statusCode, created.body).toBeLessThan(300);
  const id = created.json().id as string;
  const put = await t.server.inject({
    method: 'PATCH',
    url: `/api/uploads/${id}`,
    headers: { ...as(c), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    payload: bytes,
  });
  expect(put.statusCode, put.body).toBe(200);
  return put.json().file.id as string;
}

async function latestCode(phone: string): Promise<string> {
  await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
  const items = (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages?to=${encodeURIComponent(phone)}` })).json().items as {
    text: string;
  }[];
  const m = items.map((i) => i.text.match(/\b([A-Z]{2})-(\d{6})\b/)).find(Boolean);
  if (!m) throw new Error(`no code in ${JSON.stringify(items)}`);
  return `${m[1]}-${m[2]}`;
}

async function draftFor(c: CitizenSession, proc: Proc, form: Record<string, unknown> = {}) {
  const f = (await call(c, 'GET', `/api/portal/procedures/${proc.id}/form`)).json();
  const id = randomUUID();
  const files: Record<string, string[]> = {};
  for (const comp of proc.components.filter((x) => x.mandatory && !x.fromRegistry)) files[comp.id] = [await pdfUpload(c)];
  const saved = await call(c, 'PUT', `/api/portal/applications/${id}`, {
    procedureId: proc.id,
    unitId: t.units.hacthanh,
    returnPointId: f.units.find((u: { id: string }) => u.id === t.units.hacthanh).returnPoints[0].id,
    form: { ...f.prefill, ...form },
    components: Object.entries(files).map(([componentId, fileIds]) => ({ componentId, fileIds })),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { id, form: f, saved: saved.json() };
}

const maritalAnswers = {
  nguoiDuocXacNhan: { hoTen: 'Lê Văn An', ngaySinh: '1990-01-02', soDinhDanh: '038090000001', noiCuTru: 'Thanh Hóa' },
  tinhTrangHonNhan: 'Chưa kết hôn',
  mucDichSuDung: 'Đăng ký kết hôn',
};

describe('the e-form', () => {
  test('prefills the applicant from the registry (shown, not asked) and logs the lookup', async () => {
    const r = await call(alice, 'GET', `/api/portal/procedures/${marital.id}/form`);
    expect(r.statusCode).toBe(200);
    const f = r.json();
    const c = citizen(1);
    expect(f.registry).toBe('found');
    expect(f.registryPaths).toContain('nguoiYeuCau.hoTen');
    expect(f.prefill.nguoiYeuCau.hoTen).toBe(c.fullName);
    expect(f.prefill.nguoiYeuCau.soDinhDanh).toBe(c.idNumber);
    expect(f.fee).toBe(15_000);
    // The fields come in the order the form's author wrote them (the schema is stored as json, not jsonb).
    const seed = (demo as { code: string; formSchema?: { properties: Record<string, unknown> } }[]).find((p) => p.code === '1.004873')!;
    expect(Object.keys(f.procedure.formSchema.properties)).toEqual(Object.keys(seed.formSchema!.properties));
    const logged = await t.app.db.selectFrom('personal_data_access').select('purpose').where('id_number', '=', c.idNumber).execute();
    expect(logged.some((l) => l.purpose.includes('portal e-form'))).toBe(true);
  });

  test('a level-1 account is refused a level-2 procedure with how to upgrade', async () => {
    const low = await citizenSession(t, 4, 1);
    const r = await call(low, 'GET', `/api/portal/procedures/${marital.id}/form`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('vneid-level-required');
    expect(r.json().detail).toMatch(/mức độ 2/);
  });

  test('needs a portal session', async () => {
    expect((await call(null, 'GET', `/api/portal/procedures/${marital.id}/form`)).json().code).toBe('citizen-not-signed-in');
  });
});

describe('drafts', () => {
  test('revisions protect against a stale device; another citizen cannot see or overwrite it', async () => {
    const { id, saved } = await draftFor(alice, marital, maritalAnswers);
    expect(saved.revision).toBe(1);
    const body = { procedureId: marital.id, unitId: t.units.hacthanh, form: { mucDichSuDung: 'Vay vốn' }, components: [], revision: 1 };
    const second = await call(alice, 'PUT', `/api/portal/applications/${id}`, body);
    expect(second.json().revision).toBe(2);
    const stale = await call(alice, 'PUT', `/api/portal/applications/${id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision-conflict', currentRevision: 2 });
    const elsewhere = await t.app.db
      .selectFrom('reception_point')
      .select('id')
      .where('unit_id', '=', t.units.nguyetvien)
      .executeTakeFirstOrThrow();
    const badPoint = await call(alice, 'PUT', `/api/portal/applications/${id}`, { ...body, revision: 2, returnPointId: elsewhere.id });
    expect(badPoint.json().code).toBe('return-point-invalid');
    const list = (await call(alice, 'GET', '/api/portal/applications')).json().items as { id: string }[];
    expect(list.map((a) => a.id)).toContain(id);
    const bob = await citizenSession(t, 2, 2);
    expect((await call(bob, 'GET', `/api/portal/applications/${id}`)).statusCode).toBe(404);
    expect((await call(bob, 'PUT', `/api/portal/applications/${id}`, { ...body, revision: undefined })).statusCode).toBe(404);
  });
});

describe('submission', () => {
  test('missing components and an invalid form are refused before any code is sent', async () => {
    const id = randomUUID();
    // The birth certificate from the hospital (giấy chứng sinh) is needed; the e-form stands for the declaration only.
    await call(alice, 'PUT', `/api/portal/applications/${id}`, {
      procedureId: birth.id,
      unitId: t.units.hacthanh,
      form: {},
      components: [],
    });
    const r = await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('components-missing');
    expect(
      r
        .json()
        .missing.map((m: { name: string }) => m.name)
        .join(' '),
    ).not.toMatch(/^Tờ khai/);
    // A citizen who never filed this procedure: alice's earlier answers (another test, any order) prefill her form.
    const newcomer = await citizenSession(t, 11, 2);
    const { id: id2 } = await draftFor(newcomer, marital, {});
    const r2 = await call(newcomer, 'POST', `/api/portal/applications/${id2}/submit`, {});
    expect(r2.statusCode).toBe(422);
    expect(r2.json().code).toBe('form-invalid');
    expect(r2.json().detail).toContain('Tình trạng hôn nhân hiện tại: chưa điền');
    expect(await t.app.db.selectFrom('otp_challenge').select('id').where('subject_id', 'in', [id, id2]).execute()).toHaveLength(0);
  });

  test('OTP, payment through the gateway, and the dossier arrives submitted in the centre’s queue', async () => {
    const { id } = await draftFor(alice, marital, { ...maritalAnswers, nguoiYeuCau: { hoTen: 'Typed Over' } });
    const sub = await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().application.status).toBe('awaiting-otp');
    // The registry's name wins over what was typed.
    expect(sub.json().application.form.nguoiYeuCau.hoTen).toBe(citizen(1).fullName);
    const code = await latestCode(citizen(1).phone);
    expect(code.startsWith(sub.json().otp.prefix)).toBe(true);
    const wrong = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: `${sub.json().otp.prefix}-000000` });
    expect(wrong.statusCode).toBe(422);
    const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().application.status).toBe('awaiting-payment');
    const redirect = ok.json().payment.redirectUrl as string;
    expect(redirect).toMatch(/\/api\/sim\/payment\/checkout\//);
    const paid = await paymentKit(t).checkout(new URL(redirect, 'http://x').pathname, 'paid', alice.cookie);
    expect(paid.statusCode).toBe(303);
    const app = (await call(alice, 'GET', `/api/portal/applications/${id}`)).json();
    expect(app.status).toBe('submitted');
    expect(app.dossierCode).toBeTruthy();
    // In the centre's queue, online, paid online, verified with VNeID.
    const queue = (await t.req(officer, { method: 'GET', url: `/api/dossiers?unitId=${t.units.hacthanh}&status=submitted` })).json()
      .items as { code: string }[];
    expect(queue.map((d) => d.code)).toContain(app.dossierCode);
    const d = await t.app.db.selectFrom('dossier').selectAll().where('id', '=', app.dossierId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({
      channel: 'online',
      status: 'submitted',
      paid_online: true,
      verified_vneid: true,
      citizen_id: alice.citizenId,
      fee: 15_000,
    });
    // Confirming again is harmless.
    expect((await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code })).json().application.status).toBe('submitted');
    // The uploaded files are now in the citizen's data store.
    const docs = (await call(alice, 'GET', '/api/portal/documents')).json().items as { dossierCode?: string | null }[];
    expect(docs.length).toBeGreaterThan(0);
    // My dossiers shows it.
    const mine = (await call(alice, 'GET', '/api/portal/dossiers')).json().items as { code: string; statusLabel: { vi: string } }[];
    expect(mine.find((x) => x.code === app.dossierCode)?.statusLabel.vi).toBe('Mới đăng ký');
  });

  test('the e-form answers are part of the dossier: stored, shown to staff with their labels in order, sent to the national portal', async () => {
    const { id } = await draftFor(alice, marital, maritalAnswers);
    await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(citizen(1).phone) });
    await paymentKit(t).checkout(new URL(ok.json().payment.redirectUrl, 'http://x').pathname, 'paid', alice.cookie);
    const app = (await call(alice, 'GET', `/api/portal/applications/${id}`)).json();
    const stored = await t.app.db.selectFrom('dossier').select('form_answers').where('id', '=', app.dossierId).executeTakeFirstOrThrow();
    expect(stored.form_answers).toMatchObject({ tinhTrangHonNhan: 'Chưa kết hôn', nguoiYeuCau: { hoTen: citizen(1).fullName } });
    const page = (await t.req(officer, { method: 'GET', url: `/api/dossiers/${app.dossierId}` })).json();
    expect(page.formAnswers.title).toBe('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    const items = page.formAnswers.items as { label: string; value: string | null }[];
    const labels = items.map((i) => i.label);
    // Labels, not keys, in the schema's order; dates as dd/mm/yyyy.
    expect(labels).not.toContain('tinhTrangHonNhan');
    expect(labels.indexOf('Người yêu cầu')).toBeLessThan(labels.indexOf('Người được xác nhận tình trạng hôn nhân'));
    expect(labels.indexOf('Người được xác nhận tình trạng hôn nhân')).toBeLessThan(labels.indexOf('Tình trạng hôn nhân hiện tại'));
    expect(items).toContainEqual(expect.objectContaining({ label: 'Tình trạng hôn nhân hiện tại', value: 'Chưa kết hôn' }));
    expect(items).toContainEqual(expect.objectContaining({ label: 'Mục đích sử dụng Giấy xác nhận', value: 'Đăng ký kết hôn' }));
    expect(items).toContainEqual(expect.objectContaining({ label: 'Ngày, tháng, năm sinh', value: '02/01/1990' }));
    // The national portal's record carries the answers.
    await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
    const recs = (await t.req(admin, { method: 'GET', url: `/api/sim/national-portal/records?code=${app.dossierCode}` })).json().items as {
      eForm?: { items: { label: string; value: string | null }[] };
    }[];
    expect(recs[0]?.eForm?.items).toContainEqual({ label: 'Tình trạng hôn nhân hiện tại', value: 'Chưa kết hôn' });
  });

  test('the e-form is the declaration: no scan of the same tờ khai is asked for', async () => {
    const f = (await call(alice, 'GET', `/api/portal/procedures/${marital.id}/form`)).json();
    const id = randomUUID();
    const saved = await call(alice, 'PUT', `/api/portal/applications/${id}`, {
      procedureId: marital.id,
      unitId: t.units.hacthanh,
      returnPointId: f.units.find((u: { id: string }) => u.id === t.units.hacthanh).returnPoints[0].id,
      form: { ...f.prefill, ...maritalAnswers },
      components: [],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(citizen(1).phone) });
    await paymentKit(t).checkout(new URL(ok.json().payment.redirectUrl, 'http://x').pathname, 'paid', alice.cookie);
    const app = (await call(alice, 'GET', `/api/portal/applications/${id}`)).json();
    const page = (await t.req(officer, { method: 'GET', url: `/api/dossiers/${app.dossierId}` })).json();
    const decl = (page.components as { name: string; provided: boolean; fileIds: string[] }[]).find((c) => c.name.startsWith('Tờ khai'))!;
    expect(decl).toMatchObject({ provided: true, fileIds: [] });
  });

  test('a lost payment callback is completed by reconciliation', async () => {
    await t.req(admin, { method: 'PUT', url: '/api/sim/payment/drop-callbacks', payload: { drop: true } });
    try {
      const { id } = await draftFor(alice, marital, maritalAnswers);
      const sub = await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
      expect(sub.statusCode, sub.body).toBe(200);
      const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(citizen(1).phone) });
      const redirect = ok.json().payment.redirectUrl as string;
      await paymentKit(t).checkout(new URL(redirect, 'http://x').pathname, 'paid', alice.cookie);
      expect((await call(alice, 'GET', `/api/portal/applications/${id}`)).json().status).toBe('awaiting-payment');
      const r = await t.app.services.payments.reconcile(new Date(Date.now() + 10 * 60_000));
      expect(r.paid).toBeGreaterThanOrEqual(1);
      const app = (await call(alice, 'GET', `/api/portal/applications/${id}`)).json();
      expect(app.status).toBe('submitted');
      expect(app.dossierCode).toBeTruthy();
    } finally {
      await t.req(admin, { method: 'PUT', url: '/api/sim/payment/drop-callbacks', payload: { drop: false } });
    }
  });

  test('a free procedure becomes a dossier at the OTP', async () => {
    const { id } = await draftFor(alice, birth, {
      quanHeVoiNguoiDuocKhaiSinh: 'Mẹ',
      nguoiDuocKhaiSinh: {
        hoTen: 'Lê Minh Khang',
        ngaySinh: '2026-11-20',
        gioiTinh: 'Nam',
        danToc: 'Kinh',
        quocTich: 'Việt Nam',
        noiSinh: 'Bệnh viện Đa khoa tỉnh Thanh Hóa',
        queQuan: 'Thanh Hóa',
      },
    });
    const sub = await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    if (sub.statusCode !== 200) {
      // The birth form asks for more than this test fills: say which field, so the test is easy to mend.
      throw new Error(sub.body);
    }
    const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(citizen(1).phone) });
    expect(ok.json().application.status).toBe('submitted');
    expect(ok.json().payment).toBeNull();
  });
});

describe('my dossiers', () => {
  async function submitted(): Promise<{ id: string; code: string }> {
    const { id } = await draftFor(alice, marital, maritalAnswers);
    await call(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    const ok = await call(alice, 'POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(citizen(1).phone) });
    await paymentKit(t).checkout(new URL(ok.json().payment.redirectUrl, 'http://x').pathname, 'paid', alice.cookie);
    const app = (await call(alice, 'GET', `/api/portal/applications/${id}`)).json();
    return { id: app.dossierId, code: app.dossierCode };
  }
  const act = (id: string, action: string, payload: Record<string, unknown> = {}) =>
    t.req(officer, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });

  test('a supplement request is answered online and the citizen hears of it by SMS', async () => {
    const d = await submitted();
    const optional = marital.components.find((c) => !c.mandatory)!;
    expect(
      (await act(d.id, 'request-supplement', { reason: 'Thiếu giấy tờ', items: [{ componentId: optional.id, reason: 'Cần bản sao' }] }))
        .statusCode,
    ).toBe(200);
    const view = (await call(alice, 'GET', `/api/portal/dossiers/${d.id}`)).json();
    expect(view.status).toBe('awaiting-supplement');
    expect(view.awaiting.items[0].name).toBe(optional.name);
    expect(view.actions).toContain('supplement');
    await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
    const sms = (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages?to=${citizen(1).phone}` })).json().items as {
      text: string;
    }[];
    expect(sms.some((m) => m.text.includes(d.code) && m.text.includes('Cho bo sung'))).toBe(true);
    // Someone else's file cannot be attached.
    const bob = await citizenSession(t, 2, 2);
    const bobs = await pdfUpload(bob);
    const foreign = await call(alice, 'POST', `/api/portal/dossiers/${d.id}/supplement`, {
      components: [{ componentId: optional.id, fileIds: [bobs] }],
    });
    expect(foreign.statusCode).toBe(422);
    const file = await pdfUpload(alice);
    const r = await call(alice, 'POST', `/api/portal/dossiers/${d.id}/supplement`, {
      components: [{ componentId: optional.id, fileIds: [file] }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('submitted');
    const ev = await t.app.db
      .selectFrom('dossier_event')
      .selectAll()
      .where('dossier_id', '=', d.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'receive-supplement', actor_role: 'citizen', actor_id: null });
    // Another citizen does not see the dossier at all.
    expect((await call(bob, 'GET', `/api/portal/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await call(bob, 'POST', `/api/portal/dossiers/${d.id}/withdrawal`, { reason: 'x' })).statusCode).toBe(404);
  });

  test('a withdrawal asked online is the request the centre needs to stop the dossier', async () => {
    const d = await submitted();
    expect((await act(d.id, 'accept')).statusCode).toBe(200);
    const leader = await t.login('hacthanh.leader');
    expect((await t.req(leader, { method: 'POST', url: `/api/dossiers/${d.id}/actions/stop`, payload: { reason: 'x' } })).json().code).toBe(
      'withdrawal-request-missing',
    );
    const w = await call(alice, 'POST', `/api/portal/dossiers/${d.id}/withdrawal`, { reason: 'Tôi không cần nữa' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawal-requested');
    const ev = await t.app.db
      .selectFrom('dossier_event')
      .select(['data', 'actor_role'])
      .where('dossier_id', '=', d.id)
      .where('action', '=', 'record-withdrawal-request')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ actor_role: 'citizen', data: { channel: 'online' } });
    const stop = await t.req(leader, {
      method: 'POST',
      url: `/api/dossiers/${d.id}/actions/stop`,
      payload: { reason: 'Theo yêu cầu của công dân' },
    });
    expect(stop.statusCode, stop.body).toBe(200);
    // Citizens cannot take officers' actions.
    const d2 = await submitted();
    const refuse = await t.server.inject({ method: 'POST', url: `/api/dossiers/${d2.id}/actions/accept`, headers: as(alice), payload: {} });
    expect([401, 403, 404]).toContain(refuse.statusCode);
  });

  test('rating once after the result was returned; a dislike needs a reason', async () => {
    const d = await submitted();
    expect((await call(alice, 'POST', `/api/portal/dossiers/${d.id}/rating`, { value: 'like' })).json().code).toBe('rating-not-allowed');
    const now = new Date();
    await t.app.db.updateTable('dossier').set({ status: 'returned', finished_at: now, returned_at: now }).where('id', '=', d.id).execute();
    expect((await call(alice, 'POST', `/api/portal/dossiers/${d.id}/rating`, { value: 'dislike' })).statusCode).toBe(400);
    const r = await call(alice, 'POST', `/api/portal/dossiers/${d.id}/rating`, { value: 'dislike', reason: 'Chờ lâu' });
    expect(r.statusCode).toBe(200);
    expect((await call(alice, 'POST', `/api/portal/dossiers/${d.id}/rating`, { value: 'like' })).json().code).toBe('rating-not-allowed');
    const view = (await call(alice, 'GET', `/api/portal/dossiers/${d.id}`)).json();
    expect(view.rating).toEqual({ value: 'dislike', reason: 'Chờ lâu' });
    // The dislike with its reason became a service feedback naming the dossier, so nobody's complaint is lost.
    const fb = await t.app.db.selectFrom('feedback').selectAll().where('dossier_id', '=', d.id).execute();
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({ kind: 'service', channel: 'dossier-rating', content: 'Chờ lâu', status: 'received' });
  });
});

describe('bad input never gives a 500', () => {
  test('garbage on every portal call answers 4xx problem+json', async () => {
    const id = randomUUID();
    const routes: [string, string][] = [
      ['PUT', `/api/portal/applications/${id}`],
      ['POST', `/api/portal/applications/${id}/submit`],
      ['POST', `/api/portal/applications/${id}/confirm`],
      ['POST', `/api/portal/applications/${id}/otp/resend`],
      ['POST', `/api/portal/applications/${id}/payment`],
      ['POST', `/api/portal/dossiers/${id}/supplement`],
      ['POST', `/api/portal/dossiers/${id}/withdrawal`],
      ['POST', `/api/portal/dossiers/${id}/rating`],
      ['GET', `/api/portal/procedures/not-a-uuid/form`],
      ['GET', `/api/portal/dossiers/${id}`],
      ['POST', '/api/assisted/verifications'],
    ];
    const bodies: (string | undefined)[] = [
      undefined,
      '',
      '{',
      'null',
      '[]',
      '"x"',
      JSON.stringify({ procedureId: 'x', unitId: 1, form: 'no', components: {} }),
      JSON.stringify({ code: 'A'.repeat(50) }),
      JSON.stringify({ code: '\u0000\u0001' }),
      JSON.stringify({ value: 'meh', reason: 5 }),
      JSON.stringify({ components: [{ componentId: randomUUID(), fileIds: ['x'] }] }),
      JSON.stringify({ procedureId: randomUUID(), unitId: randomUUID(), form: { a: { b: { c: 'x'.repeat(10_000) } } }, components: [] }),
      JSON.stringify({ idNumber: '123', unitId: randomUUID(), method: 'magic' }),
    ];
    for (const [method, url] of routes)
      for (const body of bodies) {
        const r = await t.server.inject({
          method: method as 'POST',
          url,
          headers: { ...as(alice), 'content-type': 'application/json' },
          ...(body !== undefined && method !== 'GET' ? { payload: body } : {}),
        });
        expect(r.statusCode, `${method} ${url} ${body}: ${r.body}`).toBeLessThan(500);
        expect(r.headers['content-type'], `${method} ${url}`).toMatch(/json/);
      }
  });
});

describe('the person concerned', () => {
  test('the applicant who is the person concerned gives their data once: the registry fills that person, typed text is ignored', async () => {
    // Another citizen: the codes sent here must not be read by the OTP test below.
    const c = citizen(6);
    const bob = await citizenSession(t, 6, 2);
    const { id } = await draftFor(bob, marital, {
      ...maritalAnswers,
      nguoiDuocXacNhan: { laNguoiYeuCau: true, hoTen: 'Typed Other', ngaySinh: '2001-01-01', soDinhDanh: '038001999999', noiCuTru: 'X' },
    });
    const sub = await call(bob, 'POST', `/api/portal/applications/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().application.form.nguoiDuocXacNhan).toMatchObject({
      laNguoiYeuCau: true,
      hoTen: c.fullName,
      ngaySinh: c.dateOfBirth,
      soDinhDanh: c.idNumber,
      noiCuTru: c.address,
    });
    // Without the choice, the person concerned is someone else, as typed.
    const { id: other } = await draftFor(bob, marital, maritalAnswers);
    const sub2 = await call(bob, 'POST', `/api/portal/applications/${other}/submit`, {});
    expect(sub2.statusCode, sub2.body).toBe(200);
    expect(sub2.json().application.form.nguoiDuocXacNhan.hoTen).toBe('Lê Văn An');
  });
});
