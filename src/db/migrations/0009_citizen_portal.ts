import { type Kysely, sql } from 'kysely';

// The citizen portal: citizens signed in with VNeID, their sessions, online applications (the form, the OTP
// confirmation and the payment that come before a dossier exists), resumable uploads, the citizen data store,
// payments, OTP challenges and satisfaction ratings. Also the simulators' data for payment and VNeID push.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE citizen (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      id_number text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
      vneid_sub text UNIQUE,
      full_name text NOT NULL,
      date_of_birth text NOT NULL DEFAULT '',
      address text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      loa smallint NOT NULL DEFAULT 1 CHECK (loa IN (1, 2)),
      large_text boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    )`.execute(db);
  await sql`COMMENT ON TABLE citizen IS 'A citizen known to the portal: created at the first VNeID sign-in (or when an officer files for them), keyed by the personal ID number'`.execute(
    db,
  );

  await sql`
    CREATE TABLE citizen_session (
      id text PRIMARY KEY,
      citizen_id uuid NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      loa smallint NOT NULL CHECK (loa IN (1, 2)),
      id_token_hint text NOT NULL DEFAULT '',
      assisted_by uuid REFERENCES staff_user(id),
      verification jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text NOT NULL DEFAULT '',
      user_agent text NOT NULL DEFAULT ''
    )`.execute(db);
  await sql`COMMENT ON COLUMN citizen_session.id IS 'SHA-256 of the cookie value: a leaked table does not give sessions away'`.execute(db);
  await sql`COMMENT ON COLUMN citizen_session.assisted_by IS 'An officer filing for the citizen at the counter, after checking who they are (verification says how)'`.execute(
    db,
  );
  await sql`CREATE INDEX citizen_session_citizen_idx ON citizen_session(citizen_id)`.execute(db);

  // An officer's check of a citizen's identity before filing online for them at the counter: the chip of the ID
  // card read, the VNeID app's QR code checked, or a code sent to the phone the registry holds.
  await sql`
    CREATE TABLE assisted_verification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL REFERENCES staff_user(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      citizen_id uuid NOT NULL REFERENCES citizen(id),
      method text NOT NULL CHECK (method IN ('chip-id', 'vneid-qr', 'otp')),
      evidence text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      verified_at timestamptz,
      CHECK (method = 'otp' OR length(trim(evidence)) > 0)
    )`.execute(db);

  // One row per sign-in attempt: the state, nonce and PKCE verifier of the authorization-code flow. A callback
  // whose state is unknown, already used or old is refused (tampered or replayed).
  await sql`
    CREATE TABLE oidc_login (
      state text PRIMARY KEY,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      acr text NOT NULL,
      return_to text NOT NULL DEFAULT '/cong-dan',
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz,
      outcome text
    )`.execute(db);

  await sql`
    CREATE TABLE application (
      id uuid PRIMARY KEY,
      citizen_id uuid NOT NULL REFERENCES citizen(id),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      procedure_version_id uuid NOT NULL REFERENCES procedure_version(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      return_point_id uuid REFERENCES reception_point(id),
      form jsonb NOT NULL DEFAULT '{}',
      components jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting-otp', 'awaiting-payment', 'submitted', 'cancelled')),
      revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
      fee integer NOT NULL DEFAULT 0 CHECK (fee >= 0),
      dossier_id uuid UNIQUE REFERENCES dossier(id),
      assisted_by uuid REFERENCES staff_user(id),
      verification jsonb,
      confirmed_at timestamptz,
      submitted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (pg_column_size(form) < 262144),
      CHECK (status <> 'submitted' OR dossier_id IS NOT NULL)
    )`.execute(db);
  await sql`COMMENT ON TABLE application IS 'An online application: the draft the citizen types (saved as they type), then confirmed by OTP, paid, and submitted as a dossier. Its id is chosen by the browser so an offline draft keeps its identity'`.execute(
    db,
  );
  await sql`CREATE INDEX application_citizen_idx ON application(citizen_id, updated_at DESC)`.execute(db);

  await sql`
    CREATE TABLE otp_challenge (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      purpose text NOT NULL,
      subject_id uuid NOT NULL,
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      id_number text NOT NULL DEFAULT '' CHECK (id_number = '' OR id_number ~ '^[0-9]{12}$'),
      lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
      reference text NOT NULL DEFAULT '',
      prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{2}$'),
      code_hash text NOT NULL,
      channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'vneid-push')),
      sends integer NOT NULL DEFAULT 1 CHECK (sends >= 1),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
      expires_at timestamptz NOT NULL,
      next_send_at timestamptz NOT NULL,
      verified_at timestamptz,
      superseded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (attempts <= max_attempts),
      -- The channel the code went by has somewhere to go.
      CHECK ((channel = 'sms' AND phone <> '') OR (channel = 'email' AND email <> '') OR (channel = 'vneid-push' AND id_number <> ''))
    )`.execute(db);
  await sql`COMMENT ON COLUMN otp_challenge.prefix IS 'Shown with the code (e.g. KT-482913) so a citizen can tell this code from an older one'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN otp_challenge.code_hash IS 'HMAC-SHA256 of the six digits, keyed with a key derived from the server secret and bound to the challenge id; the code itself is never stored'`.execute(
    db,
  );
  await sql`CREATE INDEX otp_challenge_subject_idx ON otp_challenge(purpose, subject_id, created_at DESC)`.execute(db);
  // One current challenge per purpose and subject: a new one supersedes the previous in the same transaction.
  await sql`CREATE UNIQUE INDEX otp_challenge_current_idx ON otp_challenge(purpose, subject_id) WHERE superseded_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE payment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      citizen_id uuid REFERENCES citizen(id),
      amount integer NOT NULL CHECK (amount > 0),
      description text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
      gateway_ref text UNIQUE,
      redirect_url text,
      receipt_no text UNIQUE,
      paid_at timestamptz,
      paid_via text CHECK (paid_via IN ('callback', 'reconciliation')),
      last_checked_at timestamptz,
      checks integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'paid' OR (paid_at IS NOT NULL AND receipt_no IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX payment_open_subject_idx ON payment(subject_type, subject_id) WHERE status IN ('pending', 'paid')`.execute(
    db,
  );
  await sql`CREATE INDEX payment_pending_idx ON payment(created_at) WHERE status = 'pending'`.execute(db);

  // Resumable uploads: chunks kept in PostgreSQL until the whole file is there and its SHA-256 matches.
  await sql`
    CREATE TABLE upload (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      citizen_id uuid REFERENCES citizen(id),
      staff_id uuid REFERENCES staff_user(id),
      unit_id uuid REFERENCES unit(id),
      file_name text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      chunk_size integer NOT NULL CHECK (chunk_size > 0),
      received_bytes integer NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'failed')),
      stored_file_id uuid REFERENCES stored_file(id),
      failure text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      CHECK ((citizen_id IS NULL) <> (staff_id IS NULL)),
      CHECK (staff_id IS NULL OR unit_id IS NOT NULL),
      CHECK (received_bytes >= 0 AND received_bytes <= size_bytes),
      CHECK ((status = 'complete') = (stored_file_id IS NOT NULL)),
      CHECK ((status = 'failed') = (failure IS NOT NULL))
    )`.execute(db);
  await sql`COMMENT ON COLUMN upload.failure IS 'Why a failed upload failed: the problem code it answered (upload-checksum-mismatch, file-type-not-allowed, file-unreadable, upload-expired)'`.execute(
    db,
  );
  // One open upload per owner and file: a client that lost the upload id gets the same upload back and resumes.
  await sql`CREATE UNIQUE INDEX upload_open_citizen_idx ON upload(citizen_id, sha256, size_bytes) WHERE status = 'open' AND citizen_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX upload_open_staff_idx ON upload(staff_id, unit_id, sha256, size_bytes) WHERE status = 'open' AND staff_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX upload_open_expiry_idx ON upload(expires_at) WHERE status = 'open'`.execute(db);
  await sql`
    CREATE TABLE upload_chunk (
      upload_id uuid NOT NULL REFERENCES upload(id) ON DELETE CASCADE,
      index integer NOT NULL CHECK (index >= 0),
      data bytea NOT NULL,
      PRIMARY KEY (upload_id, index)
    )`.execute(db);

  // Files a citizen uploaded have no receiving unit until a dossier takes them.
  await sql`ALTER TABLE stored_file ALTER COLUMN unit_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE stored_file ADD COLUMN citizen_id uuid REFERENCES citizen(id)`.execute(db);
  await sql`ALTER TABLE stored_file ADD CONSTRAINT stored_file_owner CHECK (unit_id IS NOT NULL OR citizen_id IS NOT NULL)`.execute(db);

  await sql`
    CREATE TABLE citizen_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      citizen_id uuid NOT NULL REFERENCES citizen(id),
      stored_file_id uuid NOT NULL REFERENCES stored_file(id),
      kind text NOT NULL CHECK (kind IN ('component', 'result', 'receipt')),
      title text NOT NULL,
      dossier_id uuid REFERENCES dossier(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (citizen_id, stored_file_id)
    )`.execute(db);
  await sql`CREATE INDEX stored_file_citizen_idx ON stored_file(citizen_id) WHERE citizen_id IS NOT NULL`.execute(db);
  await sql`COMMENT ON TABLE citizen_document IS 'The citizen electronic data store (kho dữ liệu điện tử): digitised components and results, attached again without upload'`.execute(
    db,
  );

  await sql`ALTER TABLE dossier ADD COLUMN citizen_id uuid REFERENCES citizen(id)`.execute(db);
  await sql`ALTER TABLE dossier ADD COLUMN assisted_by uuid REFERENCES staff_user(id)`.execute(db);
  await sql`ALTER TABLE dossier ADD COLUMN paid_online boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE dossier ADD COLUMN verified_vneid boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX dossier_citizen_idx ON dossier(citizen_id, received_at DESC) WHERE citizen_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE dossier_rating (
      dossier_id uuid PRIMARY KEY REFERENCES dossier(id),
      citizen_id uuid NOT NULL REFERENCES citizen(id),
      value text NOT NULL CHECK (value IN ('like', 'dislike')),
      reason text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now(),
      CHECK (value = 'like' OR length(trim(reason)) > 0)
    )`.execute(db);

  // An e-form asks its fields in the order its author wrote them: `json` keeps the text as written, where `jsonb`
  // reorders object keys. Nothing queries inside the schema, so nothing is lost. (Versions stored before this keep
  // the order jsonb gave them; the portal falls back on the `required` order and `x-order` for those.)
  await sql`ALTER TABLE procedure_version ALTER COLUMN form_schema TYPE json USING form_schema::json`.execute(db);

  // SIMULATOR DATA ONLY: the simulated payment gateway's transactions and VNeID app pushes.
  await sql`
    CREATE TABLE sim_payment (
      id text PRIMARY KEY,
      merchant_id text NOT NULL DEFAULT '',
      merchant_ref text NOT NULL UNIQUE,
      amount integer NOT NULL,
      description text NOT NULL,
      return_url text NOT NULL,
      callback_url text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'cancelled')),
      drop_callback boolean NOT NULL DEFAULT false,
      callback_status text CHECK (callback_status IN ('delivered', 'refused', 'unreachable', 'dropped')),
      callback_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      paid_at timestamptz
    )`.execute(db);
  await sql`COMMENT ON TABLE sim_payment IS 'Simulator data: transactions of the simulated payment gateway'`.execute(db);
  await sql`
    CREATE TABLE sim_vneid_push (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      id_number text NOT NULL,
      text text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE sim_vneid_push IS 'Simulator data: notifications the simulated VNeID app received'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
