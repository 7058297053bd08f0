import { type Kysely, sql } from 'kysely';

// Oversight, group 5 (Decision 766 5.1–5.4) and the `vague-answer` signal from the feedback records:
// one fact row per feedback (src/domain/indicators/feedback-facts.ts) and its rollup per unit, day
// received and day it turns late ('infinity' when never), kept in the transaction that changes a feedback,
// its step deadlines or its failed answer checks (deferred triggers, like migration 0016). The dossier
// facts now count a feedback naming the dossier as a complaint (5.4), and indicator_rebuild() rebuilds the
// feedback facts too. Also: a compliance alert remembers who was told and when it was acknowledged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE indicator_feedback_fact (
      feedback_id uuid PRIMARY KEY REFERENCES feedback(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      received_day date NOT NULL,
      late_day date NOT NULL,
      regulation boolean NOT NULL,
      ok boolean NOT NULL,
      vague boolean NOT NULL
    )`.execute(db);
  await sql`COMMENT ON TABLE indicator_feedback_fact IS 'Per feedback: what it contributes to indicators 5.1–5.3 and the vague-answer signal (src/domain/indicators/feedback-facts.ts); late_day is infinity when no duty step is overdue; ok = not rated unsatisfied and not raised again'`.execute(
    db,
  );
  await sql`
    CREATE TABLE indicator_feedback_day (
      unit_id uuid NOT NULL,
      day date NOT NULL,
      late_day date NOT NULL,
      feedback integer NOT NULL DEFAULT 0,
      regulation integer NOT NULL DEFAULT 0,
      ok integer NOT NULL DEFAULT 0,
      vague integer NOT NULL DEFAULT 0,
      PRIMARY KEY (unit_id, day, late_day)
    )`.execute(db);
  await sql`COMMENT ON TABLE indicator_feedback_day IS 'Sums of indicator_feedback_fact per unit, day received and day turned late: on time at a period end = late_day after it'`.execute(
    db,
  );

  await sql`
    CREATE FUNCTION indicator_feedback_fact_rows(ids uuid[]) RETURNS SETOF indicator_feedback_fact LANGUAGE sql STABLE AS $fn$
      SELECT f.id, f.unit_id, motcua_vn_day(f.received_at),
        COALESCE((SELECT motcua_vn_day(min(d.due_at)) FROM deadline d
                  WHERE d.subject_id = f.id AND d.subject_type IN ('feedback-refuse', 'feedback', 'feedback-publish')
                    AND d.due_at IS NOT NULL AND (d.closed_at IS NULL OR d.closed_at > d.due_at)), 'infinity'::date),
        f.kind = 'regulation',
        f.rating_satisfied IS NOT FALSE AND f.reopen_count = 0,
        f.answer_returns > 0 OR f.reopen_count > 0 OR EXISTS (SELECT 1 FROM feedback_check_failure c WHERE c.feedback_id = f.id)
      FROM feedback f WHERE ids IS NULL OR f.id = ANY(ids)
    $fn$`.execute(db);

  const sums = `sum(s)::integer, sum(s * regulation::integer)::integer, sum(s * ok::integer)::integer, sum(s * vague::integer)::integer`;
  await sql
    .raw(
      `CREATE FUNCTION indicator_feedback_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
  DECLARE new_facts indicator_feedback_fact[]; old_facts indicator_feedback_fact[];
  BEGIN
    SELECT COALESCE(array_agg(f ORDER BY f.feedback_id), '{}') INTO new_facts FROM indicator_feedback_fact_rows(ids) f;
    SELECT COALESCE(array_agg(f ORDER BY f.feedback_id), '{}') INTO old_facts
      FROM (SELECT * FROM indicator_feedback_fact WHERE feedback_id = ANY(ids) FOR UPDATE) f;
    IF new_facts IS NOT DISTINCT FROM old_facts THEN RETURN; END IF;
    INSERT INTO indicator_feedback_day AS t (unit_id, day, late_day, feedback, regulation, ok, vague)
      SELECT unit_id, received_day, late_day, ${sums}
      FROM (SELECT n.*, 1 AS s FROM unnest(new_facts) n UNION ALL SELECT o.*, -1 AS s FROM unnest(old_facts) o) x
      GROUP BY unit_id, received_day, late_day ORDER BY unit_id, received_day, late_day
      ON CONFLICT (unit_id, day, late_day) DO UPDATE SET feedback = t.feedback + EXCLUDED.feedback,
        regulation = t.regulation + EXCLUDED.regulation, ok = t.ok + EXCLUDED.ok, vague = t.vague + EXCLUDED.vague;
    DELETE FROM indicator_feedback_fact WHERE feedback_id = ANY(ids);
    INSERT INTO indicator_feedback_fact SELECT * FROM unnest(new_facts);
  END $fn$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION indicator_feedback_rebuild() RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE n bigint;
  BEGIN
    LOCK TABLE indicator_feedback_fact, indicator_feedback_day IN EXCLUSIVE MODE;
    TRUNCATE indicator_feedback_fact, indicator_feedback_day;
    INSERT INTO indicator_feedback_fact SELECT * FROM indicator_feedback_fact_rows(NULL);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO indicator_feedback_day (unit_id, day, late_day, feedback, regulation, ok, vague)
      SELECT unit_id, received_day, late_day, ${sums} FROM (SELECT f.*, 1 AS s FROM indicator_feedback_fact f) x
      GROUP BY unit_id, received_day, late_day;
    RETURN n;
  END $fn$`,
    )
    .execute(db);

  await sql`
    CREATE FUNCTION indicator_feedback_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE target uuid;
    BEGIN
      IF current_setting('motcua.indicators_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_TABLE_NAME = 'feedback' THEN
        target := NEW.id;
        -- A feedback naming a dossier is a complaint about it (5.4).
        IF NEW.dossier_id IS NOT NULL THEN PERFORM indicator_refresh(ARRAY[NEW.dossier_id]); END IF;
        IF TG_OP = 'UPDATE' AND OLD.dossier_id IS NOT NULL AND OLD.dossier_id IS DISTINCT FROM NEW.dossier_id THEN
          PERFORM indicator_refresh(ARRAY[OLD.dossier_id]);
        END IF;
      ELSIF TG_TABLE_NAME = 'deadline' THEN target := NEW.subject_id;
      ELSE target := NEW.feedback_id;
      END IF;
      IF EXISTS (SELECT 1 FROM feedback WHERE id = target) THEN PERFORM indicator_feedback_refresh(ARRAY[target]); END IF;
      RETURN NULL;
    END $fn$`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER indicator_feedback AFTER INSERT OR UPDATE ON feedback DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_feedback_on_change()`.execute(
    db,
  );
  await sql`CREATE CONSTRAINT TRIGGER indicator_feedback_deadline AFTER INSERT OR UPDATE ON deadline DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.subject_type LIKE 'feedback%') EXECUTE FUNCTION indicator_feedback_on_change()`.execute(
    db,
  );
  await sql`CREATE CONSTRAINT TRIGGER indicator_feedback_check AFTER INSERT ON feedback_check_failure DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_feedback_on_change()`.execute(
    db,
  );

  // 5.4: a dossier is complained about when rated "dislike" or named by a feedback. The function bodies of
  // migration 0016 are edited in place (the rest stays exactly as it was).
  await replaceInFunction(
    db,
    'indicator_fact_rows(uuid[])',
    `EXISTS (SELECT 1 FROM dossier_rating r WHERE r.dossier_id = z.id AND r.value = 'dislike')`,
    `(EXISTS (SELECT 1 FROM dossier_rating r WHERE r.dossier_id = z.id AND r.value = 'dislike') OR EXISTS (SELECT 1 FROM feedback fb WHERE fb.dossier_id = z.id))`,
  );
  await replaceInFunction(db, 'indicator_rebuild()', `RETURN n;`, `PERFORM indicator_feedback_rebuild();\n    RETURN n;`);
  // Existing data: feedback facts, and the dossiers some feedback names.
  await sql`SELECT indicator_feedback_rebuild()`.execute(db);
  await sql`SELECT indicator_refresh(x.ids) FROM (SELECT array_agg(DISTINCT dossier_id) AS ids FROM feedback WHERE dossier_id IS NOT NULL) x WHERE x.ids IS NOT NULL`.execute(
    db,
  );

  await sql`ALTER TABLE compliance_alert ADD COLUMN recipients jsonb NOT NULL DEFAULT '[]'`.execute(db);
  await sql`ALTER TABLE compliance_alert ADD COLUMN acknowledged_at timestamptz`.execute(db);
  await sql`ALTER TABLE compliance_alert ADD COLUMN acknowledged_by uuid REFERENCES staff_user(id)`.execute(db);
  await sql`COMMENT ON COLUMN compliance_alert.acknowledged_at IS 'Open until a director or province admin acknowledges it; one row per unit, kind and month (the crossing)'`.execute(
    db,
  );
}

/** Replaces one exact piece of a function's definition (fails loudly when it is not there exactly once). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function replaceInFunction(db: Kysely<any>, signature: string, from: string, to: string): Promise<void> {
  const r = await sql<{ def: string }>`SELECT pg_get_functiondef(${signature}::regprocedure) AS def`.execute(db);
  const def = r.rows[0]!.def;
  if (def.split(from).length !== 2) throw new Error(`migration 0019: ${signature} does not contain the expected text once`);
  await sql.raw(def.replace(from, to)).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
