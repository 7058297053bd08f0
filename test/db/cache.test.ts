// The read cache (src/db/cache.ts) on a real PostgreSQL: it caches only while its LISTEN session is up, a
// change committed through another handle (another process, as far as the cache can tell) drops the entry by
// NOTIFY, a write through the same handle drops it at once (at COMMIT inside a transaction), and a value loaded
// while its table changed is not kept. The staff session is one of its entries: the rules around it (idle
// clock touched by another process, revocation here and there) are checked through AuthService on two handles.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CachedTable, cacheOf, writtenTables } from '../../src/db/cache';
import { createDb, type Db } from '../../src/db/database';
import { AuthService } from '../../src/services/auth.service';
import { TEST_PASSWORD } from '../support/global-setup';
import { freshDatabase, type TestDb } from '../support/db';
import { eventually } from '../support/eventually';

let t: TestDb;
let other: Db;
beforeAll(async () => {
  t = await freshDatabase();
  other = createDb(t.url, { max: 2 });
});
afterAll(async () => {
  await other.destroy();
  await t.drop();
});

/** A read of this test database's cache (listening) whose load counts how many times it ran. */
async function counted(key: string, table: CachedTable): Promise<() => Promise<number>> {
  const cache = cacheOf(t.db);
  await cache.ready();
  let loads = 0;
  return () => cache.get(key, [table], async () => ++loads);
}

describe('read cache', () => {
  it('loads once while listening, and again after a change committed elsewhere', { timeout: 120_000 }, async () => {
    const read = await counted('probe', 'unit');
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await other.updateTable('unit').set({ phone: '0237 000 0000' }).where('slug', '=', 'hacthanh').execute();
    await eventually(async () => (await read()) === 2);
    // Another table's change leaves it alone.
    await other.updateTable('calendar_year').set({ generated: false }).where('year', '=', 1900).execute();
    expect(await read()).toBe(2);
  });

  it('keeps nothing loaded while its table changed', { timeout: 120_000 }, async () => {
    const cache = cacheOf(t.db);
    await cache.ready();
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = cache.get('slow', ['calendar_year'], async () => {
      loads++;
      await gate;
      return 'stale';
    });
    cache.forget('calendar_year');
    release();
    expect(await first).toBe('stale');
    expect(await cache.get('slow', ['calendar_year'], async () => (++loads, 'fresh'))).toBe('fresh');
    expect(loads).toBe(2);
  });

  it('an entry with a maximum age is loaded again once it is that old, notification or not', { timeout: 120_000 }, async () => {
    const cache = cacheOf(t.db);
    await cache.ready();
    let loads = 0;
    const read = () => cache.get('aged', ['reception_point'], async () => ++loads, { maxAgeMs: 1_000 });
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await read()).toBe(2);
  });

  it('a handle without a LISTEN session (a transaction) never caches', async () => {
    await t.db.transaction().execute(async (trx) => {
      let loads = 0;
      await cacheOf(trx).get('x', ['unit'], async () => ++loads);
      await cacheOf(trx).get('x', ['unit'], async () => ++loads);
      expect(loads).toBe(2);
    });
  });
});

describe('writes through the same handle', () => {
  it('finds the cached tables a statement writes, and only those', () => {
    expect(writtenTables('update "session" set "last_seen_at" = $1 where "id" = $2')).toEqual(['session']);
    expect(writtenTables('insert into "user_role" ("user_id", "unit_id", "role") values ($1, $2, $3)')).toEqual(['user_role']);
    expect(writtenTables('DELETE FROM user_role WHERE user_id = $1')).toEqual(['user_role']);
    expect(writtenTables('TRUNCATE TABLE unit, calendar_year')).toEqual(['unit']);
    expect(writtenTables('with x as (update "staff_user" set active = false returning id) select * from x')).toEqual(['staff_user']);
    expect(writtenTables('select * from "session" as "s" inner join "staff_user" as "u" on "u"."id" = "s"."user_id"')).toEqual([]);
    expect(writtenTables('insert into "dossier_event" ("dossier_id") values ($1)')).toEqual([]);
    expect(writtenTables('update "unit_procedure" set "fee" = 0')).toEqual(['unit_procedure']);
  });

  it('drops the entry when an autocommitted write completes, without waiting for a notification', { timeout: 120_000 }, async () => {
    const read = await counted('own-write', 'session');
    expect(await read()).toBe(1);
    // last_seen_at is not announced (migration 0031): only the tracking of this handle's statements drops it.
    await t.db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', 'none').execute();
    expect(await read()).toBe(2);
  });

  it('inside a transaction, drops the entry at the statement and again at the COMMIT', { timeout: 120_000 }, async () => {
    const read = await counted('own-trx', 'session');
    expect(await read()).toBe(1);
    let inside = 0;
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', 'none').execute();
      // The statement dropped the entry (a read already under way would not be kept). Another request of this
      // process reads meanwhile and sees the committed state, still true until the COMMIT…
      inside = await read();
      expect(inside).toBeGreaterThan(1);
    });
    // …which drops it (a notification from another test of this file may drop it too: hence "greater").
    expect(await read()).toBeGreaterThan(inside);
  });

  it('a raw statement counts too; a rolled-back one costs a reload, nothing more', { timeout: 120_000 }, async () => {
    const read = await counted('own-raw', 'staff_user');
    expect(await read()).toBe(1);
    await sql`UPDATE staff_user SET failed_logins = failed_logins WHERE username = 'none'`.execute(t.db);
    expect(await read()).toBe(2);
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('staff_user').set({ failed_logins: 0 }).where('username', '=', 'none').execute();
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await read()).toBe(3);
  });
});

