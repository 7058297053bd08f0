// Citizens' portal sessions: created after a VNeID sign-in (see vneid.adapter.ts), kept in PostgreSQL like
// staff sessions (hashed token, idle and absolute timeouts, revocation, CSRF token), under their own cookie.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../config';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import type { CitizenPrincipal } from './context';

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
  ) {}

  /** Creates or refreshes the citizen record from an identity; the registry-held fields follow the identity. */
  async upsertCitizen(id: CitizenIdentity): Promise<{ id: string; loa: 1 | 2 }> {
    if (!/^[0-9]{12}$/.test(id.idNumber)) throw new Problem('id-number-invalid');
    const row = await this.db
      .insertInto('citizen')
      .values({
        id_number: id.idNumber,
        vneid_sub: id.sub ?? null,
        full_name: id.fullName,
        date_of_birth: id.dateOfBirth ?? '',
        address: id.address ?? '',
        phone: id.phone ?? '',
        email: id.email ?? '',
        loa: id.loa ?? 1,
      })
      .onConflict((oc) =>
        oc.column('id_number').doUpdateSet({
          full_name: sql`excluded.full_name`,
          vneid_sub: sql`coalesce(excluded.vneid_sub, citizen.vneid_sub)`,
          date_of_birth: sql`coalesce(nullif(excluded.date_of_birth, ''), citizen.date_of_birth)`,
          address: sql`coalesce(nullif(excluded.address, ''), citizen.address)`,
          phone: sql`coalesce(nullif(excluded.phone, ''), citizen.phone)`,
          email: sql`coalesce(nullif(excluded.email, ''), citizen.email)`,
          // The level seen at the latest sign-in is the account's level now (an upgrade shows at once).
          loa: id.loa ? sql`excluded.loa` : sql`citizen.loa`,
          updated_at: new Date(),
        }),
      )
      .returning(['id', 'loa'])
      .executeTakeFirstOrThrow();
    return { id: row.id, loa: row.loa };
  }

  async createSession(
    citizenId: string,
    loa: 1 | 2,
    meta: { ip?: string; userAgent?: string; idTokenHint?: string; requestId?: string } = {},
    now = new Date(),
  ): Promise<{ token: string; session: CitizenSessionInfo }> {
    const t = token();
    const csrfToken = token();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    const c = await this.db.transaction().execute(async (trx) => {
      const c = await trx
        .updateTable('citizen')
        .set({ last_login_at: now })
        .where('id', '=', citizenId)
        .returning(['id', 'id_number', 'full_name'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('citizen_session')
        .values({
          id: sha256(t),
          citizen_id: citizenId,
          csrf_token: csrfToken,
          loa,
          id_token_hint: meta.idTokenHint ?? '',
          created_at: now,
          last_seen_at: now,
          expires_at: expiresAt,
          ip: meta.ip ?? '',
          user_agent: (meta.userAgent ?? '').slice(0, 300),
        })
        .execute();
      await appendAudit(trx, {
        actorId: null,
        actorName: `citizen:${c.id_number}`,
        actorRole: 'citizen',
        unitId: null,
        action: 'citizen.sign-in',
        subjectType: 'citizen',
        subjectId: citizenId,
        requestId: meta.requestId ?? '',
        details: { loa },
      });
      return c;
    });
    return {
      token: t,
      session: { citizenId, idNumber: c.id_number, fullName: c.full_name, loa, sessionId: sha256(t), csrfToken, expiresAt },
    };
  }

  /** The session behind a cookie, or null (unknown, revoked, idle too long or past its absolute end). */
  async resolve(raw: string, now = new Date()): Promise<CitizenSessionInfo | null> {
    const id = sha256(raw);
    const s = await this.db
      .selectFrom('citizen_session as s')
      .innerJoin('citizen as c', 'c.id', 's.citizen_id')
      .select(['s.id', 's.citizen_id', 's.csrf_token', 's.loa', 's.last_seen_at', 's.expires_at', 's.revoked_at', 'c.id_number', 'c.full_name'])
      .where('s.id', '=', id)
      .executeTakeFirst();
    if (!s || s.revoked_at || s.expires_at <= now) return null;
    if (now.getTime() - s.last_seen_at.getTime() > this.config.session.idleMinutes * 60_000) return null;
    if (now.getTime() - s.last_seen_at.getTime() > 60_000)
      await this.db.updateTable('citizen_session').set({ last_seen_at: now }).where('id', '=', id).execute();
    return {
      citizenId: s.citizen_id,
      idNumber: s.id_number,
      fullName: s.full_name,
      loa: s.loa,
      sessionId: s.id,
      csrfToken: s.csrf_token,
      expiresAt: s.expires_at,
    };
  }

  async logout(sessionId: string): Promise<void> {
    await this.db.updateTable('citizen_session').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
  }
}
