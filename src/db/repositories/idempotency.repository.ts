// The SQL of Idempotency-Key placeholders (table idempotency_key): take a key, read the first attempt's row,
// take over a dead holder's placeholder, and record or drop the outcome. The rules are in
// services/idempotency.service.ts; the HTTP hook in api/idempotency.ts.
import type { Db } from '../database';

export const PENDING = 0;

export type IdempotencyRow = {
  body_hash: string;
  status_code: number;
  response: unknown;
  holder: string | null;
  created_at: Date;
};

/** Takes the key with a placeholder; false when a row for (actor, key) already exists. */
export async function takeKey(
  db: Db,
  k: { actor: string; key: string; method: string; path: string; bodyHash: string; holder: string | null },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_key')
    .values({
      actor: k.actor,
      key: k.key,
      method: k.method,
      path: k.path,
      body_hash: k.bodyHash,
      status_code: PENDING,
      response: 'null',
      holder: k.holder,
    })
    .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findKey(db: Db, actor: string, key: string): Promise<IdempotencyRow> {
  return db
    .selectFrom('idempotency_key')
    .select(['body_hash', 'status_code', 'response', 'holder', 'created_at'])
    .where('actor', '=', actor)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

/** Moves a still-pending placeholder from `priorHolder` to `holder`; false when someone else took it first. */
export async function takeOver(
  db: Db,
  actor: string,
  key: string,
  priorHolder: string | null,
  holder: string | null,
  now: Date,
): Promise<boolean> {
  const taken = await db
    .updateTable('idempotency_key')
    .set({ created_at: now, holder })
    .where('actor', '=', actor)
    .where('key', '=', key)
    .where('status_code', '=', PENDING)
    .where((eb) => (priorHolder ? eb('holder', '=', priorHolder) : eb('holder', 'is', null)))
    .returning('key')
    .executeTakeFirst();
  return taken !== undefined;
}

export async function recordAnswer(db: Db, actor: string, key: string, statusCode: number, response: string): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ status_code: statusCode, response })
    .where('actor', '=', actor)
    .where('key', '=', key)
    .execute();
}

export async function dropKey(db: Db, actor: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_key').where('actor', '=', actor).where('key', '=', key).execute();
}
