// /readyz: ready once the database answers and every migration is applied; what is known after that (the
// migrations) is not read again on every probe, but an unreachable database still answers 503.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { buildServer } from '../../src/api/server';
import { createDb } from '../../src/db/database';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

describe('/readyz', () => {
  it('reads the migrations until they are all applied, then only checks that the database answers', async () => {
    // A second server on the same database, started while a migration is (made to look) pending.
    const last = await t.database.db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .executeTakeFirstOrThrow();
    await sql`DELETE FROM kysely_migration WHERE name = ${last.name}`.execute(t.database.db);
    const server = await buildServer(createApp(t.app.config, t.database.db), { logger: false });
    try {
      const pending = await server.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json().reason).toContain(last.name);
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last.name}, ${new Date().toISOString()})`.execute(t.database.db);
      expect((await server.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
      // Known after that: the list is not read again (a row removed behind its back goes unnoticed).
      await sql`DELETE FROM kysely_migration WHERE name = ${last.name}`.execute(t.database.db);
      expect((await server.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last.name}, ${new Date().toISOString()}) ON CONFLICT DO NOTHING`.execute(
        t.database.db,
      );
      await server.close();
    }
  });

  it('answers 503 problem+json when the database is unreachable', async () => {
    const db = createDb('postgres://nobody:x@127.0.0.1:1/none', { max: 1 });
    const server = await buildServer(createApp(t.app.config, db), { logger: false });
    try {
      const r = await server.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'service-unavailable', reason: 'database unreachable' });
    } finally {
      await server.close();
      await db.destroy();
    }
  });
});
