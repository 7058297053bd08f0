import { type Kysely, sql } from 'kysely';

// The staff session joins the read caches (src/db/cache.ts; issue 14): every staff request resolved its session,
// account and roles with a statement, the largest share of the dossier page's work after the page itself.
// Each process now keeps them, and these statement triggers tell every process when an answer may change, with
// the same NOTIFY motcua_cache '<table>' as migration 0020. Only the columns that change the answer announce:
// a session revoked or its expiry moved (not its once-a-minute last_seen_at touch), an account renamed,
// deactivated or made to change its password (not a failed sign-in count), any role given or taken. A new
// session is not announced: no process holds it yet.
const TRIGGERS: [table: string, events: string][] = [
  ['session', 'UPDATE OF revoked_at, expires_at, user_id OR DELETE OR TRUNCATE'],
  ['staff_user', 'UPDATE OF username, full_name, must_change_password, active OR DELETE OR TRUNCATE'],
  ['user_role', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [t, events] of TRIGGERS) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${t}_cache_notify`)} AFTER ${sql.raw(events)} ON ${sql.table(t)}
      FOR EACH STATEMENT EXECUTE FUNCTION motcua_cache_notify()`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [t] of TRIGGERS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${t}_cache_notify`)} ON ${sql.table(t)}`.execute(db);
}
