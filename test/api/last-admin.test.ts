// The province always keeps a system administrator: taking the last one's role away, or deactivating the last one,
// is refused (422 last-admin), also when two administrators remove each other at the same moment (the changes are
// serialised by an advisory lock, so the second counts after the first has committed). Its own database: the test
// leaves the province with only the administrators it makes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { staffWithRoles } from '../support/people';

let t: TestApi;
let adminUnit: string;
beforeAll(async () => {
  t = await createTestApi();
  adminUnit = (
    await t.database.db
      .selectFrom('user_role')
      .innerJoin('staff_user', 'staff_user.id', 'user_role.user_id')
      .select('user_role.unit_id')
      .where('staff_user.username', '=', 'admin')
      .where('user_role.role', '=', 'system-admin')
      .executeTakeFirstOrThrow()
  ).unit_id;
});
afterAll(() => t.close());

const activeAdmins = async () =>
  (
    await t.database.db
      .selectFrom('user_role')
      .innerJoin('staff_user', 'staff_user.id', 'user_role.user_id')
      .select('staff_user.username')
      .where('user_role.role', '=', 'system-admin')
      .where('staff_user.active', '=', true)
      .execute()
  ).map((r) => r.username);

/** Leaves exactly these accounts holding the system-admin role, active (the demo's `admin` given it back if need be). */
async function onlyAdmins(usernames: string[]): Promise<void> {
  const keep = await t.database.db.selectFrom('staff_user').select('id').where('username', 'in', usernames).execute();
  await t.database.db.updateTable('staff_user').set({ active: true }).where('username', 'in', usernames).execute();
  await t.database.db
    .insertInto('user_role')
    .values(keep.map((k) => ({ user_id: k.id, unit_id: adminUnit, role: 'system-admin' })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await t.database.db
    .deleteFrom('user_role')
    .where('role', '=', 'system-admin')
    .where(
      'user_id',
      'not in',
      keep.map((k) => k.id),
    )
    .execute();
}

describe('the last system administrator', () => {
  it('cannot be deactivated, not even by themselves', async () => {
    await onlyAdmins(['admin']);
    const admin = await t.login('admin');
    const r = await t.req(admin, { method: 'PATCH', url: `/api/staff/${admin.userId}`, payload: { active: false } });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('last-admin');
    expect(await activeAdmins()).toEqual(['admin']);
    // Their session still works: nothing of the refused change was kept.
    expect((await t.req(admin, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('two administrators removing each other at once: one succeeds, one administrator is left', async () => {
    const second = await staffWithRoles(t, `sa${Date.now().toString(36)}`, [{ unitId: adminUnit, role: 'system-admin' }]);
    await onlyAdmins(['admin', second.username]);
    const admin = await t.login('admin');
    const [a, b] = await Promise.all([
      t.req(admin, { method: 'PUT', url: `/api/staff/${second.userId}/roles`, payload: { roles: [] } }),
      t.req(second, { method: 'PUT', url: `/api/staff/${admin.userId}/roles`, payload: { roles: [] } }),
    ]);
    const codes = [a, b].map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    // The other is refused: last-admin if it passed its checks before the first committed; else its sender is no
    // longer an administrator, to whom the other account is out of sight (404) or out of reach (403).
    expect([403, 404, 422]).toContain(codes[1]);
    expect(await activeAdmins()).toHaveLength(1);
  });

  it('deactivating one of two is allowed', async () => {
    const second = await staffWithRoles(t, `sb${Date.now().toString(36)}`, [{ unitId: adminUnit, role: 'system-admin' }]);
    await onlyAdmins(['admin', second.username]);
    const admin = await t.login('admin');
    const r = await t.req(admin, { method: 'PATCH', url: `/api/staff/${second.userId}`, payload: { active: false } });
    expect(r.statusCode).toBe(200);
    expect(await activeAdmins()).toEqual(['admin']);
  });
});
