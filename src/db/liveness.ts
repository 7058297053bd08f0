// Which process holds a piece of unfinished work: each process keeps one small PostgreSQL session open for its
// whole life and names work by that session ("<backend pid>:<backend start µs>"). When the process dies, its
// socket closes and PostgreSQL ends the session at once, so anyone can tell the holder is gone by asking
// pg_stat_activity — no timeout to wait out. Used by Idempotency-Key placeholders (src/api/idempotency.ts).
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './database';

export class ProcessLiveness {
  private client: pg.Client | null = null;
  private identity: Promise<string | null> | null = null;
  private closed = false;

  /** Without a database URL (never in practice) holders are unknown and callers fall back to a timeout. */
  constructor(private readonly url: string | undefined) {}

  /** This process's holder name, opening the liveness session on first use; null if it cannot be opened. */
  holder(): Promise<string | null> {
    if (!this.url || this.closed) return Promise.resolve(null);
    this.identity ??= this.open().catch(() => {
      this.identity = null;
      return null;
    });
    return this.identity;
  }

  private async open(): Promise<string> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'motcua-liveness' });
    // Lost (PostgreSQL restarted): the next call opens a new session under a new name; work named by the old
    // one is then seen as abandoned, which it is — the old session's transactions were rolled back.
    client.on('error', () => {
      if (this.client === client) {
        this.client = null;
        this.identity = null;
      }
      void client.end().catch(() => undefined);
    });
    await client.connect();
    this.client = client;
    const r = await client.query<{ holder: string }>(
      `SELECT pid || ':' || (extract(epoch FROM backend_start) * 1000000)::bigint AS holder FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return r.rows[0]!.holder;
  }

  /** Whether the process named `holder` is still connected (its liveness session exists). */
  static async alive(db: Db, holder: string): Promise<boolean> {
    const [pid, started] = holder.split(':');
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE pid = ${Number(pid)} AND (extract(epoch FROM backend_start) * 1000000)::bigint = ${started}::bigint`.execute(db);
    return (r.rows[0]?.n ?? 0) > 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    this.identity = null;
    await c?.end().catch(() => undefined);
  }
}
