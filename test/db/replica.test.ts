// A primary and a streaming replica from Debian's PostgreSQL 15 on loopback (skipped, with a message, when
// the binaries are missing: `apt-get install postgresql-15`; .ci/run installs it). Shows that
// - with DATABASE_READ_URL the dashboards (indicators) and the public status page read the replica: with the
//   replica's replay paused, a unit renamed on the primary keeps its old name in the ranking until replay resumes;
// - personal-data access entries, committed without waiting for the disk (relaxedOf), all survive a clean
//   shutdown of PostgreSQL (which flushes the WAL): none of them is pending anywhere once answered.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDb, relaxedOf, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { logPersonalDataAccess } from '../../src/db/repositories/dossier.repository';
import { seedDemo } from '../../src/seed/demo';
import { TEST_PASSWORD } from '../support/global-setup';
import { eventually } from '../support/eventually';

const PG15 = '/usr/lib/postgresql/15/bin';
const have = fs.existsSync(path.join(PG15, 'postgres'));
if (!have) console.warn(`test/db/replica.test.ts skipped: no PostgreSQL 15 at ${PG15} (apt-get install postgresql-15)`);
const exec = promisify(execFile);
const root = process.getuid?.() === 0;
const LONG = { timeout: 300_000 };

/** Runs a PostgreSQL program, as the postgres user when we are root (PostgreSQL refuses to run as root). */
async function pgRun(program: string, args: string[]): Promise<string> {
  const cmd = [path.join(PG15, program), ...args];
  const r = root
    ? await exec('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ')], {
        timeout: 240_000,
      })
    : await exec(cmd[0]!, cmd.slice(1), { timeout: 240_000 });
  return r.stdout + r.stderr;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

let dir = '';
let p1 = 0;
let p2 = 0;
let primary: Db;
let replica: Db;
const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
const pgStart = (name: string, port: number) =>
  pgRun('pg_ctl', [
    '-D',
    path.join(dir, name),
    '-l',
    path.join(dir, `${name}.log`),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);

describe.skipIf(!have)('a primary and a streaming replica (PostgreSQL 15)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-replica-'));
    fs.chmodSync(dir, 0o755);
    if (root) {
      const { stdout } = await exec('id', ['-u', 'postgres']);
      const { stdout: g } = await exec('id', ['-g', 'postgres']);
      fs.chownSync(dir, Number(stdout.trim()), Number(g.trim()));
    }
    [p1, p2] = [await freePort(), await freePort()];
    await pgRun('initdb', ['-D', path.join(dir, 'primary'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    await pgStart('primary', p1);
    await pgRun('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(p1),
      '-U',
      'postgres',
      '-D',
      path.join(dir, 'replica'),
      '-R',
      '-X',
      'stream',
    ]);
    await pgStart('replica', p2);
    primary = createDb(url(p1), { max: 5 });
    replica = createDb(url(p2), { max: 5 });
    await migrateToLatest(primary);
    await seedDemo(primary, TEST_PASSWORD);
  }, 600_000);

  afterAll(async () => {
    await replica?.destroy();
    await primary?.destroy();
    for (const n of ['replica', 'primary'])
      await pgRun('pg_ctl', ['-D', path.join(dir, n), '-m', 'immediate', 'stop']).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('with DATABASE_READ_URL the indicator ranking reads the replica', LONG, async () => {
    await eventually(async () => !!(await replica.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirst()));
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));
    const config = loadConfig({
      DATABASE_URL: url(p1),
      DATABASE_READ_URL: url(p2),
      LOG_LEVEL: 'silent',
      MOTCUA_DEMO: 'false',
      MOTCUA_FILES_DIR: files,
      MOTCUA_SECRET: 'replica-test-secret-replica-test-secret-00',
    });
    const app = createApp(config, primary, { readDb: replica });
    const server = await buildServer(app, { logger: false });
    try {
      const login = await server.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'tinh.province-admin', password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const tinh = (await primary.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirstOrThrow()).id;
      const hacthanh = (await primary.selectFrom('unit').select('id').where('slug', '=', 'hacthanh').executeTakeFirstOrThrow()).id;
      const nameOnDashboard = async () => {
        const r = await server.inject({
          method: 'GET',
          url: `/api/indicators/ranking?unitId=${tinh}&from=2026-01-01&to=2026-12-31`,
          headers: { cookie },
        });
        expect(r.statusCode).toBe(200);
        return (r.json() as { items: { unitId: string; name: string }[] }).items.find((i) => i.unitId === hacthanh)?.name;
      };
      const before = await nameOnDashboard();
      expect(before).toBeTruthy();
      await sql`SELECT pg_wal_replay_pause()`.execute(replica);
      await eventually(
        async () => (await sql<{ s: string }>`SELECT pg_get_wal_replay_pause_state() AS s`.execute(replica)).rows[0]!.s === 'paused',
      );
      await primary.updateTable('unit').set({ name: 'Trung tâm PVHCC phường Hạc Thành (đổi tên)' }).where('id', '=', hacthanh).execute();
      // The primary has the new name; the dashboard, on the paused replica, still the old one.
      expect(await nameOnDashboard()).toBe(before);
      await sql`SELECT pg_wal_replay_resume()`.execute(replica);
      await eventually(async () => (await nameOnDashboard()) === 'Trung tâm PVHCC phường Hạc Thành (đổi tên)');
    } finally {
      await server.close();
      fs.rmSync(files, { recursive: true, force: true });
    }
  });

  it('every access entry answered before a clean shutdown is there after the restart', LONG, async () => {
    const N = 300;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        logPersonalDataAccess(primary, {
          actorId: null,
          actorName: 'shutdown-test',
          unitId: null,
          idNumber: String(100000000000 + i),
          subjectType: 'dossier',
          purpose: 'clean shutdown test',
          requestId: `shutdown-${i}`,
        }),
      ),
    );
    // The entries went through the handle whose commits do not wait for the disk, while the main handle still
    // waits (dossier changes, audit, outbox).
    const setting = (h: Db) => sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(h).then((r) => r.rows[0]!.s);
    expect(await setting(relaxedOf(primary))).toBe('off');
    expect(await setting(primary)).toBe('on');
    await primary.destroy();
    await pgRun('pg_ctl', ['-D', path.join(dir, 'primary'), '-m', 'fast', 'stop']);
    await pgStart('primary', p1);
    primary = createDb(url(p1), { max: 5 });
    const n = await primary
      .selectFrom('personal_data_access')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('actor_name', '=', 'shutdown-test')
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(N);
  });
});
