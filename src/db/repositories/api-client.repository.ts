// The SQL of machine clients: clients with their acting staff_user identity, their hashed secrets and tokens.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Q = Kysely<Database> | Transaction<Database>;

export type ApiClientRow = {
  id: string;
  userId: string;
  username: string;
  unitId: string;
  name: string;
  scopes: string[];
  unitIds: string[];
  ipAllow: string[];
  ratePerMinute: number;
  createdAt: Date;
  revokedAt: Date | null;
};

const base = (db: Q) =>
  db
    .selectFrom('api_client as c')
    .innerJoin('staff_user as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.user_id as userId',
      'u.username',
      'c.unit_id as unitId',
      'c.name',
      'c.scopes',
      'c.unit_ids as unitIds',
      'c.ip_allow as ipAllow',
      'c.rate_per_minute as ratePerMinute',
      'c.created_at as createdAt',
      'c.revoked_at as revokedAt',
    ]);

export async function findApiClient(db: Q, id: string): Promise<ApiClientRow | undefined> {
  return base(db).where('c.id', '=', id).executeTakeFirst();
}

/** The client acting as staff_user `userId` (a bearer request's actor), if it is one. */
export async function findApiClientByUser(db: Q, userId: string): Promise<ApiClientRow | undefined> {
  return base(db).where('c.user_id', '=', userId).executeTakeFirst();
}

/** Clients registered for one of `unitIds` or reaching one of them, newest first. */
export async function listApiClients(db: Db, unitIds: readonly string[]): Promise<ApiClientRow[]> {
  if (!unitIds.length) return [];
  return base(db)
    .where((eb) => eb.or([eb('c.unit_id', 'in', unitIds), eb('c.unit_ids', '&&', eb.val([...unitIds]))]))
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function insertApiClient(
  trx: Transaction<Database>,
  c: {
    username: string;
    name: string;
    unitId: string;
    scopes: string[];
    unitIds: string[];
    ipAllow: string[];
    ratePerMinute: number;
    createdBy: string;
    secretHash: string;
  },
): Promise<{ id: string; userId: string }> {
  // The acting identity: no usable password (not an argon2 hash, so no password ever verifies), kind 'client'.
  const user = await trx
    .insertInto('staff_user')
    .values({
      username: c.username,
      full_name: c.name,
      password_hash: '!api-client',
      kind: 'client',
      password_changed_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const client = await trx
    .insertInto('api_client')
    .values({
      user_id: user.id,
      unit_id: c.unitId,
      name: c.name,
      scopes: c.scopes,
      unit_ids: c.unitIds,
      ip_allow: c.ipAllow,
      rate_per_minute: c.ratePerMinute,
      created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('api_client_secret').values({ client_id: client.id, secret_hash: c.secretHash }).execute();
  return { id: client.id, userId: user.id };
}

/** The secrets that verify now: the current one and a rotated one still in its overlap. */
export async function liveSecrets(
  db: Q,
  clientId: string,
  now: Date,
): Promise<{ id: string; secretHash: string; createdAt: Date; expiresAt: Date | null }[]> {
  return db
    .selectFrom('api_client_secret')
    .select(['id', 'secret_hash as secretHash', 'created_at as createdAt', 'expires_at as expiresAt'])
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute();
}

/** Rotation: every live secret ends at `oldUntil` (at the latest), and a new one starts. */
export async function rotateSecret(
  trx: Transaction<Database>,
  clientId: string,
  secretHash: string,
  now: Date,
  oldUntil: Date,
): Promise<void> {
  await trx
    .updateTable('api_client_secret')
    .set({ expires_at: oldUntil })
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', oldUntil)]))
    .execute();
  await trx.insertInto('api_client_secret').values({ client_id: clientId, secret_hash: secretHash, created_at: now }).execute();
}

export async function revokeApiClient(trx: Transaction<Database>, clientId: string, userId: string, now: Date): Promise<void> {
  await trx.updateTable('api_client').set({ revoked_at: now }).where('id', '=', clientId).where('revoked_at', 'is', null).execute();
  await trx.updateTable('api_token').set({ revoked_at: now }).where('client_id', '=', clientId).where('revoked_at', 'is', null).execute();
  await trx
    .updateTable('api_client_secret')
    .set({ expires_at: now })
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  await trx.updateTable('staff_user').set({ active: false, updated_at: now }).where('id', '=', userId).execute();
}

export async function insertToken(db: Q, t: { id: string; clientId: string; scopes: string[]; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('api_token')
    .values({ id: t.id, client_id: t.clientId, scopes: t.scopes, created_at: t.now, expires_at: t.expiresAt })
    .execute();
}

/** A token by its hash with its client. */
export async function findToken(db: Q, id: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('api_client as c', 'c.id', 't.client_id')
    .innerJoin('staff_user as u', 'u.id', 'c.user_id')
    .select([
      't.client_id as clientId',
      't.scopes',
      't.expires_at as expiresAt',
      't.revoked_at as tokenRevokedAt',
      'c.revoked_at as clientRevokedAt',
      'c.user_id as userId',
      'u.username',
      'c.name',
      'c.unit_ids as unitIds',
      'c.ip_allow as ipAllow',
      'c.rate_per_minute as ratePerMinute',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/**
 * Counts one call of a client in minute `minute` (epoch minutes) and answers the count so far, shared by every
 * process on this database. The first call of a minute also deletes the client's rows of earlier minutes.
 */
export async function countClientCall(db: Q, clientId: string, minute: number): Promise<number> {
  const r = await sql<{ calls: number }>`
    INSERT INTO api_client_rate (client_id, minute, calls) VALUES (${clientId}, ${minute}, 1)
    ON CONFLICT (client_id, minute) DO UPDATE SET calls = api_client_rate.calls + 1
    RETURNING calls`.execute(db);
  const calls = r.rows[0]?.calls ?? 1;
  if (calls === 1)
    await db
      .deleteFrom('api_client_rate')
      .where('client_id', '=', clientId)
      .where('minute', '<', String(minute - 1))
      .execute();
  return calls;
}
