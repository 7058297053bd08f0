// The outbox's SQL: claiming due messages without two workers taking the same one, recording the outcome
// of a delivery, the administrator's lists and replay, and the national portal sync state of dossiers.
import { sql } from 'kysely';
import type { Db } from '../database';

export type OutboxMessage = {
  id: string;
  topic: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  availableAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  /** The training unit the message comes from (set by trigger, migration 0027): simulators only. */
  trainingUnitId?: string | null;
};

type Row = {
  id: string | number;
  topic: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  available_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  training_unit_id: string | null;
};

const toMessage = (r: Row): OutboxMessage => ({
  id: String(r.id),
  topic: r.topic,
  idempotencyKey: r.idempotency_key,
  payload: r.payload,
  attempts: r.attempts,
  createdAt: r.created_at,
  availableAt: r.available_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  deadAt: r.dead_at,
  trainingUnitId: r.training_unit_id ?? null,
});

/**
 * Claims up to `limit` due messages. `FOR UPDATE SKIP LOCKED` lets concurrent sweeps (other workers, other
 * servers) take disjoint rows without waiting; the claim counts the attempt and moves `available_at` past a
 * lease, so no other sweep takes the row while it is being delivered, and a worker that dies mid-delivery
 * leaves it to be retried when the lease runs out. A dossier's portal messages go one at a time, in order.
 */
export async function claimOutbox(db: Db, now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
  const r = await sql<Row>`
    UPDATE outbox o SET attempts = o.attempts + 1, available_at = ${new Date(now.getTime() + leaseMs)}
    FROM (
      SELECT id FROM outbox
      WHERE delivered_at IS NULL AND dead_at IS NULL AND available_at <= ${now}
        -- A dossier's status changes reach the portal in order: not before the earlier ones are delivered.
        AND NOT (topic = 'national-portal.status' AND EXISTS (
          SELECT 1 FROM outbox e
          WHERE e.topic = 'national-portal.status'
            AND split_part(e.idempotency_key, ':', 1) = split_part(outbox.idempotency_key, ':', 1)
            AND e.id < outbox.id AND e.delivered_at IS NULL AND e.dead_at IS NULL
        ))
        -- A webhook subscription's messages go one at a time: a receiver that is down holds only its oldest.
        AND NOT (topic = 'webhook' AND EXISTS (
          SELECT 1 FROM outbox w
          WHERE w.topic = 'webhook' AND w.payload->>'subscriptionId' = outbox.payload->>'subscriptionId'
            AND w.id < outbox.id AND w.delivered_at IS NULL AND w.dead_at IS NULL
        ))
      ORDER BY available_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.id = due.id
    RETURNING o.*`.execute(db);
  return r.rows.map(toMessage).sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markDelivered(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: now, last_error: null })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

/** A failed attempt: retry at `retryAt`, or dead when `retryAt` is null. */
export async function markFailed(db: Db, id: string, now: Date, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set(retryAt ? { available_at: retryAt, last_error: error.slice(0, 500) } : { dead_at: now, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

export type OutboxState = 'pending' | 'dead' | 'delivered';

export async function listOutbox(db: Db, state: OutboxState, limit: number, beforeId?: string): Promise<OutboxMessage[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (state === 'pending') q = q.where('delivered_at', 'is', null).where('dead_at', 'is', null).orderBy('available_at').orderBy('id');
  else if (state === 'dead') q = q.where('dead_at', 'is not', null).orderBy('dead_at', 'desc').orderBy('id', 'desc');
  else q = q.where('delivered_at', 'is not', null).orderBy('delivered_at', 'desc').orderBy('id', 'desc');
  // The next page starts after the cursor's row in the list's own order (its sort time, then id): a message that
  // became due, died or was delivered out of id order is neither skipped nor shown twice.
  if (beforeId) {
    const cursor = (col: 'available_at' | 'dead_at' | 'delivered_at') =>
      sql<boolean>`(${sql.ref(col)}, id) ${sql.raw(state === 'pending' ? '>' : '<')} (SELECT c.${sql.ref(col)}, c.id FROM outbox c WHERE c.id = ${beforeId})`;
    q = q.where(cursor(state === 'pending' ? 'available_at' : state === 'dead' ? 'dead_at' : 'delivered_at'));
  }
  const rows = await q.limit(limit).execute();
  return rows.map((r) => redactSecrets(toMessage(r as unknown as Row)));
}

/** Confirmation codes are secrets: an administrator looking at the outbox sees that one was sent, not the code. */
export function redactSecrets(m: OutboxMessage): OutboxMessage {
  if (m.payload.kind !== 'otp') return m;
  const hide = (v: unknown) =>
    typeof v === 'string' ? v.replace(/\b([A-Z]{2}-)?\d{6}\b/g, (_x, p: string | undefined) => `${p ?? ''}••••••`) : v;
  return {
    ...m,
    payload: {
      ...m.payload,
      text: hide(m.payload.text),
      ...('subject' in m.payload ? { subject: hide(m.payload.subject) } : {}),
      ...('html' in m.payload ? { html: hide(m.payload.html) } : {}),
    },
  };
}

/** A dead message back to pending, with a fresh count of attempts. Undefined when there is no such dead message. */
export async function replayOutbox(db: Db, id: string, now: Date): Promise<OutboxMessage | undefined> {
  const r = await db
    .updateTable('outbox')
    .set({ dead_at: null, attempts: 0, available_at: now })
    .where('id', '=', id)
    .where('dead_at', 'is not', null)
    .returningAll()
    .executeTakeFirst();
  return r ? redactSecrets(toMessage(r as unknown as Row)) : undefined;
}

export type PortalSync = { pending: number; delivered: number; dead: number; lastDeliveredAt: Date | null };

/** The national portal sync state of one dossier (its status changes are keyed "<dossier id>:<seq>"). */
export async function portalSyncOf(db: Db, dossierId: string): Promise<PortalSync> {
  const r = await db
    .selectFrom('outbox')
    .select([
      sql<number>`count(*) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL)::int`.as('pending'),
      sql<number>`count(*) FILTER (WHERE delivered_at IS NOT NULL)::int`.as('delivered'),
      sql<number>`count(*) FILTER (WHERE dead_at IS NOT NULL)::int`.as('dead'),
      sql<Date | null>`max(delivered_at)`.as('lastDeliveredAt'),
    ])
    .where('topic', '=', 'national-portal.status')
    .where(sql`split_part(idempotency_key, ':', 1)`, '=', dossierId)
    .executeTakeFirstOrThrow();
  return r;
}

/**
 * Dossiers of a unit received in [from, to), and how many of them the portal has heard every status change
 * of (nothing pending, nothing dead): the quality index's "% of dossiers synced to the national portal".
 */
export async function portalSyncRate(db: Db, unitId: string, from: Date, to: Date): Promise<{ dossiers: number; synced: number }> {
  const r = await sql<{ dossiers: number; synced: number }>`
    SELECT count(*)::int AS dossiers,
           count(*) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM outbox o
             WHERE o.topic = 'national-portal.status' AND split_part(o.idempotency_key, ':', 1) = d.id::text
               AND o.delivered_at IS NULL
           ) AND EXISTS (
             SELECT 1 FROM outbox o
             WHERE o.topic = 'national-portal.status' AND split_part(o.idempotency_key, ':', 1) = d.id::text
           ))::int AS synced
    FROM dossier d
    WHERE d.unit_id = ${unitId} AND d.received_at >= ${from} AND d.received_at < ${to}`.execute(db);
  return r.rows[0] ?? { dossiers: 0, synced: 0 };
}

export async function outboxMessageExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('outbox').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
