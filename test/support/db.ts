// A fresh database per test file (or per test), copied from the migrated, demo-seeded template.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db/database';

export function databaseUrl(name: string): string {
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export type TestDb = { db: Db; url: string; name: string; drop: () => Promise<void> };

/** Copies the template (migrated + demo province). `empty: true` gives a database with nothing at all. */
export async function freshDatabase(opts: { empty?: boolean } = {}): Promise<TestDb> {
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    opts.empty
      ? `CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`
      : `CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`,
  );
  const url = databaseUrl(name);
  // Access entries written with their request: tests read the log right after one (the batches are tested in
  // test/db/access-log.test.ts).
  const db = createDb(url, { max: 10, accessLogFlushMs: 0 });
  return {
    db,
    url,
    name,
    drop: async () => {
      await db.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
