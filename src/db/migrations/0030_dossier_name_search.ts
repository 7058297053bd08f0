import { type Kysely, sql } from 'kysely';

// Name search narrowed to the unit first (issue 14). The trigram index on the folded applicant name covers the
// whole province: at 2,000,000 dossiers a ward's search for a full name scanned long posting lists of common
// Vietnamese trigrams ("ng ", "ang", "thi") over every unit and only then dropped the other units' rows
// (216–393 ms p95 at 2 M, growing with the province). This B-tree puts the unit first and the folded name after
// it with pattern ordering, so a name typed from its start (the counter's common case: "nguyen van hung") is one
// range read inside the unit's own names, whatever the province holds. The trigram index stays for fragments
// ("van hung"), which the dossier repository's search uses only when no name of the queue starts with the term.
// The ANALYZE gives the planner the new expression's statistics at once (seconds even at 10 M: it samples).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS dossier_unit_name_prefix ON dossier (unit_id, motcua_fold(applicant_name) text_pattern_ops)`.execute(
    db,
  );
  await sql`ANALYZE dossier`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS dossier_unit_name_prefix`.execute(db);
}
