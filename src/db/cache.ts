// Caches for what rarely changes (the unit tree and schedules, procedure versions, calendars), correct across
// several server processes: migration 0020 puts a statement trigger on each cached table that sends
// NOTIFY motcua_cache '<table>' when a transaction changes it (delivered at commit, to every listening
// process), and each process keeps one LISTEN session that drops the entries read from that table.
//
// - No listener, no cache: until the LISTEN session is up, and whenever it is lost, every read goes to the
//   database (a notification missed while disconnected cannot be replayed, so all entries are dropped).
// - A read that started before an invalidation is not stored (generation check), so a slow reader never
//   puts back what a writer just replaced.
// - The writing process also forgets at once (`forget`), so it reads its own writes without waiting for its
//   own notification; other processes see the change when the notification arrives (milliseconds; the
//   two-process test allows a second).
// Known limit: a write made with the triggers disabled (session_replication_role = replica, manual repair)
// is not announced; `motcua` never does that.
import pg from 'pg';
import type { Db } from './database';

export const CACHE_CHANNEL = 'motcua_cache';
/** The tables whose changes are announced (migration 0020 puts the trigger on each). */
export const CACHED_TABLES = ['unit', 'reception_point', 'calendar_year', 'procedure', 'procedure_component', 'unit_procedure'] as const;
export type CachedTable = (typeof CACHED_TABLES)[number];

type Entry = { tags: readonly CachedTable[]; value: Promise<unknown> };

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
  async get<T>(key: string, tags: readonly CachedTable[], load: () => Promise<T>): Promise<T> {
    if (!this.listening) {
      this.start();
      return load();
    }
    const hit = this.entries.get(key);
    if (hit) return hit.value as Promise<T>;
    const before = tags.map((t) => this.generation.get(t) ?? 0);
    const value = load();
    const entry: Entry = { tags, value };
    this.entries.set(key, entry);
    try {
      const v = await value;
      // Changed while loading: answer this caller, but keep nothing.
      if (!this.listening || tags.some((t, i) => (this.generation.get(t) ?? 0) !== before[i])) this.drop(key, entry);
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
