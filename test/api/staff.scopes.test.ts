// Staff accounts and roles: scoping and deny cases, and the public directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let nvDirector: Session;
let htDirector: Session;
let provinceAdmin: Session;
beforeAll(async () => {
  t = await createTestApi();
  nvDirector = await t.login('nguyetvien.centre-director');
  htDirector = await t.login('hacthanh.centre-director');
  provinceAdmin = await t.login('tinh.province-admin');
});
afterAll(() => t.close());

describe('listing staff', () => {
  it("a director lists only their unit's staff", async () => {
    const r = await t.req(htDirector, { method: 'GET', url: '/api/staff' });
    expect(r.statusCode).toBe(200);
    // Everyone listed works in Hạc Thành (other tests add accounts there, some holding roles elsewhere too).
    const items = r.json().items as { username: string; roles: { unitId: string }[] }[];
    expect(items.every((u) => u.roles.some((g) => g.unitId === t.units.hacthanh))).toBe(true);
    const names = items.map((u) => u.username);
    expect(names).toContain('hacthanh.reception-officer');
    expect(names.some((n) => n.startsWith('nguyetvien.') || n.startsWith('dongtien.'))).toBe(false);
  });
  it("DENY: Nguyệt Viên's director cannot list, read or change Hạc Thành's staff", async () => {
    expect((await t.req(nvDirector, { method: 'GET', url: `/api/staff?unitId=${t.units.hacthanh}` })).statusCode).toBe(403);
    const id = await t.userId('hacthanh.reception-officer');
    expect((await t.req(nvDirector, { method: 'GET', url: `/api/staff/${id}` })).statusCode).toBe(404);
    expect((await t.req(nvDirector, { method: 'PATCH', url: `/api/staff/${id}`, payload: { active: false } })).statusCode).toBe(404);
    expect((await t.req(nvDirector, { method: 'PUT', url: `/api/staff/${id}/roles`, payload: { roles: [] } })).statusCode).toBe(404);
    expect(
      (await t.req(nvDirector, { method: 'POST', url: `/api/staff/${id}/password-reset`, payload: { password: 'Hijack2026abc' } }))
        .statusCode,
    ).toBe(404);
    const still = await t.database.db.selectFrom('staff_user').select('active').where('id', '=', id).executeTakeFirstOrThrow();
    expect(still.active).toBe(true);
  });
  it('the province admin sees every unit', async () => {
    const r = await t.req(provinceAdmin, { method: 'GET', url: `/api/staff?unitId=${t.units.nguyetvien}` });
    expect(r.statusCode).toBe(200);
  });
});

