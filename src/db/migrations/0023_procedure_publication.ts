import { type Kysely, sql } from 'kysely';

// The publication of procedure versions (issue 17): a version made by the e-form builder or the editor starts as a
// draft, is reviewed, then published with the deciding document (number, date), its effective date and the time
// it was made public — the records Decision 766 indicators 1.1–1.2 are computed from. The version itself stays
// immutable; its lifecycle is this table (domain/catalogue/publication.ts). A version with no row here was
// published directly (the editor, the import) before this workflow. A published row never changes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE procedure_publication (
      version_id uuid PRIMARY KEY REFERENCES procedure_version(id),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'published', 'withdrawn')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES staff_user(id),
      reviewed_at timestamptz,
      reviewed_by uuid REFERENCES staff_user(id),
      decision_number text CHECK (decision_number IS NULL OR length(btrim(decision_number)) BETWEEN 1 AND 100),
      decision_date date,
      effective_date date,
      published_at timestamptz,
      published_by uuid REFERENCES staff_user(id),
      CHECK (effective_date IS NULL OR decision_date IS NULL OR effective_date >= decision_date),
      CHECK (status <> 'published' OR (decision_number IS NOT NULL AND decision_date IS NOT NULL AND effective_date IS NOT NULL AND published_at IS NOT NULL)),
      CHECK (status NOT IN ('reviewed', 'published') OR reviewed_at IS NOT NULL)
    )`.execute(db);
  await sql`COMMENT ON TABLE procedure_publication IS 'Lifecycle of a procedure version: draft → reviewed → published (deciding document, effective date, publication time) or withdrawn when a newer draft replaces it'`.execute(
    db,
  );
  // At most one version of a procedure is being prepared at a time.
  await sql`CREATE UNIQUE INDEX procedure_publication_open_idx ON procedure_publication(procedure_id) WHERE status IN ('draft', 'reviewed')`.execute(
    db,
  );
  await sql`CREATE INDEX procedure_publication_published_idx ON procedure_publication(published_at) WHERE status = 'published'`.execute(db);
  await sql`
    CREATE FUNCTION procedure_publication_final() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status IN ('published', 'withdrawn') THEN
        RAISE EXCEPTION 'a % procedure version does not change', OLD.status USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER procedure_publication_final BEFORE UPDATE OR DELETE ON procedure_publication FOR EACH ROW EXECUTE FUNCTION procedure_publication_final()`.execute(
    db,
  );
}
