import { type Kysely, sql } from 'kysely';

// The waiting room: fields (lĩnh vực) with their ticket prefixes, counters of reception points serving
// fields, officers' sessions at counters, queue tickets with their append-only timed history, appointments
// booked online, and the citizen's rating at the counter (TT 01/2018 indicators scored 2/1/0).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE service_field (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      province_id uuid NOT NULL REFERENCES unit(id),
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{1,2}$'),
      position integer NOT NULL DEFAULT 0,
      UNIQUE (province_id, name),
      UNIQUE (province_id, prefix)
    )`.execute(db);
  await sql`COMMENT ON COLUMN service_field.name IS 'Matches procedure_version.field: a procedure finds its field by name'`.execute(db);

  await sql`
    CREATE TABLE queue_settings (
      province_id uuid PRIMARY KEY REFERENCES unit(id),
      settings jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE counter (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      reception_point_id uuid NOT NULL REFERENCES reception_point(id),
      number integer NOT NULL CHECK (number BETWEEN 1 AND 999),
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      active boolean NOT NULL DEFAULT true,
      ordinary_since_priority integer NOT NULL DEFAULT 0 CHECK (ordinary_since_priority >= 0),
      UNIQUE (reception_point_id, number)
    )`.execute(db);
  await sql`
    CREATE TABLE counter_field (
      counter_id uuid NOT NULL REFERENCES counter(id),
      field_id uuid NOT NULL REFERENCES service_field(id),
      PRIMARY KEY (counter_id, field_id)
    )`.execute(db);
  await sql`
    CREATE TABLE counter_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      counter_id uuid NOT NULL REFERENCES counter(id),
      officer_id uuid NOT NULL REFERENCES staff_user(id),
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK (closed_at IS NULL OR closed_at >= opened_at)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX counter_session_one_open ON counter_session (counter_id) WHERE closed_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX counter_session_one_per_officer ON counter_session (officer_id) WHERE closed_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE appointment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      reception_point_id uuid NOT NULL REFERENCES reception_point(id),
      field_id uuid NOT NULL REFERENCES service_field(id),
      citizen_id uuid NOT NULL REFERENCES citizen(id),
      day date NOT NULL,
      slot_start timestamptz NOT NULL,
      slot_end timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked-in', 'cancelled')),
      code text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      reminded_at timestamptz,
      CHECK (slot_end > slot_start),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX appointment_citizen_day ON appointment (citizen_id, day) WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX appointment_slot ON appointment (reception_point_id, field_id, slot_start) WHERE status <> 'cancelled'`.execute(
    db,
  );

  await sql`
    CREATE TABLE queue_number_counter (
      unit_id uuid NOT NULL REFERENCES unit(id),
      day date NOT NULL,
      prefix text NOT NULL,
      last integer NOT NULL CHECK (last >= 1),
      PRIMARY KEY (unit_id, day, prefix)
    )`.execute(db);

  await sql`
    CREATE TABLE queue_ticket (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      reception_point_id uuid NOT NULL REFERENCES reception_point(id),
      field_id uuid NOT NULL REFERENCES service_field(id),
      day date NOT NULL,
      number text NOT NULL,
      status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'serving', 'finished', 'missed', 'cancelled')),
      priority text CHECK (priority IN ('elderly', 'disability', 'pregnant', 'young-child', 'veteran')),
      weight integer NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 9),
      phone text,
      call_count integer NOT NULL DEFAULT 0 CHECK (call_count BETWEEN 0 AND 3),
      counter_id uuid REFERENCES counter(id),
      target_counter_id uuid REFERENCES counter(id),
      officer_id uuid REFERENCES staff_user(id),
      appointment_id uuid UNIQUE REFERENCES appointment(id),
      slot_start timestamptz,
      dossier_id uuid REFERENCES dossier(id),
      arrived_at timestamptz NOT NULL,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      near_notified boolean NOT NULL DEFAULT false,
      UNIQUE (unit_id, day, number),
      CHECK (status <> 'missed' OR call_count >= 3),
      CHECK (status = 'waiting' OR status = 'cancelled' OR (counter_id IS NOT NULL AND called_at IS NOT NULL)),
      CHECK (status <> 'finished' OR (started_at IS NOT NULL AND finished_at IS NOT NULL)),
      CHECK (phone IS NULL OR phone ~ '^0[0-9]{9}$')
    )`.execute(db);
  await sql`COMMENT ON COLUMN queue_ticket.target_counter_id IS 'Set by a transfer: only that counter calls the ticket'`.execute(db);
  await sql`CREATE INDEX queue_ticket_waiting ON queue_ticket (reception_point_id, day, field_id, arrived_at) WHERE status = 'waiting'`.execute(
    db,
  );
  await sql`CREATE INDEX queue_ticket_finished ON queue_ticket (unit_id, field_id, finished_at DESC) WHERE status = 'finished'`.execute(db);
  await sql`CREATE INDEX queue_ticket_counter_current ON queue_ticket (counter_id) WHERE status IN ('called', 'serving')`.execute(db);
  await sql`CREATE INDEX queue_ticket_day ON queue_ticket (unit_id, day)`.execute(db);

  await sql`
    CREATE TABLE queue_ticket_event (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES queue_ticket(id),
      at timestamptz NOT NULL,
      action text NOT NULL CHECK (action IN ('arrive', 'call', 'recall', 'start', 'finish', 'miss', 'transfer', 'cancel')),
      from_status text,
      to_status text NOT NULL,
      counter_id uuid REFERENCES counter(id),
      officer_id uuid REFERENCES staff_user(id),
      details jsonb NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX queue_ticket_event_ticket ON queue_ticket_event (ticket_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION queue_ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'queue_ticket_event is append-only' USING ERRCODE = 'integrity_constraint_violation';
    END $$`.execute(db);
  await sql`CREATE TRIGGER queue_ticket_event_no_change BEFORE UPDATE OR DELETE ON queue_ticket_event FOR EACH ROW EXECUTE FUNCTION queue_ticket_event_append_only()`.execute(
    db,
  );

  await sql`
    CREATE TABLE counter_rating (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      ticket_id uuid UNIQUE REFERENCES queue_ticket(id),
      dossier_id uuid REFERENCES dossier(id),
      officer_id uuid REFERENCES staff_user(id),
      counter_id uuid REFERENCES counter(id),
      contacts smallint CHECK (contacts BETWEEN 0 AND 2),
      bodies smallint CHECK (bodies BETWEEN 0 AND 2),
      publicity smallint CHECK (publicity BETWEEN 0 AND 2),
      attitude smallint CHECK (attitude BETWEEN 0 AND 2),
      comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
      low boolean NOT NULL,
      feedback_id uuid,
      at timestamptz NOT NULL,
      CHECK (ticket_id IS NOT NULL OR dossier_id IS NOT NULL),
      CHECK (num_nonnulls(contacts, bodies, publicity, attitude) > 0)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX counter_rating_dossier_once ON counter_rating (dossier_id) WHERE ticket_id IS NULL`.execute(db);
  await sql`COMMENT ON COLUMN counter_rating.feedback_id IS 'The service feedback a low rating with a comment became (set when the feedback service takes it)'`.execute(
    db,
  );
}
