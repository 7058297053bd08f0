// A real Motcua server process (`motcua start`, as deployed) for the tests in test/process. The process loads
// the TypeScript sources, which takes many seconds on a loaded machine: generous limits.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { TEST_PASSWORD } from './global-setup';

export const START_MS = 240_000;
export type Instance = { base: string; proc: ChildProcess; output: () => string };
export type Session = { cookie: string; csrf: string };

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Starts `motcua start` on the database at `url`; `env` overrides the defaults (no demo, no worker, no web build). */
export async function startInstance(url: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['bin/motcua.mjs', 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MOTCUA_DEMO: 'false',
      MOTCUA_WORKER: 'false',
      MOTCUA_BUILD_WEB: 'false',
      MOTCUA_SECRET: 'instances-test-secret-instances-test-secret-0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${START_MS} ms:\n${out}`)), START_MS);
    const check = () => {
      if (out.includes('Motcua is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, proc, output: () => out };
}

export async function stopInstance(i: Instance | undefined): Promise<void> {
  if (!i || i.proc.exitCode !== null) return;
  const exited = new Promise((r) => i.proc.once('exit', r));
  i.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  if (i.proc.exitCode === null) i.proc.kill('SIGKILL');
}

/** Signs a staff account in with the test password; the session cookie and its CSRF token. */
export async function login(i: Instance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const r = await fetch(`${i.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${await r.text()}`);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

export function call(i: Instance, s: Session | null, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${i.base}${url}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
