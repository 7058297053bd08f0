// A Kysely handle that runs no query: it records the SQL and parameters each repository function sends, in
// order, and answers every query with the rows `answer` gives (one generic row by default). The SQL snapshot
// tests (test/db/sql/*.sql.test.ts) call repository functions on it, so a changed query shows in review as a
// changed snapshot. The queries themselves are run against real PostgreSQL by the other tests.
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import type { Database } from '../../src/db/schema';

export type RecordedQuery = { sql: string; parameters: readonly unknown[] };

/** A row that satisfies the repositories' "take first or throw" reads. */
export const GENERIC_ROW = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'X-000000-0001',
  last: 1,
  hash: null,
  unit_id: '00000000-0000-4000-8000-000000000002',
  working_days: '5',
  events: [],
  components: [],
  citizen_email: null,
};

export function recordingDb(answer: (q: CompiledQuery) => unknown[] = () => [GENERIC_ROW]) {
  const log: RecordedQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      log.push({ sql: q.sql.replace(/\s+/g, ' ').trim(), parameters: q.parameters });
      return Promise.resolve({ rows: answer(q) as R[] });
    },
    // eslint-disable-next-line require-yield
    async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
      throw new Error('the recorder does not stream');
    },
  };
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    // Transactions are not recorded: the snapshots show the repository's own statements.
    beginTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    db,
    /** The queries `run` sends, inside a transaction when it takes one. */
    async record(run: (trx: Transaction<Database>) => Promise<unknown>): Promise<RecordedQuery[]> {
      log.length = 0;
      await db.transaction().execute(run);
      return [...log];
    },
  };
}
