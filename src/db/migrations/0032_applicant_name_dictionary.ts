import { type Kysely, sql } from 'kysely';

// Name search by a fragment (issue 14). When no dossier of the queue has a name starting with the term ("van
// hung"), names containing it are listed. That used a trigram index on the folded applicant name of every
// dossier of the province (dossier_name_trgm): at 10,000,000 dossiers a ward's fragment search read the posting
// lists of the term's trigrams over all of them, 475 ms p95 (docs/benchmarks.md). People's names repeat: the
// province's dossiers carry far fewer distinct names than dossiers. `applicant_name` keeps each folded name once,
// with the trigram index there; a fragment search finds the names containing the term in that much smaller
// table, then reads the queue's dossiers with exactly those names through the (unit, folded name) B-tree of
// migration 0030. The dossier trigram index is then unused and dropped (intake no longer maintains it).
//
// A fragment in many names ("thi", "ng") matches a large share of a ward's dossiers: reading them all to sort
// them by due date took 0.1–1.3 s at 10 M. `dossier_unit_due_idx` walks a unit's dossiers in the queue's order
// with the name in the index, so such a search stops after the first page's worth of matches (under a
// millisecond at 10 M), and a unit's whole queue (no status filter) is read in order too. PostgreSQL picks
// between it and the name B-tree by its statistics of the folded name (plans in docs/benchmarks.md). Building it
// took 21 s at 10,000,000 dossiers, during which intake waits: upgrade outside office hours.
//
// The dictionary is kept by triggers on dossier: a statement's new names at INSERT (transition table, in name
// order so concurrent intakes take their locks alike), a row's at a change of applicant_name. Names are never
// removed: a name whose dossiers are gone only costs an index probe that finds nothing (and is never shown: the
// search answers dossiers, in the caller's scope). `applicant_name_rebuild()` adds what a load with triggers off
// (bench/province.ts) left out.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE applicant_name (folded text PRIMARY KEY)`.execute(db);
  await sql`COMMENT ON TABLE applicant_name IS 'Each folded applicant name of the dossiers once (motcua_fold): what a search by a fragment of a name reads first'`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION applicant_name_rebuild() RETURNS bigint LANGUAGE sql AS $$
      WITH added AS (
        INSERT INTO applicant_name (folded)
        SELECT DISTINCT motcua_fold(applicant_name) FROM dossier ORDER BY 1
        ON CONFLICT DO NOTHING RETURNING 1)
      SELECT count(*) FROM added
    $$`.execute(db);
  await sql`SELECT applicant_name_rebuild()`.execute(db);
  await sql`CREATE INDEX applicant_name_trgm ON applicant_name USING gin (folded gin_trgm_ops)`.execute(db);
  await sql`
    CREATE FUNCTION applicant_name_remember_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO applicant_name (folded)
      SELECT DISTINCT motcua_fold(n.applicant_name) FROM new_rows n ORDER BY 1
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_applicant_name_insert AFTER INSERT ON dossier
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION applicant_name_remember_new()`.execute(db);
  await sql`
    CREATE FUNCTION applicant_name_remember() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO applicant_name (folded) VALUES (motcua_fold(NEW.applicant_name)) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_applicant_name_update AFTER UPDATE OF applicant_name ON dossier
    FOR EACH ROW WHEN (OLD.applicant_name IS DISTINCT FROM NEW.applicant_name) EXECUTE FUNCTION applicant_name_remember()`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS dossier_unit_due_idx ON dossier (unit_id, due_at, id) INCLUDE (applicant_name)`.execute(db);
  await sql`DROP INDEX IF EXISTS dossier_name_trgm`.execute(db);
  await sql`ANALYZE applicant_name`.execute(db);
  await sql`ANALYZE dossier`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS dossier_name_trgm ON dossier USING gin (motcua_fold(applicant_name) gin_trgm_ops)`.execute(db);
  await sql`DROP INDEX IF EXISTS dossier_unit_due_idx`.execute(db);
  await sql`DROP TRIGGER IF EXISTS dossier_applicant_name_update ON dossier`.execute(db);
  await sql`DROP TRIGGER IF EXISTS dossier_applicant_name_insert ON dossier`.execute(db);
  await sql`DROP FUNCTION IF EXISTS applicant_name_remember()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS applicant_name_remember_new()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS applicant_name_rebuild()`.execute(db);
  await sql`DROP TABLE IF EXISTS applicant_name`.execute(db);
}