describe('creating staff and granting roles', () => {
  it('a director creates an officer in their unit; the first sign-in must change the password', async () => {
    const r = await t.req(htDirector, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'ht.moi',
        fullName: 'Trần Thị Mới',
        password: 'TamThoi2026x',
        roles: [{ unitId: t.units.hacthanh, role: 'reception-officer' }],
      },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().mustChangePassword).toBe(true);
    const s = await t.login('ht.moi', 'TamThoi2026x');
    const me = await t.req(s, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
  });
  it('DENY: a director cannot create staff in another unit', async () => {
    const r = await t.req(nvDirector, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'nv.sneaky',
        fullName: 'X',
        password: 'TamThoi2026x',
        roles: [{ unitId: t.units.hacthanh, role: 'specialist' }],
      },
    });
    expect(r.statusCode).toBe(403);
  });
  it('DENY: a director cannot grant centre-director or province-admin', async () => {
    const r = await t.req(htDirector, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'ht.boss',
        fullName: 'X',
        password: 'TamThoi2026x',
        roles: [{ unitId: t.units.hacthanh, role: 'centre-director' }],
      },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('role-not-grantable');
  });
  it('a weak password is refused', async () => {
    const r = await t.req(htDirector, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'ht.weak', fullName: 'X', password: 'password', roles: [{ unitId: t.units.hacthanh, role: 'specialist' }] },
    });
    expect(r.json().code).toBe('password-too-weak');
  });
  it('a province administrator sets roles across the province; a director cannot touch someone who also works elsewhere', async () => {
    const id = await t.userId('hacthanh.specialist');
    const grant = await t.req(provinceAdmin, {
      method: 'PUT',
      url: `/api/staff/${id}/roles`,
      payload: {
        roles: [
          { unitId: t.units.hacthanh, role: 'specialist' },
          { unitId: t.units.nguyetvien, role: 'specialist' },
        ],
      },
    });
    expect(grant.statusCode).toBe(200);
    // The person now also works in Hạc Thành, which Nguyệt Viên's director does not administer.
    const r = await t.req(nvDirector, { method: 'PUT', url: `/api/staff/${id}/roles`, payload: { roles: [] } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('account-not-manageable');
    const back = await t.req(provinceAdmin, {
      method: 'PUT',
      url: `/api/staff/${id}/roles`,
      payload: { roles: [{ unitId: t.units.hacthanh, role: 'specialist' }] },
    });
    expect(back.json().roles).toEqual([{ unitId: t.units.hacthanh, role: 'specialist' }]);
  });
  it('deactivating an officer signs them out at once', async () => {
    const s = await t.login('dongtien.specialist');
    const id = await t.userId('dongtien.specialist');
    const d = await t.login('dongtien.centre-director');
    expect((await t.req(d, { method: 'PATCH', url: `/api/staff/${id}`, payload: { active: false } })).statusCode).toBe(200);
    expect((await t.req(s, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
  it('the last system administrator cannot lose the role', async () => {
    const admin = await t.login('admin');
    const others = await t.database.db.selectFrom('user_role').select('user_id').where('role', '=', 'system-admin').execute();
    for (const o of others)
      if (o.user_id !== admin.userId)
        await t.database.db.deleteFrom('user_role').where('user_id', '=', o.user_id).where('role', '=', 'system-admin').execute();
    const r = await t.req(admin, { method: 'PUT', url: `/api/staff/${admin.userId}/roles`, payload: { roles: [] } });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('last-admin');
  });
});

describe('who may manage whom', () => {
  // The hole: a ward's director could edit, deactivate and reset the password of any account holding a role in the
  // ward — including one that is also province-admin of the province — then sign in as it.
  let target: string;
  beforeAll(async () => {
    const admin = await t.login('admin');
    const r = await t.req(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'tinh.quantri2',
        fullName: 'Lê Văn Quản',
        password: 'TamThoi2026x',
        roles: [
          { unitId: t.units.tinh, role: 'province-admin' },
          { unitId: t.units.hacthanh, role: 'reception-officer' },
        ],
      },
    });
    expect(r.statusCode).toBe(201);
    target = r.json().id;
  });
  const attempts = (id: string) =>
    [
      { method: 'PATCH', url: `/api/staff/${id}`, payload: { fullName: 'Bị chiếm' } },
      { method: 'PATCH', url: `/api/staff/${id}`, payload: { active: false } },
      { method: 'POST', url: `/api/staff/${id}/password-reset`, payload: { password: 'Hijack2026abc' } },
      { method: 'PUT', url: `/api/staff/${id}/roles`, payload: { roles: [] } },
      { method: 'POST', url: `/api/staff/${id}/sessions/revoke` },
    ] as const;

  it.each(attempts('ID').map((a, i) => [i, a.method, a.url.replace('ID', ':id')] as const))(
    "DENY (%i) %s %s: a ward director cannot manage an account that is also the province's administrator",
    async (i) => {
      const hijack = await t.login('tinh.quantri2', 'TamThoi2026x');
      const r = await t.req(htDirector, attempts(target)[i]!);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('account-not-manageable');
      const row = await t.database.db
        .selectFrom('staff_user')
        .select(['active', 'full_name', 'password_hash'])
        .where('id', '=', target)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ active: true, full_name: 'Lê Văn Quản' });
      expect((await t.req(hijack, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect(await t.database.db.selectFrom('user_role').select('role').where('user_id', '=', target).execute()).toHaveLength(2);
    },
  );

  it('DENY: a province-admin role held in a ward does not reach an account that is province-admin of the province', async () => {
    const admin = await t.login('admin');
    const made = await t.req(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'hacthanh.quantri',
        fullName: 'Phạm Thị Phường',
        password: 'TamThoi2026x',
        roles: [{ unitId: t.units.hacthanh, role: 'province-admin' }],
      },
    });
    expect(made.statusCode).toBe(201);
    await t.database.db.updateTable('staff_user').set({ must_change_password: false }).where('id', '=', made.json().id).execute();
    const wardAdmin = await t.login('hacthanh.quantri', 'TamThoi2026x');
    for (const a of attempts(target)) {
      const r = await t.req(wardAdmin, a);
      expect(r.statusCode, `${a.method} ${a.url}`).toBe(403);
    }
  });

  it('DENY: a director cannot manage another director; a province administrator cannot manage the system administrator', async () => {
    const other = await t.userId('hacthanh.centre-director');
    expect((await t.req(htDirector, { method: 'PATCH', url: `/api/staff/${other}`, payload: { title: 'x' } })).statusCode).toBe(403);
    const admin = await t.userId('admin');
    const r = await t.req(provinceAdmin, {
      method: 'POST',
      url: `/api/staff/${admin}/password-reset`,
      payload: { password: 'Hijack2026abc' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('a director still manages the officers of their own centre, and may end their sessions', async () => {
    const officer = await t.login('nguyetvien.specialist');
    const r = await t.req(nvDirector, { method: 'POST', url: `/api/staff/${officer.userId}/sessions/revoke` });
    expect(r.statusCode).toBe(204);
    expect((await t.req(officer, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('public directory', () => {
  it('shows officials with only the contact details they chose to publish', async () => {
    const s = await t.login('nguyetvien.reception-officer');
    await t.req(s, {
      method: 'PUT',
      url: '/api/me/contact',
      payload: { publishEmail: false, publishPhone: true, publicPhone: '0237 3868 999' },
    });
    const r = await t.req(null, { method: 'GET', url: `/api/public/directory?unitId=${t.units.nguyetvien}` });
    expect(r.statusCode).toBe(200);
    const [unit] = r.json().items;
    const me = unit.officials.find((o: { id: string }) => o.id === s.userId);
    expect(me).toMatchObject({ phone: '0237 3868 999', roles: ['reception-officer'] });
    expect(me.email).toBeUndefined();
    expect(JSON.stringify(r.json())).not.toContain('password');
    const hidden = unit.officials.filter((o: { phone?: string; email?: string }) => !o.phone && !o.email);
    expect(hidden.length).toBeGreaterThan(0);
  });
});

describe('assignees', () => {
  it("a leader lists the unit's specialists with their workload; another unit's officer cannot", async () => {
    const leader = await t.login('hacthanh.leader');
    const r = await t.req(leader, { method: 'GET', url: `/api/units/${t.units.hacthanh}/assignees` });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((i: { id: string }) => i.id)).toContain(await t.userId('hacthanh.specialist'));
    expect(r.json().items[0]).toHaveProperty('openDossiers');
    const nv = await t.login('nguyetvien.leader');
    expect((await t.req(nv, { method: 'GET', url: `/api/units/${t.units.hacthanh}/assignees` })).statusCode).toBe(403);
  });
});
