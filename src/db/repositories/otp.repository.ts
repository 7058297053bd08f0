// One-time confirmation codes: the challenge rows of a (purpose, subject), the current one (locked or not),
// the sends of the last hour, earlier codes still recognised as old, attempts and consumption. The rules are in
// services/otp.service.ts (see its header). The SQL of each function is snapshotted in test/db/sql/otp.sql.test.ts.
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, OtpChallengeTable } from '../schema';

/** A Db or a transaction on it. */
type Executor = Kysely<Database>;
export type OtpChallengeRow = Selectable<OtpChallengeTable>;
export type OtpSubject = { purpose: string; subjectId: string };

function current(exec: Executor, k: OtpSubject) {
  return exec
    .selectFrom('otp_challenge')
    .selectAll()
    .where('purpose', '=', k.purpose)
    .where('subject_id', '=', k.subjectId)
    .where('superseded_at', 'is', null);
}

/** Serialises sends for one (purpose, subject) (a transaction-scoped advisory lock) and returns its current challenge, locked. */
export async function lockSendsAndCurrent(trx: Transaction<Database>, k: OtpSubject): Promise<OtpChallengeRow | undefined> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`otp:${k.purpose}:${k.subjectId}`}, 0))`.execute(trx);
  return current(trx, k).forUpdate().executeTakeFirst();
}

/** The current challenge, locked (a verify). */
export function lockCurrentChallenge(trx: Transaction<Database>, k: OtpSubject): Promise<OtpChallengeRow | undefined> {
  return current(trx, k).forUpdate().executeTakeFirst();
}

export function findCurrentChallenge(exec: Executor, k: OtpSubject): Promise<OtpChallengeRow | undefined> {
  return current(exec, k).executeTakeFirst();
}

export function getChallenge(exec: Executor, id: string): Promise<OtpChallengeRow> {
  return exec.selectFrom('otp_challenge').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A lock the transaction waits for longer than `timeout` fails (55P03) instead of hanging. */
export async function setLockTimeout(trx: Transaction<Database>, timeout: '10s'): Promise<void> {
  await sql`SET LOCAL lock_timeout = ${sql.lit(timeout)}`.execute(trx);
}

/** Sends in (since, until], oldest first. */
export function sendsBetween(exec: Executor, k: OtpSubject, since: Date, until: Date): Promise<{ prefix: string; created_at: Date }[]> {
  return exec
    .selectFrom('otp_challenge')
    .select(['prefix', 'created_at'])
    .where('purpose', '=', k.purpose)
    .where('subject_id', '=', k.subjectId)
    .where('created_at', '>', since)
    .where('created_at', '<=', until)
    .orderBy('created_at', 'asc')
    .execute();
}

/** Superseded challenges created after `since`, latest first, at most 20 (with `prefix`: only that prefix's). */
export function supersededSince(exec: Executor, k: OtpSubject, since: Date, prefix?: string): Promise<OtpChallengeRow[]> {
  let q = exec
    .selectFrom('otp_challenge')
    .selectAll()
    .where('purpose', '=', k.purpose)
    .where('subject_id', '=', k.subjectId)
    .where('superseded_at', 'is not', null)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(20);
  if (prefix) q = q.where('prefix', '=', prefix);
  return q.execute();
}

export async function markVerified(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx.updateTable('otp_challenge').set({ verified_at: now }).where('id', '=', id).execute();
}

/** A wrong code counted. */
export async function setAttempts(trx: Transaction<Database>, id: string, attempts: number): Promise<void> {
  await trx.updateTable('otp_challenge').set({ attempts }).where('id', '=', id).execute();
}

/**
 * Consumes a challenge checked in another transaction, if it is still usable: not verified, not superseded,
 * not expired, attempts left. Undefined when another request consumed or replaced it in between.
 */
export function consumeChallenge(exec: Executor, id: string, now: Date): Promise<OtpChallengeRow | undefined> {
  return exec
    .updateTable('otp_challenge')
    .set({ verified_at: now })
    .where('id', '=', id)
    .where('verified_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .whereRef('attempts', '<', 'max_attempts')
    .returningAll()
    .executeTakeFirst();
}

/** A new challenge superseding the current one (if any). */
export async function replaceChallenge(
  trx: Transaction<Database>,
  currentId: string | undefined,
  values: Insertable<OtpChallengeTable>,
  now: Date,
): Promise<void> {
  if (currentId) await trx.updateTable('otp_challenge').set({ superseded_at: now }).where('id', '=', currentId).execute();
  await trx.insertInto('otp_challenge').values(values).execute();
}
