import { type Kysely, sql } from 'kysely';

// Training mode (issue 16): training units inside the real installation.
// - unit.training: set when a unit is created (a child of a training unit is training too) and never changed, so
//   real records cannot be moved into training nor training ones made real.
// - user_role: an account holds roles in training units only or in real units only (trainees never touch real data).
// - outbox.training_unit_id: every message is marked, in one place (a BEFORE INSERT trigger), with the training
//   unit it comes from, whatever code wrote it; the sweep delivers marked messages to the simulators only.
// - Indicators: facts and rollups never receive a training unit's row (BEFORE INSERT triggers), so nothing read
//   from them (dashboards, form 06, compliance alerts, the transparency page, reports) counts training work.
// - Reset: with `motcua.training_reset = 'on'` in the transaction, the append-only histories of training
//   dossiers and feedback may be deleted (training_purge), and nothing else.
// - training_attempt: a trainee's guided exercise, its scenario and the check's findings.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE unit ADD COLUMN training boolean NOT NULL DEFAULT false`.execute(db);
  await sql`COMMENT ON COLUMN unit.training IS 'A training unit: synthetic data only, never sent to real systems nor counted; inherited by children, fixed at creation'`.execute(
    db,
  );
  await sql`ALTER TABLE unit ADD COLUMN training_owner_id uuid REFERENCES unit(id)`.execute(db);
  await sql`COMMENT ON COLUMN unit.training_owner_id IS 'The real province whose administrators create, seed and reset this training unit'`.execute(
    db,
  );
  await sql`ALTER TABLE unit ADD CONSTRAINT unit_training_owner CHECK (training = (training_owner_id IS NOT NULL))`.execute(db);
  await sql`
    CREATE FUNCTION unit_training_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE parent unit;
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.training IS DISTINCT FROM OLD.training THEN
        RAISE EXCEPTION 'unit.training is fixed at creation' USING ERRCODE = 'check_violation';
      END IF;
      SELECT * INTO parent FROM unit p WHERE p.id = NEW.parent_id;
      IF parent.training THEN
        NEW.training := true;
        NEW.training_owner_id := parent.training_owner_id;
      ELSIF NEW.training AND NEW.training_owner_id IS NULL THEN
        NEW.training_owner_id := NEW.parent_id;
      END IF;
      IF TG_OP = 'UPDATE' AND NEW.training IS DISTINCT FROM OLD.training THEN
        RAISE EXCEPTION 'a unit cannot move between training and real' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER unit_training_fixed BEFORE INSERT OR UPDATE OF training, parent_id ON unit FOR EACH ROW EXECUTE FUNCTION unit_training_fixed()`.execute(
    db,
  );

  await sql`
    CREATE FUNCTION user_role_one_world() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE t boolean;
    BEGIN
      SELECT training INTO t FROM unit WHERE id = NEW.unit_id;
      IF EXISTS (SELECT 1 FROM user_role r JOIN unit u ON u.id = r.unit_id
                 WHERE r.user_id = NEW.user_id AND u.training IS DISTINCT FROM t) THEN
        RAISE EXCEPTION 'an account holds roles in training units or in real units, not both' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER user_role_one_world BEFORE INSERT OR UPDATE ON user_role FOR EACH ROW EXECUTE FUNCTION user_role_one_world()`.execute(
    db,
  );

  // The training unit a message comes from, by what it names: the dossier (portal status keys start with its id),
  // the feedback, the unit, the appointment or the queue ticket. Null: a real message.
  await sql`ALTER TABLE outbox ADD COLUMN training_unit_id uuid REFERENCES unit(id)`.execute(db);
  await sql`COMMENT ON COLUMN outbox.training_unit_id IS 'Set by trigger when the message comes from a training unit: delivered to the simulators only, never to a real system'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION motcua_uuid_or_null(t text) RETURNS uuid LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      IF t IS NULL OR t !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NULL; END IF;
      RETURN t::uuid;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION outbox_training_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      p jsonb := NEW.payload;
      dossier uuid := COALESCE(motcua_uuid_or_null(p->>'dossierId'),
        CASE WHEN NEW.topic = 'national-portal.status' THEN motcua_uuid_or_null(split_part(NEW.idempotency_key, ':', 1)) END);
      fb uuid := COALESCE(motcua_uuid_or_null(p->>'feedbackId'),
        CASE WHEN NEW.idempotency_key LIKE 'feedback:%' THEN motcua_uuid_or_null(split_part(NEW.idempotency_key, ':', 2)) END);
      ticket uuid := CASE WHEN NEW.idempotency_key LIKE 'queue-near:%' THEN motcua_uuid_or_null(split_part(NEW.idempotency_key, ':', 2)) END;
    BEGIN
      SELECT u.id INTO NEW.training_unit_id FROM unit u WHERE u.training AND u.id IN (
        SELECT d.unit_id FROM dossier d WHERE d.id = dossier
        UNION ALL SELECT d.received_unit_id FROM dossier d WHERE d.id = dossier
        UNION ALL SELECT f.unit_id FROM feedback f WHERE f.id = fb
        UNION ALL SELECT motcua_uuid_or_null(p->>'unitId')
        UNION ALL SELECT a.unit_id FROM appointment a WHERE a.id = motcua_uuid_or_null(p->>'appointmentId')
        UNION ALL SELECT q.unit_id FROM queue_ticket q WHERE q.id = ticket)
      LIMIT 1;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER outbox_training_mark BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_training_mark()`.execute(db);
  await sql`CREATE INDEX outbox_training_idx ON outbox(training_unit_id) WHERE training_unit_id IS NOT NULL`.execute(db);

  // Indicators never count training units: rows of a training unit are never written into the facts and rollups
  // (a BEFORE INSERT trigger answers NULL, which also skips ON CONFLICT updates), whichever trigger, refresh or
  // rebuild writes them. The feedback tables (migration 0019) get the same trigger when they exist already; where
  // they do not, the indicator service's unit lists (which leave training units out) keep them out of every figure.
  await sql`
    CREATE FUNCTION indicator_skip_training() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM unit u WHERE u.id = NEW.unit_id AND u.training) THEN RETURN NULL; END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    DO $do$
    DECLARE t text;
    BEGIN
      FOREACH t IN ARRAY ARRAY['indicator_fact', 'indicator_rollup', 'indicator_unit_day', 'indicator_feedback_fact', 'indicator_feedback_day'] LOOP
        IF to_regclass(t) IS NOT NULL THEN
          EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION indicator_skip_training()', t || '_skip_training', t);
        END IF;
      END LOOP;
    END $do$`.execute(db);

  // Reset: histories stay append-only, except a training dossier's or feedback's inside a reset.
  await sql`
    CREATE OR REPLACE FUNCTION dossier_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('motcua.training_reset', true) = 'on'
         AND EXISTS (SELECT 1 FROM dossier d JOIN unit u ON u.id = d.unit_id WHERE d.id = OLD.dossier_id AND u.training) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'dossier_event is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION feedback_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('motcua.training_reset', true) = 'on'
         AND EXISTS (SELECT 1 FROM feedback f JOIN unit u ON u.id = f.unit_id WHERE f.id = OLD.feedback_id AND u.training) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'feedback_event is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);

  // Deletes every row of the given training units' dossiers and feedback (and the rows naming them), their
  // outbox messages and code counters. Rows referencing a dossier or feedback are found in the catalogue, so a
  // table added later is covered; one level below (rows referencing those rows) likewise.
  await sql`
    CREATE FUNCTION training_purge(units uuid[]) RETURNS bigint LANGUAGE plpgsql AS $fn$
    DECLARE
      n bigint;
      ds uuid[];
      fs uuid[];
      r record;
      r2 record;
    BEGIN
      IF EXISTS (SELECT 1 FROM unit WHERE id = ANY(units) AND NOT training) THEN
        RAISE EXCEPTION 'training_purge: a real unit' USING ERRCODE = 'check_violation';
      END IF;
      PERFORM set_config('motcua.training_reset', 'on', true);
      SELECT COALESCE(array_agg(id), '{}') INTO ds FROM dossier WHERE unit_id = ANY(units) OR received_unit_id = ANY(units);
      SELECT COALESCE(array_agg(id), '{}') INTO fs FROM feedback WHERE unit_id = ANY(units) OR received_unit_id = ANY(units);
      DELETE FROM training_attempt WHERE unit_id = ANY(units);
      FOR r IN
        SELECT c.conrelid::regclass AS tbl, a.attname AS col, c.confrelid::regclass AS target
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid IN ('dossier'::regclass, 'feedback'::regclass) AND cardinality(c.conkey) = 1
          AND c.conrelid NOT IN ('dossier'::regclass, 'feedback'::regclass)
      LOOP
        -- Rows pointing at the rows about to go (one level down), then the rows themselves.
        FOR r2 IN
          SELECT c.conrelid::regclass AS tbl, a.attname AS col, fa.attname AS fcol
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
          WHERE c.contype = 'f' AND c.confrelid = r.tbl AND cardinality(c.conkey) = 1 AND c.conrelid <> r.tbl
        LOOP
          EXECUTE format('DELETE FROM %s WHERE %I IN (SELECT %I FROM %s WHERE %I = ANY($1))', r2.tbl, r2.col, r2.fcol, r.tbl, r.col)
            USING CASE WHEN r.target = 'dossier'::regclass THEN ds ELSE fs END;
        END LOOP;
        EXECUTE format('DELETE FROM %s WHERE %I = ANY($1)', r.tbl, r.col) USING CASE WHEN r.target = 'dossier'::regclass THEN ds ELSE fs END;
      END LOOP;
      FOR r IN
        SELECT c.conrelid::regclass AS tbl, a.attname AS col
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'deadline'::regclass AND cardinality(c.conkey) = 1
      LOOP
        EXECUTE format('DELETE FROM %s WHERE %I IN (SELECT id FROM deadline WHERE unit_id = ANY($1))', r.tbl, r.col) USING units;
      END LOOP;
      DELETE FROM deadline WHERE unit_id = ANY(units) OR subject_id = ANY(ds) OR subject_id = ANY(fs);
      DELETE FROM feedback WHERE id = ANY(fs);
      DELETE FROM dossier WHERE id = ANY(ds);
      GET DIAGNOSTICS n = ROW_COUNT;
      DELETE FROM outbox WHERE training_unit_id = ANY(units);
      DELETE FROM dossier_code_counter WHERE unit_id = ANY(units);
      RETURN n;
    END $fn$`.execute(db);

  await sql`
    CREATE TABLE training_attempt (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES staff_user(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      exercise text NOT NULL CHECK (exercise IN ('routine-intake', 'supplement-request', 'return-result', 'withdrawal-on-request', 'feedback-answer')),
      subject_id uuid,
      started_at timestamptz NOT NULL,
      checked_at timestamptz,
      passed boolean,
      findings jsonb NOT NULL DEFAULT '[]',
      CHECK ((checked_at IS NULL) = (passed IS NULL))
    )`.execute(db);
  await sql`COMMENT ON TABLE training_attempt IS 'A trainee''s guided exercise in a training unit: the scenario''s dossier or feedback and the check''s findings'`.execute(
    db,
  );
  await sql`CREATE INDEX training_attempt_user_idx ON training_attempt(user_id, started_at DESC)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {
  // Forward-only.
}
