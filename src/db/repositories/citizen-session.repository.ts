// Citizens signing in with VNeID: the sign-in attempts (state, nonce, PKCE verifier; spent once), the citizen
// records the identities refresh, and the citizens' sessions. The rules are in src/services/citizen-auth.service.ts.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../database';
import type { CitizenSessionTable, Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** What an identity says of a citizen (src/services/citizen-auth.service.ts `CitizenIdentity`). */
export type CitizenRecordInput = {
  idNumber: string;
  fullName: string;
  dateOfBirth?: string;
  address?: string;
  phone?: string;
  email?: string;
  sub?: string;
  loa?: 1 | 2;
};

export async function insertSignInAttempt(
  db: Executor,
  start: { state: string; nonce: string; codeVerifier: string; acr: string },
  returnTo: string,
): Promise<void> {
  await db
    .insertInto('oidc_login')
    .values({ state: start.state, nonce: start.nonce, code_verifier: start.codeVerifier, acr: start.acr, return_to: returnTo })
    .execute();
}

export async function forgetSignInAttemptsBefore(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('oidc_login').where('created_at', '<', before).execute();
}

/** Spends an unused attempt made after `notBefore` (once: a replayed callback finds nothing). */
export async function spendSignInAttempt(db: Executor, state: string, now: Date, notBefore: Date) {
  return db
    .updateTable('oidc_login')
    .set({ used_at: now, outcome: 'pending' })
    .where('state', '=', state)
    .where('used_at', 'is', null)
    .where('created_at', '>', notBefore)
    .returning(['state', 'nonce', 'code_verifier', 'return_to'])
    .executeTakeFirst();
}

export async function setSignInOutcome(db: Executor, state: string, outcome: string): Promise<void> {
  await db.updateTable('oidc_login').set({ outcome }).where('state', '=', state).execute();
}

/** Creates or refreshes the citizen record from an identity (empty fields keep what was known). */
export async function upsertCitizenRow(db: Executor, id: CitizenRecordInput) {
  return db
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
}

export async function markCitizenSignedIn(trx: Executor, citizenId: string, at: Date) {
  return trx
    .updateTable('citizen')
    .set({ last_login_at: at })
    .where('id', '=', citizenId)
    .returning(['id', 'id_number', 'full_name'])
    .executeTakeFirstOrThrow();
}

export async function insertCitizenSession(trx: Executor, values: Insertable<CitizenSessionTable>): Promise<void> {
  await trx.insertInto('citizen_session').values(values).execute();
}

/** A session with its citizen and, for an assisted one, the officer's account. */
export async function findCitizenSession(db: Executor, id: string) {
  return db
    .selectFrom('citizen_session as s')
    .innerJoin('citizen as c', 'c.id', 's.citizen_id')
    .leftJoin('staff_user as u', 'u.id', 's.assisted_by')
    .select([
      's.id',
      's.citizen_id',
      's.csrf_token',
      's.loa',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      's.verification',
      'c.id_number',
      'c.full_name',
      'u.id as assisted_id',
      'u.full_name as assisted_name',
      'u.active as assisted_active',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchCitizenSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('citizen_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeCitizenSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('citizen_session').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function findCitizen(db: Executor, citizenId: string) {
  return db.selectFrom('citizen').selectAll().where('id', '=', citizenId).executeTakeFirstOrThrow();
}
