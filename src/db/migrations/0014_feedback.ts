import { type Kysely, sql } from 'kysely';

// Feedback (phản ánh, kiến nghị, Decree 20/2008): the record with the sender's contact, its append-only event
// history (the status is its projection), the daily code sequence per unit, each province's step deadlines
// and answer-check settings, the deadline watch's alerts, and the answer checks that failed (what the
// director's view and the `vague-answer` signal count). Deadlines are rows of `deadline`
// (subject types feedback-refuse, feedback-info, feedback, feedback-publish).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE feedback_setting (
      province_id uuid PRIMARY KEY REFERENCES unit(id),
      refuse_days numeric(5,2) NOT NULL DEFAULT 2 CHECK (refuse_days > 0 AND refuse_days <= 2),
      info_days numeric(5,2) NOT NULL DEFAULT 5 CHECK (info_days > 0 AND info_days <= 5),
      answer_days numeric(5,2) NOT NULL DEFAULT 15 CHECK (answer_days > 0 AND answer_days <= 15),
      publish_days numeric(5,2) NOT NULL DEFAULT 2 CHECK (publish_days > 0 AND publish_days <= 2),
      boilerplate text[],
      min_answer_chars integer NOT NULL DEFAULT 120 CHECK (min_answer_chars BETWEEN 0 AND 5000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES staff_user(id)
    )`.execute(db);
  await sql`COMMENT ON TABLE feedback_setting IS 'A province''s feedback step limits in working days (never longer than the national 2/5/15/2) and its list of empty phrases (NULL: the built-in list)'`.execute(
    db,
  );

  await sql`
    CREATE TABLE feedback_code_counter (
      unit_id uuid NOT NULL REFERENCES unit(id),
      day date NOT NULL,
      last integer NOT NULL CHECK (last > 0),
      PRIMARY KEY (unit_id, day)
    )`.execute(db);

  await sql`
    CREATE TABLE feedback (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      unit_id uuid NOT NULL REFERENCES unit(id),
      received_unit_id uuid NOT NULL REFERENCES unit(id),
      kind text NOT NULL CHECK (kind IN ('regulation', 'conduct', 'service')),
      channel text NOT NULL CHECK (channel IN ('web', 'portal', 'counter', 'phone', 'letter', 'dossier-rating')),
      subject text NOT NULL CHECK (length(trim(subject)) BETWEEN 1 AND 300),
      content text NOT NULL CHECK (length(trim(content)) BETWEEN 1 AND 10000),
      points text[] NOT NULL DEFAULT '{}',
      dossier_id uuid REFERENCES dossier(id),
      procedure_id uuid REFERENCES procedure(id),
      contact_name text NOT NULL CHECK (length(trim(contact_name)) > 0),
      contact_phone text NOT NULL DEFAULT '',
      contact_email text NOT NULL DEFAULT '',
      contact_address text NOT NULL DEFAULT '',
      citizen_id uuid REFERENCES citizen(id),
      file_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('received','transferred','accepted','refused','awaiting-information','answered','approved','published','closed','reopened')),
      reopened boolean NOT NULL DEFAULT false,
      received_at timestamptz NOT NULL,
      due_at timestamptz,
      question text,
      refusal_reason text,
      answer jsonb,
      answer_returns integer NOT NULL DEFAULT 0 CHECK (answer_returns >= 0),
      reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
      transfer_count integer NOT NULL DEFAULT 0 CHECK (transfer_count >= 0),
      approved_at timestamptz,
      approved_by uuid REFERENCES staff_user(id),
      published_at timestamptz,
      public_text text,
      public_folded text,
      rating_satisfied boolean,
      rating_reason text,
      rated_at timestamptz,
      event_count integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES staff_user(id),
      intake_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Decree 20/2008 Art. 7: a name and a way to answer (phone or address).
      CONSTRAINT feedback_contact CHECK (length(trim(contact_phone)) > 0 OR length(trim(contact_address)) > 0),
      CONSTRAINT feedback_answer_before_approval CHECK (status NOT IN ('answered','approved','published') OR answer IS NOT NULL),
      CONSTRAINT feedback_published_after_approval CHECK (published_at IS NULL OR approved_at IS NOT NULL),
      CONSTRAINT feedback_rated_after_publication CHECK (rated_at IS NULL OR (published_at IS NOT NULL AND rating_satisfied IS NOT NULL)),
      CONSTRAINT feedback_unsatisfied_has_reason CHECK (rating_satisfied IS NOT FALSE OR length(trim(coalesce(rating_reason, ''))) > 0)
    )`.execute(db);
  await sql`COMMENT ON COLUMN feedback.status IS 'Derived from feedback_event (the last event''s to_status), kept here for queries'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN feedback.public_text IS 'The published question and answer with personal data removed; public_folded is it without diacritics for search'`.execute(
    db,
  );
  await sql`CREATE INDEX feedback_unit_status_due_idx ON feedback(unit_id, status, due_at, id)`.execute(db);
  await sql`CREATE INDEX feedback_dossier_idx ON feedback(dossier_id) WHERE dossier_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX feedback_published_idx ON feedback(unit_id, published_at DESC) WHERE published_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX feedback_public_trgm ON feedback USING gin (public_folded gin_trgm_ops) WHERE public_folded IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE feedback_event (
      id bigserial PRIMARY KEY,
      feedback_id uuid NOT NULL REFERENCES feedback(id),
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
      UNIQUE (feedback_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION feedback_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'feedback_event is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER feedback_event_no_change BEFORE UPDATE OR DELETE ON feedback_event FOR EACH ROW EXECUTE FUNCTION feedback_event_append_only()`.execute(
    db,
  );

  await sql`
    CREATE TABLE feedback_check_failure (
      id bigserial PRIMARY KEY,
      feedback_id uuid NOT NULL REFERENCES feedback(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES staff_user(id),
      stage text NOT NULL CHECK (stage IN ('answer', 'approve')),
      checks text[] NOT NULL CHECK (cardinality(checks) > 0)
    )`.execute(db);
  await sql`COMMENT ON TABLE feedback_check_failure IS 'An answer refused by the specific-answer checks (the feedback itself is unchanged): counted in the director''s view and the vague-answer signal'`.execute(
    db,
  );
  await sql`CREATE INDEX feedback_check_failure_unit_idx ON feedback_check_failure(unit_id, at)`.execute(db);

  await sql`
    CREATE TABLE feedback_alert (
      id bigserial PRIMARY KEY,
      feedback_id uuid NOT NULL REFERENCES feedback(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      kind text NOT NULL,
      deadline_kind text NOT NULL,
      at timestamptz NOT NULL,
      due_at timestamptz,
      recipients jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT feedback_alert_once UNIQUE (feedback_id, deadline_kind, kind)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
