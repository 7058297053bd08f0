// The real `motcua start` as a process: it survives kill -9 without losing committed data, stops cleanly
// on SIGTERM, and explains a port in use in one line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PASSWORD = 'DemoPass2026x';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-life-'));
fs.chmodSync(dataDir, 0o755);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

type Proc = { child: ChildProcess; out: () => string; exited: Promise<number | null> };

function start(port: number, dir = dataDir): Proc {
  let out = '';
  const child = spawn(process.execPath, ['bin/motcua.mjs', 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MOTCUA_DATA_DIR: dir,
      MOTCUA_DEMO_PASSWORD: PASSWORD,
      MOTCUA_BUILD_WEB: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

/** A first start seeds a year of demo history: minutes, not seconds, on a loaded machine (never a speed claim). */
const READY_MS = 300_000;

async function ready(port: number, p: Proc): Promise<void> {
  for (let i = 0; i < READY_MS / 250; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (p.child.exitCode !== null) throw new Error(`exited early:\n${p.out()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready in ${READY_MS / 1000} s:\n${p.out()}`);
}

async function login(port: number, username: string) {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

const running: Proc[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(running.map((p) => p.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('motcua start as a process', () => {
  it('keeps committed data through kill -9, then stops cleanly on SIGTERM', { timeout: 2 * READY_MS + 120_000 }, async () => {
    const port = await freePort();
    const first = start(port);
    running.push(first);
    await ready(port, first);
    // The banner follows the background jobs' start, which may come a moment after /readyz.
    await expect.poll(() => first.out(), { timeout: 30_000 }).toContain(`Password for every demo account: ${PASSWORD}`);
    const s = await login(port, 'tinh.province-admin');
    const units = (await (await fetch(`http://127.0.0.1:${port}/api/units`)).json()) as { items: { id: string; slug: string }[] };
    const tinh = units.items.find((u) => u.slug === 'tinh')!.id;
    const created = await fetch(`http://127.0.0.1:${port}/api/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ slug: 'saukhisap', code: '000.08.00.H56', name: 'Xã Sau Khi Sập', type: 'commune', parentId: tinh }),
    });
    expect(created.status).toBe(201);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(port);
    running.push(second);
    await ready(port, second);
    const after = (await (await fetch(`http://127.0.0.1:${port}/api/units`)).json()) as { items: { slug: string }[] };
    expect(after.items.map((u) => u.slug)).toContain('saukhisap');
    // Seeded once: a restart does not duplicate the demo province.
    expect(after.items.filter((u) => u.slug === 'tinh')).toHaveLength(1);

    // A port in use: one line, non-zero exit.
    const clash = start(port, fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-clash-')));
    running.push(clash);
    expect(await clash.exited).toBe(1);
    expect(clash.out()).toContain(`Port ${port} is already in use`);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('a data folder that cannot be written stops the start with one line', async () => {
    const p = spawn(process.execPath, ['bin/motcua.mjs', 'start'], {
      env: { ...process.env, MOTCUA_DATA_DIR: '/etc/hostname/motcua-data', MOTCUA_BUILD_WEB: 'false', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise((r) => p.on('exit', r));
    expect(code).toBe(1);
    expect(err.trim()).toBe('The data folder /etc/hostname/motcua-data is not writable; set MOTCUA_DATA_DIR to a writable folder.');
  });

  it('a bad configuration value stops the start with the variable named', async () => {
    const p = spawn(process.execPath, ['bin/motcua.mjs', 'start'], {
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise((r) => p.on('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('PORT="abc"');
  });
});
