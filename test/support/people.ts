// People as they are: staff accounts holding roles in several units, made straight in the database with the
// demo password so a test can sign them in at once (no first-sign-in password change).
import type { Role } from '../../src/domain/roles';
import type { Session, TestApi } from './api';

/** Creates an active staff account with exactly these roles and signs it in. */
export async function staffWithRoles(
  t: TestApi,
  username: string,
  grants: { unitId: string; role: Role }[],
): Promise<Session & { username: string }> {
  const db = t.database.db;
  const { password_hash } = await db
    .selectFrom('staff_user')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const { id } = await db
    .insertInto('staff_user')
    .values({
      username,
      full_name: `Người thử ${username}`,
      password_hash,
      password_changed_at: now,
      must_change_password: false,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (grants.length)
    await db
      .insertInto('user_role')
      .values(grants.map((g) => ({ user_id: id, unit_id: g.unitId, role: g.role, granted_at: now })))
      .execute();
  return { ...(await t.login(username)), username };
}
