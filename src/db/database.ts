// The one way to reach PostgreSQL: a Kysely instance over a pg pool.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { AccessLog } from './access-log';
import { attachCache, type ReadCache, trackWrites } from './cache';

// timestamptz → Date (default); bigint (count(*), bigserial) → number is safe for our sizes;
// date → 'YYYY-MM-DD' string, never a Date shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009;
pg.types.setTypeParser(DATE_ARRAY as never, pg.types.getTypeParser(TEXT_ARRAY as never));

export type Db = Kysely<Database>;

export type DbOptions = {
  max?: number;
  onError?: (e: Error) => void;
  /** 'off': commits on this handle do not wait for the WAL flush (the access log's handle; see below). */
  synchronousCommit?: 'off';
  /**
   * How long a personal-data access entry may wait to be written with others (./access-log.ts); 50 ms by
   * default, 0 writes each with its request.
   */
  accessLogFlushMs?: number;
};

function pool(url: string, opts: DbOptions, name: string, onConnect?: (client: pg.PoolClient) => void): pg.Pool {
  const p = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: name,
    ...(opts.synchronousCommit ? { options: `-c synchronous_commit=${opts.synchronousCommit}` } : {}),
  });
  // A dropped connection (PostgreSQL restarted) must not crash the process: the pool replaces it.
  p.on('error', (e) => opts.onError?.(e));
  // …and so must one lost while checked out between two queries (a transaction awaiting something else):
  // without a listener its 'error' event would end the process. The pool discards the broken client.
  p.on('connect', (client) => {
    client.on('error', (e) => opts.onError?.(e));
    onConnect?.(client);
  });
  return p;
}

const relaxed = new WeakMap<object, () => Db>();
const accessLogs = new WeakMap<object, AccessLog>();

/**
 * A Kysely handle over a pg pool, with its read cache (src/db/cache.ts, LISTEN session opened on first use;
 * the pool's writes to cached tables drop their entries)
 * and, opened on first use, a small second pool whose commits do not wait for the disk (`relaxedOf`), and the
 * personal-data access log's batches (`accessLogOf`, ./access-log.ts). `destroy()` writes what the log holds,
 * then closes all three.
 */
export function createDb(url: string, opts: DbOptions = {}): Db {
  // Writes to cached tables on this pool drop their entries in this process (trackWrites in ./cache.ts).
  let cache: ReadCache | null = null;
  const main = pool(url, opts, 'motcua', (client) => trackWrites(client, (tables) => cache?.forget(...tables)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: main }) });
  cache = attachCache(db, url);
  let side: Db | null = null;
  relaxed.set(
    db,
    () =>
      (side ??= new Kysely<Database>({
        dialect: new PostgresDialect({ pool: pool(url, { ...opts, max: 4, synchronousCommit: 'off' }, 'motcua-relaxed') }),
      })),
  );
  const log = new AccessLog(() => relaxedOf(db), {
    flushMs: opts.accessLogFlushMs ?? 50,
    onError: (e) => opts.onError?.(new Error(`personal-data access entries not written yet (kept, tried again): ${e.message}`)),
  });
  accessLogs.set(db, log);
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    // What the access log holds is written before the pools close (a clean shutdown loses no entry).
    await log
      .close()
      .catch((e: unknown) =>
        opts.onError?.(new Error(`${log.pending} personal-data access entries not written before the stop: ${(e as Error).message}`)),
      );
    await cache.close();
    await side?.destroy();
    await destroy();
  };
  return db;
}

/**
 * The handle for writes that may be lost in a PostgreSQL crash (never in a clean shutdown, which flushes the
 * WAL): its sessions run with synchronous_commit = off, so a commit answers before the WAL reaches the disk.
 * The loss window is about three times wal_writer_delay (200 ms by default: up to ~0.6 s of commits) and
 * only if the database server itself crashes; a Motcua process dying loses nothing already answered.
 * A handle not made by createDb (a transaction) is returned as is.
 */
export function relaxedOf(db: Db): Db {
  return relaxed.get(db)?.() ?? db;
}

/** The personal-data access log of a handle made by createDb (entries written in batches; ./access-log.ts). */
export function accessLogOf(db: Db): AccessLog | undefined {
  return accessLogs.get(db);
}
