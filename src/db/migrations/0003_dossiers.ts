import { type Kysely, sql } from 'kysely';

// Dossiers: the record, its append-only event history, its components and files, the daily code
// sequence per unit, the personal-data access log, and the outbox for messages to outside systems.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE stored_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      mime text NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      pages integer NOT NULL CHECK (pages > 0),
      original_name text NOT NULL DEFAULT '',
      storage_key text NOT NULL,
      unit_id uuid NOT NULL REFERENCES unit(id),
      uploaded_by uuid REFERENCES staff_user(id),
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      officer_signature text NOT NULL
    )`.execute(db);
  await sql`COMMENT ON COLUMN stored_file.officer_signature IS 'HMAC of sha256, officer and time under the server key: the receiving officer vouches for this scan'`.execute(
    db,
  );

  await sql`
    CREATE TABLE dossier_code_counter (
      unit_id uuid NOT NULL REFERENCES unit(id),
      day date NOT NULL,
      last integer NOT NULL CHECK (last > 0),
      PRIMARY KEY (unit_id, day)
    )`.execute(db);

  await sql`
    CREATE TABLE dossier (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      unit_id uuid NOT NULL REFERENCES unit(id),
      received_unit_id uuid NOT NULL REFERENCES unit(id),
      reception_point_id uuid NOT NULL REFERENCES reception_point(id),
      return_point_id uuid NOT NULL REFERENCES reception_point(id),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      procedure_version_id uuid NOT NULL REFERENCES procedure_version(id),
      channel text NOT NULL CHECK (channel IN ('in-person', 'online', 'postal')),
      status text NOT NULL,
      applicant_id_number text NOT NULL CHECK (applicant_id_number ~ '^[0-9]{12}$'),
      applicant_name text NOT NULL,
      applicant jsonb NOT NULL,
      registry_used boolean NOT NULL DEFAULT false,
      fee integer NOT NULL DEFAULT 0 CHECK (fee >= 0),
      fee_receipt_no text,
      assignee_id uuid REFERENCES staff_user(id),
      received_by uuid REFERENCES staff_user(id),
      received_at timestamptz NOT NULL,
      counted_from timestamptz NOT NULL,
      due_at timestamptz,
      finished_at timestamptz,
      returned_at timestamptz,
      supplement_count integer NOT NULL DEFAULT 0 CHECK (supplement_count <= 1),
      extension_count integer NOT NULL DEFAULT 0 CHECK (extension_count <= 1),
      withdrawal_requested boolean NOT NULL DEFAULT false,
      event_count integer NOT NULL DEFAULT 1,
      intake_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status IN ('submitted','received','in-progress','awaiting-approval','approved','awaiting-supplement','awaiting-payment','withdrawal-requested','refused','stopped','result-ready','returned')),
      -- Stopping needs the citizen's withdrawal request on record (TT 03/2025 Art. 7).
      CONSTRAINT dossier_stop_needs_request CHECK (status <> 'stopped' OR withdrawal_requested),
      CONSTRAINT dossier_finished CHECK ((status IN ('refused','stopped','result-ready','returned')) = (finished_at IS NOT NULL)),
      CONSTRAINT dossier_returned CHECK ((status = 'returned') = (returned_at IS NOT NULL))
    )`.execute(db);
  await sql`COMMENT ON COLUMN dossier.intake_key IS 'Officer id + Idempotency-Key of the intake: a retry after a crash finds the dossier instead of creating another'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN dossier.status IS 'Derived from dossier_event (the last event''s to_status), kept here for queries'`.execute(
    db,
  );
  await sql`COMMENT ON CONSTRAINT dossier_stop_needs_request ON dossier IS 'No stop without the citizen''s withdrawal request (TT 03/2025 Art. 7)'`.execute(
    db,
  );
  // Work queues: per unit and status ordered by due time; open dossiers by due time for the watch.
  await sql`CREATE INDEX dossier_unit_status_due_idx ON dossier(unit_id, status, due_at, id)`.execute(db);
  await sql`CREATE INDEX dossier_unit_received_idx ON dossier(unit_id, received_at DESC, id)`.execute(db);
  await sql`CREATE INDEX dossier_received_unit_idx ON dossier(received_unit_id, received_at DESC)`.execute(db);
  await sql`CREATE INDEX dossier_assignee_idx ON dossier(assignee_id, due_at) WHERE finished_at IS NULL`.execute(db);
  await sql`CREATE INDEX dossier_open_due_idx ON dossier(unit_id, due_at) WHERE finished_at IS NULL`.execute(db);
  await sql`CREATE INDEX dossier_applicant_idx ON dossier(applicant_id_number)`.execute(db);
  await sql`CREATE INDEX dossier_name_trgm ON dossier USING gin (motcua_fold(applicant_name) gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE dossier_event (
      id bigserial PRIMARY KEY,
      dossier_id uuid NOT NULL REFERENCES dossier(id),
      seq integer NOT NULL CHECK (seq >= 1),
      at timestamptz NOT NULL DEFAULT now(),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES staff_user(id),
      actor_name text NOT NULL,
      actor_role text NOT NULL,
      unit_id uuid REFERENCES unit(id),
      reason text NOT NULL DEFAULT '',
      data jsonb NOT NULL DEFAULT '{}',
      UNIQUE (dossier_id, seq)
    )`.execute(db);
  await sql`COMMENT ON TABLE dossier_event IS 'Append-only history of a dossier: who, role, unit, when, what, why; the control slip is generated from it'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION dossier_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossier_event is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER dossier_event_no_change BEFORE UPDATE OR DELETE ON dossier_event FOR EACH ROW EXECUTE FUNCTION dossier_event_append_only()`.execute(
    db,
  );

  await sql`
    CREATE TABLE dossier_component (
      dossier_id uuid NOT NULL REFERENCES dossier(id),
      component_id uuid NOT NULL REFERENCES procedure_component(id),
      presented boolean NOT NULL DEFAULT false,
      from_registry boolean NOT NULL DEFAULT false,
      file_ids uuid[] NOT NULL DEFAULT '{}',
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dossier_id, component_id)
    )`.execute(db);

  await sql`
    CREATE TABLE personal_data_access (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES staff_user(id),
      actor_name text NOT NULL,
      unit_id uuid REFERENCES unit(id),
      id_number text NOT NULL DEFAULT '',
      subject_type text NOT NULL,
      subject_id text NOT NULL DEFAULT '',
      purpose text NOT NULL,
      outcome text NOT NULL DEFAULT 'ok',
      request_id text NOT NULL DEFAULT ''
    )`.execute(db);
  await sql`COMMENT ON TABLE personal_data_access IS 'Every read of a citizen''s personal data (registry lookups, dossier pages) with who and why'`.execute(
    db,
  );
  await sql`CREATE INDEX personal_data_access_id_number_idx ON personal_data_access(id_number, at)`.execute(db);

  await sql`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      available_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      delivered_at timestamptz,
      dead_at timestamptz
    )`.execute(db);
  await sql`COMMENT ON TABLE outbox IS 'Messages to outside systems (national portal, SMS), written in the transaction of the change that causes them; delivered at least once with the idempotency key'`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_pending_idx ON outbox(available_at) WHERE delivered_at IS NULL AND dead_at IS NULL`.execute(db);

  await sql`ALTER TABLE deadline ADD COLUMN override_due_at timestamptz`.execute(db);
  await sql`COMMENT ON COLUMN deadline.override_due_at IS 'The one new date of an apology (apologize-and-extend); recomputation keeps it'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
