// A year of demo history, so the dashboards tell a story on first start: every working day of the last
// 365 days, dossiers at each demo ward and commune, set-based (a few INSERT … SELECT over generate_series).
// The units differ the way the field report describes: Hạc Thành is busy and late in one field (social
// protection), Nguyệt Viên is punctual and online, Đông Tiến (a commune) is poorly digitised. Codes end in
// "-L<nnn>" so they never collide with real intake numbers. The rollups are rebuilt once at the end.
// Demo mode only (MOTCUA_DEMO_HISTORY=false turns it off); the test template does not get it.
import { sql } from 'kysely';
import type { Db } from '../db/database';

type Profile = {
  slug: string;
  perDay: number;
  lateField: string | null;
  lateRate: number;
  lateInField: number;
  online: number;
  files: number;
  eResult: number;
};

const PROFILES: Profile[] = [
  {
    slug: 'hacthanh',
    perDay: 36,
    lateField: 'Bảo trợ xã hội',
    lateRate: 0.04,
    lateInField: 0.45,
    online: 0.35,
    files: 0.92,
    eResult: 0.85,
  },
  { slug: 'nguyetvien', perDay: 22, lateField: null, lateRate: 0.02, lateInField: 0, online: 0.55, files: 0.95, eResult: 0.9 },
  { slug: 'dongtien', perDay: 10, lateField: null, lateRate: 0.08, lateInField: 0, online: 0.12, files: 0.25, eResult: 0.15 },
];

