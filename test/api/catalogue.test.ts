// The procedure catalogue: public search with or without diacritics, versions, per-unit enabling, import/export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../src/seed/demo-procedures.json' with { type: 'json' };
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let admin: Session;
beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('tinh.province-admin');
});
afterAll(() => t.close());

type P = {
  id: string;
  code: string;
  name: string;
  version: number;
  versionId: string;
  components: { id: string; name: string; fromRegistry: boolean }[];
  feeFrom: number;
};

describe('public catalogue', () => {
  it('lists the demo catalogue (at least 20 real procedures) with components and fees', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/procedures?limit=500' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as P[];
    expect(items.length).toBeGreaterThanOrEqual(20);
    const birth = items.find((p) => p.code === '1.001193')!;
    expect(birth.name).toBe('Đăng ký khai sinh');
    expect(birth.components.length).toBeGreaterThan(0);
  });
  it('finds "Đăng ký khai sinh" by "dang ky khai sinh" (no diacritics), and by the code', async () => {
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'KHAI SINH', '1.001193']) {
      const r = await t.req(null, { method: 'GET', url: `/api/procedures?q=${encodeURIComponent(q)}` });
      const items = r.json().items as P[];
      expect(items[0]?.name, q).toBe('Đăng ký khai sinh');
    }
    const none = await t.req(null, { method: 'GET', url: `/api/procedures?q=${encodeURIComponent('xyz không có')}` });
    expect(none.json().items).toEqual([]);
  });
  it("filters by unit: the procedures a unit handles; the province centre itself handles none of the communes'", async () => {
    const ward = (await t.req(null, { method: 'GET', url: `/api/procedures?unitId=${t.units.hacthanh}&limit=500` })).json().items as P[];
    expect(ward.length).toBe(demo.length);
    const prov = (await t.req(null, { method: 'GET', url: `/api/procedures?unitId=${t.units.tinh}` })).json().items as P[];
    expect(prov).toEqual([]);
  });
  it('a wildcard in q is data, not a pattern', async () => {
    const r = await t.req(null, { method: 'GET', url: `/api/procedures?q=${encodeURIComponent('%')}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([]);
  });
});

describe('versions', () => {
  it('editing makes a new version; the old version stays readable unchanged', async () => {
    const [birth] = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.001193' })).json().items as P[];
    const exported = (await t.req(admin, { method: 'GET', url: '/api/procedures/export' })).json() as typeof demo;
    const input = exported.find((p) => p.code === '1.001193')!;
    const r = await t.req(admin, { method: 'PUT', url: `/api/procedures/${birth!.id}`, payload: { ...input, processingDays: 0.5 } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ version: 2, processingDays: 0.5 });
    const old = await t.req(null, { method: 'GET', url: `/api/procedure-versions/${birth!.versionId}` });
    expect(old.json()).toMatchObject({ version: 1, processingDays: 0 });
    const same = await t.req(admin, { method: 'PUT', url: `/api/procedures/${birth!.id}`, payload: { ...input, processingDays: 0.5 } });
    expect(same.json().version).toBe(2); // nothing changed: no new version
    const versions = await t.req(null, { method: 'GET', url: `/api/procedures/${birth!.id}/versions` });
    expect((versions.json().items as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
  });
  it('the database refuses to change a stored version', async () => {
    await expect(t.database.db.updateTable('procedure_version').set({ name: 'x' }).execute()).rejects.toThrow(/immutable/);
  });
  it('DENY: a centre director cannot edit the catalogue', async () => {
    const d = await t.login('hacthanh.centre-director');
    const r = await t.req(d, { method: 'POST', url: '/api/procedures', payload: { ...demo[0], code: '9.999999' } });
    expect(r.statusCode).toBe(403);
  });
  it('a new procedure with an invalid e-form schema is refused with 422', async () => {
    const r = await t.req(admin, {
      method: 'POST',
      url: '/api/procedures',
      payload: { ...demo[0], code: '9.999998', formSchema: { type: 'no-such-type' } },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('form-schema-invalid');
  });
  it('a duplicate code is 409 procedure-code-exists', async () => {
    const r = await t.req(admin, { method: 'POST', url: '/api/procedures', payload: demo[0] });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('procedure-code-exists');
  });
});

describe('enabling at a unit', () => {
  it("a director disables and enables a procedure at their unit; DENY for another unit's director", async () => {
    const [p] = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as P[];
    const ht = await t.login('hacthanh.centre-director');
    const nv = await t.login('nguyetvien.centre-director');
    const url = `/api/units/${t.units.hacthanh}/procedures/${p!.id}`;
    expect((await t.req(nv, { method: 'PUT', url, payload: { enabled: false } })).statusCode).toBe(403);
    expect((await t.req(ht, { method: 'PUT', url, payload: { enabled: false } })).statusCode).toBe(204);
    const list = (await t.req(null, { method: 'GET', url: `/api/procedures?unitId=${t.units.hacthanh}&q=1.004873` })).json().items;
    expect(list).toEqual([]);
    expect((await t.req(ht, { method: 'PUT', url, payload: { enabled: true } })).statusCode).toBe(204);
  });
});

describe('import and export', () => {
  it('JSON round-trips without loss, and re-importing changes nothing', async () => {
    const exported = (await t.req(admin, { method: 'GET', url: '/api/procedures/export' })).json();
    const r = await t.req(admin, { method: 'POST', url: '/api/procedures/import', payload: exported });
    expect(r.json()).toEqual({ created: 0, updated: 0, unchanged: exported.length });
  });
  it('CSV round-trips without loss (Vietnamese text, JSON columns, lists)', async () => {
    const csv = await t.req(admin, { method: 'GET', url: '/api/procedures/export?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Đăng ký khai sinh');
    const back = await t.req(admin, {
      method: 'POST',
      url: '/api/procedures/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv.body,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().updated).toBe(0);
    expect(back.json().created).toBe(0);
  });
  it('a bad file is rejected whole, naming the row and field, and nothing is imported', async () => {
    const good = { ...demo[1], code: '9.000001' };
    const bad = { ...demo[2], code: '9.000002', processingDays: 'ba ngày' };
    const before = await t.database.db.selectFrom('procedure').select('id').execute();
    const r = await t.req(admin, { method: 'POST', url: '/api/procedures/import', payload: [good, bad] });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('import-invalid');
    expect(r.json().errors[0]).toMatchObject({ row: 2, field: 'processingDays' });
    const after = await t.database.db.selectFrom('procedure').select('id').execute();
    expect(after.length).toBe(before.length);
  });
  it('a CSV with broken JSON in a column names the row and column', async () => {
    const csv = await t.req(admin, { method: 'GET', url: '/api/procedures/export?format=csv' });
    const lines = csv.body.split('\n');
    const broken = [lines[0], lines[1]!.replace('"[{', '"[{oops')].join('\n');
    const r = await t.req(admin, {
      method: 'POST',
      url: '/api/procedures/import',
      headers: { 'content-type': 'text/csv' },
      payload: broken,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].row).toBe(1);
  });
  it('imports new procedures as version 1', async () => {
    const r = await t.req(admin, { method: 'POST', url: '/api/procedures/import', payload: [{ ...demo[3], code: '9.000003' }] });
    expect(r.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});
