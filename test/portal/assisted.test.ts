// Filing online with the citizen at the counter: the officer checks the citizen (chip ID, VNeID QR code or a code
// to the registry's phone), works in the portal as the citizen, and the dossier records both.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sweepOutbox } from '../../src/jobs/outbox';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let admin: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let birth: Proc;

beforeAll(async () => {
  t = await createTestApi();
  [officer, admin] = await Promise.all([t.login('hacthanh.reception-officer'), t.login('admin')]);
  birth = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.001193' })).json().items[0];
});
afterAll(() => t.close());

const start = (as: Session | null, body: Record<string, unknown>) =>
  t.req(as, { method: 'POST', url: '/api/assisted/verifications', payload: body });

/** The officer's browser after the check: staff cookie plus the citizen's portal cookie. */
function both(res: { cookies: { name: string; value: string }[] }, as: Session) {
  const c = res.cookies.find((x) => x.name === 'motcua_citizen')!;
  return { cookie: `${as.cookie}; motcua_citizen=${c.value}`, csrf: as.csrf };
}

describe('assisted filing', () => {
  test('only a reception officer of the unit, and only with evidence of the check', async () => {
    const idNumber = citizen(20).idNumber;
    expect((await start(null, { idNumber, unitId: t.units.hacthanh, method: 'chip-id', evidence: 'chip' })).statusCode).toBe(401);
    const other = await t.login('nguyetvien.reception-officer');
    expect((await start(other, { idNumber, unitId: t.units.hacthanh, method: 'chip-id', evidence: 'chip' })).statusCode).toBe(403);
    expect((await start(officer, { idNumber, unitId: t.units.hacthanh, method: 'chip-id' })).statusCode).toBe(400);
    expect(
      (await start(officer, { idNumber: '000000000000', unitId: t.units.hacthanh, method: 'chip-id', evidence: 'chip' })).statusCode,
    ).toBe(404);
  });

  test('chip ID checked: the officer files as the citizen without an OTP, and the dossier names both', async () => {
    const person = citizen(21);
    const r = await start(officer, {
      idNumber: person.idNumber,
      unitId: t.units.hacthanh,
      method: 'chip-id',
      evidence: 'Đọc chip CCCD thành công',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'verified', citizen: { idNumber: person.idNumber } });
    const s = both(r, officer);
    const me = await t.server.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: s.cookie } });
    expect(me.json().citizen).toMatchObject({ idNumber: person.idNumber, loa: 2, assistedBy: { method: 'chip-id' } });
    const headers = { cookie: s.cookie, 'x-csrf-token': me.json().csrfToken };
    const form = (await t.server.inject({ method: 'GET', url: `/api/portal/procedures/${birth.id}/form`, headers })).json();
    const bytes = Buffer.from(
      `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${randomUUID()}`,
    );
    const up = await t.server.inject({
      method: 'POST',
      url: '/api/uploads',
      headers,
      payload: { fileName: 'a.pdf', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    });
    const fileId = (
      await t.server.inject({
        method: 'PATCH',
        url: `/api/uploads/${up.json().id}`,
        headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: bytes,
      })
    ).json().file.id;
    const id = randomUUID();
    const saved = await t.server.inject({
      method: 'PUT',
      url: `/api/portal/applications/${id}`,
      headers,
      payload: {
        procedureId: birth.id,
        unitId: t.units.hacthanh,
        form: {
          ...form.prefill,
          quanHeVoiNguoiDuocKhaiSinh: 'Bà',
          nguoiDuocKhaiSinh: {
            hoTen: 'Trần Gia Bảo',
            ngaySinh: '2026-11-01',
            gioiTinh: 'Nam',
            danToc: 'Kinh',
            quocTich: 'Việt Nam',
            noiSinh: 'Thanh Hóa',
            queQuan: 'Thanh Hóa',
          },
        },
        components: birth.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, fileIds: [fileId] })),
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await t.server.inject({ method: 'POST', url: `/api/portal/applications/${id}/submit`, headers, payload: {} });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().otp).toBeNull();
    expect(sub.json().application.status).toBe('submitted');
    const d = await t.app.db.selectFrom('dossier').selectAll().where('id', '=', sub.json().application.dossierId).executeTakeFirstOrThrow();
    expect(d.citizen_id).toBeTruthy();
    expect(d.assisted_by).toBe(officer.userId);
    expect(d.channel).toBe('online');
    const ev = await t.app.db
      .selectFrom('dossier_event')
      .select('data')
      .where('dossier_id', '=', d.id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(ev.data).toMatchObject({ assistedBy: officer.userId, verification: { method: 'assisted-chip-id' } });
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', 'like', 'citizen.assisted%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['citizen.assisted-verification', 'citizen.assisted-session']));
    expect(audit.every((a) => a.actor_id === officer.userId)).toBe(true);
    // The centre's dossier page says who helped and how the citizen was checked.
    const page = (await t.req(officer, { method: 'GET', url: `/api/dossiers/${d.id}` })).json();
    expect(page.online).toMatchObject({ viaPortal: true, assistedBy: { id: officer.userId } });
    // The registry was asked by the officer, and that is logged.
    const logged = await t.app.db.selectFrom('personal_data_access').select('actor_id').where('id_number', '=', person.idNumber).execute();
    expect(logged.some((l) => l.actor_id === officer.userId)).toBe(true);
  });

  test('OTP to the registry’s phone: the code the citizen reads out opens the session', async () => {
    const person = citizen(22);
    const r = await start(officer, { idNumber: person.idNumber, unitId: t.units.hacthanh, method: 'otp' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().status).toBe('awaiting-otp');
    expect(r.cookies.find((c) => c.name === 'motcua_citizen')).toBeUndefined();
    await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
    const sms = (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages?to=${person.phone}` })).json().items as { text: string }[];
    const m = sms.map((x) => x.text.match(/\b([A-Z]{2}-\d{6})\b/)).find(Boolean)!;
    // Unlike a portal code, this one is meant to be read out to the officer at the counter, and the text says so.
    expect(sms[0]!.text).toContain('Chi doc ma nay cho can bo khi ong/ba dang o quay tiep nhan');
    const wrong = await t.req(officer, {
      method: 'POST',
      url: `/api/assisted/verifications/${r.json().verificationId}/confirm`,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    const other = await t.login('hacthanh.specialist');
    expect(
      (
        await t.req(other, {
          method: 'POST',
          url: `/api/assisted/verifications/${r.json().verificationId}/confirm`,
          payload: { code: m[1] },
        })
      ).statusCode,
    ).toBe(404);
    const ok = await t.req(officer, {
      method: 'POST',
      url: `/api/assisted/verifications/${r.json().verificationId}/confirm`,
      payload: { code: m[1] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'motcua_citizen')).toBeTruthy();
  });

  test('an assisted session ends with the officer’s account and after 30 minutes', async () => {
    const r = await start(officer, {
      idNumber: citizen(23).idNumber,
      unitId: t.units.hacthanh,
      method: 'vneid-qr',
      evidence: 'QR VNeID hợp lệ',
    });
    const token = r.cookies.find((c) => c.name === 'motcua_citizen')!.value;
    expect(await t.app.services.citizenAuth.resolve(token)).not.toBeNull();
    expect(await t.app.services.citizenAuth.resolve(token, new Date(Date.now() + 31 * 60_000))).toBeNull();
  });
});
