// Units and reception points: who may read and change what. Every deny case has a test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let nvDirector: Session;
let htDirector: Session;
let provinceAdmin: Session;
let htOfficer: Session;
beforeAll(async () => {
  t = await createTestApi();
  nvDirector = await t.login('nguyetvien.centre-director');
  htDirector = await t.login('hacthanh.centre-director');
  provinceAdmin = await t.login('tinh.province-admin');
  htOfficer = await t.login('hacthanh.reception-officer');
});
afterAll(() => t.close());

describe('units are public to read', () => {
  it('lists the demo province with reception points; Hạc Thành has a point hosted at the provincial centre', async () => {
    const r = await t.req(null, { method: 'GET', url: '/api/units' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { slug: string; parentId: string | null; receptionPoints: { hostUnitId: string }[] }[];
    // Other tests of this file add provinces of their own (any order): the demo's four are there, under the province.
    expect(items.map((u) => u.slug)).toEqual(expect.arrayContaining(['dongtien', 'hacthanh', 'nguyetvien', 'tinh']));
    for (const slug of ['dongtien', 'hacthanh', 'nguyetvien'])
      expect(items.find((u) => u.slug === slug)?.parentId, slug).toBe(t.units.tinh);
    const ht = items.find((u) => u.slug === 'hacthanh')!;
    expect(ht.parentId).toBe(t.units.tinh);
    expect(ht.receptionPoints.some((p) => p.hostUnitId === t.units.tinh)).toBe(true);
  });
});

describe('changing a unit', () => {
  it('a centre director edits their own unit (office sessions, cut-off) and it is audited', async () => {
    const updates = () => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.update').orderBy('id').execute();
    const before = (await updates()).length; // other tests of the file change units too (any order)
    const r = await t.req(htDirector, {
      method: 'PATCH',
      url: `/api/units/${t.units.hacthanh}`,
      payload: {
        officeSessions: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
        cutoffTime: '15:30',
        saturdayReception: true,
      },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().cutoffTime).toBe('15:30');
    const audit = await updates();
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({
      unit_id: t.units.hacthanh,
      actor_name: 'hacthanh.centre-director',
      actor_role: 'centre-director',
    });
  });
  it('rejects overlapping or inverted office sessions', async () => {
    const r = await t.req(htDirector, {
      method: 'PATCH',
      url: `/api/units/${t.units.hacthanh}`,
      payload: { officeSessions: [{ start: '13:00', end: '11:00' }] },
    });
    expect(r.statusCode).toBe(400);
  });
  it('DENY: an officer of Nguyệt Viên cannot change Hạc Thành', async () => {
    const r = await t.req(nvDirector, { method: 'PATCH', url: `/api/units/${t.units.hacthanh}`, payload: { phone: '1' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('forbidden');
  });
  it('DENY: a reception officer cannot change their own unit', async () => {
    const r = await t.req(htOfficer, { method: 'PATCH', url: `/api/units/${t.units.hacthanh}`, payload: { phone: '1' } });
    expect(r.statusCode).toBe(403);
  });
  it('DENY: anonymous cannot change a unit', async () => {
    const r = await t.req(null, { method: 'PATCH', url: `/api/units/${t.units.hacthanh}`, payload: { phone: '1' } });
    expect(r.statusCode).toBe(401);
  });
  it('the province admin may change any unit of the province', async () => {
    const r = await t.req(provinceAdmin, { method: 'PATCH', url: `/api/units/${t.units.dongtien}`, payload: { phone: '0237 999' } });
    expect(r.statusCode).toBe(200);
  });
});

describe('creating units', () => {
  it('the province admin creates a ward under the province; Idempotency-Key makes a retry return the same unit', async () => {
    const payload = {
      slug: 'quangphu',
      code: '000.04.00.H56',
      name: 'Trung tâm PVHCC xã Quảng Phú',
      type: 'commune',
      parentId: t.units.tinh,
    };
    const headers = { 'idempotency-key': 'create-quangphu-1' };
    const a = await t.req(provinceAdmin, { method: 'POST', url: '/api/units', payload, headers });
    expect(a.statusCode).toBe(201);
    const b = await t.req(provinceAdmin, { method: 'POST', url: '/api/units', payload, headers });
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const other = await t.req(provinceAdmin, { method: 'POST', url: '/api/units', payload: { ...payload, slug: 'khac' }, headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency-key-reused');
    const n = await t.database.db.selectFrom('unit').select('id').where('slug', '=', 'quangphu').execute();
    expect(n).toHaveLength(1);
  });
  it('a duplicate slug is a 409, not a 500', async () => {
    const r = await t.req(provinceAdmin, {
      method: 'POST',
      url: '/api/units',
      payload: { slug: 'hacthanh', code: '000.09.00.H56', name: 'x', type: 'ward', parentId: t.units.tinh },
    });
    expect(r.statusCode).toBe(409);
  });
  it('two levels only: a ward under a ward is refused', async () => {
    const r = await t.req(provinceAdmin, {
      method: 'POST',
      url: '/api/units',
      payload: { slug: 'sub', code: '000.05.00.H56', name: 'x', type: 'ward', parentId: t.units.hacthanh },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('unit-parent-invalid');
  });
  it('DENY: a centre director cannot create units', async () => {
    const r = await t.req(htDirector, {
      method: 'POST',
      url: '/api/units',
      payload: { slug: 'zz', code: '000.06.00.H56', name: 'x', type: 'ward', parentId: t.units.tinh },
    });
    expect(r.statusCode).toBe(403);
  });
  it('the database refuses a commune without a province (CHECK unit_level)', async () => {
    await expect(
      t.database.db
        .insertInto('unit')
        .values({ slug: 'orphan', code: '000.07.00.H56', name: 'x', type: 'ward', parent_id: null })
        .execute(),
    ).rejects.toThrow(/unit_level/);
  });
});

describe('reception points', () => {
  it("Hạc Thành's director adds a point hosted at the provincial centre", async () => {
    const r = await t.req(htDirector, {
      method: 'POST',
      url: `/api/units/${t.units.hacthanh}/reception-points`,
      payload: { name: 'Điểm tiếp nhận số 2 tại tỉnh', hostUnitId: t.units.tinh },
    });
    expect(r.statusCode).toBe(201);
    const p = (r.json().receptionPoints as { name: string; hostUnitId: string; id: string }[]).find(
      (x) => x.name === 'Điểm tiếp nhận số 2 tại tỉnh',
    )!;
    expect(p.hostUnitId).toBe(t.units.tinh);
    const off = await t.req(htDirector, { method: 'PATCH', url: `/api/reception-points/${p.id}`, payload: { active: false } });
    expect(off.statusCode).toBe(200);
  });
  it("DENY: Nguyệt Viên cannot add or change Hạc Thành's points", async () => {
    const add = await t.req(nvDirector, { method: 'POST', url: `/api/units/${t.units.hacthanh}/reception-points`, payload: { name: 'x' } });
    expect(add.statusCode).toBe(403);
    const point = await t.database.db
      .selectFrom('reception_point')
      .select('id')
      .where('unit_id', '=', t.units.hacthanh)
      .executeTakeFirstOrThrow();
    const edit = await t.req(nvDirector, { method: 'PATCH', url: `/api/reception-points/${point.id}`, payload: { name: 'hijacked' } });
    expect(edit.statusCode).toBe(403);
  });
});

describe('reception points: the host unit id is checked where it is used', () => {
  it("DENY: a point cannot sit in another province's premises (404, the id is not the director's to name)", async () => {
    const admin = await t.login('admin');
    const other = await t.req(admin, {
      method: 'POST',
      url: '/api/units',
      payload: { slug: 'nghean', code: '000.00.00.H40', name: 'Trung tâm PVHCC tỉnh Nghệ An', type: 'province', parentId: null },
    });
    expect(other.statusCode).toBe(201);
    const add = await t.req(htDirector, {
      method: 'POST',
      url: `/api/units/${t.units.hacthanh}/reception-points`,
      payload: { name: 'Điểm lạ', hostUnitId: other.json().id },
    });
    expect(add.statusCode).toBe(404);
    const point = await t.database.db
      .selectFrom('reception_point')
      .select('id')
      .where('unit_id', '=', t.units.hacthanh)
      .executeTakeFirstOrThrow();
    const move = await t.req(htDirector, {
      method: 'PATCH',
      url: `/api/reception-points/${point.id}`,
      payload: { hostUnitId: other.json().id },
    });
    expect(move.statusCode).toBe(404);
  });
});

describe('audit log access', () => {
  it("DENY: Nguyệt Viên's director cannot read Hạc Thành's audit log; Hạc Thành's can", async () => {
    const deny = await t.req(nvDirector, { method: 'GET', url: `/api/audit?unitId=${t.units.hacthanh}` });
    expect(deny.statusCode).toBe(403);
    const own = await t.req(htDirector, { method: 'GET', url: `/api/audit?unitId=${t.units.hacthanh}&limit=1` });
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(1);
  });
  it('DENY: only a system administrator verifies the chain', async () => {
    expect((await t.req(provinceAdmin, { method: 'GET', url: '/api/audit/verify' })).statusCode).toBe(403);
    const admin = await t.login('admin');
    const r = await t.req(admin, { method: 'GET', url: '/api/audit/verify' });
    expect(r.json().ok).toBe(true);
  });
});
