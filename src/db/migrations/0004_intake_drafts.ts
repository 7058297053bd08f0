import { type Kysely, sql } from 'kysely';

// Intake drafts: the counter form's state saved on the server as the officer types, so a network failure
// or a closed tab never means typing a dossier again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE intake_draft (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
      unit_id uuid NOT NULL REFERENCES unit(id),
      data jsonb NOT NULL,
      revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
      dossier_id uuid REFERENCES dossier(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (pg_column_size(data) < 262144)
    )`.execute(db);
  await sql`COMMENT ON COLUMN intake_draft.id IS 'Chosen by the browser, so a draft saved offline keeps its identity when it reaches the server'`.execute(
    db,
  );
  await sql`CREATE INDEX intake_draft_user_idx ON intake_draft(user_id, updated_at DESC) WHERE dossier_id IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
