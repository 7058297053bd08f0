import { type Kysely, sql } from 'kysely';

// Each unit signs its notices and results with its own key (PKCS#12). In demo mode a self-signed key is
// generated on first use; a real deployment loads the unit's certificate from its certification authority.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE unit_signing_key (
      unit_id uuid PRIMARY KEY REFERENCES unit(id),
      p12 bytea NOT NULL,
      certificate_pem text NOT NULL,
      fingerprint text NOT NULL,
      demo boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON COLUMN unit_signing_key.p12 IS 'PKCS#12 store; its passphrase is derived from the server key (MOTCUA_SECRET), never stored'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
