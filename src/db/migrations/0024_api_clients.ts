import { type Kysely, sql } from 'kysely';

// Machine clients of the API (issue 18). A client is registered by an administrator for a unit, with scopes and
// the units it may reach; it acts through a staff_user row of kind 'client' (no password, no roles in
// user_role), so the audit log, the personal-data access log and every column that names who acted name the
// client through the same foreign keys as for a person. Secrets and bearer tokens are stored hashed: a leaked
// table gives no working credential.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE staff_user ADD COLUMN kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'client'))`.execute(db);
  await sql`COMMENT ON COLUMN staff_user.kind IS 'client: the acting identity of an API client (api_client.user_id); it never signs in with a password and holds no user_role rows'`.execute(
    db,
  );

  await sql`
    CREATE TABLE api_client (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL UNIQUE REFERENCES staff_user(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
      scopes text[] NOT NULL CHECK (
        cardinality(scopes) > 0
        AND scopes <@ ARRAY['dossiers:read', 'dossiers:write', 'catalogue:read', 'indicators:read', 'feedback:read']::text[]
      ),
      unit_ids uuid[] NOT NULL CHECK (cardinality(unit_ids) > 0),
      ip_allow text[] NOT NULL DEFAULT '{}',
      rate_per_minute integer NOT NULL DEFAULT 600 CHECK (rate_per_minute BETWEEN 1 AND 100000),
      created_by uuid REFERENCES staff_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`COMMENT ON TABLE api_client IS 'A machine client (OAuth 2.0 client credentials) registered for unit_id; it may reach unit_ids with scopes'`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN api_client.ip_allow IS 'Addresses or CIDR blocks the client may call from; empty = anywhere'`.execute(db);
  await sql`CREATE INDEX api_client_unit_idx ON api_client(unit_id)`.execute(db);

  await sql`
    CREATE TABLE api_client_secret (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id uuid NOT NULL REFERENCES api_client(id),
      secret_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      CHECK (expires_at IS NULL OR expires_at >= created_at)
    )`.execute(db);
  await sql`COMMENT ON TABLE api_client_secret IS 'argon2id hashes of a client''s secrets. Rotation adds one and gives the previous an expires_at, so two are valid during a change'`.execute(
    db,
  );
  await sql`CREATE INDEX api_client_secret_client_idx ON api_client_secret(client_id)`.execute(db);

  await sql`
    CREATE TABLE api_token (
      id text PRIMARY KEY,
      client_id uuid NOT NULL REFERENCES api_client(id),
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`COMMENT ON COLUMN api_token.id IS 'SHA-256 of the opaque bearer token: a leaked table gives no working token'`.execute(db);
  await sql`CREATE INDEX api_token_client_idx ON api_token(client_id, expires_at)`.execute(db);
}
