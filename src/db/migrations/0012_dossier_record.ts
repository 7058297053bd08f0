import { type Kysely, sql } from 'kysely';

// The dossier's record is complete: the e-form answers an online application carried (validated against the
// procedure version's schema when the dossier is created) are kept with the dossier, and the acts the
// province audits carry their evidence. The checks below hold for every event written from now on (NOT VALID
// leaves any older history as it is): a result is issued with at least one result file, a supplement is
// received with at least one component, a withdrawal request taken at the counter or by post names the
// scan of the citizen's signed request, and an apology's new date is later than the old one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossier ADD COLUMN form_answers jsonb CHECK (form_answers IS NULL OR jsonb_typeof(form_answers) = 'object')`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN dossier.form_answers IS 'The e-form answers of an online application (tờ khai điện tử), as validated against the procedure version''s formSchema; NULL for a dossier filed on paper'`.execute(
    db,
  );
  await sql`
    ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_result_has_file CHECK (
      action <> 'issue-result' OR jsonb_array_length(COALESCE(data->'resultFiles', '[]'::jsonb)) > 0
    ) NOT VALID`.execute(db);
  await sql`
    ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_supplement_received CHECK (
      action <> 'receive-supplement' OR jsonb_array_length(COALESCE(data->'received', '[]'::jsonb)) > 0
    ) NOT VALID`.execute(db);
  await sql`
    ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_withdrawal_evidence CHECK (
      action <> 'record-withdrawal-request'
      OR data->>'channel' = 'online'
      OR jsonb_array_length(COALESCE(data->'evidenceFiles', '[]'::jsonb)) > 0
    ) NOT VALID`.execute(db);
  await sql`
    ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_apology_later CHECK (
      action <> 'apologize-and-extend'
      OR data->>'oldDueAt' IS NULL
      OR (data->>'newDueAt')::timestamptz > (data->>'oldDueAt')::timestamptz
    ) NOT VALID`.execute(db);
}
