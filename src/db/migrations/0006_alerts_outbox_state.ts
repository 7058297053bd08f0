import { type Kysely, sql } from 'kysely';

// Background work: the deadline watch's notifications (once per dossier and kind, by a unique key) and
// the indexes the outbox's administration and the per-dossier sync state read through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE dossier_alert (
      id bigserial PRIMARY KEY,
      dossier_id uuid NOT NULL REFERENCES dossier(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      kind text NOT NULL CHECK (kind ~ '^(due-soon-[0-9]+(\\.[0-9]+)?h|overdue|breach|apology-prompt|supplement-reminder|online-not-accepted)$'),
      at timestamptz NOT NULL DEFAULT now(),
      due_at timestamptz,
      recipients jsonb NOT NULL DEFAULT '[]',
      data jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT dossier_alert_once UNIQUE (dossier_id, kind)
    )`.execute(db);
  await sql`COMMENT ON TABLE dossier_alert IS 'Notifications of the deadline watch: at most one per dossier and kind, written in one transaction with their outbox messages'`.execute(
    db,
  );
  await sql`CREATE INDEX dossier_alert_unit_idx ON dossier_alert(unit_id, at DESC, id)`.execute(db);

  await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_attempts_nonnegative CHECK (attempts >= 0)`.execute(db);
  await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_one_end CHECK (delivered_at IS NULL OR dead_at IS NULL)`.execute(db);
  // The dossier's status changes (key "<dossier id>:<seq>"): sync state per dossier and sync rate per unit.
  await sql`CREATE INDEX outbox_portal_dossier_idx ON outbox ((split_part(idempotency_key, ':', 1))) WHERE topic = 'national-portal.status'`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_dead_idx ON outbox(dead_at DESC, id) WHERE dead_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX outbox_delivered_idx ON outbox(delivered_at DESC, id) WHERE delivered_at IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
