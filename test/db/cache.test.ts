// The read cache (src/db/cache.ts) on a real PostgreSQL: it caches only while its LISTEN session is up, a
// change committed through another handle (another process, as far as the cache can tell) drops the entry by
// NOTIFY, and a value loaded while its table changed is not kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheOf } from '../../src/db/cache';
import { createDb, type Db } from '../../src/db/database';
import { freshDatabase, type TestDb } from '../support/db';

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

async function eventually(seen: () => Promise<boolean> | boolean, limitMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await seen())) {
    if (Date.now() - t0 > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('read cache', () => {
  it('loads once while listening, and again after a change committed elsewhere', { timeout: 120_000 }, async () => {
    const cache = cacheOf(t.db);
    await cache.ready();
    let loads = 0;
    const read = () => cache.get('probe', ['unit'], async () => ++loads);
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

  it('a handle without a LISTEN session (a transaction) never caches', async () => {
    await t.db.transaction().execute(async (trx) => {
      let loads = 0;
      await cacheOf(trx).get('x', ['unit'], async () => ++loads);
      await cacheOf(trx).get('x', ['unit'], async () => ++loads);
      expect(loads).toBe(2);
    });
  });
});