describe('the staff session in the cache', () => {
  const config = { session: { idleMinutes: 30, absoluteHours: 12 }, login: { maxFailures: 5, lockMinutes: 15 } };
  const ctx = () => ({ requestId: randomUUID(), lang: 'en' as const, actor: null, ip: '127.0.0.1' });
  const signIn = async (auth: AuthService) =>
    (await auth.login(ctx(), 'hacthanh.specialist', TEST_PASSWORD, { userAgent: 'cache test' })).token;

  it('a session touched by another process is read again before it is called idle', { timeout: 120_000 }, async () => {
    await Promise.all([cacheOf(t.db).ready(), cacheOf(other).ready()]);
    const here = new AuthService(t.db, config);
    const there = new AuthService(other, config);
    const token = await signIn(here);
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    // This process holds the session as signed in (last seen at t0)…
    expect(typeof (await here.resolve(token, at(0.5)))).toBe('object');
    // …the other serves a request 25 minutes later and moves the idle clock (not announced)…
    expect(typeof (await there.resolve(token, at(25)))).toBe('object');
    // …so at 40 minutes (35 since t0 by this process's copy, 15 since the touch) the session is still open here.
    const r = await here.resolve(token, at(40));
    expect(typeof r).toBe('object');
    // Idle for real: expired, wherever asked.
    expect(await here.resolve(token, at(80))).toBe('expired');
    expect(await there.resolve(token, at(80))).toBe('expired');
  });

  it('signing out here is refused here at once; elsewhere once the notification arrives', { timeout: 120_000 }, async () => {
    await Promise.all([cacheOf(t.db).ready(), cacheOf(other).ready()]);
    const here = new AuthService(t.db, config);
    const there = new AuthService(other, config);
    const token = await signIn(here);
    const resolved = await here.resolve(token);
    expect(typeof (await there.resolve(token))).toBe('object');
    if (typeof resolved !== 'object') throw new Error('not signed in');
    await here.logout({ ...ctx(), actor: resolved.actor }, resolved.session.id);
    expect(await here.resolve(token)).toBe('none');
    await eventually(async () => (await there.resolve(token)) === 'none');
  });

  it('a role taken away elsewhere reaches this process', { timeout: 120_000 }, async () => {
    await Promise.all([cacheOf(t.db).ready(), cacheOf(other).ready()]);
    const here = new AuthService(t.db, config);
    const token = await signIn(here);
    const roles = async () => {
      const r = await here.resolve(token);
      return typeof r === 'object' ? r.actor.roles.length : -1;
    };
    const n = await roles();
    expect(n).toBeGreaterThan(0);
    const user = (await t.db.selectFrom('staff_user').select('id').where('username', '=', 'hacthanh.specialist').executeTakeFirstOrThrow())
      .id;
    const taken = await other.deleteFrom('user_role').where('user_id', '=', user).returningAll().execute();
    try {
      await eventually(async () => (await roles()) === 0);
    } finally {
      await other.insertInto('user_role').values(taken).execute();
    }
    await eventually(async () => (await roles()) === n);
  });

  it('an unknown token is not kept', { timeout: 120_000 }, async () => {
    await cacheOf(t.db).ready();
    const here = new AuthService(t.db, config);
    const before = cacheOf(t.db).size;
    expect(await here.resolve(randomUUID())).toBe('none');
    expect(cacheOf(t.db).size).toBe(before);
  });
});
