import { type Kysely, sql } from 'kysely';

// Oversight at province scale (issue 13): monthly rollups, so that every indicator query reads a bounded number
// of rows. indicator_unit_month and indicator_month hold the sums of indicator_unit_day and indicator_rollup per
// calendar month (same counters, same keys, `month` = the month's first day). A query for days from..to reads
//   - the state before the period: the month rows before from's month plus the day rows of from's month before
//     `from` (the open/late deltas, whose running sum is the number open/late), and
//   - the period itself: the month rows of the whole months inside it plus the day rows of its partial months.
// So at most ~3 months of day rows per key plus one row per key and month of history (≤ 60 over five years),
// whatever the number of dossiers, instead of every day row since the start of the history.
//
// Why month deltas and not running totals ("open at the end of month m"): a running total would make a change to
// a past day rewrite that key's row of every later month (up to 60 rows per key in the dossier's transaction) and
// need rows for months with no activity; a delta row per month keeps the write to exactly one more row per key
// (the month of the day touched), like the day rollups, and a read sums ≤ 60 narrow rows per key.
//
// Kept in the same transaction as the day rollups: indicator_refresh() (migration 0016, called by the deferred
// triggers) applies the same difference to the month tables. indicator_snapshot_rebuild() recomputes them from
// the day rollups only (not from the event history: minutes, not hours, on a rebuilt cluster); indicator_rebuild()
// calls it, and this migration calls it once to fill the tables on existing data. The day rollup tables keep
// exactly what they held.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The counters are those of indicator_unit_day, whatever earlier migrations put there.
  const colRows = await sql<{ name: string; type: string }>`
    SELECT column_name AS name, data_type AS type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'indicator_unit_day' AND column_name NOT IN ('unit_id', 'day')
    ORDER BY ordinal_position`.execute(db);
  const cols = colRows.rows.map((r) => r.name);
  if (!cols.includes('open_delta') || !cols.includes('late_delta'))
    throw new Error('migration 0029: indicator_unit_day lacks its counters');
  const counters = colRows.rows.map((r) => `${r.name} ${r.type} NOT NULL DEFAULT 0`).join(', ');

  await sql
    .raw(
      `CREATE TABLE indicator_month (unit_id uuid NOT NULL, procedure_id uuid NOT NULL, officer_id uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1), ${counters}, PRIMARY KEY (unit_id, month, procedure_id, officer_id))`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TABLE indicator_unit_month (unit_id uuid NOT NULL, month date NOT NULL CHECK (extract(day FROM month) = 1), ${counters},
        PRIMARY KEY (unit_id, month))`,
    )
    .execute(db);
  await sql`COMMENT ON TABLE indicator_month IS 'indicator_rollup summed per calendar month (month = its first day): kept by indicator_refresh() in the same transaction, rebuilt from indicator_rollup by indicator_snapshot_rebuild()'`.execute(
    db,
  );
  await sql`COMMENT ON TABLE indicator_unit_month IS 'indicator_unit_day summed per calendar month (month = its first day): the open/late state before a period is the sum of the deltas of the months before it (see migration 0029)'`.execute(
    db,
  );
  // The state before a period (the open/late deltas of its earlier months) from the index alone once vacuumed.
  await sql`CREATE INDEX indicator_unit_month_state_idx ON indicator_unit_month (unit_id, month) INCLUDE (open_delta, late_delta)`.execute(
    db,
  );
  await sql`CREATE INDEX indicator_month_state_idx ON indicator_month (unit_id, month) INCLUDE (procedure_id, officer_id, open_delta, late_delta)`.execute(
    db,
  );
  // Training units never count (migration 0027): the same guard as the day rollups.
  await sql`CREATE TRIGGER indicator_month_skip_training BEFORE INSERT ON indicator_month FOR EACH ROW EXECUTE FUNCTION indicator_skip_training()`.execute(
    db,
  );
  await sql`CREATE TRIGGER indicator_unit_month_skip_training BEFORE INSERT ON indicator_unit_month FOR EACH ROW EXECUTE FUNCTION indicator_skip_training()`.execute(
    db,
  );

  const sums = cols.map((c) => `sum(${c})`).join(', ');
  await sql
    .raw(
      `CREATE FUNCTION indicator_snapshot_rebuild() RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE n bigint;
  BEGIN
    -- Locked before the day rollups are read: a refresh that wrote day rows this statement cannot see yet waits
    -- here and then adds its own difference to the rebuilt months.
    LOCK TABLE indicator_month, indicator_unit_month IN EXCLUSIVE MODE;
    TRUNCATE indicator_month, indicator_unit_month;
    -- Inserted in key order, so that a unit's months lie together on disk.
    INSERT INTO indicator_month (unit_id, month, procedure_id, officer_id, ${cols.join(', ')})
      SELECT unit_id, date_trunc('month', day)::date, procedure_id, officer_id, ${sums}
      FROM indicator_rollup GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO indicator_unit_month (unit_id, month, ${cols.join(', ')})
      SELECT unit_id, date_trunc('month', day)::date, ${sums} FROM indicator_unit_day GROUP BY 1, 2 ORDER BY 1, 2;
    RETURN n;
  END $fn$`,
    )
    .execute(db);

  // The refresh applies the same difference to the months (after the day rollups, before the facts are replaced).
  const delta = `SELECT * FROM indicator_contrib(new_facts, 1) UNION ALL SELECT * FROM indicator_contrib(old_facts, -1)`;
  const upsert = (table: string, key: string[], keyExpr: string[]) =>
    `INSERT INTO ${table} AS t (${key.join(', ')}, ${cols.join(', ')})
       SELECT ${keyExpr.join(', ')}, ${sums} FROM (${delta}) src GROUP BY ${key.map((_, i) => i + 1).join(', ')} ORDER BY ${key.map((_, i) => i + 1).join(', ')}
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${cols.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')};`;
  const month = `date_trunc('month', day)::date`;
  await replaceInFunction(
    db,
    'indicator_refresh(uuid[])',
    `DELETE FROM indicator_fact WHERE dossier_id = ANY(ids);`,
    `${upsert('indicator_month', ['unit_id', 'month', 'procedure_id', 'officer_id'], ['unit_id', month, 'procedure_id', 'officer_id'])}
    ${upsert('indicator_unit_month', ['unit_id', 'month'], ['unit_id', month])}
    DELETE FROM indicator_fact WHERE dossier_id = ANY(ids);`,
  );
  await replaceInFunction(db, 'indicator_rebuild()', `RETURN n;`, `PERFORM indicator_snapshot_rebuild();\n    RETURN n;`);

  // Existing data.
  await sql`SELECT indicator_snapshot_rebuild()`.execute(db);
  await sql`ANALYZE indicator_month, indicator_unit_month`.execute(db);
}

/** Replaces one exact piece of a function's definition (fails loudly when it is not there exactly once). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function replaceInFunction(db: Kysely<any>, signature: string, from: string, to: string): Promise<void> {
  const r = await sql<{ def: string }>`SELECT pg_get_functiondef(${signature}::regprocedure) AS def`.execute(db);
  const def = r.rows[0]!.def;
  if (def.split(from).length !== 2) throw new Error(`migration 0029: ${signature} does not contain the expected text once`);
  await sql.raw(def.replace(from, to)).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
