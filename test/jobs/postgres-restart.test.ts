// PostgreSQL restarted under load, with the real `motcua start` as a process (and its in-process worker):
// while the database is down the server answers 503 problem+json (readiness and API), it recovers by itself
// when the database is back, and every write it acknowledged is still there.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedHandle } from '../../src/db/embedded';

const PASSWORD = 'DemoPass2026x';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pgrestart-'));
fs.chmodSync(dataDir, 0o755);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let server: ChildProcess | null = null;
let serverExited: Promise<unknown> = Promise.resolve();
const handles: EmbeddedHandle[] = [];
afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  await serverExited;
  for (const h of handles.reverse()) await h.stop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under load', () => {
  it('503 problem+json while it is down, recovery by itself, nothing acknowledged lost', { timeout: 120_000 }, async () => {
    const pgDir = path.join(dataDir, 'db');
    const first = await startEmbedded({ dataDir: pgDir, log: () => {} });
    const admin = new pg.Client({ connectionString: first.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE motcua ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let out = '';
    server = spawn(process.execPath, ['bin/motcua.mjs', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: first.url('motcua'),
        MOTCUA_DEMO: 'true',
        MOTCUA_DEMO_PASSWORD: PASSWORD,
        MOTCUA_SECRET: 'pg-restart-secret-pg-restart-secret-0000',
        MOTCUA_DATA_DIR: path.join(dataDir, 'app'),
        PORT: String(port),
        HOST: '127.0.0.1',
        MOTCUA_BUILD_WEB: 'false',
        LOG_LEVEL: process.env.MOTCUA_DEBUG_LOG ?? 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (out += String(d)));
    server.stderr!.on('data', (d) => (out += String(d)));
    serverExited = new Promise((r) => server!.on('exit', (c, sig) => r(c ?? sig)));
    const ready = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const r = await fetch(`${base}/readyz`).catch(() => null);
        if (r?.ok) return;
        if (server!.exitCode !== null) throw new Error(`exited:\n${out}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error(`not ready:\n${out}`);
    };
    await ready(60_000);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tinh.province-admin', password: PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const units = (await (await fetch(`${base}/api/units`)).json()) as { items: { id: string; slug: string }[] };
    const tinh = units.items.find((u) => u.slug === 'tinh')!.id;

    // Load: communes created one after another, without pause, for the whole test.
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const slug = `tai-${i}`;
        const r = await fetch(`${base}/api/units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
          body: JSON.stringify({
            slug,
            code: `000.09.${String(i).padStart(2, '0')}.H56`.slice(0, 40),
            name: `Xã Tải ${i}`,
            type: 'commune',
            parentId: tinh,
          }),
        }).catch(() => null);
        if (r) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r?.status === 201) acknowledged.push(slug);
        await r?.arrayBuffer().catch(() => null);
        if (!r || r.status !== 201) await new Promise((res) => setTimeout(res, 50));
      }
    })();
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));

    // Stop the postmaster ("fast" shutdown, as a service manager's restart does).
    const pid = Number(fs.readFileSync(path.join(first.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    const atStop = acknowledged.length;

    const readyz = await fetch(`${base}/readyz`).catch((e: unknown) => {
      throw new Error(`server gone (${String(e)}):\n${out}`);
    });
    expect(readyz.status).toBe(503);
    expect(readyz.headers.get('content-type')).toContain('application/problem+json');
    expect(await readyz.json()).toMatchObject({ status: 503, code: 'service-unavailable' });
    const api = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { code: string }).code).toBe('service-unavailable');
    await new Promise((r) => setTimeout(r, 1000));
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(server.exitCode).toBeNull();

    // Back up on the same port: the server recovers without being touched.
    const second = await startEmbedded({ dataDir: pgDir, port: first.port, log: () => {} });
    handles.push(second);
    await ready(30_000);
    while (acknowledged.length < atStop + 3) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await load;

    const after = (await (await fetch(`${base}/api/units`)).json()) as { items: { slug: string }[] };
    const present = new Set(after.items.map((u) => u.slug));
    expect(acknowledged.filter((s) => !present.has(s))).toEqual([]);
    expect((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    // Nothing a client sent produced a 500 (the server's log says what, if one did).
    expect(
      statuses.get(500) ?? 0,
      out
        .split('\n')
        .filter((l) => l.includes('"level":50'))
        .join('\n'),
    ).toBe(0);

    server.kill('SIGTERM');
    const code = await serverExited;
    expect(code, out + JSON.stringify([...statuses])).toBe(0);
  });
});
