// Starts a real Motcua server for the browser tests: builds the web app when its sources changed, then runs
// `node bin/motcua.mjs start` in demo mode on a free port with a fresh data directory (embedded PostgreSQL),
// waits for /readyz, and stops it with SIGTERM afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PASSWORD = 'E2eDemoPass2026';

export type TestServer = { baseUrl: string; password: string; dataDir: string; logFile: string; stop: () => Promise<void> };

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

/** Builds web/dist when it is missing or older than the web sources or the shared domain code. */
export function ensureWebBuild(): void {
  const built = fs.statSync(path.join(ROOT, 'web/dist/index.html'), { throwIfNoEntry: false });
  const inputs = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'src/domain'].map((p) =>
    newestMtime(path.join(ROOT, p)),
  );
  // A placeholder index.html (no script) also counts as "not built".
  const placeholder = built ? !fs.readFileSync(path.join(ROOT, 'web/dist/index.html'), 'utf8').includes('<script') : true;
  if (built && !placeholder && built.mtimeMs >= Math.max(...inputs)) return;
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would give React's and antd's development builds.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startServer(opts: { env?: Record<string, string>; readyTimeoutMs?: number } = {}): Promise<TestServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    MOTCUA_DATA_DIR: dataDir,
    MOTCUA_DEMO_PASSWORD: DEMO_PASSWORD,
    // Browser tests count dossiers in queues: no year of demo history unless a test asks for it.
    MOTCUA_DEMO_HISTORY: 'false',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/motcua.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', log, log] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited(child);
      clearTimeout(timer);
    }
    fs.closeSync(log);
    if (!process.env.MOTCUA_E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-3000);
      await stop();
      throw new Error(`motcua exited with ${child.exitCode} before it was ready:\n${tail}`);
    }
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-3000);
      await stop();
      throw new Error(`motcua was not ready within the timeout:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, password: DEMO_PASSWORD, dataDir, logFile, stop };
}
