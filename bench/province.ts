// A province-sized data set for the scale benchmarks: N dossiers (default 10,000,000) with realistic histories,
// spread over a province of 166 wards and communes (the demo's three plus 163 generated ones, each with its
// reception point, three specialists, a leader and a reception officer) and five years of receipts ending today.
// Each dossier has its events (create, assign, supplement request and receipt for 1 in 20, submit for approval,
// approve, issue result, return; refusals and stops with their own paths), two or three components from its
// procedure version, its deadline row; 1 in 100 has a feedback. Open dossiers are the recent ones.
//
// Run: nice -n 5 npx tsx bench/province.ts [N=10000000] [dataDir=/work/bench-data/10m] [batch=250000]
// REBUILD=0 skips the rollup rebuild after the load; REBUILD=only on a loaded cluster runs just the rebuild.
// The cluster is kept in dataDir and reused by bench/scale.bench.ts. The load is set-based (generate_series in
// batches, one statement per batch writing every table), with triggers and foreign-key checks off
// (session_replication_role = replica), the secondary indexes and unique constraints of the loaded tables dropped
// and rebuilt after the load, synchronous_commit off, the name dictionary filled; then one full rebuild of the
// indicator rollups (timed).
import fs from 'node:fs';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';

const N = Number(process.argv[2] ?? 10_000_000);
const dir = process.argv[3] ?? '/work/bench-data/10m';
const BATCH = Number(process.argv[4] ?? 250_000);
const UNITS = 166;
const PASSWORD = 'BenchPass2026x';
const TABLES = ['dossier', 'dossier_event', 'dossier_component', 'deadline', 'feedback'];

const t00 = performance.now();
const log = (m: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)} +${((performance.now() - t00) / 1000).toFixed(0)} s] ${m}`);

fs.mkdirSync(dir, { recursive: true });
fs.chmodSync(dir, 0o755);

/** Settings for a bulk load and for the reads after it; written with ALTER SYSTEM (shared_buffers needs a restart). */
async function tune(db: Db): Promise<void> {
  for (const [k, v] of [
    ['shared_buffers', '2GB'],
    ['maintenance_work_mem', '1GB'],
    ['work_mem', '32MB'],
    ['max_wal_size', '6GB'],
    ['checkpoint_timeout', '30min'],
    ['synchronous_commit', 'off'],
    ['effective_cache_size', '12GB'],
    ['random_page_cost', '1.1'],
    ['max_parallel_maintenance_workers', '1'],
  ])
    await sql.raw(`ALTER SYSTEM SET ${k} = '${v}'`).execute(db);
}

let pg = await startEmbedded({ dataDir: dir, log: () => {} });
let db = createDb(pg.url('postgres'));
try {
  const fresh = (await sql<{ t: string | null }>`SELECT to_regclass('dossier')::text AS t`.execute(db)).rows[0]!.t === null;
  if (!fresh) {
    const n = (await sql<{ n: string }>`SELECT count(*) AS n FROM dossier`.execute(db)).rows[0]!.n;
    log(`${dir} already holds ${n} dossiers; nothing loaded`);
    if (process.env.REBUILD === 'only') await rebuildRollups(db);
  } else {
    await migrateToLatest(db);
    await seedDemo(db, PASSWORD);
    await tune(db);
    await db.destroy();
    await pg.stop();
    pg = await startEmbedded({ dataDir: dir, log: () => {} });
    db = createDb(pg.url('postgres'));
    log(
      `migrated, seeded, settings: shared_buffers ${(await sql<{ shared_buffers: string }>`SHOW shared_buffers`.execute(db)).rows[0]!.shared_buffers}`,
    );
    await province(db);
    log('province: 166 units with points, staff and procedures');
    const dropped = await dropIndexes(db);
    log(`dropped ${dropped.length} indexes and constraints of ${TABLES.join(', ')}`);
    const tLoad = performance.now();
    for (let lo = 1; lo <= N; lo += BATCH) {
      await loadBatch(db, lo, Math.min(N, lo + BATCH - 1));
      log(`loaded ${Math.min(N, lo + BATCH - 1).toLocaleString('en')} dossiers`);
    }
    log(`rows written in ${((performance.now() - tLoad) / 1000).toFixed(0)} s`);
    const tIdx = performance.now();
    for (const d of dropped) {
      const t = performance.now();
      await sql.raw(d).execute(db);
      log(`${d.slice(0, 110)} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    log(`indexes and constraints rebuilt in ${((performance.now() - tIdx) / 1000).toFixed(0)} s`);
    // The name dictionary's trigger was off with the others (migration 0032).
    const tNames = performance.now();
    const names = (await sql<{ n: string }>`SELECT applicant_name_rebuild() AS n`.execute(db)).rows[0]!.n;
    log(`applicant_name_rebuild(): ${Number(names).toLocaleString('en')} names in ${((performance.now() - tNames) / 1000).toFixed(0)} s`);
    await sql`VACUUM (ANALYZE) dossier, dossier_event, dossier_component, deadline, feedback`.execute(db);
    log('vacuum analyze done');
    if (process.env.REBUILD === '0') {
      log('rollup rebuild skipped (REBUILD=0): run it with the measurement');
    } else {
      await rebuildRollups(db);
    }
  }
  const sizes = await sql<{ t: string; rows: string; size: string }>`
    SELECT c.relname AS t, c.reltuples::bigint::text AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 10000000 ORDER BY pg_total_relation_size(c.oid) DESC`.execute(
    db,
  );
  for (const r of sizes.rows) log(`${r.t}: ${r.rows} rows, ${r.size} with indexes`);
  log(`database ${(await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db)).rows[0]!.s}`);
} finally {
  await db.destroy();
  await pg.stop();
}

