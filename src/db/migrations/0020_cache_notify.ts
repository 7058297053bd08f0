import { type Kysely, sql } from 'kysely';

// Read caches across server processes (src/db/cache.ts): a change to a cached table announces itself with
// NOTIFY motcua_cache '<table>' (one per statement; PostgreSQL delivers it at commit and folds duplicates
// within a transaction), and every process listening drops what it read from that table.
const TABLES = ['unit', 'reception_point', 'calendar_year', 'procedure', 'procedure_component', 'unit_procedure'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION motcua_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('motcua_cache', TG_TABLE_NAME);
      RETURN NULL;
    END $$`.execute(db);
  for (const t of TABLES) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${t}_cache_notify`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(t)}
      FOR EACH STATEMENT EXECUTE FUNCTION motcua_cache_notify()`.execute(db);
  }
}
