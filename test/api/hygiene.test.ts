// Input hygiene at the edge, Fastify's own errors as problem+json, the security headers and request ids.
import { randomUUID } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let director: Session;
beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
  director = await t.login('hacthanh.centre-director');
});
afterAll(() => t.close());

const isProblem = (
  r: { statusCode: number; headers: Record<string, unknown>; json: () => { code?: string } },
  status: number,
  code: string,
) => {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json().code).toBe(code);
};

describe('strings PostgreSQL cannot store are 400 validation-failed naming the field', () => {
  it('a NUL in an anonymous sign-in', async () => {
    const r = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    isProblem(r, 400, 'validation-failed');
    expect(r.json().errors).toEqual([{ field: 'body.username', message: expect.stringContaining('NUL') }]);
  });
  it('a NUL in a query and in a path parameter (public lookup)', async () => {
    const q = await t.req(null, { method: 'GET', url: '/api/procedures?q=k%00t' });
    isProblem(q, 400, 'validation-failed');
    expect(q.json().errors[0].field).toBe('query.q');
    const p = await t.req(null, { method: 'GET', url: '/api/public/dossiers/AB%00C?idNumber=001203004567' });
    isProblem(p, 400, 'validation-failed');
    expect(p.json().errors[0].field).toBe('params.code');
  });
  it('a lone surrogate and a NUL inside free-form JSON (an intake draft), keys included', async () => {
    const url = `/api/intake-drafts/${randomUUID()}`;
    const lone = await t.req(officer, {
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/json' },
      payload: '{"unitId":"' + t.units.hacthanh + '","revision":1,"data":{"applicant":{"fullName":"Nguy\\ud800n"}}}',
    });
    isProblem(lone, 400, 'validation-failed');
    expect(lone.json().errors[0].field).toBe('body.data.applicant.fullName');
    const key = await t.req(officer, { method: 'PUT', url, payload: { unitId: t.units.hacthanh, revision: 1, data: { 'a\u0000': 1 } } });
    isProblem(key, 400, 'validation-failed');
    const fine = await t.req(officer, {
      method: 'PUT',
      url,
      payload: { unitId: t.units.hacthanh, revision: 1, data: { name: 'Nguyễn 😀' } },
    });
    expect(fine.statusCode).toBe(200);
  });
});

describe('integers are bounded to their column', () => {
  it('a cursor beyond bigint is 400, not 500', async () => {
    const r = await t.req(director, { method: 'GET', url: `/api/audit?unitId=${t.units.hacthanh}&cursor=9999999999999999999` });
    isProblem(r, 400, 'validation-failed');
    const ok = await t.req(director, { method: 'GET', url: `/api/audit?unitId=${t.units.hacthanh}&cursor=9223372036854775807` });
    expect(ok.statusCode).toBe(200);
  });
  it('a revision beyond integer is 400, not 500', async () => {
    const r = await t.req(officer, {
      method: 'PUT',
      url: `/api/intake-drafts/${randomUUID()}`,
      payload: { unitId: t.units.hacthanh, revision: 2147483648, data: {} },
    });
    isProblem(r, 400, 'validation-failed');
  });
});

describe("Fastify's own errors are problem+json in the request's language", () => {
  it('414 for a path parameter beyond the router limit', async () => {
    const r = await t.req(null, { method: 'GET', url: `/api/units/${'a'.repeat(500)}`, headers: { 'accept-language': 'en' } });
    isProblem(r, 414, 'uri-too-long');
    expect(r.json().detail).toBe('The request address is too long.');
  });
  it('400 for a malformed percent-encoding', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/units/%E0%A4%A' });
    expect(r.statusCode).toBe(400);
    expect(String(r.headers['content-type'])).toContain('application/problem+json');
  });
  it('413 states the limit', async () => {
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(t.app.config.bodyLimit + 10), password: 'x' }),
    });
    isProblem(r, 413, 'body-too-large');
    expect(r.json().detail).toContain(String(t.app.config.bodyLimit));
  });
  it("431 and 400 from Node's HTTP parser, before any route, with the security headers", async () => {
    // inject() skips the parser, so this one listens on loopback and speaks raw HTTP.
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.server.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        let out = '';
        const s = connect(port, '127.0.0.1', () => s.write(request));
        s.on('data', (d) => (out += d.toString()));
        s.on('end', () => resolve(out));
        s.on('error', reject);
      });
    for (const [request, status, code] of [
      [`GET /api/procedures?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'request-headers-too-large'],
      ['GET /api/units HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n', 400, 'malformed-request'],
    ] as const) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toContain('content-type: application/problem+json');
      expect(head).toContain("frame-ancestors 'none'");
      expect(head).toContain('x-content-type-options: nosniff');
      expect(JSON.parse(body!)).toMatchObject({ status, code });
    }
  });
  it('415 and 404', async () => {
    isProblem(
      await t.req(null, { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
      415,
      'unsupported-media-type',
    );
    isProblem(await t.req(null, { method: 'DELETE', url: '/api/nothing' }), 404, 'route-not-found');
  });
});

describe('security headers', () => {
  it('every answer carries CSP without inline script, no framing, nosniff and a referrer policy', async () => {
    for (const url of ['/healthz', '/api/units', '/api/docs/', '/api/nothing']) {
      const r = await t.req(null, { method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });
  it('HSTS only over https (behind a trusted proxy)', async () => {
    const proxied = await createTestApi({ MOTCUA_TRUST_PROXY: 'true' });
    try {
      const r = await proxied.req(null, { method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(r.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await proxied.close();
    }
  });
});

describe('request ids', () => {
  it("are the server's own: a client's x-request-id is neither echoed nor written into audit rows", async () => {
    const forged = 'forged-id-123';
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-request-id': forged },
      payload: { username: 'hacthanh.leader', password: 'wrong-password-1A' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.headers['x-request-id']).not.toBe(forged);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await t.database.db.selectFrom('audit_log').select('request_id').where('request_id', '=', forged).execute();
    expect(rows).toHaveLength(0);
  });
});