/** One full rebuild of the indicator rollups (every table the deferred triggers keep), timed. */
async function rebuildRollups(db: Db): Promise<void> {
  const tR = performance.now();
  await sql`SELECT indicator_rebuild()`.execute(db);
  log(`indicator_rebuild(): ${((performance.now() - tR) / 1000).toFixed(0)} s`);
  const tF = performance.now();
  await sql`SELECT indicator_feedback_rebuild()`.execute(db);
  log(`indicator_feedback_rebuild(): ${((performance.now() - tF) / 1000).toFixed(0)} s`);
  await sql`ANALYZE`.execute(db);
  log(`full rollup rebuild: ${((performance.now() - tR) / 1000).toFixed(0)} s`);
}

/** 163 more wards and communes under the demo province, each with a reception point, staff and the catalogue. */
async function province(db: Db): Promise<void> {
  await sql`
    INSERT INTO unit (slug, code, name, type, parent_id, address)
    SELECT 'xa-' || g, '000.' || lpad(g::text, 3, '0') || '.00.H56', 
      CASE WHEN g % 4 = 0 THEN 'Phường ' ELSE 'Xã ' END || 'Số ' || g, CASE WHEN g % 4 = 0 THEN 'ward' ELSE 'commune' END,
      (SELECT id FROM unit WHERE slug = 'tinh'), 'Thanh Hóa'
    FROM generate_series(1, ${UNITS - 3}) g`.execute(db);
  await sql`
    INSERT INTO reception_point (unit_id, host_unit_id, name)
    SELECT id, id, 'Bộ phận Một cửa ' || name FROM unit WHERE slug LIKE 'xa-%'`.execute(db);
  await sql`
    INSERT INTO unit_procedure (unit_id, procedure_id)
    SELECT u.id, up.procedure_id FROM unit u CROSS JOIN unit_procedure up
    WHERE u.slug LIKE 'xa-%' AND up.unit_id = (SELECT id FROM unit WHERE slug = 'hacthanh')`.execute(db);
  await sql`
    WITH r AS (SELECT * FROM (VALUES ('specialist', 1), ('specialist', 2), ('specialist', 3), ('leader', 1), ('reception-officer', 1)) v(role, k)),
    s AS (
      INSERT INTO staff_user (username, full_name, password_hash)
      SELECT u.slug || '.' || r.role || CASE WHEN r.k > 1 THEN r.k::text ELSE '' END,
        (ARRAY['Nguyễn Văn An','Lê Thị Bình','Trần Đức Cường','Phạm Thu Dung','Hoàng Minh Giang'])[1 + (length(u.slug) + r.k) % 5],
        (SELECT password_hash FROM staff_user WHERE username = 'hacthanh.specialist')
      FROM unit u CROSS JOIN r WHERE u.slug LIKE 'xa-%'
      RETURNING id, username)
    INSERT INTO user_role (user_id, unit_id, role)
    SELECT s.id, u.id, rtrim(split_part(s.username, '.', 2), '0123456789') FROM s JOIN unit u ON u.slug = split_part(s.username, '.', 1)`.execute(
    db,
  );
  // The demo units get two more specialists each, so every unit spreads its work over three.
  await sql`
    WITH s AS (
      INSERT INTO staff_user (username, full_name, password_hash)
      SELECT u.slug || '.specialist' || k, 'Đỗ Văn Khoa', (SELECT password_hash FROM staff_user WHERE username = 'hacthanh.specialist')
      FROM unit u CROSS JOIN generate_series(2, 3) k WHERE u.type <> 'province' AND u.slug NOT LIKE 'xa-%'
      RETURNING id, username)
    INSERT INTO user_role (user_id, unit_id, role) SELECT s.id, u.id, 'specialist' FROM s JOIN unit u ON u.slug = split_part(s.username, '.', 1)`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION bench_next(a text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE a WHEN 'create' THEN 'received' WHEN 'assign' THEN 'in-progress' WHEN 'request-supplement' THEN 'awaiting-supplement'
        WHEN 'receive-supplement' THEN 'in-progress' WHEN 'submit-for-approval' THEN 'awaiting-approval' WHEN 'approve' THEN 'approved'
        WHEN 'issue-result' THEN 'result-ready' WHEN 'return-result' THEN 'returned' WHEN 'refuse' THEN 'refused'
        WHEN 'record-withdrawal-request' THEN 'withdrawal-requested' WHEN 'stop' THEN 'stopped' END $$`.execute(db);
  await sql`
    CREATE FUNCTION bench_role(a text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN a IN ('create', 'assign', 'return-result', 'record-withdrawal-request') THEN 'reception-officer'
        WHEN a IN ('approve', 'refuse', 'stop') THEN 'leader' ELSE 'specialist' END $$`.execute(db);
  // Lookup tables for the generator, numbered 1..n.
  await sql`
    CREATE UNLOGGED TABLE bench_unit AS
    SELECT row_number() OVER (ORDER BY u.slug)::int AS k, u.id, rp.id AS point_id,
      (SELECT array_agg(ur.user_id ORDER BY ur.user_id) FROM user_role ur WHERE ur.unit_id = u.id AND ur.role = 'specialist') AS specialists,
      (SELECT min(ur.user_id::text)::uuid FROM user_role ur WHERE ur.unit_id = u.id AND ur.role = 'reception-officer') AS receiver
    FROM unit u JOIN LATERAL (SELECT min(id::text)::uuid AS id FROM reception_point WHERE unit_id = u.id) rp ON true
    WHERE u.type <> 'province'`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE bench_procedure AS
    SELECT row_number() OVER (ORDER BY p.code)::int AS k, p.id, p.current_version_id AS vid,
      (SELECT array_agg(pc.id ORDER BY pc.position) FROM procedure_component pc WHERE pc.version_id = p.current_version_id) AS comps,
      (SELECT array_agg(pc.from_registry ORDER BY pc.position) FROM procedure_component pc WHERE pc.version_id = p.current_version_id) AS regs
    FROM procedure p WHERE p.current_version_id IS NOT NULL`.execute(db);
}

/** Drops the loaded tables' secondary indexes and unreferenced unique/primary constraints; returns the statements that rebuild them. */
async function dropIndexes(db: Db): Promise<string[]> {
  const cons = await sql<{ t: string; name: string; def: string }>`
    SELECT c.conrelid::regclass::text AS t, c.conname AS name, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c
    WHERE c.conrelid::regclass::text = ANY(${TABLES}) AND c.contype IN ('p', 'u')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid AND f.conindid = c.conindid)`.execute(
    db,
  );
  const idx = await sql<{ name: string; def: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i WHERE i.indrelid::regclass::text = ANY(${TABLES})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(db);
  const rebuild: string[] = [];
  for (const c of cons.rows) {
    await sql.raw(`ALTER TABLE ${c.t} DROP CONSTRAINT ${c.name}`).execute(db);
    rebuild.push(`ALTER TABLE ${c.t} ADD CONSTRAINT ${c.name} ${c.def}`);
  }
  for (const i of idx.rows) {
    await sql.raw(`DROP INDEX ${i.name}`).execute(db);
    rebuild.push(i.def);
  }
  return rebuild;
}

/** Dossiers lo..hi with their events, components, deadline and (1 in 100) feedback, in one statement. */
async function loadBatch(db: Db, lo: number, hi: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    await sql`
    CREATE TEMP TABLE bench_batch ON COMMIT DROP AS
    WITH nu AS (SELECT count(*)::int AS n FROM bench_unit), np AS (SELECT count(*)::int AS n FROM bench_procedure),
    g AS (
      SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
        -- Five years ending now, in order of g (dossiers are written in the order they arrive), office hours.
        date_trunc('day', now() - interval '1826 days' * (1 - g::float8 / ${N})) + interval '1 hour' + random() * interval '9 hours' AS ts
      FROM generate_series(${lo}::int, ${hi}::int) g),
    s AS (
      SELECT g.*, u.id AS unit_id, u.point_id, u.specialists[1 + g.g % 3] AS specialist, u.receiver, p.id AS procedure_id, p.vid, p.comps, p.regs,
        least(g.ts, now() - interval '1 hour') AS rts,
        -- Processing time 3 to 15 days (calendar days as a stand-in for working days).
        (3 + floor(g.r2 * 13))::int AS days,
        CASE WHEN g.ts < now() - interval '30 days' THEN
          CASE WHEN g.r1 < 0.95 THEN 'returned' WHEN g.r1 < 0.97 THEN 'refused' WHEN g.r1 < 0.98 THEN 'stopped' ELSE 'result-ready' END
        ELSE
          CASE WHEN g.r1 < 0.10 THEN 'received' WHEN g.r1 < 0.40 THEN 'in-progress' WHEN g.r1 < 0.45 THEN 'awaiting-supplement'
               WHEN g.r1 < 0.55 THEN 'awaiting-approval' WHEN g.r1 < 0.60 THEN 'approved' WHEN g.r1 < 0.75 THEN 'result-ready' ELSE 'returned' END
        END AS status,
        g.r3 < 0.05 AS sup
      FROM g CROSS JOIN nu CROSS JOIN np
      -- Larger units receive more: unit k by a skewed draw; procedures likewise (a few take most of the work).
      JOIN bench_unit u ON u.k = 1 + floor(nu.n * power(g.r4, 1.6))::int
      JOIN bench_procedure p ON p.k = 1 + floor(np.n * power(g.r5, 2.5))::int),
    t AS (
      SELECT s.*, s.rts + make_interval(days => s.days) AS due,
        CASE WHEN s.status IN ('returned', 'refused', 'stopped', 'result-ready') THEN
          CASE WHEN s.rts < now() - interval '30 days'
            -- 1 in 14 finished late.
            THEN least(s.rts + make_interval(days => s.days) * CASE WHEN s.g % 14 = 0 THEN 1.05 + s.r3 ELSE 0.2 + 0.75 * s.r3 END, now() - interval '2 hours')
            ELSE s.rts + (now() - s.rts) * 0.6 END END AS fin
      FROM s),
    v AS (
      SELECT t.*, CASE WHEN t.status = 'returned' THEN least(t.fin + (t.r3 * 3) * interval '1 day', now() - interval '1 minute') END AS ret,
        -- The history as actions and the statuses they lead to.
        CASE t.status
          WHEN 'received' THEN ARRAY['create']
          WHEN 'in-progress' THEN ARRAY['create', 'assign']
          WHEN 'awaiting-supplement' THEN ARRAY['create', 'assign', 'request-supplement']
          WHEN 'awaiting-approval' THEN ARRAY['create', 'assign', 'submit-for-approval']
          WHEN 'approved' THEN ARRAY['create', 'assign', 'submit-for-approval', 'approve']
          WHEN 'refused' THEN ARRAY['create', 'assign', 'refuse']
          WHEN 'stopped' THEN ARRAY['create', 'assign', 'record-withdrawal-request', 'stop']
          WHEN 'result-ready' THEN CASE WHEN t.sup THEN ARRAY['create', 'assign', 'request-supplement', 'receive-supplement', 'submit-for-approval', 'approve', 'issue-result']
            ELSE ARRAY['create', 'assign', 'submit-for-approval', 'approve', 'issue-result'] END
          ELSE CASE WHEN t.sup THEN ARRAY['create', 'assign', 'request-supplement', 'receive-supplement', 'submit-for-approval', 'approve', 'issue-result', 'return-result']
            ELSE ARRAY['create', 'assign', 'submit-for-approval', 'approve', 'issue-result', 'return-result'] END
        END AS actions,
        (ARRAY['Nguyễn','Lê','Trần','Phạm','Hoàng','Vũ','Đỗ','Bùi','Ngô','Đặng','Lương','Trịnh','Mai','Hà','Cao','Phan','Võ','Huỳnh','Dương','Lý'])[1 + t.g % 20] || ' ' ||
        (ARRAY['Văn','Thị','Đức','Minh','Thu','Ngọc','Quang','Hữu','Thanh','Xuân','Kim','Công'])[1 + (t.g / 20) % 12] || ' ' ||
        (ARRAY['Hùng','Lan','Tuấn','Hương','Long','Mai','Sơn','Trang','Khoa','Hà','Phúc','Linh','An','Bình','Cường','Dũng','Giang','Hải','Hiếu','Hoa',
               'Huy','Khánh','Lâm','Loan','Nam','Nga','Nhung','Phong','Quân','Quyên','Tâm','Thảo','Thắng','Thủy','Toàn','Trung','Tú','Vân','Việt','Yến'])[1 + (t.g / 240) % 40] AS name
      FROM t),
    w AS (SELECT v.*, gen_random_uuid() AS id FROM v)
    SELECT * FROM w`.execute(trx);
    await sql`
      INSERT INTO dossier (id, code, unit_id, received_unit_id, reception_point_id, return_point_id, procedure_id, procedure_version_id, channel, status,
        applicant_id_number, applicant_name, applicant, registry_used, fee, assignee_id, received_by, received_at, counted_from, due_at, finished_at, returned_at,
        supplement_count, withdrawal_requested, event_count, created_at, updated_at)
      SELECT b.id, 'P-' || to_char(b.rts, 'YYMMDD') || '-' || b.g, b.unit_id, b.unit_id, b.point_id, b.point_id, b.procedure_id, b.vid,
        CASE WHEN b.g % 3 = 0 THEN 'online' ELSE 'in-person' END, b.status,
        lpad((38000000000 + (b.g::bigint * 7919) % 4000000)::text, 12, '0'), b.name,
        jsonb_build_object('idNumber', lpad((38000000000 + (b.g::bigint * 7919) % 4000000)::text, 12, '0'), 'fullName', b.name, 'phone', '09' || lpad((b.g % 100000000)::text, 8, '0')),
        b.g % 2 = 0, CASE WHEN b.g % 5 = 0 THEN 50000 ELSE 0 END,
        CASE WHEN b.status <> 'received' THEN b.specialist END, b.receiver,
        b.rts, b.rts, b.due, b.fin, b.ret,
        CASE WHEN 'request-supplement' = ANY(b.actions) THEN 1 ELSE 0 END, b.status = 'stopped', cardinality(b.actions),
        b.rts, coalesce(b.ret, b.fin, b.rts)
      FROM bench_batch b`.execute(trx);
    // Events: create at receipt, the result at the finish, the return at the return, the steps evenly between.
    await sql`
      INSERT INTO dossier_event (dossier_id, seq, at, action, from_status, to_status, actor_id, actor_name, actor_role, unit_id, data)
      SELECT b.id, a.i, CASE
          WHEN a.action = 'create' THEN b.rts
          WHEN a.action = 'return-result' THEN b.ret
          WHEN a.action IN ('issue-result', 'refuse', 'stop') THEN b.fin
          ELSE b.rts + (coalesce(b.fin, b.rts + (now() - b.rts) * 0.9) - b.rts) * ((a.i - 1)::float8 / cardinality(b.actions)) END,
        a.action, CASE WHEN a.i > 1 THEN bench_next(b.actions[a.i - 1]) END, bench_next(a.action),
        CASE bench_role(a.action) WHEN 'specialist' THEN b.specialist WHEN 'reception-officer' THEN b.receiver END,
        'bench ' || bench_role(a.action), bench_role(a.action), b.unit_id,
        CASE a.action
          WHEN 'issue-result' THEN jsonb_build_object('resultFileIds', jsonb_build_array(b.id),
            'resultFiles', jsonb_build_array(jsonb_build_object('id', b.id, 'sha256', md5(b.id::text) || md5(b.g::text), 'mime', 'application/pdf', 'pages', 1)))
          WHEN 'receive-supplement' THEN jsonb_build_object('received', jsonb_build_array(b.comps[1]))
          WHEN 'record-withdrawal-request' THEN jsonb_build_object('channel', 'online')
          ELSE '{}' END
      FROM bench_batch b CROSS JOIN LATERAL unnest(b.actions) WITH ORDINALITY AS a(action, i)`.execute(trx);
    // Two or three components of the procedure version, four in five with a scan.
    await sql`
      INSERT INTO dossier_component (dossier_id, component_id, presented, from_registry, file_ids, added_at)
      SELECT b.id, c.id, true, c.reg AND b.g % 2 = 0, CASE WHEN b.r2 < 0.8 THEN ARRAY[gen_random_uuid()] ELSE '{}' END, b.rts
      FROM bench_batch b CROSS JOIN LATERAL unnest(b.comps[1:2 + b.g % 2], b.regs[1:2 + b.g % 2]) AS c(id, reg) WHERE c.id IS NOT NULL`.execute(
      trx,
    );
    await sql`
      INSERT INTO deadline (unit_id, subject_type, subject_id, received_at, working_days, counted_from, due_at, closed_at, updated_at)
      SELECT b.unit_id, 'dossier', b.id, b.rts, b.days, b.rts, b.due, b.fin, coalesce(b.fin, b.rts) FROM bench_batch b`.execute(trx);
    // One dossier in a hundred draws a feedback (a service complaint or question), answered and closed unless recent.
    await sql`
      INSERT INTO feedback (code, unit_id, received_unit_id, kind, channel, subject, content, dossier_id, procedure_id, contact_name, contact_phone,
        status, received_at, due_at, answer, event_count, created_at, updated_at)
      SELECT 'PA-' || b.g, b.unit_id, b.unit_id, 'service', CASE WHEN b.g % 2 = 0 THEN 'web' ELSE 'counter' END,
        'Hỏi về tiến độ hồ sơ', 'Đề nghị cho biết khi nào có kết quả hồ sơ.', b.id, b.procedure_id, b.name, '0912345678',
        CASE WHEN b.rts < now() - interval '30 days' THEN 'closed' ELSE 'received' END,
        least(b.rts + interval '2 days', now()), least(b.rts + interval '2 days', now()) + interval '10 days',
        CASE WHEN b.rts < now() - interval '30 days' THEN jsonb_build_object('text', 'Hồ sơ đã có kết quả.') END, 1,
        least(b.rts + interval '2 days', now()), least(b.rts + interval '2 days', now())
      FROM bench_batch b WHERE b.g % 100 = 50`.execute(trx);
  });
}
