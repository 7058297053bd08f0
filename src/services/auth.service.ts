// Staff sign-in: argon2id password hashes, server-side sessions in PostgreSQL (revocable, idle and absolute
// timeouts), CSRF tokens for cookie sessions, and a temporary lockout after repeated failures.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Config } from '../config';
import type { Actor } from '../domain/access';
import { passwordAcceptable } from '../domain/password';
import { Problem } from '../domain/problems';
import { isRole, type RoleGrant } from '../domain/roles';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  accountForPasswordChange,
  accountForSession,
  accountForSignIn,
  cachedSessionWithUser,
  findSessionWithUser,
  forgetCachedSession,
  insertSession,
  openSessions,
  ownSessionByPrefix,
  recordRefusedSignIn,
  revokeSession,
  revokeSessionsExcept,
  rolesOfUser,
  setFailedLogins,
  touchSession,
} from '../db/repositories/session.repository';
import { updateStaffUser } from '../db/repositories/staff.repository';
import { requireActor, type ServiceContext } from './context';

export type SessionUser = {
  id: string;
  username: string;
  fullName: string;
  roles: RoleGrant[];
  mustChangePassword: boolean;
};
export type SessionInfo = { id: string; expiresAt: Date; idleExpiresAt: Date; csrfToken: string };

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and ~25 ms on the 2-core machines we run on.
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON);
}

