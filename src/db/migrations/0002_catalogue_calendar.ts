import { type Kysely, sql } from 'kysely';

// The procedure catalogue (versioned: a dossier keeps the version it was received under), the units that
// handle each procedure, the working-day calendar per province and year, and deadlines with their
// recorded recomputations.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE procedure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      province_id uuid NOT NULL REFERENCES unit(id),
      code text NOT NULL CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
      current_version_id uuid,
      published boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (province_id, code)
    )`.execute(db);

  await sql`
    CREATE TABLE procedure_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      version integer NOT NULL CHECK (version >= 1),
      name text NOT NULL,
      name_folded text GENERATED ALWAYS AS (motcua_fold(name)) STORED,
      field text NOT NULL,
      level text NOT NULL CHECK (level IN ('commune', 'province')),
      legal_basis jsonb NOT NULL DEFAULT '[]',
      processing_days numeric(6,2) NOT NULL CHECK (processing_days >= 0),
      cutoff_time text NOT NULL DEFAULT '15:00' CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      fee jsonb NOT NULL,
      steps jsonb NOT NULL,
      result_type text NOT NULL,
      channels text[] NOT NULL CHECK (channels <@ ARRAY['in-person', 'online', 'postal'] AND cardinality(channels) > 0),
      online_level text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
      boundary_free boolean NOT NULL DEFAULT false,
      form_schema jsonb,
      effective_from date,
      effective_to date,
      notes text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES staff_user(id),
      UNIQUE (procedure_id, version),
      CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_from <= effective_to),
      CHECK (fee->>'kind' IN ('free', 'fixed', 'per-unit'))
    )`.execute(db);
  await sql`COMMENT ON TABLE procedure_version IS 'Immutable: editing a procedure inserts a new version; dossiers reference the version they were received under'`.execute(
    db,
  );
  await sql`ALTER TABLE procedure ADD CONSTRAINT procedure_current_version_fk FOREIGN KEY (current_version_id) REFERENCES procedure_version(id) DEFERRABLE INITIALLY DEFERRED`.execute(
    db,
  );
  await sql`CREATE INDEX procedure_version_name_trgm ON procedure_version USING gin (name_folded gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE procedure_component (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version_id uuid NOT NULL REFERENCES procedure_version(id),
      position integer NOT NULL CHECK (position >= 0),
      name text NOT NULL,
      mandatory boolean NOT NULL,
      originals integer NOT NULL DEFAULT 1 CHECK (originals >= 0),
      copies integer NOT NULL DEFAULT 0 CHECK (copies >= 0),
      accepted text[] NOT NULL CHECK (accepted <@ ARRAY['paper', 'electronic', 'presented'] AND cardinality(accepted) > 0),
      from_registry boolean NOT NULL DEFAULT false,
      UNIQUE (version_id, position)
    )`.execute(db);
  await sql`COMMENT ON COLUMN procedure_component.from_registry IS 'Data held by the National Population Database: taken from there, never demanded on paper (Decree 104/2022, Decree 224/2026 Art. 18(4))'`.execute(
    db,
  );

  // Immutability of versions and their components, enforced where no code path can skip it.
  await sql`
    CREATE FUNCTION procedure_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are immutable: create a new procedure version', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END $$`.execute(db);
  await sql`CREATE TRIGGER procedure_version_no_update BEFORE UPDATE OR DELETE ON procedure_version FOR EACH ROW EXECUTE FUNCTION procedure_version_immutable()`.execute(
    db,
  );
  await sql`CREATE TRIGGER procedure_component_no_update BEFORE UPDATE OR DELETE ON procedure_component FOR EACH ROW EXECUTE FUNCTION procedure_version_immutable()`.execute(
    db,
  );

  await sql`
    CREATE TABLE unit_procedure (
      unit_id uuid NOT NULL REFERENCES unit(id),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      enabled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (unit_id, procedure_id)
    )`.execute(db);
  await sql`CREATE INDEX unit_procedure_procedure_idx ON unit_procedure(procedure_id)`.execute(db);

  await sql`
    CREATE TABLE calendar_year (
      province_id uuid NOT NULL REFERENCES unit(id),
      year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
      holidays date[] NOT NULL,
      working_days date[] NOT NULL,
      generated boolean NOT NULL DEFAULT false,
      source text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES staff_user(id),
      PRIMARY KEY (province_id, year)
    )`.execute(db);
  await sql`COMMENT ON TABLE calendar_year IS 'Holidays and swapped working days per year as data; a year with no row is generated from the Labour Code rules'`.execute(
    db,
  );

  await sql`
    CREATE TABLE deadline (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      received_at timestamptz NOT NULL,
      working_days numeric(6,2) NOT NULL CHECK (working_days >= 0),
      mode text NOT NULL DEFAULT 'restart' CHECK (mode IN ('pause', 'restart')),
      pauses jsonb NOT NULL DEFAULT '[]',
      counted_from timestamptz NOT NULL,
      due_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subject_type, subject_id),
      CHECK (due_at IS NULL OR due_at >= counted_from),
      CHECK (counted_from >= received_at - interval '1 second' OR jsonb_array_length(pauses) > 0)
    )`.execute(db);
  await sql`COMMENT ON COLUMN deadline.due_at IS 'NULL while the clock is stopped (an open pause awaiting the citizen)'`.execute(db);
  // The watch and the recomputation read only open deadlines: their cost does not grow with history.
  await sql`CREATE INDEX deadline_open_due_idx ON deadline(unit_id, due_at) WHERE closed_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE deadline_change (
      id bigserial PRIMARY KEY,
      deadline_id uuid NOT NULL REFERENCES deadline(id),
      at timestamptz NOT NULL DEFAULT now(),
      old_counted_from timestamptz NOT NULL,
      new_counted_from timestamptz NOT NULL,
      old_due_at timestamptz,
      new_due_at timestamptz,
      reason text NOT NULL,
      actor_id uuid REFERENCES staff_user(id)
    )`.execute(db);
  await sql`CREATE INDEX deadline_change_deadline_idx ON deadline_change(deadline_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
