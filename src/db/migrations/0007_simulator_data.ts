import { type Kysely, sql } from 'kysely';

// SIMULATOR DATA ONLY (demo mode and tests): what the simulated national portal and SMS gateway accepted.
// Production never writes these tables; they stand in for the outside systems' own storage.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sim_portal_record (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      code text NOT NULL,
      payload jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE sim_portal_record IS 'Simulator data: status changes the simulated national portal accepted, once per idempotency key'`.execute(
    db,
  );
  await sql`CREATE INDEX sim_portal_record_code_idx ON sim_portal_record(code, id)`.execute(db);

  await sql`
    CREATE TABLE sim_sms_message (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      to_number text NOT NULL,
      text text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE sim_sms_message IS 'Simulator data: text messages the simulated SMS gateway accepted, once per idempotency key'`.execute(
    db,
  );
  await sql`CREATE INDEX sim_sms_message_to_idx ON sim_sms_message(to_number, id DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
