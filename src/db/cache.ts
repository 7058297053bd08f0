// Caches for what rarely changes (the unit tree and schedules, procedure versions, calendars), correct across
// several server processes: migration 0020 puts a statement trigger on each cached table that sends
// NOTIFY motcua_cache '<table>' when a transaction changes it (delivered at commit, to every listening
// process), and each process keeps one LISTEN session that drops the entries read from that table.
//
// - No listener, no cache: until the LISTEN session is up, and whenever it is lost, every read goes to the
//   database (a notification missed while disconnected cannot be replayed, so all entries are dropped).
// - A read that started before an invalidation is not stored (generation check), so a slow reader never
//   puts back what a writer just replaced.
// - The writing process forgets by itself, without waiting for its own notification: every statement sent on
//   the main pool is looked at (`trackWrites`, installed by createDb), and one that writes a cached table drops
//   its entries when it completes outside a transaction, or at the transaction's COMMIT (and once at the
//   statement, so a read already under way is not kept). A process reads its own writes at once; other
//   processes see them when the notification arrives (milliseconds; the two-process test allows a second).
// - The staff session (session, staff_user, user_role) is cached too: each staff request reads it. Its
//   triggers (migration 0031) announce only what changes the answer: a session revoked or its expiry moved,
//   an account renamed, deactivated or made to change its password, a role given or taken. The once-a-minute
//   `last_seen_at` touch goes through the relaxed handle, which is not tracked, and drops only that entry.
// Known limit: a write made with the triggers disabled (session_replication_role = replica, manual repair)
// is not announced; `motcua` never does that.
import pg from 'pg';
import type { Db } from './database';

export const CACHE_CHANNEL = 'motcua_cache';
/** The tables whose changes are announced (migration 0020 puts the trigger on each). */
export const CACHED_TABLES = [
  'unit',
  'reception_point',
  'calendar_year',
  'procedure',
  'procedure_component',
  'unit_procedure',
  'session',
  'staff_user',
  'user_role',
] as const;
export type CachedTable = (typeof CACHED_TABLES)[number];

type Entry = { tags: readonly CachedTable[]; value: Promise<unknown>; at: number };

export type GetOptions<T> = {
  /** Keep the loaded value only if this holds (a session that does not exist is not kept). */
  keep?: (v: T) => boolean;
  /** Load again once the entry is this old, notification or not (a backstop for what must not stay stale). */
  maxAgeMs?: number;
};

