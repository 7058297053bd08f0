// Staff sign-in and sessions: the account as sign-in sees it, failed-attempt counting and locks, and the session
// rows behind the cookies. The rules (lockout, idle and absolute expiry, equal cost of every refusal) are in
// src/services/auth.service.ts; the queries are here.
import { sql, type Transaction } from 'kysely';
import { cacheOf } from '../cache';
import { type Db, relaxedOf } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

export async function accountForSession(db: Executor, userId: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'username', 'full_name', 'must_change_password', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** A user's roles in a stable order. */
export async function rolesOfUser(db: Executor, userId: string) {
  return db.selectFrom('user_role').select(['unit_id', 'role']).where('user_id', '=', userId).orderBy('unit_id').orderBy('role').execute();
}

export async function accountForSignIn(db: Executor, username: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'username', 'password_hash', 'active', 'failed_logins', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/**
 * The write every refused sign-in makes, by username (no row for an unknown name), so that every refusal costs the
 * same: the new failure count and lock for a wrong password, otherwise an update that changes nothing.
 */
export async function recordRefusedSignIn(
  trx: Executor,
  username: string,
  failures: { failedLogins: number; lockedUntil: Date | null } | null,
): Promise<void> {
  await trx
    .updateTable('staff_user')
    .set(
      failures
        ? { failed_logins: failures.failedLogins, locked_until: failures.lockedUntil }
        : { failed_logins: sql<number>`failed_logins` },
    )
    .where('username', '=', username)
    .execute();
}

/** Sets an account's failed-attempt count and lock (a wrong current password when changing it). */
export async function setFailedLogins(trx: Executor, userId: string, failedLogins: number, lockedUntil: Date | null): Promise<void> {
  await trx.updateTable('staff_user').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', userId).execute();
}

export async function insertSession(
  trx: Executor,
  s: { id: string; userId: string; csrfToken: string; at: Date; expiresAt: Date; ip: string | undefined; userAgent: string },
): Promise<void> {
  await trx
    .insertInto('session')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/**
 * The session behind a token with its account and the account's roles, in one statement: every signed-in request
 * resolves its session, so this is one round trip instead of three (session, account, roles).
 */
export async function findSessionWithUser(db: Executor, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select([
      'u.username',
      'u.full_name',
      'u.must_change_password',
      'u.active',
      sql<
        { unit_id: string; role: string }[]
      >`(SELECT coalesce(json_agg(json_build_object('unit_id', r.unit_id, 'role', r.role) ORDER BY r.unit_id, r.role), '[]') FROM user_role r WHERE r.user_id = s.user_id)`.as(
        'roles',
      ),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/**
 * How long a process may answer from a cached session without reading it again, notification or not: the bound
 * on how long a revocation could go unseen if the LISTEN session hung without being noticed as lost.
 */
export const SESSION_CACHE_MAX_AGE_MS = 30_000;

/**
 * The session with its account and roles from the read cache (../cache.ts): kept only while it can be used
 * (not revoked, account active), dropped in every process when it is revoked, its expiry moves, or its
 * account or roles change (migration 0031). Its `last_seen_at` may be older than the row's when another
 * process touched it since: the caller reads the row itself (`findSessionWithUser`) before calling it idle.
 */
export async function cachedSessionWithUser(db: Db, id: string) {
  return cacheOf(db).get(`session:${id}`, ['session', 'staff_user', 'user_role'], () => findSessionWithUser(db, id), {
    keep: (s) => !!s && !s.revoked_at && s.active,
    maxAgeMs: SESSION_CACHE_MAX_AGE_MS,
  });
}

/** Drops one session from this process's cache (found expired, or touched: `touchSession`). */
export function forgetCachedSession(db: Db, id: string): void {
  cacheOf(db).delete(`session:${id}`);
}

/**
 * Moves the idle clock. Outside a transaction through the handle whose commit does not wait for the disk (a
 * touch lost in a database crash makes a session look up to a minute older, nothing more), and the session is
 * dropped from this process's cache, which held the old time; other processes need not hear of it (migration
 * 0031 does not announce last_seen_at).
 */
export async function touchSession(db: Executor, id: string, at: Date): Promise<void> {
  if (db.isTransaction) {
    await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
    return;
  }
  await relaxedOf(db as Db)
    .updateTable('session')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .execute();
  forgetCachedSession(db as Db, id);
}

/** A user's sessions neither revoked nor expired at `now`, most recently used first. */
export async function openSessions(db: Executor, userId: string, now: Date) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** A user's session whose id starts with the hex prefix. */
export async function ownSessionByPrefix(db: Executor, userId: string, hexPrefix: string) {
  return db.selectFrom('session').select('id').where('user_id', '=', userId).where('id', 'like', `${hexPrefix}%`).executeTakeFirst();
}

export async function revokeSession(trx: Executor, userId: string, sessionId: string, at: Date): Promise<void> {
  await trx.updateTable('session').set({ revoked_at: at }).where('id', '=', sessionId).where('user_id', '=', userId).execute();
}

/** Ends every open session of the user but `keepId` (the one making a password change). */
export async function revokeSessionsExcept(trx: Executor, userId: string, at: Date, keepId?: string): Promise<void> {
  let q = trx.updateTable('session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

export async function accountForPasswordChange(db: Executor, userId: string) {
  return db
    .selectFrom('staff_user')
    .select(['password_hash', 'username', 'failed_logins', 'locked_until'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}
