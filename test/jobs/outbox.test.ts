// Outbox delivery to the national portal and the SMS gateway, through their simulators: delivered once
// each, retried with back-off while the receiver is down, dead after the configured attempts and replayed
// by an administrator; a delivery that fails after the receiver accepted (a worker dying mid-job) runs
// again and its effect happens once; two sweeps on the same rows never deliver one twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { portalMessage, signBody } from '../../src/adapters/national-portal.adapter';
import { createDb } from '../../src/db/database';
import { enqueueOutbox } from '../../src/db/repositories/dossier.repository';
import { claimOutbox } from '../../src/db/repositories/outbox.repository';
import { backoffMs, deliverers, sweepOutbox, type Deliver } from '../../src/jobs/outbox';
import { createTestApi, type TestApi } from '../support/api';
import { dossierKit, HOUR, later } from './helpers';

let t: TestApi;
let kit: Awaited<ReturnType<typeof dossierKit>>;

beforeAll(async () => {
  t = await createTestApi({ MOTCUA_OUTBOX_BATCH: '5' });
  kit = await dossierKit(t);
});
afterAll(() => t.close());
// A failed test must not leave a simulator down for the next.
afterEach(async () => {
  await kit.mode('national-portal', 'up');
  await kit.mode('sms', 'up');
});

const pending = () =>
  t.database.db.selectFrom('outbox').selectAll().where('delivered_at', 'is', null).where('dead_at', 'is', null).execute();
const drain = async (now: Date = later(new Date(), 1000)) => {
  for (let i = 0; i < 20; i++) {
    const r = await sweepOutbox(t.app, { now });
    if (r.claimed === 0) return;
  }
};

describe('simulators of the national portal and the SMS gateway', () => {
  it('the portal accepts a signed change once per idempotency key, refuses a bad signature, answers 503 when down', async () => {
    const body = JSON.stringify(
      portalMessage({
        code: 'SIM-TEST-1',
        nationalStatus: 2,
        receivedAt: '2026-03-02T02:00:00Z',
        dueAt: '2026-03-05T10:00:00Z',
        channel: 'online',
      }),
    );
    const post = (sig: string, key = 'sim-key-1') =>
      t.server.inject({
        method: 'POST',
        url: '/api/sim/national-portal/v1/status',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-motcua-signature': `sha256=${sig}` },
        payload: body,
      });
    expect((await post('0'.repeat(64))).statusCode).toBe(401);
    const good = signBody(t.app.simulators!.portalSecret, body);
    const first = await post(good);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: true, duplicate: false });
    expect((await post(good)).json()).toMatchObject({ accepted: true, duplicate: true });
    const items = await kit.portalRecords('SIM-TEST-1');
    expect(items).toEqual([
      {
        code: 'SIM-TEST-1',
        nationalStatus: 2,
        receivedAt: '2026-03-02T09:00:00+07:00',
        appointmentAt: '2026-03-05T17:00:00+07:00',
        channel: 2,
        at: expect.stringMatching(/\+07:00$/),
        idempotencyKey: 'sim-key-1',
      },
    ]);
    await kit.mode('national-portal', 'down');
    const down = await post(good, 'sim-key-2');
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    await kit.mode('national-portal', 'up');
    // Records and messages are for system-admin only.
    expect((await t.req(kit.officer, { method: 'GET', url: '/api/sim/national-portal/records?code=SIM-TEST-1' })).statusCode).toBe(403);
    expect((await t.req(kit.officer, { method: 'GET', url: '/api/sim/sms/messages' })).statusCode).toBe(403);
  });

  it('the SMS gateway needs its token and lists messages newest first', async () => {
    const send = (token: string, key: string, text: string) =>
      t.server.inject({
        method: 'POST',
        url: '/api/sim/sms/v1/messages',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        payload: { to: '0900000001', text },
      });
    expect((await send('wrong-token', 'k1', 'a')).statusCode).toBe(401);
    const token = t.app.simulators!.smsToken;
    expect((await send(token, 'k1', 'first')).statusCode).toBe(200);
    expect((await send(token, 'k2', 'second')).statusCode).toBe(200);
    expect((await send(token, 'k2', 'second')).json().duplicate).toBe(true);
    expect((await kit.sms('0900000001')).map((m) => m.text)).toEqual(['second', 'first']);
  });
});

