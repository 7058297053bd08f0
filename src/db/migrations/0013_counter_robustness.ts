import { type Kysely, sql } from 'kysely';

// Counter robustness: an intake draft ends with its dossier (deleted in the creating transaction; the dossier
// remembers which draft it came from so a late autosave cannot bring it back), and an Idempotency-Key's
// placeholder names the process holding it, so a retry after a crash is settled at once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossier ADD COLUMN intake_draft_id uuid`.execute(db);
  await sql`COMMENT ON COLUMN dossier.intake_draft_id IS 'The counter draft this dossier was created from (the draft itself is deleted); a late save of that draft is ignored'`.execute(
    db,
  );
  await sql`CREATE INDEX dossier_intake_draft_idx ON dossier(intake_draft_id) WHERE intake_draft_id IS NOT NULL`.execute(db);
  await sql`UPDATE dossier SET intake_draft_id = d.id FROM intake_draft d WHERE d.dossier_id = dossier.id`.execute(db);
  await sql`DELETE FROM intake_draft WHERE dossier_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX intake_draft_updated_idx ON intake_draft(updated_at)`.execute(db);

  await sql`ALTER TABLE idempotency_key ADD COLUMN holder text CHECK (holder IS NULL OR holder ~ '^[0-9]+:[0-9]+$')`.execute(db);
  await sql`COMMENT ON COLUMN idempotency_key.holder IS 'While the first request runs: "<backend pid>:<backend start µs>" of the holding process''s liveness connection; when that session is gone, the process died and a retry takes over at once'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
