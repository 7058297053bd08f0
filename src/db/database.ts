// The one way to reach PostgreSQL: a Kysely instance over a pg pool.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

// timestamptz → Date (default); bigint (count(*), bigserial) → number is safe for our sizes;
// date → 'YYYY-MM-DD' string, never a Date shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009;
pg.types.setTypeParser(DATE_ARRAY as never, pg.types.getTypeParser(TEXT_ARRAY as never));

export type Db = Kysely<Database>;

export function createDb(url: string, opts: { max?: number; onError?: (e: Error) => void } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'motcua',
  });
  // A dropped connection (PostgreSQL restarted) must not crash the process: the pool replaces it.
  pool.on('error', (e) => opts.onError?.(e));
  // …and so must one lost while checked out between two queries (a transaction awaiting something else):
  // without a listener its 'error' event would end the process. The pool discards the broken client.
  pool.on('connect', (client) => client.on('error', (e) => opts.onError?.(e)));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
