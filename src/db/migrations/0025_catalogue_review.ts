import { type Kysely, sql } from 'kysely';

// The catalogue review (issue 17): the province's reviewer compares each procedure with its previous published
// version, with how the province's units handle it, and with the time limit the law sets, then signs off.
// procedure_legal_time: the time limit stated by the law or the national catalogue for a procedure (what its
// processing time is checked against), with where it comes from. catalogue_review: one row per sign-off, with
// what the reviewer saw (the findings); append-only, so who signed off what and when is never rewritten.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE procedure_legal_time (
      procedure_id uuid PRIMARY KEY REFERENCES procedure(id),
      legal_days numeric(6, 2) NOT NULL CHECK (legal_days >= 0 AND legal_days <= 365),
      source text NOT NULL CHECK (length(btrim(source)) BETWEEN 1 AND 500),
      set_by uuid REFERENCES staff_user(id),
      set_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE procedure_legal_time IS 'The processing time the law (or the national catalogue) sets for a procedure: the review flags a version whose time differs'`.execute(
    db,
  );
  await sql`
    CREATE TABLE catalogue_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      version_id uuid NOT NULL REFERENCES procedure_version(id),
      signed_by uuid NOT NULL REFERENCES staff_user(id),
      signed_at timestamptz NOT NULL DEFAULT now(),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
      findings jsonb NOT NULL
    )`.execute(db);
  await sql`COMMENT ON TABLE catalogue_review IS 'Sign-offs of the catalogue review: who reviewed which version of a procedure, when, and what the review showed then; append-only'`.execute(
    db,
  );
  await sql`CREATE INDEX catalogue_review_procedure_idx ON catalogue_review(procedure_id, signed_at DESC)`.execute(db);
  await sql`
    CREATE FUNCTION catalogue_review_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'a catalogue review sign-off does not change' USING ERRCODE = 'integrity_constraint_violation';
    END $$`.execute(db);
  await sql`CREATE TRIGGER catalogue_review_append_only BEFORE UPDATE OR DELETE ON catalogue_review FOR EACH ROW EXECUTE FUNCTION catalogue_review_append_only()`.execute(
    db,
  );
}
