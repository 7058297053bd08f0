// Staff accounts, their roles in units, the public directory and the specialists' workload. Who may see or
// change which account is decided in src/services/staff.service.ts (src/domain/access.ts); the queries are here.
import { sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../database';
import type { Database, StaffUserTable } from '../schema';

type Executor = Db | Transaction<Database>;

/** Person accounts (not API clients' acting identities), by name; only `userIds` when given. */
export async function staffUsers(db: Executor, userIds?: string[]) {
  let q = db.selectFrom('staff_user').selectAll().where('kind', '=', 'person').orderBy('full_name');
  if (userIds) q = q.where('id', 'in', userIds);
  return q.execute();
}

export async function rolesOfUsers(db: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  return db.selectFrom('user_role').select(['user_id', 'unit_id', 'role']).where('user_id', 'in', userIds).execute();
}

/** The users holding any role in the units. */
export async function userIdsInUnits(db: Executor, unitIds: string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await db.selectFrom('user_role').select('user_id').distinct().where('unit_id', 'in', unitIds).execute();
  return rows.map((r) => r.user_id);
}

export async function staffUsernameTaken(db: Executor, username: string): Promise<boolean> {
  return (await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function insertStaffUser(
  trx: Executor,
  u: { username: string; fullName: string; title: string; email: string; phone: string; passwordHash: string; mustChangePassword: boolean },
): Promise<string> {
  const row = await trx
    .insertInto('staff_user')
    .values({
      username: u.username,
      full_name: u.fullName,
      title: u.title,
      email: u.email,
      phone: u.phone,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStaffUser(trx: Executor, userId: string, changes: Updateable<StaffUserTable>): Promise<void> {
  await trx.updateTable('staff_user').set(changes).where('id', '=', userId).execute();
}

export async function grantRoles(trx: Executor, userId: string, grants: { unitId: string; role: string }[]): Promise<void> {
  if (!grants.length) return;
  await trx
    .insertInto('user_role')
    .values(grants.map((g) => ({ user_id: userId, unit_id: g.unitId, role: g.role })))
    .execute();
}

export async function revokeRole(trx: Executor, userId: string, g: { unitId: string; role: string }): Promise<void> {
  await trx.deleteFrom('user_role').where('user_id', '=', userId).where('unit_id', '=', g.unitId).where('role', '=', g.role).execute();
}

/**
 * Serialises the changes that could leave no system administrator (a role taken away, an account deactivated):
 * held to the end of the transaction, so the count that follows sees every such change committed before it. Two
 * administrators removing each other at once could otherwise both count the other and both succeed.
 */
export async function lockSystemAdmins(trx: Transaction<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('motcua.system-admins'))`.execute(trx);
}

/** How many active accounts hold the system-admin role. */
export async function activeSystemAdmins(trx: Executor): Promise<number> {
  const left = await trx
    .selectFrom('user_role')
    .innerJoin('staff_user', 'staff_user.id', 'user_role.user_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('role', '=', 'system-admin')
    .where('staff_user.active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(left.n);
}

/** Ends every open session of a user at once. */
export async function revokeUserSessions(trx: Executor, userId: string, at: Date): Promise<void> {
  await trx.updateTable('session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** The public directory's rows: active officials (not system administrators) per unit, province first. */
export async function directoryRows(db: Executor, unitId?: string) {
  let q = db
    .selectFrom('user_role')
    .innerJoin('staff_user as u', 'u.id', 'user_role.user_id')
    .innerJoin('unit', 'unit.id', 'user_role.unit_id')
    .select([
      'unit.id as unitId',
      'unit.name as unitName',
      'u.id',
      'u.full_name',
      'u.title',
      'u.email',
      'u.publish_email',
      'u.publish_phone',
      'u.public_phone',
      'user_role.role',
    ])
    .where('u.active', '=', true)
    .where('user_role.role', '!=', 'system-admin')
    .orderBy(sql`unit.type = 'province'`, 'desc')
    .orderBy('unit.name')
    .orderBy('u.full_name');
  if (unitId) q = q.where('unit.id', '=', unitId);
  return q.execute();
}

/** The unit's active specialists with the number of open dossiers assigned to each. */
export async function specialistsWithWorkload(db: Executor, unitId: string) {
  return db
    .selectFrom('user_role as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.full_name', 'u.title'])
    .select((eb) =>
      eb
        .selectFrom('dossier as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.assignee_id', '=', 'u.id')
        .where('d.finished_at', 'is', null)
        .as('open'),
    )
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'specialist')
    .where('u.active', '=', true)
    .orderBy('u.full_name')
    .execute();
}
