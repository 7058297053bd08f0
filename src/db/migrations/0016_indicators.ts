import { type Kysely, sql } from 'kysely';

// Oversight (Decision 766): one fact row per dossier (what it contributes to the indicators, derived from
// its record and event history) and rollups of those contributions per unit and day, and per unit,
// procedure, officer and day. A deferred trigger refreshes a dossier's fact and applies the difference to
// the rollups in the transaction that changes the dossier (or its portal sync, rating or data-store copy);
// indicator_rebuild() recomputes everything set-based (`motcua indicators-rebuild`). The rules mirror
// src/domain/indicators/facts.ts; test/db/indicators.reconcile.test.ts checks they agree.
// Also: compliance thresholds per province and the alerts raised when a unit crosses one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const counters = `
      received integer NOT NULL DEFAULT 0,
      received_online integer NOT NULL DEFAULT 0,
      synced integer NOT NULL DEFAULT 0,
      online_eresult integer NOT NULL DEFAULT 0,
      fee_bearing integer NOT NULL DEFAULT 0,
      paid_online integer NOT NULL DEFAULT 0,
      reused integer NOT NULL DEFAULT 0,
      population_data integer NOT NULL DEFAULT 0,
      finished_from_received integer NOT NULL DEFAULT 0,
      processing_seconds bigint NOT NULL DEFAULT 0,
      finished integer NOT NULL DEFAULT 0,
      finished_on_time integer NOT NULL DEFAULT 0,
      finished_early integer NOT NULL DEFAULT 0,
      with_result integer NOT NULL DEFAULT 0,
      e_result integer NOT NULL DEFAULT 0,
      digitised integer NOT NULL DEFAULT 0,
      store_linked integer NOT NULL DEFAULT 0,
      service_satisfied integer NOT NULL DEFAULT 0,
      open_delta integer NOT NULL DEFAULT 0,
      late_delta integer NOT NULL DEFAULT 0,
      sig_late_result_update integer NOT NULL DEFAULT 0,
      sig_late_step integer NOT NULL DEFAULT 0,
      sig_registry_data_demanded integer NOT NULL DEFAULT 0,
      sig_notice_after_deadline integer NOT NULL DEFAULT 0,
      sig_unsigned_notice integer NOT NULL DEFAULT 0,
      sig_withdrawal_without_request integer NOT NULL DEFAULT 0,
      sig_not_digitised integer NOT NULL DEFAULT 0`;
  const cols = [...counters.matchAll(/^\s+(\w+) (?:integer|bigint)/gm)].map((m) => m[1]!);

  await sql
    .raw(
      `CREATE TABLE indicator_fact (
      dossier_id uuid PRIMARY KEY REFERENCES dossier(id),
      unit_id uuid NOT NULL REFERENCES unit(id),
      procedure_id uuid NOT NULL REFERENCES procedure(id),
      officer_id uuid NOT NULL,
      received_day date NOT NULL,
      end_day date,
      late_day date,
      end_at timestamptz,
      late_from timestamptz,
      on_time boolean,
      early boolean NOT NULL,
      processing_seconds bigint,
      online boolean NOT NULL,
      online_eresult boolean NOT NULL,
      fee_bearing boolean NOT NULL,
      paid_online boolean NOT NULL,
      reused boolean NOT NULL,
      population_data boolean NOT NULL,
      with_result boolean NOT NULL,
      e_result boolean NOT NULL,
      digitised boolean NOT NULL,
      store_linked boolean NOT NULL,
      synced boolean NOT NULL,
      complained boolean NOT NULL,
      signals text[] NOT NULL DEFAULT '{}',
      CHECK ((end_day IS NULL) = (on_time IS NULL)),
      CHECK (end_day IS NULL OR end_day >= received_day)
    )`,
    )
    .execute(db);
  await sql`COMMENT ON TABLE indicator_fact IS 'Per dossier: what it contributes to the Decision 766 indicators (see src/domain/indicators/facts.ts); officer_id is the zero uuid when none'`.execute(
    db,
  );
  await sql`CREATE INDEX indicator_fact_signals_idx ON indicator_fact(unit_id, received_day) WHERE signals <> '{}'`.execute(db);
  await sql`CREATE INDEX indicator_fact_unit_end_idx ON indicator_fact(unit_id, end_day)`.execute(db);
  await sql
    .raw(
      `CREATE TABLE indicator_rollup (unit_id uuid NOT NULL, procedure_id uuid NOT NULL, officer_id uuid NOT NULL, day date NOT NULL, ${counters}, PRIMARY KEY (unit_id, day, procedure_id, officer_id))`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TABLE indicator_unit_day (unit_id uuid NOT NULL, day date NOT NULL, ${counters}, PRIMARY KEY (unit_id, day))`)
    .execute(db);
  await sql`COMMENT ON TABLE indicator_unit_day IS 'Sums of indicator_fact contributions per unit and day: counters by the day received or ended, and open/late deltas whose running sum is the number open (late) at a day''s end'`.execute(
    db,
  );

  await sql`CREATE FUNCTION motcua_vn_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ((t AT TIME ZONE 'UTC') + interval '7 hours')::date $$`.execute(
    db,
  );
  // The facts of some dossiers (all when ids is null), set-based.
  await sql
    .raw(
      `CREATE FUNCTION indicator_fact_rows(ids uuid[]) RETURNS SETOF indicator_fact LANGUAGE sql STABLE AS $fn$
  WITH d AS (SELECT * FROM dossier WHERE ids IS NULL OR id = ANY(ids)),
  e AS (
    SELECT ev.dossier_id,
      COALESCE(min(ev.at) FILTER (WHERE ev.action = 'issue-result'), min(ev.at) FILTER (WHERE ev.action = 'return-result'),
               min(ev.at) FILTER (WHERE ev.action IN ('stop', 'refuse'))) AS end_at,
      (array_agg(ev.data ORDER BY ev.seq DESC) FILTER (WHERE ev.action = 'issue-result'))[1] AS issued,
      max(ev.at) FILTER (WHERE ev.action = 'issue-result') AS issued_at,
      min(ev.at) FILTER (WHERE ev.action = 'approve') AS approve_at,
      min(ev.at) FILTER (WHERE ev.action = 'stop') AS stop_at,
      bool_or(ev.action IN ('issue-result', 'return-result')) AS with_result,
      bool_or(ev.action = 'apologize-and-extend' AND (ev.data->>'afterDeadline' = 'true' OR ev.data->>'lateNotice' = 'true')) AS notice_late
    FROM dossier_event ev JOIN d ON d.id = ev.dossier_id GROUP BY ev.dossier_id),
  req AS (
    SELECT ev.dossier_id, ev.at, ev.data, row_number() OVER (PARTITION BY ev.dossier_id ORDER BY ev.seq) AS n
    FROM dossier_event ev JOIN d ON d.id = ev.dossier_id JOIN e ON e.dossier_id = ev.dossier_id
    WHERE ev.action = 'request-supplement' AND (e.end_at IS NULL OR ev.at <= e.end_at)),
  rcv AS (
    SELECT ev.dossier_id, ev.at, row_number() OVER (PARTITION BY ev.dossier_id ORDER BY ev.seq) AS n
    FROM dossier_event ev JOIN d ON d.id = ev.dossier_id JOIN e ON e.dossier_id = ev.dossier_id
    WHERE ev.action = 'receive-supplement' AND (e.end_at IS NULL OR ev.at <= e.end_at)),
  s AS (
    SELECT req.dossier_id, count(*) AS n,
      min(req.at) FILTER (WHERE req.n = 2) AS second_at,
      (array_agg(req.at ORDER BY req.n DESC))[1] AS last_at,
      (array_agg(rcv.at ORDER BY req.n DESC))[1] AS last_rcv,
      (array_agg((req.data->>'dueAtBefore')::timestamptz ORDER BY req.n DESC))[1] AS last_due_before,
      sum(extract(epoch FROM (COALESCE(rcv.at, e.end_at) - req.at)) * 1000) FILTER (WHERE e.end_at IS NOT NULL) AS paused_ms,
      bool_or(EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(req.data->'items') = 'array' THEN req.data->'items' ELSE '[]' END) it
        JOIN procedure_component pc ON pc.id::text = it->>'componentId' AND pc.from_registry)) AS demanded
    FROM req LEFT JOIN rcv ON rcv.dossier_id = req.dossier_id AND rcv.n = req.n JOIN e ON e.dossier_id = req.dossier_id
    GROUP BY req.dossier_id),
  c AS (
    SELECT dc.dossier_id, bool_or(cardinality(dc.file_ids) > 0) AS files, bool_or(dc.from_registry) AS reused,
      bool_or(pc.from_registry AND NOT dc.from_registry) AS paper_for_registry
    FROM dossier_component dc JOIN d ON d.id = dc.dossier_id JOIN procedure_component pc ON pc.id = dc.component_id
    GROUP BY dc.dossier_id),
  x AS (
    SELECT d.*, e.end_at, e.issued, e.issued_at, e.approve_at, e.stop_at, COALESCE(e.with_result, false) AS with_result, COALESCE(e.notice_late, false) AS notice_late,
      COALESCE(s.n, 0) AS sup_n, s.second_at, s.last_at, s.last_due_before, COALESCE(s.paused_ms, 0) AS paused_ms, COALESCE(s.demanded, false) AS demanded,
      (s.n IS NOT NULL AND s.last_rcv IS NULL) AS pending,
      COALESCE(c.files, false) AS files, COALESCE(c.reused, false) AS reused, COALESCE(c.paper_for_registry, false) AS paper_for_registry,
      COALESCE(jsonb_typeof(e.issued->'resultFileIds') = 'array' AND jsonb_array_length(e.issued->'resultFileIds') > 0, false) AS result_files
    FROM d LEFT JOIN e ON e.dossier_id = d.id LEFT JOIN s ON s.dossier_id = d.id LEFT JOIN c ON c.dossier_id = d.id),
  y AS (
    SELECT x.*,
      CASE WHEN sup_n > 1 THEN second_at
           WHEN pending THEN CASE WHEN last_due_before IS NOT NULL AND last_at > last_due_before THEN last_at END
           ELSE due_at END AS late_from,
      CASE WHEN pending THEN last_due_before ELSE due_at END AS due_ref,
      with_result AND result_files AS e_result
    FROM x),
  z AS (
    SELECT y.*, CASE WHEN end_at IS NULL THEN NULL ELSE (late_from IS NULL OR end_at <= late_from) END AS on_time FROM y)
  SELECT z.id, z.unit_id, z.procedure_id, COALESCE(z.assignee_id, z.received_by, '00000000-0000-0000-0000-000000000000'),
    motcua_vn_day(z.received_at), motcua_vn_day(z.end_at), motcua_vn_day(z.late_from), z.end_at, z.late_from, z.on_time,
    COALESCE(z.on_time AND z.due_ref IS NOT NULL AND motcua_vn_day(z.end_at) < motcua_vn_day(z.due_ref), false),
    CASE WHEN z.end_at IS NULL THEN NULL ELSE greatest(0, floor((extract(epoch FROM (z.end_at - z.counted_from)) * 1000 - z.paused_ms) / 1000))::bigint END,
    z.channel = 'online', z.channel = 'online' AND z.e_result, z.fee > 0, z.fee > 0 AND z.paid_online, z.reused,
    z.verified_vneid OR z.registry_used, z.with_result, z.e_result, z.with_result AND z.files AND z.e_result,
    z.with_result AND EXISTS (SELECT 1 FROM citizen_document cd WHERE cd.dossier_id = z.id AND cd.kind = 'result'),
    EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = z.id::text || ':1' AND o.delivered_at IS NOT NULL),
    EXISTS (SELECT 1 FROM dossier_rating r WHERE r.dossier_id = z.id AND r.value = 'dislike'),
    array_remove(ARRAY[
      CASE WHEN z.approve_at IS NOT NULL AND z.issued_at IS NOT NULL AND z.due_at IS NOT NULL AND z.approve_at <= z.due_at AND z.issued_at > z.due_at THEN 'late-result-update' END,
      CASE WHEN z.end_at IS NOT NULL AND z.on_time = false THEN 'late-step' END,
      CASE WHEN z.demanded OR z.paper_for_registry THEN 'registry-data-demanded' END,
      CASE WHEN z.notice_late THEN 'notice-after-deadline' END,
      CASE WHEN z.issued IS NOT NULL AND z.approve_at IS NULL AND NOT (z.issued ? 'signature') THEN 'unsigned-notice' END,
      CASE WHEN z.stop_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_event w WHERE w.dossier_id = z.id AND w.action = 'record-withdrawal-request' AND w.at <= z.stop_at) THEN 'withdrawal-without-request' END,
      CASE WHEN z.end_at IS NOT NULL AND z.with_result AND NOT (z.files AND z.e_result) THEN 'not-digitised' END
    ], NULL)
  FROM z
$fn$`,
    )
    .execute(db);

  // The rollup rows a set of facts contributes (sign -1 to take old facts out).
  const sums = cols.map((c) => `sum(${c})::${c === 'processing_seconds' ? 'bigint' : 'integer'} AS ${c}`).join(', ');
  const b = (cond: string) => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const sig = (k: string) => b(`'${k}' = ANY(f.signals)`);
  await sql
    .raw(
      `CREATE FUNCTION indicator_contrib(facts indicator_fact[], sign integer)
  RETURNS TABLE (unit_id uuid, procedure_id uuid, officer_id uuid, day date, ${cols.map((c) => `${c} ${c === 'processing_seconds' ? 'bigint' : 'integer'}`).join(', ')})
  LANGUAGE sql IMMUTABLE AS $fn$
  SELECT unit_id, procedure_id, officer_id, day, ${sums} FROM (
    SELECT f.unit_id, f.procedure_id, f.officer_id, f.received_day AS day,
      sign AS received, sign * ${b('f.online')} AS received_online, sign * ${b('f.synced')} AS synced, sign * ${b('f.online_eresult')} AS online_eresult,
      sign * ${b('f.fee_bearing')} AS fee_bearing, sign * ${b('f.paid_online')} AS paid_online, sign * ${b('f.reused')} AS reused,
      sign * ${b('f.population_data')} AS population_data, sign * ${b('f.end_at IS NOT NULL')} AS finished_from_received,
      sign * COALESCE(f.processing_seconds, 0) AS processing_seconds,
      0 AS finished, 0 AS finished_on_time, 0 AS finished_early, 0 AS with_result, 0 AS e_result, 0 AS digitised, 0 AS store_linked, 0 AS service_satisfied,
      sign AS open_delta, 0 AS late_delta,
      sign * ${sig('late-result-update')} AS sig_late_result_update, sign * ${sig('late-step')} AS sig_late_step,
      sign * ${sig('registry-data-demanded')} AS sig_registry_data_demanded, sign * ${sig('notice-after-deadline')} AS sig_notice_after_deadline,
      sign * ${sig('unsigned-notice')} AS sig_unsigned_notice, sign * ${sig('withdrawal-without-request')} AS sig_withdrawal_without_request,
      sign * ${sig('not-digitised')} AS sig_not_digitised
    FROM unnest(facts) f
    UNION ALL
    SELECT f.unit_id, f.procedure_id, f.officer_id, f.end_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      sign, sign * ${b('f.on_time')}, sign * ${b('f.early')}, sign * ${b('f.with_result')}, sign * ${b('f.e_result')}, sign * ${b('f.digitised')},
      sign * ${b('f.store_linked')}, sign * ${b('f.on_time AND NOT f.complained')},
      -sign, ${b('f.late_day IS NOT NULL AND greatest(f.late_day, f.received_day) < f.end_day')} * -sign, 0, 0, 0, 0, 0, 0, 0
    FROM unnest(facts) f WHERE f.end_day IS NOT NULL
    UNION ALL
    SELECT f.unit_id, f.procedure_id, f.officer_id, greatest(f.late_day, f.received_day), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, sign, 0, 0, 0, 0, 0, 0, 0
    FROM unnest(facts) f WHERE f.late_day IS NOT NULL AND (f.end_day IS NULL OR greatest(f.late_day, f.received_day) < f.end_day)
  ) r GROUP BY unit_id, procedure_id, officer_id, day
$fn$`,
    )
    .execute(db);

  const upsert = (table: string, key: string[], source: string) =>
    `INSERT INTO ${table} AS t (${key.join(', ')}, ${cols.join(', ')})
       SELECT ${key.join(', ')}, ${cols.map((c) => `sum(${c})`).join(', ')} FROM (${source}) src GROUP BY ${key.join(', ')} ORDER BY ${key.join(', ')}
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${cols.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
  const delta = `SELECT * FROM indicator_contrib(new_facts, 1) UNION ALL SELECT * FROM indicator_contrib(old_facts, -1)`;
  await sql
    .raw(
      `CREATE FUNCTION indicator_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
  DECLARE new_facts indicator_fact[]; old_facts indicator_fact[];
  BEGIN
    SELECT COALESCE(array_agg(f ORDER BY f.dossier_id), '{}') INTO new_facts FROM indicator_fact_rows(ids) f;
    SELECT COALESCE(array_agg(f ORDER BY f.dossier_id), '{}') INTO old_facts FROM (SELECT * FROM indicator_fact WHERE dossier_id = ANY(ids) FOR UPDATE) f;
    IF new_facts IS NOT DISTINCT FROM old_facts THEN RETURN; END IF;
    ${upsert('indicator_rollup', ['unit_id', 'day', 'procedure_id', 'officer_id'], delta)};
    ${upsert('indicator_unit_day', ['unit_id', 'day'], delta)};
    DELETE FROM indicator_fact WHERE dossier_id = ANY(ids);
    INSERT INTO indicator_fact SELECT * FROM unnest(new_facts);
  END $fn$`,
    )
    .execute(db);

  await sql
    .raw(
      `CREATE FUNCTION indicator_rebuild() RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE n bigint;
  BEGIN
    LOCK TABLE indicator_fact, indicator_rollup, indicator_unit_day IN EXCLUSIVE MODE;
    TRUNCATE indicator_fact, indicator_rollup, indicator_unit_day;
    INSERT INTO indicator_fact SELECT * FROM indicator_fact_rows(NULL);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO indicator_rollup (unit_id, day, procedure_id, officer_id, ${cols.join(', ')})
      SELECT unit_id, day, procedure_id, officer_id, ${cols.map((c) => `sum(${c})`).join(', ')}
      FROM (SELECT array_agg(f) AS a FROM indicator_fact f GROUP BY f.unit_id, f.received_day) g, LATERAL indicator_contrib(g.a, 1) r
      GROUP BY unit_id, day, procedure_id, officer_id;
    INSERT INTO indicator_unit_day (unit_id, day, ${cols.join(', ')})
      SELECT unit_id, day, ${cols.map((c) => `sum(${c})`).join(', ')} FROM indicator_rollup GROUP BY unit_id, day;
    RETURN n;
  END $fn$`,
    )
    .execute(db);

  // Triggers: deferred to commit, so the fact sees the whole change (components, events, deadline).
  await sql`
    CREATE FUNCTION indicator_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE target uuid;
    BEGIN
      IF current_setting('motcua.indicators_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_TABLE_NAME = 'dossier' THEN target := NEW.id;
      ELSIF TG_TABLE_NAME = 'outbox' THEN
        IF NEW.topic <> 'national-portal.status' OR NEW.delivered_at IS NULL OR NEW.idempotency_key NOT LIKE '%:1' THEN RETURN NULL; END IF;
        BEGIN target := split_part(NEW.idempotency_key, ':', 1)::uuid; EXCEPTION WHEN others THEN RETURN NULL; END;
      ELSE target := NEW.dossier_id;
      END IF;
      IF target IS NOT NULL AND EXISTS (SELECT 1 FROM dossier WHERE id = target) THEN PERFORM indicator_refresh(ARRAY[target]); END IF;
      RETURN NULL;
    END $fn$`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER indicator_dossier AFTER INSERT OR UPDATE ON dossier DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_on_change()`.execute(
    db,
  );
  await sql`CREATE CONSTRAINT TRIGGER indicator_outbox AFTER UPDATE OF delivered_at ON outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.delivered_at IS NOT NULL AND OLD.delivered_at IS NULL) EXECUTE FUNCTION indicator_on_change()`.execute(
    db,
  );
  await sql`CREATE CONSTRAINT TRIGGER indicator_rating AFTER INSERT OR UPDATE ON dossier_rating DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_on_change()`.execute(
    db,
  );
  await sql`CREATE CONSTRAINT TRIGGER indicator_store AFTER INSERT ON citizen_document DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_on_change()`.execute(
    db,
  );

  await sql`
    CREATE TABLE compliance_threshold (
      province_id uuid NOT NULL REFERENCES unit(id),
      kind text NOT NULL CHECK (kind IN ('late-result-update','late-step','registry-data-demanded','notice-after-deadline','unsigned-notice','withdrawal-without-request','not-digitised','vague-answer')),
      max_per_month integer NOT NULL CHECK (max_per_month >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (province_id, kind)
    )`.execute(db);
  await sql`COMMENT ON TABLE compliance_threshold IS 'A unit with more signals of a kind in a calendar month than this alerts its director and the province (outbox)'`.execute(
    db,
  );
  await sql`
    CREATE TABLE compliance_alert (
      unit_id uuid NOT NULL REFERENCES unit(id),
      kind text NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      count integer NOT NULL CHECK (count >= 0),
      threshold integer NOT NULL CHECK (threshold >= 0),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (unit_id, kind, month)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
