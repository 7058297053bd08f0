// A body over the limit is refused with 413 problem+json whose message says the limit (the route's own, or the
// server's MOTCUA_BODY_LIMIT_BYTES), in Vietnamese or English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi({ MOTCUA_BODY_LIMIT_BYTES: String(64 * 1024) });
});
afterAll(() => t.close());

describe('413 says the limit', () => {
  it("the server's limit, in the request's language", async () => {
    const big = { username: 'a', password: 'x'.repeat(100 * 1024) };
    const vi = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: big });
    expect(vi.statusCode).toBe(413);
    expect(vi.json()).toMatchObject({ code: 'body-too-large', limitBytes: 65536 });
    expect(vi.json().detail).toBe('Nội dung gửi lên quá lớn (tối đa 64 KiB = 65536 byte).');
    const en = await t.req(null, { method: 'POST', url: '/api/auth/login', payload: big, headers: { 'accept-language': 'en' } });
    expect(en.json().detail).toBe('The request body is too large (at most 64 KiB = 65536 bytes).');
  });
  it("a route's own limit (intake drafts: 256 KiB)", async () => {
    const officer = await t.login('hacthanh.reception-officer');
    const r = await t.req(officer, {
      method: 'PUT',
      url: '/api/intake-drafts/00000000-0000-4000-8000-000000000001',
      payload: { unitId: t.units.hacthanh, revision: 1, data: { x: 'y'.repeat(300 * 1024) } },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().detail).toContain('256 KiB = 262144 byte');
  });
});