export async function seedDemoHistory(db: Db, now = new Date()): Promise<number> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo-history-seeded').executeTakeFirst();
  if (done) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL motcua.indicators_off = 'on'`.execute(trx);
    await sql`SELECT setseed(0.2026)`.execute(trx);
    const profiles = JSON.stringify(PROFILES);
    await sql`
      CREATE TEMP TABLE hist ON COMMIT DROP AS
      WITH p AS (SELECT * FROM jsonb_to_recordset(${profiles}::jsonb) AS x(slug text, "perDay" int, "lateField" text, "lateRate" float8, "lateInField" float8, online float8, files float8, "eResult" float8)),
      u AS (
        SELECT p.*, un.id AS unit_id, un.code AS agency,
          (SELECT min(r.id::text)::uuid FROM reception_point r WHERE r.unit_id = un.id) AS point_id,
          (SELECT s.id FROM staff_user s WHERE s.username = p.slug || '.specialist') AS specialist,
          (SELECT s.id FROM staff_user s WHERE s.username = p.slug || '.reception-officer') AS officer,
          (SELECT s.id FROM staff_user s WHERE s.username = p.slug || '.leader') AS leader,
          (SELECT array_agg(up.procedure_id ORDER BY up.procedure_id) FROM unit_procedure up JOIN procedure pr ON pr.id = up.procedure_id AND pr.current_version_id IS NOT NULL WHERE up.unit_id = un.id) AS procs
        FROM p JOIN unit un ON un.slug = p.slug),
      days AS (
        SELECT d::date AS day FROM generate_series((${now}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 365, (${now}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1, interval '1 day') d
        WHERE extract(isodow FROM d) < 6),
      raw AS (
        SELECT u.*, days.day, i,
          u.procs[1 + floor(random() * cardinality(u.procs))::int] AS procedure_id,
          random() AS r_online, random() AS r_late, random() AS r_outcome, random() AS r_files, random() AS r_eres, random() AS r_time,
          random() AS r_dur, random() AS r_sync, random() AS r_pay, random() AS r_reg, random() AS r_name
        FROM u CROSS JOIN days CROSS JOIN LATERAL generate_series(1, greatest(1, round(u."perDay" * (0.6 + random() * 0.8))::int)) i
        WHERE u.procs IS NOT NULL)
      SELECT raw.*, pv.id AS version_id, pv.field, pv.processing_days::float8 AS pdays,
        CASE WHEN pv.fee->>'kind' = 'fixed' AND pv.fee->>'amount' ~ '^[0-9]+$' THEN (pv.fee->>'amount')::int ELSE 0 END AS fee,
        ((raw.day + time '07:30' + (r_time * interval '8 hours')) AT TIME ZONE 'Asia/Ho_Chi_Minh') AS received_at,
        CASE WHEN pv.processing_days::float8 = 0 THEN ((raw.day + time '17:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')
             ELSE ((raw.day + time '07:30' + (r_time * interval '8 hours')) AT TIME ZONE 'Asia/Ho_Chi_Minh') + ceil(pv.processing_days::float8 * 1.4) * interval '1 day' END AS due_at,
        (r_late < CASE WHEN pv.field = raw."lateField" THEN raw."lateInField" ELSE raw."lateRate" END) AS late,
        CASE WHEN r_outcome < 0.03 THEN 'refuse' WHEN r_outcome < 0.045 THEN 'stop' WHEN r_outcome < 0.6 THEN 'returned' ELSE 'result' END AS outcome
      FROM raw JOIN procedure pr ON pr.id = raw.procedure_id JOIN procedure_version pv ON pv.id = pr.current_version_id`.execute(trx);
    // When each dossier ended (null: still open at `now`).
    await sql`ALTER TABLE hist ADD COLUMN id uuid DEFAULT gen_random_uuid(), ADD COLUMN end_at timestamptz, ADD COLUMN code text`.execute(
      trx,
    );
    await sql`
      UPDATE hist SET
        code = agency || '-' || to_char(day, 'YYMMDD') || '-L' || lpad(i::text, 3, '0'),
        end_at = CASE WHEN late THEN due_at + (0.05 + r_dur * 0.6) * (due_at - received_at) + interval '2 hours'
                      ELSE received_at + (0.15 + r_dur * 0.8) * (due_at - received_at) END`.execute(trx);
    await sql`UPDATE hist SET end_at = NULL WHERE end_at > ${now}::timestamptz`.execute(trx);
    await sql`
      INSERT INTO dossier (id, code, unit_id, received_unit_id, reception_point_id, return_point_id, procedure_id, procedure_version_id, channel, status,
        applicant_id_number, applicant_name, applicant, registry_used, fee, assignee_id, received_by, received_at, counted_from, due_at, finished_at, returned_at,
        withdrawal_requested, event_count, paid_online, verified_vneid, created_at, updated_at)
      SELECT id, code, unit_id, unit_id, point_id, point_id, procedure_id, version_id,
        CASE WHEN r_online < online THEN 'online' ELSE 'in-person' END,
        CASE WHEN end_at IS NULL THEN 'in-progress' WHEN outcome = 'refuse' THEN 'refused' WHEN outcome = 'stop' THEN 'stopped' WHEN outcome = 'returned' THEN 'returned' ELSE 'result-ready' END,
        '0381' || lpad(floor(r_name * 1e8)::bigint::text, 8, '0'), 'Công dân mẫu ' || lpad(floor(r_name * 1e4)::int::text, 4, '0'),
        jsonb_build_object('idNumber', '0381' || lpad(floor(r_name * 1e8)::bigint::text, 8, '0'), 'fullName', 'Công dân mẫu ' || lpad(floor(r_name * 1e4)::int::text, 4, '0')),
        r_reg < 0.8, fee, specialist, officer, received_at, received_at, due_at, end_at,
        CASE WHEN end_at IS NOT NULL AND outcome = 'returned' THEN end_at + interval '1 day' END,
        end_at IS NOT NULL AND outcome = 'stop',
        CASE WHEN end_at IS NULL THEN 2 WHEN outcome = 'refuse' THEN 3 WHEN outcome = 'stop' THEN 4 WHEN outcome = 'returned' THEN 5 ELSE 4 END,
        fee > 0 AND r_online < online AND r_pay < 0.7, r_online < online AND r_pay < 0.9, received_at, COALESCE(end_at, received_at)
      FROM hist`.execute(trx);
    await sql`
      INSERT INTO dossier_event (dossier_id, seq, at, action, from_status, to_status, actor_id, actor_name, actor_role, unit_id, data)
      SELECT h.id, e.seq, e.at, e.action, e.from_status, e.to_status, e.actor, e.actor_name, e.role, h.unit_id, e.data
      FROM hist h JOIN staff_user so ON so.id = h.officer JOIN staff_user ss ON ss.id = h.specialist JOIN staff_user sl ON sl.id = h.leader,
      LATERAL (VALUES
        (1, h.received_at, 'create', NULL, 'received', h.officer, so.full_name, 'reception-officer', '{}'::jsonb, true),
        (2, h.received_at + interval '20 minutes', 'assign', 'received', 'in-progress', h.officer, so.full_name, 'reception-officer', '{}'::jsonb, true),
        (3, h.end_at - interval '2 hours', 'approve', 'awaiting-approval', 'approved', h.leader, sl.full_name, 'leader', '{}'::jsonb, h.end_at IS NOT NULL AND h.outcome IN ('result', 'returned')),
        (4, h.end_at, 'issue-result', 'approved', 'result-ready', h.specialist, ss.full_name, 'specialist',
           -- Since migration 0012 every result is issued with its signed file (a CHECK says so); how well a unit
           -- digitises shows in its components' scans.
           (SELECT jsonb_build_object('resultFileIds', jsonb_build_array(f), 'resultFiles', jsonb_build_array(jsonb_build_object('id', f)))
                   -- A late dossier's specialist step ran past its budget (the late-step signal, with the officer).
                   || CASE WHEN h.late THEN jsonb_build_object('step', jsonb_build_object('name', 'Thẩm định, xử lý hồ sơ', 'role', 'specialist', 'dueAt', NULL, 'late', true)) ELSE '{}' END
              FROM (SELECT gen_random_uuid() AS f) g), h.end_at IS NOT NULL AND h.outcome IN ('result', 'returned')),
        (5, h.end_at + interval '1 day', 'return-result', 'result-ready', 'returned', h.officer, so.full_name, 'reception-officer', '{}'::jsonb, h.end_at IS NOT NULL AND h.outcome = 'returned'),
        -- Notices carry their signer; a third of Đông Tiến's refusals went out unsigned (the unsigned-notice signal).
        (3, h.end_at, 'refuse', 'in-progress', 'refused', h.specialist, ss.full_name, 'specialist',
           CASE WHEN h.slug = 'dongtien' AND h.r_outcome < 0.01 THEN '{}'::jsonb
                ELSE jsonb_build_object('signature', jsonb_build_object('signerId', h.specialist, 'signerName', ss.full_name, 'role', 'specialist', 'at', h.end_at)) END,
           h.end_at IS NOT NULL AND h.outcome = 'refuse'),
        (3, h.end_at - interval '1 hour', 'record-withdrawal-request', 'in-progress', 'withdrawal-requested', h.officer, so.full_name, 'reception-officer',
           jsonb_build_object('channel', 'in-person', 'evidenceFiles', jsonb_build_array(gen_random_uuid())), h.end_at IS NOT NULL AND h.outcome = 'stop'),
        (4, h.end_at, 'stop', 'withdrawal-requested', 'stopped', h.leader, sl.full_name, 'leader',
           jsonb_build_object('signature', jsonb_build_object('signerId', h.leader, 'signerName', sl.full_name, 'role', 'leader', 'at', h.end_at)),
           h.end_at IS NOT NULL AND h.outcome = 'stop')
      ) AS e(seq, at, action, from_status, to_status, actor, actor_name, role, data, keep)
      WHERE e.keep`.execute(trx);
    await sql`
      INSERT INTO dossier_component (dossier_id, component_id, presented, from_registry, file_ids, added_at)
      SELECT h.id, pc.id, false, pc.from_registry, CASE WHEN NOT pc.from_registry AND h.r_files < h.files THEN ARRAY[gen_random_uuid()] ELSE '{}' END, h.received_at
      FROM hist h JOIN procedure_component pc ON pc.version_id = h.version_id AND pc.mandatory`.execute(trx);
    await sql`
      INSERT INTO deadline (unit_id, subject_type, subject_id, received_at, working_days, counted_from, due_at, closed_at)
      SELECT unit_id, 'dossier', id, received_at, pdays, received_at, due_at, end_at FROM hist`.execute(trx);
    await sql`
      INSERT INTO outbox (topic, idempotency_key, payload, created_at, available_at, attempts, delivered_at)
      SELECT 'national-portal.status', id::text || ':1', jsonb_build_object('code', code, 'nationalStatus', 2, 'history', true), received_at, received_at, 1, received_at + interval '1 minute'
      FROM hist WHERE r_sync < 0.97`.execute(trx);
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM hist`.execute(trx);
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo-history-seeded', value: JSON.stringify({ at: now.toISOString() }) })
      .execute();
    // The deferred triggers stay off until commit (the setting is local to this transaction): one rebuild instead.
    await sql`SELECT indicator_rebuild()`.execute(trx);
    return Number(n.rows[0]?.n ?? 0);
  });
}
