// The SQL of webhooks: subscriptions, the fan-out of an event to the outbox (one message per matching
// subscription), the delivery log with its attempts, replay, and the per-client call counter.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema';

type Q = Kysely<Database> | Transaction<Database>;

export type SubscriptionRow = {
  id: string;
  clientId: string;
  clientUnitId: string;
  url: string;
  events: string[];
  unitIds: string[];
  createdAt: Date;
  disabledAt: Date | null;
};

const subs = (db: Q) =>
  db
    .selectFrom('webhook_subscription as s')
    .innerJoin('api_client as c', 'c.id', 's.client_id')
    .select([
      's.id',
      's.client_id as clientId',
      'c.unit_id as clientUnitId',
      's.url',
      's.events',
      's.unit_ids as unitIds',
      's.created_at as createdAt',
      's.disabled_at as disabledAt',
    ]);

export async function insertSubscription(
  trx: Transaction<Database>,
  s: { clientId: string; url: string; events: string[]; unitIds: string[]; secret: string; createdBy: string },
): Promise<string> {
  const r = await trx
    .insertInto('webhook_subscription')
    .values({ client_id: s.clientId, url: s.url, events: s.events, unit_ids: s.unitIds, secret: s.secret, created_by: s.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findSubscription(db: Q, id: string): Promise<SubscriptionRow | undefined> {
  return subs(db).where('s.id', '=', id).executeTakeFirst();
}

/** Subscriptions of the given clients, newest first. */
export async function listSubscriptions(db: Q, clientIds: readonly string[]): Promise<SubscriptionRow[]> {
  if (!clientIds.length) return [];
  return subs(db).where('s.client_id', 'in', clientIds).orderBy('s.created_at', 'desc').execute();
}

export async function disableSubscription(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx.updateTable('webhook_subscription').set({ disabled_at: now }).where('id', '=', id).where('disabled_at', 'is', null).execute();
}

/** Where and how to deliver: the subscription's URL and key, and whether it (or its client) has ended. */
export async function deliveryTarget(
  db: Q,
  subscriptionId: string,
): Promise<{ url: string; secret: string; disabledAt: Date | null; clientRevokedAt: Date | null } | undefined> {
  return db
    .selectFrom('webhook_subscription as s')
    .innerJoin('api_client as c', 'c.id', 's.client_id')
    .select(['s.url', 's.secret', 's.disabled_at as disabledAt', 'c.revoked_at as clientRevokedAt'])
    .where('s.id', '=', subscriptionId)
    .executeTakeFirst();
}

/** The event id receivers see (`webhook-id`): derived from what happened, so writing the same event twice is one event. */
export function eventIdOf(eventKey: string): string {
  return `evt_${createHash('sha256').update(eventKey).digest('base64url').slice(0, 26)}`;
}

/**
 * An event, in the transaction of the change: one outbox message for each live subscription that wants this type for
 * this unit, of a live client that still reaches the unit and holds the scope the event needs. Nothing when none.
 */
export async function emitWebhookEvent(
  trx: Transaction<Database>,
  e: { type: string; scope: string; unitId: string; eventKey: string; at: Date; data: Record<string, unknown> },
): Promise<number> {
  const eventId = eventIdOf(e.eventKey);
  const r = await sql`
    INSERT INTO outbox (topic, idempotency_key, payload)
    SELECT 'webhook', 'webhook:' || s.id || ':' || ${eventId},
           jsonb_build_object('subscriptionId', s.id, 'eventId', ${eventId}::text, 'type', ${e.type}::text,
                              'timestamp', ${e.at.toISOString()}::text, 'data', ${JSON.stringify(e.data)}::jsonb)
    FROM webhook_subscription s
    JOIN api_client c ON c.id = s.client_id
    WHERE s.disabled_at IS NULL AND c.revoked_at IS NULL
      AND s.unit_ids @> ARRAY[${e.unitId}]::uuid[] AND c.unit_ids @> ARRAY[${e.unitId}]::uuid[]
      AND ${e.type}::text = ANY(s.events) AND ${e.scope}::text = ANY(c.scopes)
    ON CONFLICT (idempotency_key) DO NOTHING`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export type DeliveryRow = {
  id: string;
  subscriptionId: string;
  eventId: string;
  type: string;
  createdAt: Date;
  availableAt: Date;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  log: { at: Date; statusCode: number | null; error: string | null; durationMs: number }[];
};

type OutboxRow = {
  id: string | number;
  payload: { subscriptionId: string; eventId: string; type: string };
  created_at: Date;
  available_at: Date;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
};

async function withLog(db: Q, rows: OutboxRow[]): Promise<DeliveryRow[]> {
  const ids = rows.map((r) => String(r.id));
  const attempts = ids.length
    ? await db
        .selectFrom('webhook_attempt')
        .select(['outbox_id', 'at', 'status_code', 'error', 'duration_ms'])
        .where('outbox_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: String(r.id),
    subscriptionId: r.payload.subscriptionId,
    eventId: r.payload.eventId,
    type: r.payload.type,
    createdAt: r.created_at,
    availableAt: r.available_at,
    attempts: r.attempts,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    deadAt: r.dead_at,
    log: attempts
      .filter((a) => String(a.outbox_id) === String(r.id))
      .map((a) => ({ at: a.at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
  }));
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Q, subscriptionId: string, limit: number, beforeId?: string): Promise<DeliveryRow[]> {
  const r = await sql<OutboxRow>`
    SELECT id, payload, created_at, available_at, attempts, last_error, delivered_at, dead_at FROM outbox
    WHERE topic = 'webhook' AND payload->>'subscriptionId' = ${subscriptionId}
      ${beforeId ? sql`AND id < ${beforeId}` : sql``}
    ORDER BY id DESC LIMIT ${limit}`.execute(db);
  return withLog(db, r.rows);
}

export async function findDelivery(db: Q, id: string): Promise<DeliveryRow | undefined> {
  const r = await sql<OutboxRow>`
    SELECT id, payload, created_at, available_at, attempts, last_error, delivered_at, dead_at FROM outbox
    WHERE topic = 'webhook' AND id = ${id}`.execute(db);
  return (await withLog(db, r.rows))[0];
}

/** A delivered or dead delivery sent again (same event id, so the receiver can tell), attempts counted afresh. */
export async function replayDelivery(trx: Transaction<Database>, id: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('outbox')
    .set({ delivered_at: null, dead_at: null, attempts: 0, available_at: now, last_error: null })
    .where('id', '=', id)
    .where('topic', '=', 'webhook')
    .where((eb) => eb.or([eb('delivered_at', 'is not', null), eb('dead_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function recordAttempt(
  db: Q,
  a: { outboxId: string; subscriptionId: string; at: Date; statusCode: number | null; error: string | null; durationMs: number },
): Promise<void> {
  await db
    .insertInto('webhook_attempt')
    .values({
      outbox_id: a.outboxId,
      subscription_id: a.subscriptionId,
      at: a.at,
      status_code: a.statusCode,
      error: a.error?.slice(0, 500) ?? null,
      duration_ms: a.durationMs,
    })
    .execute();
}
