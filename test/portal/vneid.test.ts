// VNeID sign-in through the OpenID Connect simulator, as a browser would do it (cookies followed by hand).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { SIM_PASSCODE } from '../../src/simulators/vneid';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function keep(jar: Jar, res: { cookies: { name: string; value: string }[] }) {
  for (const c of res.cookies) jar.set(c.name, c.value);
}
const pathOf = (location: string) => {
  const u = new URL(location, 'http://localhost');
  return u.pathname + u.search;
};

/** Follows the flow up to VNeID's redirect back to Motcua; answers the callback path. */
export async function throughVneid(api: TestApi, idNumber: string, level: 1 | 2 = 2, passcode = SIM_PASSCODE) {
  const jar: Jar = new Map();
  const start = await api.server.inject({ method: 'GET', url: `/api/portal/auth/vneid?level=${level}&returnTo=/cong-dan/ho-so` });
  expect(start.statusCode).toBe(302);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('acr_values')).toBe(`urn:vneid:loa:${level}`);
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const a = await api.server.inject({ method: 'GET', url: authorize.pathname + authorize.search });
  expect(a.statusCode).toBe(303);
  keep(jar, a);
  const loginPath = pathOf(a.headers.location as string);
  const page = await api.server.inject({ method: 'GET', url: loginPath, headers: { cookie: cookieHeader(jar) } });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('MÔ PHỎNG');
  const post = await api.server.inject({
    method: 'POST',
    url: loginPath,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ idNumber, passcode }).toString(),
  });
  if (post.statusCode === 401) return { refused: true as const, callback: '' };
  expect(post.statusCode).toBe(303);
  keep(jar, post);
  const resume = await api.server.inject({
    method: 'GET',
    url: pathOf(post.headers.location as string),
    headers: { cookie: cookieHeader(jar) },
  });
  expect(resume.statusCode).toBe(303);
  const callback = pathOf(resume.headers.location as string);
  expect(callback.startsWith('/api/portal/auth/callback?')).toBe(true);
  return { refused: false as const, callback };
}

describe('VNeID sign-in', () => {
  test('authorization code with PKCE opens a portal session with the registry identity', async () => {
    const c = citizen(1);
    const { callback } = await throughVneid(api, c.idNumber, 2);
    const cb = await api.server.inject({ method: 'GET', url: callback });
    expect(cb.statusCode).toBe(303);
    expect(cb.headers.location).toBe('/cong-dan/ho-so');
    const cookie = cb.cookies.find((x) => x.name === 'motcua_citizen')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await api.server.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: `motcua_citizen=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.citizen.idNumber).toBe(c.idNumber);
    expect(body.citizen.fullName).toBe(c.fullName);
    expect(body.citizen.loa).toBe(2);
    // A replayed callback (same state and code) signs nobody in, and the refusal is recorded.
    const replay = await api.server.inject({ method: 'GET', url: callback });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('oidc-state-invalid');
    const audit = await api.app.db.selectFrom('audit_log').select('details').where('action', '=', 'citizen.sign-in-refused').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  test('a level-1 account signs in at level 1 even when level 2 was asked for', async () => {
    const c = [0, 1, 2, 3, 4, 5].map((i) => citizen(i)).find((x) => /[49]$/.test(x.idNumber))!;
    const { callback } = await throughVneid(api, c.idNumber, 2);
    const cb = await api.server.inject({ method: 'GET', url: callback });
    const cookie = cb.cookies.find((x) => x.name === 'motcua_citizen')!;
    const me = await api.server.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: `motcua_citizen=${cookie.value}` } });
    expect(me.json().citizen.loa).toBe(1);
  });

  test('tampered state is refused and nothing is created', async () => {
    const c = citizen(2);
    const { callback } = await throughVneid(api, c.idNumber);
    const tampered = callback.replace(/state=([^&]+)/, 'state=forged-state-value');
    const r = await api.server.inject({ method: 'GET', url: tampered });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('oidc-state-invalid');
    expect(r.cookies.find((x) => x.name === 'motcua_citizen')).toBeUndefined();
    const html = await api.server.inject({ method: 'GET', url: tampered, headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(303);
    expect(html.headers.location).toBe('/cong-dan/dang-nhap?loi=oidc-state-invalid');
  });

  test('a tampered nonce fails the ID token check and opens no session', async () => {
    const c = citizen(3);
    const { callback } = await throughVneid(api, c.idNumber);
    const state = new URL(callback, 'http://x').searchParams.get('state')!;
    await api.app.db.updateTable('oidc_login').set({ nonce: 'not-the-nonce-that-was-sent' }).where('state', '=', state).execute();
    const r = await api.server.inject({ method: 'GET', url: callback });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('oidc-sign-in-failed');
    expect(r.cookies.find((x) => x.name === 'motcua_citizen')).toBeUndefined();
  });

  test('a wrong passcode stays on the simulator page', async () => {
    const r = await throughVneid(api, citizen(5).idNumber, 2, '000000');
    expect(r.refused).toBe(true);
  });

  test('VNeID down answers 503, not 500', async () => {
    const admin = await api.login('admin');
    await api.req(admin, { method: 'PUT', url: '/api/sim/vneid/mode', payload: { mode: 'down' } });
    const fresh = await createTestApi();
    try {
      const admin2 = await fresh.login('admin');
      await fresh.req(admin2, { method: 'PUT', url: '/api/sim/vneid/mode', payload: { mode: 'down' } });
      const r = await fresh.server.inject({ method: 'GET', url: '/api/portal/auth/vneid' });
      expect(r.statusCode).toBe(503);
    } finally {
      await fresh.close();
      await api.req(admin, { method: 'PUT', url: '/api/sim/vneid/mode', payload: { mode: 'up' } });
    }
  });
});
