// Personal-data access entries in batches (src/db/access-log.ts) on a real PostgreSQL: an entry waits for its batch
// (by count or by time), carries the time of the access rather than of the write, is never lost on a clean
// shutdown, is kept and written later when the database refuses a batch, and inside a transaction is written in
// it. Each test counts only its own entries (a purpose of its own).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLog } from '../../src/db/access-log';
import { accessLogOf, createDb, type Db } from '../../src/db/database';
import { logPersonalDataAccess } from '../../src/db/repositories/dossier.repository';
import { freshDatabase, type TestDb } from '../support/db';
import { eventually } from '../support/eventually';

let t: TestDb;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

const entry = (purpose: string, i = 0) => ({
  actorId: null,
  actorName: 'access-log test',
  unitId: null,
  idNumber: String(200000000000 + i),
  subjectType: 'dossier',
  purpose,
  requestId: `${purpose}-${i}`,
});
const written = async (purpose: string) =>
  (
    await t.db
      .selectFrom('personal_data_access')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('purpose', '=', purpose)
      .executeTakeFirstOrThrow()
  ).n;
/** Makes the database refuse this purpose's entries (a trigger) until the returned function is called. */
async function refuse(purpose: string): Promise<() => Promise<void>> {
  const fn = `refuse_${randomUUID().replace(/-/g, '')}`;
  await sql
    .raw(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW.purpose = '${purpose}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER ${fn} BEFORE INSERT ON personal_data_access FOR EACH ROW EXECUTE FUNCTION ${fn}();`,
    )
    .execute(t.db);
  return async () => {
    await sql.raw(`DROP TRIGGER ${fn} ON personal_data_access; DROP FUNCTION ${fn}();`).execute(t.db);
  };
}

describe('personal-data access entries in batches', () => {
  it('an entry waits for its batch; the batch is one INSERT of all that waited; the time is the access’s', async () => {
    const db = createDb(t.url, { max: 2, accessLogFlushMs: 60_000 });
    try {
      const purpose = `wait-${randomUUID()}`;
      for (let i = 0; i < 5; i++) await logPersonalDataAccess(db, entry(purpose, i));
      const loggedBy = new Date();
      const log = accessLogOf(db)!;
      expect(log.pending).toBe(5);
      expect(await written(purpose)).toBe(0);
      const batches = log.batches;
      await new Promise((r) => setTimeout(r, 50));
      await log.flush();
      expect(log.batches).toBe(batches + 1);
      expect(await written(purpose)).toBe(5);
      // Stamped when logged, not when written at least 50 ms later.
      const rows = await t.db.selectFrom('personal_data_access').select('at').where('purpose', '=', purpose).execute();
      for (const r of rows) expect(r.at.getTime()).toBeLessThanOrEqual(loggedBy.getTime());
    } finally {
      await db.destroy();
    }
  });

  it('a full batch is written without waiting for the time; the time writes a partial one', async () => {
    const full = new AccessLog(() => t.db, { flushMs: 60_000, max: 10 });
    const purpose = `full-${randomUUID()}`;
    for (let i = 0; i < 10; i++) await full.add({ ...toRow(entry(purpose, i)), at: new Date() });
    await eventually(async () => (await written(purpose)) === 10);
    const timed = new AccessLog(() => t.db, { flushMs: 20 });
    const purpose2 = `timed-${randomUUID()}`;
    await timed.add({ ...toRow(entry(purpose2)), at: new Date() });
    await eventually(async () => (await written(purpose2)) === 1);
    expect(timed.pending).toBe(0);
  });

  it('a clean shutdown writes every entry answered before it', async () => {
    const db = createDb(t.url, { max: 2, accessLogFlushMs: 60_000 });
    const purpose = `shutdown-${randomUUID()}`;
    // Fewer than a full batch (200), so nothing is written before the time, a minute here.
    await Promise.all(Array.from({ length: 150 }, (_, i) => logPersonalDataAccess(db, entry(purpose, i))));
    expect(accessLogOf(db)!.pending).toBe(150);
    expect(await written(purpose)).toBe(0);
    await db.destroy();
    expect(await written(purpose)).toBe(150);
  });

  it('a refused batch is kept, in order, and written when the database takes it again', async () => {
    const purpose = `refused-${randomUUID()}`;
    const accept = await refuse(purpose);
    const errors: string[] = [];
    // The retry is left to this test (a minute away), so what is pending is known at each step.
    const log = new AccessLog(() => t.db, { flushMs: 10, retryFirstMs: 60_000, onError: (e) => errors.push(e.message) });
    try {
      for (let i = 0; i < 3; i++) await log.add({ ...toRow(entry(purpose, i)), at: new Date(Date.now() + i) });
      await eventually(async () => errors.length >= 1);
      expect(log.pending).toBe(3);
      // While the database refuses, later entries wait with them.
      await log.add({ ...toRow(entry(purpose, 3)), at: new Date(Date.now() + 3) });
      expect(log.pending).toBe(4);
    } finally {
      await accept();
    }
    expect(await written(purpose)).toBe(0);
    // The next try writes them all, in order.
    await log.flush();
    expect(await written(purpose)).toBe(4);
    expect(log.pending).toBe(0);
    const rows = await t.db.selectFrom('personal_data_access').select('request_id').where('purpose', '=', purpose).orderBy('at').execute();
    expect(rows.map((r) => r.request_id)).toEqual([0, 1, 2, 3].map((i) => `${purpose}-${i}`));
    expect(errors[0]).toContain('refused for the test');
  });

  it('a refused batch is tried again by itself', async () => {
    const purpose = `retried-${randomUUID()}`;
    const accept = await refuse(purpose);
    let refusals = 0;
    const log = new AccessLog(() => t.db, { flushMs: 10, retryFirstMs: 50, onError: () => refusals++ });
    try {
      await log.add({ ...toRow(entry(purpose)), at: new Date() });
      await eventually(async () => refusals >= 1);
    } finally {
      await accept();
    }
    await eventually(async () => (await written(purpose)) === 1);
    expect(log.pending).toBe(0);
  });

  it('inside a transaction the entry is written in it, and goes with a rollback', async () => {
    const db: Db = createDb(t.url, { max: 2, accessLogFlushMs: 60_000 });
    try {
      const kept = `trx-${randomUUID()}`;
      const dropped = `trx-rolled-back-${randomUUID()}`;
      await db.transaction().execute((trx) => logPersonalDataAccess(trx, entry(kept)));
      expect(await written(kept)).toBe(1);
      await db
        .transaction()
        .execute(async (trx) => {
          await logPersonalDataAccess(trx, entry(dropped));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await written(dropped)).toBe(0);
      expect(accessLogOf(db)!.pending).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('with flushMs 0 each entry is written with its request', async () => {
    const db = createDb(t.url, { max: 2, accessLogFlushMs: 0 });
    try {
      const purpose = `now-${randomUUID()}`;
      await logPersonalDataAccess(db, entry(purpose));
      expect(await written(purpose)).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});

function toRow(e: ReturnType<typeof entry>) {
  return {
    actor_id: e.actorId,
    actor_name: e.actorName,
    unit_id: e.unitId,
    id_number: e.idNumber,
    subject_type: e.subjectType,
    purpose: e.purpose,
    request_id: e.requestId,
  };
}
