// Citizens' portal sessions: created after a VNeID sign-in (see vneid.adapter.ts), kept in PostgreSQL like
// staff sessions (hashed token, idle and absolute timeouts, revocation, CSRF token), under their own cookie.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  findCitizen,
  findCitizenSession,
  forgetSignInAttemptsBefore,
  insertCitizenSession,
  insertSignInAttempt,
  markCitizenSignedIn,
  revokeCitizenSession,
  setSignInOutcome,
  spendSignInAttempt,
  touchCitizenSession,
  upsertCitizenRow,
} from '../db/repositories/citizen-session.repository';
import type { VneidClient } from '../adapters/vneid.adapter';
import type { CitizenPrincipal } from './context';

/** How long an officer's session for a citizen at the counter lasts. */
export const ASSISTED_SESSION_MS = 30 * 60_000;

/** A sign-in attempt older than this is refused at the callback. */
const SIGN_IN_MAX_AGE_MS = 10 * 60_000;

/** Where the portal may send the browser after sign-in: its own paths only (no open redirect). */
export function safeReturnTo(v: string | undefined): string {
  return v && /^\/[a-z0-9\-/]*$/i.test(v) && !v.startsWith('//') ? v : '/cong-dan';
}

const token = () => randomBytes(32).toString('base64url');
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** What VNeID (or an officer's check at the counter) tells us of a citizen. */
export type CitizenIdentity = {
  idNumber: string;
  fullName: string;
  dateOfBirth?: string;
  address?: string;
  phone?: string;
  email?: string;
  /** The identity provider's subject, when the citizen signed in with VNeID. */
  sub?: string;
  loa?: 1 | 2;
};

export type CitizenSessionInfo = CitizenPrincipal & { csrfToken: string; expiresAt: Date };

export class CitizenAuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'session'>,
    private readonly vneid: VneidClient,
  ) {}

  /** Starts a VNeID sign-in at the level a procedure needs; the attempt's state, nonce and PKCE verifier stay here. */
  async beginSignIn(level: 1 | 2, returnTo: string | undefined): Promise<string> {
    const start = await this.vneid.start(level);
    await insertSignInAttempt(this.db, start, safeReturnTo(returnTo));
    // Old attempts are of no use to anyone.
    await forgetSignInAttemptsBefore(this.db, new Date(Date.now() - 24 * 3_600_000));
    return start.url;
  }

  /**
   * The callback: the state must name an attempt of ours that is unused and recent (else tampered or replayed);
   * it is spent before the code exchange, so a replayed callback can never sign anyone in. Refusals are audited.
   */
  async completeSignIn(
    callbackUrl: URL,
    meta: { ip?: string; userAgent?: string; requestId: string },
    now = new Date(),
  ): Promise<{ token: string; session: CitizenSessionInfo; returnTo: string }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const attempt = state ? await spendSignInAttempt(this.db, state, now, new Date(now.getTime() - SIGN_IN_MAX_AGE_MS)) : undefined;
    if (!attempt) {
      await this.recordRefusal('oidc-state-invalid', { state: state.slice(0, 64) }, meta.requestId);
      throw new Problem('oidc-state-invalid');
    }
    const providerError = callbackUrl.searchParams.get('error');
    if (providerError) {
      await setSignInOutcome(this.db, state, providerError.slice(0, 100));
      throw new Problem('oidc-sign-in-failed', { reason: providerError });
    }
    let identity;
    try {
      identity = await this.vneid.finish(callbackUrl, { state: attempt.state, nonce: attempt.nonce, codeVerifier: attempt.code_verifier });
    } catch (e) {
      if (e instanceof Problem && e.code === 'oidc-sign-in-failed')
        await this.recordRefusal(e.code, { reason: e.params.reason }, meta.requestId);
      await setSignInOutcome(this.db, state, 'failed');
      throw e;
    }
    const { id } = await this.upsertCitizen({ ...identity, loa: identity.loa });
    await setSignInOutcome(this.db, state, 'signed-in');
    const created = await this.createSession(id, identity.loa, { ...meta, idTokenHint: identity.idToken }, now);
    return { ...created, returnTo: attempt.return_to };
  }

  private async recordRefusal(code: string, details: Record<string, unknown>, requestId: string): Promise<void> {
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorId: null,
        actorName: 'anonymous',
        actorRole: 'citizen',
        unitId: null,
        action: 'citizen.sign-in-refused',
        subjectType: 'oidc-login',
        subjectId: String(details.state ?? ''),
        requestId,
        details: { code, ...details },
      }),
    );
  }

  /** Creates or refreshes the citizen record from an identity; the registry-held fields follow the identity. */
  async upsertCitizen(id: CitizenIdentity): Promise<{ id: string; loa: 1 | 2 }> {
    if (!/^[0-9]{12}$/.test(id.idNumber)) throw new Problem('id-number-invalid');
    const row = await upsertCitizenRow(this.db, id);
    return { id: row.id, loa: row.loa };
  }

  async createSession(
    citizenId: string,
    loa: 1 | 2,
    meta: {
      ip?: string;
      userAgent?: string;
      idTokenHint?: string;
      requestId?: string;
      assisted?: { userId: string; fullName: string; username: string; method: string; verificationId: string };
    } = {},
    now = new Date(),
  ): Promise<{ token: string; session: CitizenSessionInfo }> {
    const t = token();
    const csrfToken = token();
    // An officer's session for a citizen lasts for one visit to the counter.
    const lifetimeMs = meta.assisted ? ASSISTED_SESSION_MS : this.config.session.absoluteHours * 3_600_000;
    const expiresAt = new Date(now.getTime() + lifetimeMs);
    const c = await this.db.transaction().execute(async (trx) => {
      const c = await markCitizenSignedIn(trx, citizenId, now);
      await insertCitizenSession(trx, {
        id: sha256(t),
        citizen_id: citizenId,
        csrf_token: csrfToken,
        loa,
        id_token_hint: meta.idTokenHint ?? '',
        assisted_by: meta.assisted?.userId ?? null,
        verification: meta.assisted ? JSON.stringify({ method: meta.assisted.method, verificationId: meta.assisted.verificationId }) : null,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: meta.ip ?? '',
        user_agent: (meta.userAgent ?? '').slice(0, 300),
      });
      await appendAudit(trx, {
        actorId: meta.assisted?.userId ?? null,
        actorName: meta.assisted ? meta.assisted.username : `citizen:${c.id_number}`,
        actorRole: meta.assisted ? 'reception-officer' : 'citizen',
        unitId: null,
        action: meta.assisted ? 'citizen.assisted-session' : 'citizen.sign-in',
        subjectType: 'citizen',
        subjectId: citizenId,
        requestId: meta.requestId ?? '',
        details: meta.assisted ? { loa, method: meta.assisted.method, verificationId: meta.assisted.verificationId } : { loa },
      });
      return c;
    });
    return {
      token: t,
      session: {
        citizenId,
        idNumber: c.id_number,
        fullName: c.full_name,
        loa,
        sessionId: sha256(t),
        csrfToken,
        expiresAt,
        assistedBy: meta.assisted ? { userId: meta.assisted.userId, fullName: meta.assisted.fullName, method: meta.assisted.method } : null,
      },
    };
  }

  /** The session behind a cookie, or null (unknown, revoked, idle too long or past its absolute end). */
  async resolve(raw: string, now = new Date()): Promise<CitizenSessionInfo | null> {
    const id = sha256(raw);
    const s = await findCitizenSession(this.db, id);
    if (!s || s.revoked_at || s.expires_at <= now) return null;
    // An assisted session dies with the officer's account.
    if (s.assisted_id && !s.assisted_active) return null;
    if (now.getTime() - s.last_seen_at.getTime() > this.config.session.idleMinutes * 60_000) return null;
    if (now.getTime() - s.last_seen_at.getTime() > 60_000) await touchCitizenSession(this.db, id, now);
    return {
      citizenId: s.citizen_id,
      idNumber: s.id_number,
      fullName: s.full_name,
      loa: s.loa,
      sessionId: s.id,
      csrfToken: s.csrf_token,
      expiresAt: s.expires_at,
      assistedBy: s.assisted_id
        ? {
            userId: s.assisted_id,
            fullName: s.assisted_name ?? '',
            method: String((s.verification as { method?: string } | null)?.method ?? ''),
          }
        : null,
    };
  }

  /** The signed-in citizen's own record (the portal's "me"). */
  async me(citizenId: string) {
    return findCitizen(this.db, citizenId);
  }

  async logout(sessionId: string): Promise<void> {
    await revokeCitizenSession(this.db, sessionId, new Date());
  }
}
