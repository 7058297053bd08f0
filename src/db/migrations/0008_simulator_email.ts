import { type Kysely, sql } from 'kysely';

// SIMULATOR DATA ONLY (demo mode and tests): the e-mails the simulated mail gateway accepted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sim_email_message (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      to_address text NOT NULL,
      subject text NOT NULL,
      text text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE sim_email_message IS 'Simulator data: e-mails the simulated mail gateway accepted, once per idempotency key'`.execute(
    db,
  );
  await sql`CREATE INDEX sim_email_message_to_idx ON sim_email_message(to_address, id DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
