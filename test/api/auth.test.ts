// Sign-in, sessions, CSRF, lockout and the problem+json answers for bad input.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import { AuthService } from '../../src/services/auth.service';
import { staffWithRoles } from '../support/people';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi({ MOTCUA_LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in a demo officer and answers with user, roles and a CSRF token (contract shape)', async () => {
    const res = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'hacthanh.reception-officer', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({
      username: 'hacthanh.reception-officer',
      roles: [{ unitId: t.units.hacthanh, role: 'reception-officer' }],
    });
    expect(typeof body.csrfToken).toBe('string');
    const cookie = res.cookies.find((c) => c.name === 'motcua_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(body.session.expiresAt).toMatch(/\+07:00$/);
  });

  it('refuses a wrong password with 401 invalid-credentials in Vietnamese by default and English on request', async () => {
    const vi = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'wrong-password' } });
    expect(vi.statusCode).toBe(401);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json()).toMatchObject({ code: 'invalid-credentials', status: 401 });
    expect(vi.json().detail).toContain('mật khẩu');
    const en = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody-here', password: 'wrong' },
    });
    expect(en.json()).toMatchObject({ code: 'invalid-credentials' });
    expect(en.json().detail).toBe('Wrong username or password; after repeated failures an account is locked for 15 minutes.');
  });

  it('locks an account after repeated failures, even for the right password, and records it', async () => {
    const locks = () => t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.locked').execute();
    const before = (await locks()).length; // other tests lock accounts of their own (any order)
    for (let i = 0; i < 2; i++) {
      const r = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'dongtien.leader', password: 'nope' } });
      expect(r.statusCode).toBe(401);
    }
    const third = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'dongtien.leader', password: 'nope' } });
    // Locked answers like unknown and wrong (the message says accounts lock), so it tells nothing about the account.
    expect(third.statusCode).toBe(401);
    expect(third.json().code).toBe('invalid-credentials');
    const right = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dongtien.leader', password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(401);
    const unknown = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'no.such.user', password: 'nope' } });
    const wrong = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dongtien.specialist', password: 'nope' },
    });
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(right.json())).toEqual(strip(unknown.json()));
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(unknown.json().detail).toContain('tạm khóa');
    expect(await locks()).toHaveLength(before + 1);
  });

  it('GET /api/auth/me returns the user; logout ends the session', async () => {
    const s = await t.login('nguyetvien.specialist');
    const me = await t.req(s, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('nguyetvien.specialist');
    const out = await t.req(s, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const after = await t.req(s, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('not-signed-in');
  });

  it('answers 401 not-signed-in without a cookie', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/auth/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('not-signed-in');
  });

  it('requires the CSRF token on every non-GET request of a cookie session', async () => {
    const s = await t.login('hacthanh.centre-director');
    const without = await t.server.inject({
      method: 'PATCH',
      url: `/api/units/${t.units.hacthanh}`,
      headers: { cookie: s.cookie },
      payload: { phone: '0237 1' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf-token-missing');
    const wrong = await t.server.inject({
      method: 'PATCH',
      url: `/api/units/${t.units.hacthanh}`,
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) },
      payload: { phone: '0237 1' },
    });
    expect(wrong.statusCode).toBe(403);
    const unit = await t.database.db.selectFrom('unit').select('phone').where('id', '=', t.units.hacthanh).executeTakeFirstOrThrow();
    expect(unit.phone).not.toBe('0237 1');
  });

  it('expires an idle session with 401 session-expired, and an absolute one too', async () => {
    const s = await t.login('tinh.specialist');
    await sql`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${s.userId}`.execute(t.database.db);
    const idle = await t.req(s, { method: 'GET', url: '/api/auth/me' });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('session-expired');
    const s2 = await t.login('tinh.specialist');
    await sql`UPDATE session SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 minute' WHERE user_id = ${s2.userId}`.execute(
      t.database.db,
    );
    const abs = await t.req(s2, { method: 'GET', url: '/api/auth/me' });
    expect(abs.json().code).toBe('session-expired');
  });

  it('lists and revokes own sessions', async () => {
    const a = await t.login('dongtien.specialist');
    const b = await t.login('dongtien.specialist');
    const list = await t.req(a, { method: 'GET', url: '/api/auth/sessions' });
    expect(list.json().items.length).toBeGreaterThanOrEqual(2);
    const me = await t.req(b, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    const bId = (list.json().items as { id: string }[]).map((i) => i.id);
    for (const id of bId) if (id) await t.req(a, { method: 'DELETE', url: `/api/auth/sessions/${id}` });
    expect((await t.req(b, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('changes a password only with the current one and only to an acceptable one', async () => {
    const s = await t.login('dongtien.feedback-officer');
    const wrong = await t.req(s, {
      method: 'PUT',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope', newPassword: 'NewPass2026abc' },
    });
    expect(wrong.json().code).toBe('password-wrong');
    const other = await t.login('dongtien.feedback-officer');
    const weak = await t.req(s, {
      method: 'PUT',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('password-too-weak');
    const ok = await t.req(s, {
      method: 'PUT',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'NewPass2026abc' },
    });
    expect(ok.statusCode).toBe(204);
    await t.login('dongtien.feedback-officer', 'NewPass2026abc');
    // The change ends the account's other sessions, not the one that made it.
    expect((await t.req(other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.req(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('wrong current passwords count toward the lockout, which ends the sessions', async () => {
    const s = await t.login('nguyetvien.feedback-officer');
    const guess = () =>
      t.req(s, { method: 'PUT', url: '/api/auth/password', payload: { currentPassword: 'guess', newPassword: 'NewPass2026abc' } });
    expect((await guess()).json().code).toBe('password-wrong');
    expect((await guess()).json().code).toBe('password-wrong');
    const third = await guess();
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('account-locked');
    expect((await t.req(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nguyetvien.feedback-officer', password: TEST_PASSWORD },
    });
    expect(r.statusCode).toBe(401);
  });

  it('while a password change is required the server refuses everything but the change, me and logout', async () => {
    const director = await t.login('tinh.centre-director');
    // An account of this test's own: the reset changes its password (other tests sign in as the demo accounts).
    const officer = await staffWithRoles(t, `pw${randomUUID().slice(0, 8)}`, [{ unitId: t.units.tinh, role: 'specialist' }]);
    const reset = await t.req(director, {
      method: 'POST',
      url: `/api/staff/${officer.userId}/password-reset`,
      payload: { password: 'TamThoi2026x' },
    });
    expect(reset.statusCode).toBe(204);
    // The reset ended the officer's session; the temporary password signs in but must be changed first.
    expect((await t.req(officer, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const temp = await t.login(officer.username, 'TamThoi2026x');
    expect((await t.req(temp, { method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(true);
    expect((await t.req(temp, { method: 'GET', url: `/api/staff/${temp.userId}` })).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', `/api/dossiers?unitId=${t.units.tinh}`],
      ['GET', `/api/staff/${director.userId}`],
      ['GET', `/api/units/${t.units.tinh}/assignees`],
      ['PUT', '/api/me/contact'],
    ] as const) {
      const r = await t.req(temp, { method, url, ...(method === 'PUT' ? { payload: {} } : {}) });
      expect(r.statusCode, url).toBe(403);
      expect(r.json().code).toBe('password-change-required');
    }
    const changed = await t.req(temp, {
      method: 'PUT',
      url: '/api/auth/password',
      payload: { currentPassword: 'TamThoi2026x', newPassword: 'MoiDoi2026abc' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.req(temp, { method: 'GET', url: `/api/units/${t.units.tinh}/assignees` })).statusCode).toBe(200);
  });
});

describe('bad input never produces a 500', () => {
  it('malformed JSON → 400 malformed-json', async () => {
    const r = await t.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('malformed-json');
  });
  it('unknown fields and wrong types → 400 validation-failed naming the field', async () => {
    const unknown = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation-failed');
    const wrongType = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 42, password: 'b' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toContain('username');
  });
  it('an oversized body → 413 body-too-large', async () => {
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('body-too-large');
  });
  it('a non-JSON content type → 415', async () => {
    const r = await t.server.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('unsupported-media-type');
  });
  it('a malformed id → 400, an unknown one → 404, an unknown route → 404 problem', async () => {
    expect((await t.req(null, { method: 'GET', url: '/api/units/not-a-uuid' })).statusCode).toBe(400);
    const unknown = await t.req(null, { method: 'GET', url: '/api/units/00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not-found');
    const route = await t.req(null, { method: 'GET', url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('route-not-found');
  });
});

describe('service endpoints', () => {
  it('/healthz and /readyz answer', async () => {
    expect((await t.req(null, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.req(null, { method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
  it("answers with the server's own request id, whatever the client sent", async () => {
    const r = await t.req(null, { method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('serves the OpenAPI 3.1 document with the contract routes and problem codes', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/units']) expect(doc.paths).toHaveProperty(p);
    expect(doc['x-problem-codes']).toContain('csrf-token-missing');
  });
});

describe('sign-in costs the same whatever the answer', () => {
  // Unknown, inactive, locked, wrong and right each run exactly one password verification (argon2), so the time of
  // the answer does not tell which. The time itself is measured in bench/signin-timing.ts (docs/benchmarks.md).
  it('each path runs the hash verification exactly once', async () => {
    const calls: string[] = [];
    const verify = async (hash: string, password: string) => {
      calls.push(hash);
      return (await import('@node-rs/argon2')).verify(hash, password);
    };
    const auth = new AuthService(t.database.db, { session: t.app.config.session, login: { maxFailures: 3, lockMinutes: 15 } }, verify);
    const db = t.database.db;
    const tryAs = async (username: string, password: string) => {
      calls.length = 0;
      const r = await auth
        .login({ requestId: 'cost', lang: 'en', actor: null, ip: '127.0.0.1' }, username, password, { userAgent: 'test' })
        .then(
          () => 'signed-in',
          (e: unknown) => (e instanceof Problem ? e.code : String(e)),
        );
      return { r, verifications: calls.length };
    };
    expect(await tryAs('khong.ton.tai', 'Sai-mat-khau-1')).toEqual({ r: 'invalid-credentials', verifications: 1 });
    // Accounts of this test's own to deactivate and lock (other tests sign in as the demo accounts, in any order).
    const tag = randomUUID().slice(0, 8);
    const [inactive, locked] = await Promise.all(
      ['in', 'lk'].map((p) => staffWithRoles(t, `${p}${tag}`, [{ unitId: t.units.dongtien, role: 'specialist' }])),
    );
    await db.updateTable('staff_user').set({ active: false }).where('username', '=', inactive!.username).execute();
    expect(await tryAs(inactive!.username, TEST_PASSWORD)).toEqual({ r: 'invalid-credentials', verifications: 1 });
    await db
      .updateTable('staff_user')
      .set({ locked_until: new Date(Date.now() + 15 * 60_000) })
      .where('username', '=', locked!.username)
      .execute();
    expect(await tryAs(locked!.username, 'Sai-mat-khau-1')).toEqual({ r: 'invalid-credentials', verifications: 1 });
    expect(await tryAs(locked!.username, TEST_PASSWORD)).toEqual({ r: 'invalid-credentials', verifications: 1 });
    expect(await tryAs('dongtien.reception-officer', 'Sai-mat-khau-1')).toEqual({ r: 'invalid-credentials', verifications: 1 });
    expect(await tryAs('dongtien.reception-officer', TEST_PASSWORD)).toEqual({ r: 'signed-in', verifications: 1 });
    // The unknown name is checked against a real argon2 hash of the same parameters, not skipped.
    calls.length = 0;
    await tryAs('ai.do.khac', 'x');
    expect(calls[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
