// Two real Motcua processes (`motcua start`, as deployed behind a balancer) on one PostgreSQL: a session made
// on one is honoured by the other (and, both holding it in their caches, a sign-out on one reaches the other), an Idempotency-Key retry sent to the other creates nothing, and a change
// made through one is seen by the other's read cache (LISTEN/NOTIFY, src/db/cache.ts). Each process loads
// the TypeScript sources, which takes many seconds on a loaded machine: generous limits, and the cache check
// polls until the change shows (the caches have no time limit, so without the notification it never would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../support/db';
import { call, login, START_MS, startInstance, stopInstance as stop, type Instance } from '../support/instance';
import { eventually } from '../support/eventually';

const STEP = { timeout: 120_000 };

let t: TestDb;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  t = await freshDatabase();
  [a, b] = await Promise.all([startInstance(t.url), startInstance(t.url)]);
}, 2 * START_MS);

afterAll(async () => {
  await Promise.all([stop(a), stop(b)]);
  await t?.drop();
}, 120_000);

describe('two server processes on one database', () => {
  it('a session made on one is honoured by the other, and signing out on one ends it on both', STEP, async () => {
    const s = await login(a, 'hacthanh.specialist');
    // Both processes now hold the session in their read cache.
    expect((await call(a, s, 'GET', '/api/auth/me')).status).toBe(200);
    const me = await call(b, s, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('hacthanh.specialist');
    expect((await call(b, s, 'POST', '/api/auth/logout')).status).toBe(204);
    // B refuses it at once (its own write); A once the notification arrives.
    expect((await call(b, s, 'GET', '/api/auth/me')).status).toBe(401);
    const ms = await eventually(async () => (await call(a, s, 'GET', '/api/auth/me')).status === 401);
    console.log(`sign-out on one process refused by the other after ${ms} ms of polling`);
  });

  it('an Idempotency-Key retry sent to the other process replays the answer and creates nothing', STEP, async () => {
    const admin = await login(a, 'tinh.province-admin');
    const tinh = (await t.db.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirstOrThrow()).id;
    const payload = { slug: 'haitien', code: '000.05.00.H56', name: 'Trung tâm PVHCC xã Hải Tiến', type: 'commune', parentId: tinh };
    const headers = { 'idempotency-key': 'two-instances-haitien' };
    const first = await call(a, admin, 'POST', '/api/units', payload, headers);
    expect(first.status).toBe(201);
    const retry = await call(b, admin, 'POST', '/api/units', payload, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await t.db.selectFrom('unit').select('id').where('slug', '=', 'haitien').execute()).toHaveLength(1);
  });

  it("a change made through one reaches the other's cache (calendar year, unit tree)", STEP, async () => {
    const admin = await login(a, 'tinh.province-admin');
    const holidays = async () =>
      ((await (await call(b, null, 'GET', '/api/calendar/years/2028')).json()) as { holidays: string[] }).holidays;
    // B has the year in its cache…
    expect(await holidays()).not.toContain('2028-03-15');
    const before = (await (await call(b, null, 'GET', '/api/calendar/years/2028')).json()) as { holidays: string[]; workingDays: string[] };
    // …A replaces it…
    const put = await call(a, admin, 'PUT', '/api/calendar/years/2028', {
      holidays: [...before.holidays, '2028-03-15'],
      workingDays: before.workingDays,
    });
    expect(put.status).toBe(200);
    // …and B answers with the new year once the notification arrives (no time limit on the cache would ever do it).
    const ms = await eventually(async () => (await holidays()).includes('2028-03-15'));
    console.log(`calendar change seen by the other process after ${ms} ms of polling`);

    // The unit tree: B has it cached (a list of the province's queue reads it); A creates a unit; B scopes it.
    const adminB = await login(b, 'tinh.province-admin');
    expect((await call(b, adminB, 'GET', '/api/dossiers?limit=1')).status).toBe(200);
    const tinh = (await t.db.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirstOrThrow()).id;
    const created = await call(a, admin, 'POST', '/api/units', {
      slug: 'hoangphu',
      code: '000.06.00.H56',
      name: 'Trung tâm PVHCC xã Hoằng Phú',
      type: 'commune',
      parentId: tinh,
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    await eventually(async () => (await call(b, adminB, 'GET', `/api/dossiers?unitId=${id}&limit=1`)).status === 200);
  });
});