describe('delivery', () => {
  it('delivers every status change of a dossier to the portal once, visible on the dossier and in the sync rate', async () => {
    const d = await kit.intake();
    const before = (await t.req(kit.officer, { method: 'GET', url: `/api/dossiers/${d.id}` })).json();
    expect(before.portalSync).toEqual({ pending: 1, delivered: 0, dead: 0, lastDeliveredAt: null });
    await drain();
    const items = await kit.portalRecords(d.code);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ code: d.code, nationalStatus: 2, channel: 1, idempotencyKey: `${d.id}:1` });
    const after = (await t.req(kit.officer, { method: 'GET', url: `/api/dossiers/${d.id}` })).json();
    expect(after.portalSync).toMatchObject({ pending: 0, delivered: 1, dead: 0 });
    expect(after.portalSync.lastDeliveredAt).toMatch(/\+07:00$/);
    const director = await t.login('hacthanh.centre-director');
    const rate = (await t.req(director, { method: 'GET', url: `/api/units/${t.units.hacthanh}/sync-rate` })).json();
    expect(rate.dossiers).toBeGreaterThanOrEqual(1);
    expect(rate.synced).toBe(rate.dossiers);
    expect(rate.rate).toBe(1);
    // Scoped like other unit reads.
    const other = await t.login('nguyetvien.centre-director');
    expect((await t.req(other, { method: 'GET', url: `/api/units/${t.units.hacthanh}/sync-rate` })).statusCode).toBe(403);
  });

  it('portal down for an hour: changes queue with back-off (none dead), then all arrive once after recovery', async () => {
    await kit.mode('national-portal', 'down');
    const ds = await Promise.all([kit.intake(), kit.intake(), kit.intake()]);
    const director = await t.login('hacthanh.centre-director');
    for (const d of ds) expect((await kit.act(director, d.id, 'assign', {})).statusCode).toBe(200);
    const t0 = later(new Date(), 1000);
    // Sweeps through the hour: every due message is tried and fails; attempts grow, retries move away.
    for (let m = 0; m <= 60; m += 5) await drain(later(t0, m * 60_000));
    const queued = await pending();
    expect(queued.length).toBeGreaterThanOrEqual(6);
    // The first change of each dossier is retried; the next waits behind it, so the portal hears them in order.
    const tried = queued.filter((q) => q.attempts > 0);
    expect(tried).toHaveLength(3);
    expect(tried.every((q) => q.attempts >= 2 && q.last_error === 'HTTP 503' && q.idempotency_key.endsWith(':1'))).toBe(true);
    expect(await t.database.db.selectFrom('outbox').select('id').where('dead_at', 'is not', null).execute()).toHaveLength(0);
    const sync = (await t.req(kit.officer, { method: 'GET', url: `/api/dossiers/${ds[0]!.id}` })).json().portalSync;
    expect(sync).toMatchObject({ pending: 2, delivered: 0, dead: 0 });

    await kit.mode('national-portal', 'up');
    await drain(later(t0, 2 * HOUR));
    expect(await pending()).toHaveLength(0);
    for (const d of ds) {
      const items = await kit.portalRecords(d.code);
      expect(items.map((i) => i.nationalStatus)).toEqual([2, 4]);
      expect(new Set(items.map((i) => i.idempotencyKey)).size).toBe(2);
    }
  });

  it('SMS gateway down then up: messages queue, then each arrives once', async () => {
    await kit.mode('sms', 'down');
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) await enqueueOutbox(trx, 'sms.send', `test-sms-${i}`, { to: '0900000099', text: `tin ${i}` });
    });
    const t0 = later(new Date(), 1000);
    await drain(t0);
    await drain(later(t0, 10 * 60_000));
    expect(await kit.sms('0900000099')).toHaveLength(0);
    await kit.mode('sms', 'up');
    await drain(later(t0, 2 * HOUR));
    await drain(later(t0, 3 * HOUR));
    expect((await kit.sms('0900000099')).map((m) => m.text).sort()).toEqual(['tin 0', 'tin 1', 'tin 2', 'tin 3']);
  });

  it('after the configured attempts a message is dead; the administrator lists and replays it', async () => {
    await kit.mode('sms', 'down');
    await t.database.db
      .transaction()
      .execute((trx) => enqueueOutbox(trx, 'sms.send', 'test-dead-1', { to: '0900000098', text: 'sẽ chết' }));
    let now = later(new Date(), 1000); // past the row's available_at (microseconds in the database)
    for (let i = 0; i < 10; i++) {
      await drain(now);
      now = later(now, 2 * HOUR); // past any back-off
    }
    const dead = (await t.req(kit.admin, { method: 'GET', url: '/api/admin/outbox?state=dead' })).json().items as {
      id: string;
      idempotencyKey: string;
      attempts: number;
    }[];
    const row = dead.find((x) => x.idempotencyKey === 'test-dead-1')!;
    expect(row.attempts).toBe(10); // MOTCUA_OUTBOX_MAX_ATTEMPTS, default 10
    // Only system-admin.
    expect((await t.req(kit.officer, { method: 'GET', url: '/api/admin/outbox?state=dead' })).statusCode).toBe(403);
    expect((await t.req(kit.officer, { method: 'POST', url: `/api/admin/outbox/${row.id}/replay` })).statusCode).toBe(403);
    await kit.mode('sms', 'up');
    const replayed = await t.req(kit.admin, { method: 'POST', url: `/api/admin/outbox/${row.id}/replay` });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ attempts: 0, deadAt: null });
    expect((await t.req(kit.admin, { method: 'POST', url: `/api/admin/outbox/${row.id}/replay` })).json().code).toBe(
      'outbox-message-not-dead',
    );
    expect((await t.req(kit.admin, { method: 'POST', url: '/api/admin/outbox/999999999/replay' })).statusCode).toBe(404);
    await drain();
    expect((await kit.sms('0900000098')).map((m) => m.text)).toEqual(['sẽ chết']);
    const delivered = (await t.req(kit.admin, { method: 'GET', url: '/api/admin/outbox?state=delivered&limit=500' })).json().items as {
      idempotencyKey: string;
    }[];
    expect(delivered.some((x) => x.idempotencyKey === 'test-dead-1')).toBe(true);
  });

  it('the administrator’s list pages in its own order: messages due out of id order are neither skipped nor repeated', async () => {
    // Three messages for the far future (no sweep takes them), the first-made due last.
    const due = ['2099-03-01T00:00:00Z', '2099-01-01T00:00:00Z', '2099-02-01T00:00:00Z'];
    await t.app.db.transaction().execute(async (trx) => {
      for (const [i, at] of due.entries())
        await enqueueOutbox(trx, 'sms.send', `page-order-${i}`, { to: '0900000066', text: `trang ${i}` }, new Date(at));
    });
    // Other tests count what is pending: these three go again, whatever happens here.
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 200; pages++) {
        const url = `/api/admin/outbox?state=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const r = await t.req(kit.admin, { method: 'GET', url });
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json() as { items: { id: string; idempotencyKey: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((x) => x.idempotencyKey));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((k) => k.startsWith('page-order-'))).toEqual(['page-order-1', 'page-order-2', 'page-order-0']);
    } finally {
      await t.app.db.deleteFrom('outbox').where('idempotency_key', 'like', 'page-order-%').execute();
    }
  });

  it('back-off doubles up to the cap, with jitter between half and all of it', () => {
    expect(backoffMs(1, 30, 1800, () => 1)).toBe(30_000);
    expect(backoffMs(3, 30, 1800, () => 1)).toBe(120_000);
    expect(backoffMs(20, 30, 1800, () => 1)).toBe(1_800_000);
    expect(backoffMs(3, 30, 1800, () => 0)).toBe(60_000);
  });
});

describe('faults', () => {
  it('a worker dying after the portal accepted: the job runs again, the portal records the change once', async () => {
    const d = await kit.intake();
    const real = deliverers(t.app);
    const dying: Record<string, Deliver> = {
      ...real,
      'national-portal.status': async (p, k) => {
        await real['national-portal.status']!(p, k);
        throw new Error('worker killed after the receiver accepted');
      },
    };
    const t0 = later(new Date(), 1000);
    await sweepOutbox(t.app, { now: t0, deliver: dying });
    const row = await t.database.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', `${d.id}:1`).executeTakeFirstOrThrow();
    expect(row.delivered_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(await kit.portalRecords(d.code)).toHaveLength(1);
    await drain(later(t0, HOUR));
    const items = await kit.portalRecords(d.code);
    expect(items).toHaveLength(1);
    expect(
      (await t.database.db.selectFrom('outbox').select('delivered_at').where('id', '=', row.id).executeTakeFirstOrThrow()).delivered_at,
    ).not.toBeNull();
  });

  it('a worker dying between claim and delivery: the lease runs out and another sweep delivers it once', async () => {
    const d = await kit.intake();
    const t0 = later(new Date(), 1000);
    // The claim commits, then the process "dies" before delivering.
    const claimed = await claimOutbox(t.database.db, t0, 100, 60_000);
    expect(claimed.some((m) => m.idempotencyKey === `${d.id}:1`)).toBe(true);
    // While the lease holds, nobody else takes it.
    expect((await sweepOutbox(t.app, { now: later(t0, 1000) })).claimed).toBe(0);
    await drain(later(t0, 61_000));
    expect(await kit.portalRecords(d.code)).toHaveLength(1);
  });

  it('two workers sweeping the same rows at once: every message delivered exactly once', async () => {
    const ds = await Promise.all(Array.from({ length: 8 }, () => kit.intake()));
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 30; i++) await enqueueOutbox(trx, 'sms.send', `race-${i}`, { to: '0900000077', text: `race ${i}` });
    });
    // A second worker: its own App and connection pool on the same database.
    const db2 = createDb(t.database.url, { max: 5 });
    const app2 = createApp(t.app.config, db2);
    const calls = new Map<string, number>();
    const counting = (real: Record<string, Deliver>): Record<string, Deliver> =>
      Object.fromEntries(
        Object.entries(real).map(([topic, f]) => [
          topic,
          async (p: Record<string, unknown>, k: string) => {
            calls.set(k, (calls.get(k) ?? 0) + 1);
            await new Promise((r) => setTimeout(r, 5));
            return f(p, k);
          },
        ]),
      );
    // Both deliver through the first server's simulators.
    const real = deliverers(t.app);
    try {
      const now = later(new Date(), 1000);
      const runs = await Promise.all([
        sweepOutbox(t.app, { now, deliver: counting(real) }),
        sweepOutbox(app2, { now, deliver: counting(real) }),
        sweepOutbox(t.app, { now, deliver: counting(real) }),
        sweepOutbox(app2, { now, deliver: counting(real) }),
      ]);
      expect(runs.filter((r) => r.claimed > 0).length).toBeGreaterThan(1);
    } finally {
      await db2.destroy();
    }
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(await pending()).toHaveLength(0);
    expect(await kit.sms('0900000077')).toHaveLength(30);
    for (const d of ds) expect(await kit.portalRecords(d.code)).toHaveLength(1);
  });
});
