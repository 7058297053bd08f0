// Personal-data access entries written in batches (issue 14). Every read of a citizen's personal data (a dossier
// page, a registry lookup) leaves an entry; writing each one with its request cost a round trip and a commit per
// read, the largest share of the dossier page's database work after the page itself under 16 clients
// (docs/benchmarks.md). Outside a transaction an entry now waits here, stamped with the time of the access, and
// is written with the others in one multi-row INSERT through the handle whose commit does not wait for the disk
// (`relaxedOf`): when `max` entries are waiting, or `flushMs` after the first one.
//
// What can be lost, and when:
// - a clean shutdown loses nothing: `db.destroy()` (the server's stop) writes what waits before closing (if the
//   database cannot be reached then, the count of entries not written is reported through `onError`);
// - a Motcua process that dies (kill -9, power) loses the entries of its last `flushMs` (50 ms by default);
// - a PostgreSQL crash loses the commits of its last ~0.6 s (asynchronous commit, see `relaxedOf`).
// A batch that fails (database unreachable) is kept and tried again, 1 s later and then up to every 30 s; the
// entries stay in memory meanwhile, in order. An entry inside a transaction is written in it, with it.
// `flushMs: 0` writes each entry with its request, as before (the tests that read the log right after a
// request use it).
import type { Insertable } from 'kysely';
import type { Db } from './database';
import type { PersonalDataAccessTable } from './schema';

export type AccessEntry = Insertable<PersonalDataAccessTable> & { at: Date };

export type AccessLogOptions = {
  /** How long the first waiting entry may wait; 0 writes each with its request. */
  flushMs: number;
  /** Entries that make a batch at once. */
  max?: number;
  /** Told when a batch could not be written (it is kept and tried again). */
  onError?: (e: Error) => void;
  /** The first wait before trying a refused batch again (1 s; doubled up to 30 s). */
  retryFirstMs?: number;
};

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export class AccessLog {
  private waiting: AccessEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private retryMs: number;
  private failing = false;
  private closed = false;
  /** Batches written (tests and the benchmark). */
  batches = 0;

  constructor(
    private readonly target: () => Db,
    private readonly opts: AccessLogOptions,
  ) {
    this.retryMs = opts.retryFirstMs ?? RETRY_FIRST_MS;
  }

  /** Entries waiting to be written. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Records one access: at once with `flushMs: 0` or after the handle is closed, else with the next batch. */
  async add(entry: AccessEntry): Promise<void> {
    if (this.opts.flushMs <= 0 || this.closed) {
      await this.target().insertInto('personal_data_access').values(entry).execute();
      return;
    }
    this.waiting.push(entry);
    if (this.failing) return;
    if (this.waiting.length >= (this.opts.max ?? 200)) void this.flush().catch(() => undefined);
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.opts.flushMs);
  }

  /** Writes everything waiting now (and waits for a batch already under way); rejects if a batch fails. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing.catch(() => undefined);
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, 1_000);
      this.writing = this.target()
        .insertInto('personal_data_access')
        .values(batch)
        .execute()
        .then(() => {
          this.batches++;
          this.failing = false;
          this.retryMs = this.opts.retryFirstMs ?? RETRY_FIRST_MS;
        });
      try {
        await this.writing;
      } catch (e) {
        // Kept, in order, for the next try.
        this.waiting.unshift(...batch);
        this.retry(e as Error);
        throw e;
      } finally {
        this.writing = null;
      }
    }
  }

  private retry(e: Error): void {
    this.failing = true;
    this.opts.onError?.(e);
    if (this.closed || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, wait);
    this.timer.unref();
  }

  /** Writes what waits and writes every later entry at once (the handle is closing). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
