import { type Kysely, sql } from 'kysely';

// Foundation: units and reception points, staff and roles, sessions, the hash-chained audit log and
// idempotency keys. Invariants that fit a CHECK live here, so no code path can break them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  // unaccent() is only STABLE; an IMMUTABLE wrapper lets us index diacritic-free search keys.
  await sql`
    CREATE OR REPLACE FUNCTION motcua_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace($1, 'đ', 'd'), 'Đ', 'D'))) $$
  `.execute(db);

  await sql`
    CREATE TABLE unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
      code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z.]{3,40}$'),
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      type text NOT NULL CHECK (type IN ('province', 'ward', 'commune')),
      parent_id uuid REFERENCES unit(id),
      address text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      office_sessions jsonb NOT NULL DEFAULT '[{"start":"07:30","end":"11:30"},{"start":"13:00","end":"17:00"}]',
      working_weekdays smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
      cutoff_time text NOT NULL DEFAULT '15:00' CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      saturday_reception boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Two levels since 1 July 2025: a province has no parent, a commune or ward has its province as parent.
      CONSTRAINT unit_level CHECK ((type = 'province') = (parent_id IS NULL)),
      CONSTRAINT unit_sessions_array CHECK (jsonb_typeof(office_sessions) = 'array' AND jsonb_array_length(office_sessions) > 0)
    )`.execute(db);
  await sql`COMMENT ON COLUMN unit.code IS 'National agency code (mã định danh cơ quan), e.g. 000.00.04.G18; first part of dossier codes'`.execute(
    db,
  );
  await sql`CREATE INDEX unit_parent_idx ON unit(parent_id)`.execute(db);

  await sql`
    CREATE TABLE reception_point (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES unit(id),
      host_unit_id uuid NOT NULL REFERENCES unit(id),
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      address text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, name)
    )`.execute(db);
  await sql`COMMENT ON COLUMN reception_point.host_unit_id IS 'Whose premises the point sits in: may differ from unit_id (Hạc Thành''s point inside the provincial centre)'`.execute(
    db,
  );

  await sql`
    CREATE TABLE staff_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,60}$'),
      full_name text NOT NULL CHECK (length(btrim(full_name)) > 0),
      title text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      must_change_password boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until timestamptz,
      publish_email boolean NOT NULL DEFAULT false,
      publish_phone boolean NOT NULL DEFAULT false,
      public_phone text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON COLUMN staff_user.public_phone IS 'A work phone the officer chose to publish in the public directory (may differ from the private phone)'`.execute(
    db,
  );

  await sql`
    CREATE TABLE user_role (
      user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
      unit_id uuid NOT NULL REFERENCES unit(id),
      role text NOT NULL CHECK (role IN ('system-admin', 'province-admin', 'centre-director', 'reception-officer', 'specialist', 'leader', 'feedback-officer')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, unit_id, role)
    )`.execute(db);
  await sql`CREATE INDEX user_role_unit_idx ON user_role(unit_id)`.execute(db);

  await sql`
    CREATE TABLE session (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text NOT NULL DEFAULT '',
      user_agent text NOT NULL DEFAULT '',
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`COMMENT ON COLUMN session.id IS 'SHA-256 of the cookie token: a leaked table does not give working sessions'`.execute(db);
  await sql`CREATE INDEX session_user_idx ON session(user_id)`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id uuid,
      actor_name text NOT NULL DEFAULT '',
      actor_role text NOT NULL DEFAULT '',
      unit_id uuid,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL DEFAULT '',
      request_id text NOT NULL DEFAULT '',
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    )`.execute(db);
  await sql`COMMENT ON TABLE audit_log IS 'Append-only. Each row hashes its content with the previous row''s hash; motcua audit verify detects a changed or deleted row'`.execute(
    db,
  );
  await sql`CREATE INDEX audit_log_unit_idx ON audit_log(unit_id, id)`.execute(db);
  await sql`CREATE INDEX audit_log_subject_idx ON audit_log(subject_type, subject_id)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);

  await sql`
    CREATE TABLE idempotency_key (
      actor text NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      method text NOT NULL,
      path text NOT NULL,
      body_hash text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor, key)
    )`.execute(db);
  await sql`COMMENT ON TABLE idempotency_key IS 'First answer to a create call per Idempotency-Key, so a retried POST returns it instead of creating again'`.execute(
    db,
  );

  await sql`
    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
