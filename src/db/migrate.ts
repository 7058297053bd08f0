// Applies the migrations under a PostgreSQL advisory lock, so two instances starting together never race.
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index';

const MIGRATION_LOCK = 4_242_001;

// Migrations run before (and beside) the typed schema, on any Kysely instance.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => migrations } });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Names of migrations known to the code but not applied to the database (empty = up to date). */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Throws when the database does not answer. */
export async function ping(db: AnyDb): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