const token = () => randomBytes(32).toString('base64url');
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class AuthService {
  /** A real hash to verify against when the username is unknown, so timing does not reveal which usernames exist. */
  private dummyHash: Promise<string> | undefined;

  /**
   * @param verifyPassword argon2 verification; a parameter so a test can count that every sign-in path (unknown,
   * inactive, locked, wrong, right) runs exactly one.
   */
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'session' | 'login'>,
    private readonly verifyPassword: (hash: string, password: string) => Promise<boolean> = argonVerify,
  ) {}

  async loadUser(userId: string): Promise<SessionUser | undefined> {
    const u = await accountForSession(this.db, userId);
    if (!u || !u.active) return undefined;
    const roles = await rolesOfUser(this.db, userId);
    return {
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      mustChangePassword: u.must_change_password,
      roles: roles.flatMap((r) => (isRole(r.role) ? [{ unitId: r.unit_id, role: r.role }] : [])),
    };
  }

  async login(
    ctx: ServiceContext,
    username: string,
    password: string,
    meta: { userAgent: string },
  ): Promise<{ user: SessionUser; token: string; session: SessionInfo }> {
    const now = new Date();
    const row = await accountForSignIn(this.db, username.trim().toLowerCase());
    // Unknown, inactive, locked and wrong answer alike (401 invalid-credentials, which says that accounts lock), and
    // each costs the same: one argon2 verification, then one transaction with one UPDATE of staff_user by username
    // (no row for an unknown name) and one audit row. Before the write was made for every refusal, a wrong password
    // took ~100 ms longer than an unknown name on a loaded machine (the commit); see docs/benchmarks.md.
    const refused = new Problem('invalid-credentials', { minutes: this.config.login.lockMinutes });
    const name = username.trim().toLowerCase();
    const refuse = async (reason: 'unknown-or-inactive' | 'locked' | 'wrong-password'): Promise<never> => {
      const failures = reason === 'wrong-password' && row ? row.failed_logins + 1 : (row?.failed_logins ?? 0);
      const lock = reason === 'wrong-password' && failures >= this.config.login.maxFailures;
      await this.db.transaction().execute(async (trx) => {
        await recordRefusedSignIn(
          trx,
          name,
          reason === 'wrong-password'
            ? {
                failedLogins: lock ? 0 : failures,
                lockedUntil: lock ? new Date(now.getTime() + this.config.login.lockMinutes * 60_000) : null,
              }
            : null,
        );
        await appendAudit(trx, {
          actorId: row?.id ?? null,
          actorName: row?.username ?? '',
          actorRole: '',
          unitId: null,
          action: lock ? 'auth.locked' : reason === 'wrong-password' ? 'auth.login-failed' : 'auth.login-refused',
          subjectType: 'staff-user',
          subjectId: row?.id ?? '',
          requestId: ctx.requestId,
          // The name typed for an unknown account is not kept: people type passwords there by mistake.
          details: { ip: ctx.ip, reason, ...(reason === 'wrong-password' ? { failures } : {}) },
        });
      });
      throw refused;
    };
    if (!row || !row.active) {
      this.dummyHash ??= hashPassword(token());
      await this.verifyPassword(await this.dummyHash, password).catch(() => false);
      return refuse('unknown-or-inactive');
    }
    const ok = await this.verifyPassword(row.password_hash, password).catch(() => false);
    if (row.locked_until && row.locked_until > now) return refuse('locked');
    if (!ok) return refuse('wrong-password');
    const t = token();
    const session: SessionInfo = {
      id: sha256(t),
      csrfToken: token(),
      expiresAt: new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000),
      idleExpiresAt: new Date(now.getTime() + this.config.session.idleMinutes * 60_000),
    };
    await this.db.transaction().execute(async (trx) => {
      await setFailedLogins(trx, row.id, 0, null);
      await insertSession(trx, {
        id: session.id,
        userId: row.id,
        csrfToken: session.csrfToken,
        at: now,
        expiresAt: session.expiresAt,
        ip: ctx.ip,
        userAgent: meta.userAgent.slice(0, 300),
      });
      await appendAudit(trx, {
        actorId: row.id,
        actorName: row.username,
        actorRole: '',
        unitId: null,
        action: 'auth.login',
        subjectType: 'session',
        subjectId: session.id.slice(0, 16),
        requestId: ctx.requestId,
        details: { ip: ctx.ip },
      });
    });
    const user = await this.loadUser(row.id);
    if (!user) throw new Problem('invalid-credentials');
    return { user, token: t, session };
  }

  /**
   * The session behind a cookie token, or why there is none. Touches last_seen_at at most once a minute so
   * that reading pages does not write on every request.
   */
  async resolve(
    rawToken: string,
    now = new Date(),
  ): Promise<{ actor: Actor; user: SessionUser; session: SessionInfo } | 'expired' | 'none'> {
    const id = sha256(rawToken);
    const idleMs = this.config.session.idleMinutes * 60_000;
    const idle = (r: { last_seen_at: Date }) => r.last_seen_at.getTime() + idleMs <= now.getTime();
    // From the read cache; a cached session that looks idle is read again, since another server may have
    // touched it since.
    let s = await cachedSessionWithUser(this.db, id);
    if (s && !s.revoked_at && idle(s)) s = await findSessionWithUser(this.db, id);
    if (!s || s.revoked_at) return 'none';
    if (s.expires_at <= now || idle(s)) {
      forgetCachedSession(this.db, id);
      return 'expired';
    }
    if (!s.active) return 'none';
    const user: SessionUser = {
      id: s.user_id,
      username: s.username,
      fullName: s.full_name,
      mustChangePassword: s.must_change_password,
      roles: s.roles.flatMap((r) => (isRole(r.role) ? [{ unitId: r.unit_id, role: r.role }] : [])),
    };
    let lastSeen = s.last_seen_at;
    if (now.getTime() - lastSeen.getTime() > 60_000) {
      await touchSession(this.db, id, now);
      lastSeen = now;
    }
    return {
      user,
      actor: { userId: user.id, username: user.username, fullName: user.fullName, roles: user.roles },
      session: {
        id,
        csrfToken: s.csrf_token,
        expiresAt: s.expires_at,
        idleExpiresAt: new Date(Math.min(lastSeen.getTime() + idleMs, s.expires_at.getTime())),
      },
    };
  }

  /** Extends the idle timeout now (the UI's "stay signed in" answer to the expiry warning). */
  async touch(sessionId: string): Promise<void> {
    await touchSession(this.db, sessionId, new Date());
  }

  async logout(ctx: ServiceContext, sessionId: string): Promise<void> {
    const actor = requireActor(ctx);
    await this.revoke(ctx, actor.userId, sessionId, 'auth.logout');
  }

  async listSessions(ctx: ServiceContext, currentId?: string) {
    const actor = requireActor(ctx);
    const rows = await openSessions(this.db, actor.userId, new Date());
    return rows.map((r) => ({
      id: r.id.slice(0, 16),
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === currentId,
    }));
  }

  /** Revokes one of the actor's own sessions, named by the 16-character prefix listSessions shows. */
  async revokeOwn(ctx: ServiceContext, idPrefix: string): Promise<void> {
    const actor = requireActor(ctx);
    const s = await ownSessionByPrefix(this.db, actor.userId, idPrefix.replace(/[^0-9a-f]/g, ''));
    if (!s || idPrefix.length !== 16) throw new Problem('not-found', { what: 'session' });
    await this.revoke(ctx, actor.userId, s.id, 'auth.session-revoked');
  }

  private async revoke(ctx: ServiceContext, userId: string, sessionId: string, action: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await revokeSession(trx, userId, sessionId, new Date());
      await appendAudit(trx, {
        actorId: userId,
        actorName: ctx.actor?.username ?? '',
        actorRole: '',
        unitId: null,
        action,
        subjectType: 'session',
        subjectId: sessionId.slice(0, 16),
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * Changes the actor's own password. A wrong current password counts toward the sign-in lockout (a stolen session
   * cannot guess it without limit); reaching the limit locks the account and ends all its sessions. A change ends
   * every other session of the account (`keepSessionId` is the one making the change).
   */
  async changePassword(ctx: ServiceContext, current: string, next: string, keepSessionId?: string): Promise<void> {
    const actor = requireActor(ctx);
    const now = new Date();
    const row = await accountForPasswordChange(this.db, actor.userId);
    const ok = await this.verifyPassword(row.password_hash, current).catch(() => false);
    if (row.locked_until && row.locked_until > now)
      throw new Problem('account-locked', { minutes: Math.ceil((row.locked_until.getTime() - now.getTime()) / 60_000) });
    if (!ok) {
      const failures = row.failed_logins + 1;
      const lock = failures >= this.config.login.maxFailures;
      await this.db.transaction().execute(async (trx) => {
        await setFailedLogins(
          trx,
          actor.userId,
          lock ? 0 : failures,
          lock ? new Date(now.getTime() + this.config.login.lockMinutes * 60_000) : null,
        );
        if (lock) await revokeSessionsExcept(trx, actor.userId, now);
        await appendAudit(trx, {
          actorId: actor.userId,
          actorName: actor.username,
          actorRole: '',
          unitId: null,
          action: lock ? 'auth.locked' : 'auth.password-change-failed',
          subjectType: 'staff-user',
          subjectId: actor.userId,
          requestId: ctx.requestId,
          details: { ip: ctx.ip, failures },
        });
      });
      if (lock) throw new Problem('account-locked', { minutes: this.config.login.lockMinutes });
      throw new Problem('password-wrong');
    }
    if (!passwordAcceptable(next, row.username)) throw new Problem('password-too-weak');
    const hashed = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await updateStaffUser(trx, actor.userId, {
        password_hash: hashed,
        password_changed_at: new Date(),
        must_change_password: false,
        failed_logins: 0,
        updated_at: new Date(),
      });
      // Whoever else holds a session of this account (the reason to change a password) is signed out now.
      await revokeSessionsExcept(trx, actor.userId, new Date(), keepSessionId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: '',
        unitId: null,
        action: 'auth.password-changed',
        subjectType: 'staff-user',
        subjectId: actor.userId,
        requestId: ctx.requestId,
      });
    });
  }
}
