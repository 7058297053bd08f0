// Bulk loader shared by the benchmarks: N dossiers spread as in a working centre (most returned, some open),
// over the demo province's wards and commune and two years of receipts, each with its first event.
import net from 'node:net';
import { sql, type Transaction } from 'kysely';
import { buildServer } from '../src/api/server';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db/database';
import type { Database } from '../src/db/schema';

export async function loadDossiers(db: Db, n: number): Promise<void> {
  // The indicator triggers (migration 0016) would refresh each bulk-loaded row at commit: off for the load,
  // then one set-based rebuild of the rollups.
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL motcua.indicators_off = 'on'`.execute(trx);
    await loadRows(trx, n);
    await sql`SELECT indicator_rebuild()`.execute(trx);
  });
}

async function loadRows(db: Db | Transaction<Database>, n: number): Promise<void> {
  // Bulk load with generate_series: statuses spread as in a working centre, three units, two years of receipts.
  await sql`
    WITH u AS (SELECT array_agg(id ORDER BY slug) AS ids, array_agg(code ORDER BY slug) AS codes FROM unit WHERE type <> 'province'),
    p AS (SELECT array_agg(p.id ORDER BY p.code) AS ids, array_agg(p.current_version_id ORDER BY p.code) AS vids FROM procedure p),
    rp AS (SELECT unit_id, min(id::text)::uuid AS id FROM reception_point GROUP BY unit_id),
    s AS (SELECT array_agg(id ORDER BY username) AS ids FROM staff_user WHERE username LIKE '%.specialist')
    INSERT INTO dossier (code, unit_id, received_unit_id, reception_point_id, return_point_id, procedure_id, procedure_version_id, channel, status,
      applicant_id_number, applicant_name, applicant, fee, received_at, counted_from, due_at, finished_at, returned_at, assignee_id, event_count)
    SELECT
      'BENCH-' || g,
      u.ids[1 + g % 3], u.ids[1 + g % 3], rp.id, rp.id,
      p.ids[1 + g % array_length(p.ids, 1)], p.vids[1 + g % array_length(p.vids, 1)],
      CASE WHEN g % 3 = 0 THEN 'online' ELSE 'in-person' END,
      st.status,
      lpad((38000000000 + g)::text, 12, '0'), nm.name, jsonb_build_object('idNumber', lpad((38000000000 + g)::text, 12, '0'), 'fullName', nm.name),
      0, ts, ts, ts + interval '5 days',
      CASE WHEN st.status IN ('returned','result-ready','refused','stopped') THEN ts + interval '3 days' END,
      CASE WHEN st.status = 'returned' THEN ts + interval '4 days' END,
      CASE WHEN st.status IN ('in-progress','awaiting-approval','approved') THEN s.ids[1 + g % 3] END,
      1
    FROM generate_series(1, ${n}) g
    CROSS JOIN u CROSS JOIN p CROSS JOIN s
    CROSS JOIN LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 480) * interval '1 minute' AS ts) t
    -- Names as varied as a ward's: 15 family names × 7 middle names × 12 given names.
    CROSS JOIN LATERAL (SELECT (ARRAY['Nguyễn','Lê','Trần','Phạm','Hoàng','Vũ','Đỗ','Bùi','Ngô','Đặng','Lương','Trịnh','Mai','Hà','Cao'])[1 + g % 15] || ' ' ||
      (ARRAY['Văn','Thị','Đức','Minh','Thu','Ngọc','Quang'])[1 + (g / 15) % 7] || ' ' ||
      (ARRAY['Hùng','Lan','Tuấn','Hương','Long','Mai','Sơn','Trang','Khoa','Hà','Phúc','Linh'])[1 + (g / 105) % 12] AS name) nm
    CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 85 THEN 'returned' WHEN g % 100 < 90 THEN 'in-progress' WHEN g % 100 < 93 THEN 'received'
       WHEN g % 100 < 95 THEN 'awaiting-approval' WHEN g % 100 < 97 THEN 'awaiting-supplement' ELSE 'result-ready' END AS status) st
    JOIN rp ON rp.unit_id = u.ids[1 + g % 3]
  `.execute(db);
  await sql`
    INSERT INTO dossier_event (dossier_id, seq, at, action, from_status, to_status, actor_name, actor_role, unit_id)
    SELECT id, 1, received_at, 'create', NULL, status, 'bench', 'reception-officer', unit_id FROM dossier`.execute(db);
}

/** The real server on a free loopback port over `db`, simulators on (the registry adapter reaches its own address). */
export async function startBenchServer(
  db: Db,
  url: string,
  filesDir: string,
): Promise<{ app: App; base: string; close: () => Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    MOTCUA_DEMO: 'false',
    MOTCUA_SIMULATORS: 'true',
    MOTCUA_FILES_DIR: filesDir,
    MOTCUA_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    PORT: String(port),
  });
  const app = createApp(config, db);
  const server = await buildServer(app, { logger: false });
  await server.listen({ port, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${port}`, close: () => server.close() };
}
