import { type Kysely, sql } from 'kysely';

// Webhooks of API clients (issue 18), and the per-client call counter shared by every server process.
//
// A subscription belongs to an API client and names the events it wants and the units they concern (within the
// client's reach). Each event becomes one outbox message per matching subscription (topic 'webhook'), written in
// the transaction of the change, so deliveries get the outbox's retries, back-off and dead list; the payload holds
// the subscription id, which the outbox uses to deliver one subscription's messages one at a time, in order.
// Every attempt is logged (webhook_attempt) for the administrator's delivery log.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id uuid NOT NULL REFERENCES api_client(id),
      url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
      events text[] NOT NULL CHECK (
        cardinality(events) > 0
        AND events <@ ARRAY['dossier.status-changed', 'dossier.result-issued', 'feedback.published', 'indicator.threshold-crossed']::text[]
      ),
      unit_ids uuid[] NOT NULL CHECK (cardinality(unit_ids) > 0),
      secret text NOT NULL CHECK (secret ~ '^whsec_'),
      created_by uuid NOT NULL REFERENCES staff_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`COMMENT ON TABLE webhook_subscription IS 'An API client''s webhook: the events it wants for some of the units it reaches, delivered signed (Standard Webhooks) to url'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN webhook_subscription.secret IS 'The HMAC-SHA256 signing key (whsec_ + base64). Kept readable because every delivery is signed with it; never shown again after creation'`.execute(
    db,
  );
  await sql`CREATE INDEX webhook_subscription_client_idx ON webhook_subscription(client_id)`.execute(db);
  await sql`CREATE INDEX webhook_subscription_live_idx ON webhook_subscription USING gin (unit_ids) WHERE disabled_at IS NULL`.execute(db);

  // One subscription's pending messages, oldest first: the outbox claims only the head of each queue.
  await sql`CREATE INDEX outbox_webhook_queue_idx ON outbox ((payload->>'subscriptionId'), id) WHERE topic = 'webhook' AND delivered_at IS NULL AND dead_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_webhook_log_idx ON outbox ((payload->>'subscriptionId'), id DESC) WHERE topic = 'webhook'`.execute(db);

  await sql`
    CREATE TABLE webhook_attempt (
      id bigserial PRIMARY KEY,
      outbox_id bigint NOT NULL REFERENCES outbox(id),
      subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
      at timestamptz NOT NULL,
      status_code integer,
      error text,
      duration_ms integer NOT NULL CHECK (duration_ms >= 0)
    )`.execute(db);
  await sql`COMMENT ON TABLE webhook_attempt IS 'Each delivery attempt of a webhook message: the receiver''s HTTP status or why there was none'`.execute(
    db,
  );
  await sql`CREATE INDEX webhook_attempt_outbox_idx ON webhook_attempt(outbox_id, id)`.execute(db);

  await sql`
    CREATE TABLE api_client_rate (
      client_id uuid NOT NULL REFERENCES api_client(id),
      minute bigint NOT NULL,
      calls integer NOT NULL,
      PRIMARY KEY (client_id, minute)
    )`.execute(db);
  await sql`COMMENT ON TABLE api_client_rate IS 'Calls of an API client per minute (epoch minutes), counted by every server process together; rows older than a few minutes are deleted'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
