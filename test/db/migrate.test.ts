// Migrations: applied under an advisory lock, so instances starting together do not race.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate';
import { migrations } from '../../src/db/migrations/index';
import { freshDatabase, type TestDb } from '../support/db';

let t: TestDb;
beforeEach(async () => {
  t = await freshDatabase({ empty: true });
});
afterEach(() => t.drop());

describe('migrations', () => {
  it('four instances migrating one empty database at once apply each migration exactly once', async () => {
    const dbs: Db[] = Array.from({ length: 4 }, () => createDb(t.url, { max: 2 }));
    const applied = await Promise.all(dbs.map((db) => migrateToLatest(db)));
    await Promise.all(dbs.map((db) => db.destroy()));
    expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
    expect(await pendingMigrations(t.db)).toEqual([]);
  });

  it('installs unaccent and pg_trgm, and folds Vietnamese for diacritic-free search', async () => {
    await migrateToLatest(t.db);
    const ext = await sql<{ extname: string }>`SELECT extname FROM pg_extension`.execute(t.db);
    expect(ext.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['unaccent', 'pg_trgm']));
    const r = await sql<{ f: string }>`SELECT motcua_fold('Đăng ký khai sinh ĐỒNG') AS f`.execute(t.db);
    expect(r.rows[0]!.f).toBe('dang ky khai sinh dong');
  });
});