const WRITE = /\b(?:update|insert\s+into|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?(\w+)"?/gi;

/** The cached tables a statement writes (UPDATE, INSERT INTO, DELETE FROM, TRUNCATE, also inside WITH). */
export function writtenTables(text: string): CachedTable[] {
  if (!/update|insert|delete|truncate/i.test(text)) return [];
  const out = new Set<CachedTable>();
  for (const m of text.matchAll(WRITE)) {
    const t = m[1]!.toLowerCase();
    if ((CACHED_TABLES as readonly string[]).includes(t)) out.add(t as CachedTable);
  }
  return [...out];
}

/**
 * Watches the statements a pg client sends and tells `forget` which cached tables were written, once the
 * write is visible to other sessions: after the statement outside a transaction, after COMMIT inside one.
 * Called by createDb on every client of its main pool.
 */
export function trackWrites(client: pg.ClientBase, forget: (tables: CachedTable[]) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let inTransaction = false;
  const pending = new Set<CachedTable>();
  // Runs `f` when the statement has completed, before the caller's await resumes (the caller gets the promise
  // with this step); pg answers the promise form, which is the only one Kysely uses.
  const then = (out: unknown, f: () => void) =>
    out instanceof Promise
      ? out.then(
          (r: unknown) => (f(), r),
          (e: unknown) => (f(), Promise.reject(e as Error)),
        )
      : (f(), out);
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const a0 = args[0];
    const text = typeof a0 === 'string' ? a0 : typeof a0 === 'object' && a0 && 'text' in a0 ? String(a0.text) : '';
    if (/^\s*(?:begin|start\s+transaction)\b/i.test(text)) {
      inTransaction = true;
      pending.clear();
      return query(...args);
    }
    if (/^\s*(?:commit|end|rollback|abort)\s*(?:;|$|\s+(?:work|transaction)\b)/i.test(text)) {
      return then(query(...args), () => {
        inTransaction = false;
        const tables = [...pending];
        pending.clear();
        if (tables.length) forget(tables);
      });
    }
    const tables = text ? writtenTables(text) : [];
    if (!tables.length) return query(...args);
    forget(tables);
    if (inTransaction) {
      for (const t of tables) pending.add(t);
      return query(...args);
    }
    return then(query(...args), () => forget(tables));
  };
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generation = new Map<CachedTable, number>();
  private client: pg.Client | null = null;
  private listening = false;
  private starting: Promise<void> | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Notifications received (for tests and the two-process check). */
  notifications = 0;

  constructor(private readonly url: string | null) {}

  /** The cached value for `key`, loading it when absent; `tags` are the tables the value is read from. */
  async get<T>(key: string, tags: readonly CachedTable[], load: () => Promise<T>, opts: GetOptions<T> = {}): Promise<T> {
    if (!this.listening) {
      this.start();
      return load();
    }
    const hit = this.entries.get(key);
    if (hit && (opts.maxAgeMs === undefined || Date.now() - hit.at < opts.maxAgeMs)) return hit.value as Promise<T>;
    const before = tags.map((t) => this.generation.get(t) ?? 0);
    const value = load();
    const entry: Entry = { tags, value, at: Date.now() };
    this.entries.set(key, entry);
    try {
      const v = await value;
      // Changed while loading, or not worth keeping (`keep`: a session that does not exist): answer this
      // caller, but keep nothing.
      if (!this.listening || tags.some((t, i) => (this.generation.get(t) ?? 0) !== before[i]) || (opts.keep && !opts.keep(v)))
        this.drop(key, entry);
      return v;
    } catch (e) {
      this.drop(key, entry);
      throw e;
    }
  }

  /** Drops what was read from these tables (the writer's own process calls it after its commit). */
  forget(...tables: CachedTable[]): void {
    for (const t of tables) this.generation.set(t, (this.generation.get(t) ?? 0) + 1);
    for (const [k, e] of this.entries) if (e.tags.some((t) => tables.includes(t))) this.entries.delete(k);
  }

  /** Entries held (tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops one entry (a session whose row this process just touched). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Resolves once the LISTEN session is up (or could not be opened); reads are cached only after that. */
  ready(): Promise<void> {
    this.start();
    return this.starting ?? Promise.resolve();
  }

  private drop(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  private start(): void {
    if (this.starting || this.listening || this.closed || !this.url) return;
    this.starting = this.listen()
      .catch((e: unknown) => {
        // A hot standby (the read replica's handle) cannot LISTEN, and NOTIFY is not replicated to it anyway:
        // that handle never caches.
        if ((e as { code?: string }).code === '25006') this.closed = true;
        this.lost(null);
      })
      .finally(() => {
        this.starting = null;
      });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url!, application_name: 'motcua-cache' });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel !== CACHE_CHANNEL || client !== this.client) return;
      this.notifications++;
      const t = n.payload as CachedTable;
      if ((CACHED_TABLES as readonly string[]).includes(t)) this.forget(t);
      else this.forget(...CACHED_TABLES);
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
    if (this.closed || this.client !== client) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listening = true;
  }

  private lost(client: pg.Client | null): void {
    if (client && client !== this.client) return;
    const c = this.client;
    this.client = null;
    this.listening = false;
    this.forget(...CACHED_TABLES);
    void c?.end().catch(() => undefined);
    // Try again a little later (the next read would too); reads meanwhile go to the database.
    if (!this.closed && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.start();
      }, 1_000);
      this.retryTimer.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.starting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    this.entries.clear();
    await c?.end().catch(() => undefined);
  }
}

const caches = new WeakMap<object, ReadCache>();

/** Called by createDb: the cache of this database handle. */
export function attachCache(db: Db, url: string | null): ReadCache {
  const c = new ReadCache(url);
  caches.set(db, c);
  return c;
}

/** The cache of a database handle; a transaction or a handle made elsewhere gets a cache that never caches. */
export function cacheOf(db: object): ReadCache {
  let c = caches.get(db);
  if (!c) {
    c = new ReadCache(null);
    caches.set(db, c);
  }
  return c;
}
