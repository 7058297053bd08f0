// Routes no other test called: the staff session's keepalive, the portal sign-out, and the state of an
// application's confirmation code. (GET /api/registry/citizens/{idNumber} is in people.scopes.test.ts.)
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

const portal = (c: CitizenSession | null, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.server.inject({
    method,
    url,
    headers: c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

describe('POST /api/auth/keepalive', () => {
  it('resets the idle timeout of the session it is sent with', async () => {
    const s = await t.login('hacthanh.specialist');
    const sessionId = async () =>
      (
        await t.database.db
          .selectFrom('session')
          .select(['id', 'last_seen_at'])
          .where('user_id', '=', s.userId)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    const id = await sessionId();
    // The officer has been idle for 20 minutes.
    const idle = new Date(Date.now() - 20 * 60_000);
    await t.database.db.updateTable('session').set({ last_seen_at: idle }).where('id', '=', id).execute();
    const r = await t.req(s, { method: 'POST', url: '/api/auth/keepalive' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { expiresAt: string; idleExpiresAt: string };
    expect(new Date(body.idleExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(body.idleExpiresAt).getTime()).toBeLessThanOrEqual(new Date(body.expiresAt).getTime());
    const row = await t.database.db.selectFrom('session').select('last_seen_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.last_seen_at.getTime()).toBeGreaterThan(idle.getTime() + 19 * 60_000);
  });

  it('without a session is 401; without the CSRF header is 403', async () => {
    expect((await t.req(null, { method: 'POST', url: '/api/auth/keepalive' })).statusCode).toBe(401);
    const s = await t.login('hacthanh.leader');
    const r = await t.server.inject({ method: 'POST', url: '/api/auth/keepalive', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('csrf-token-missing');
  });
});

describe('POST /api/portal/auth/logout', () => {
  it('ends the portal session: 204, the cookie cleared, and the same cookie no longer signs in', async () => {
    const c = await citizenSession(t, 21);
    expect((await portal(c, 'GET', '/api/portal/me')).statusCode).toBe(200);
    const r = await portal(c, 'POST', '/api/portal/auth/logout');
    expect(r.statusCode).toBe(204);
    const cleared = r.cookies.find((k) => k.name === 'motcua_citizen');
    expect(cleared?.value ?? '').toBe('');
    expect((await portal(c, 'GET', '/api/portal/me')).statusCode).toBe(401);
    expect((await portal(c, 'GET', '/api/portal/dossiers')).statusCode).toBe(401);
  });

  it('without a portal session is 401', async () => {
    expect((await portal(null, 'POST', '/api/portal/auth/logout')).statusCode).toBe(401);
  });
});

describe('GET /api/portal/applications/{id}/otp', () => {
  type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };

  async function upload(c: CitizenSession): Promise<string> {
    const bytes = Buffer.from(
      `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${randomUUID()}`,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const created = await portal(c, 'POST', '/api/uploads', { fileName: 'to-khai.pdf', sizeBytes: bytes.length, sha256 });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const put = await t.server.inject({
      method: 'PATCH',
      url: `/api/uploads/${created.json().id}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: bytes,
    });
    expect(put.statusCode, put.body).toBe(200);
    return put.json().file.id as string;
  }

  it("none before submission; after it, where the code went, its prefix and expiry; another citizen's is 404", async () => {
    const alice = await citizenSession(t, 22);
    const marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
    const form = (await portal(alice, 'GET', `/api/portal/procedures/${marital.id}/form`)).json();
    const components = [];
    for (const comp of marital.components.filter((x) => x.mandatory && !x.fromRegistry))
      components.push({ componentId: comp.id, fileIds: [await upload(alice)] });
    const id = randomUUID();
    const saved = await portal(alice, 'PUT', `/api/portal/applications/${id}`, {
      procedureId: marital.id,
      unitId: t.units.hacthanh,
      returnPointId: form.units.find((u: { id: string }) => u.id === t.units.hacthanh).returnPoints[0].id,
      form: {
        ...form.prefill,
        nguoiDuocXacNhan: { hoTen: 'Lê Văn An', ngaySinh: '1990-01-02', soDinhDanh: '038090000001', noiCuTru: 'Thanh Hóa' },
        tinhTrangHonNhan: 'Chưa kết hôn',
        mucDichSuDung: 'Đăng ký kết hôn',
      },
      components,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const before = await portal(alice, 'GET', `/api/portal/applications/${id}/otp`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ otp: null });

    const sub = await portal(alice, 'POST', `/api/portal/applications/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    const r = await portal(alice, 'GET', `/api/portal/applications/${id}/otp`);
    expect(r.statusCode).toBe(200);
    const otp = r.json().otp;
    expect(otp).toMatchObject({ prefix: sub.json().otp.prefix, channel: 'sms' });
    expect(otp.destination).not.toContain(citizen(22).phone);
    expect(otp.destination).toContain(citizen(22).phone.slice(-3));
    expect(new Date(otp.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(otp.attemptsLeft).toBeGreaterThan(0);

    const bob = await citizenSession(t, 23);
    expect((await portal(bob, 'GET', `/api/portal/applications/${id}/otp`)).statusCode).toBe(404);
    expect((await portal(null, 'GET', `/api/portal/applications/${id}/otp`)).statusCode).toBe(401);
  });
});
