// pg-boss on the application's database: two instances never run one job twice; the worker delivers the
// outbox by itself; two workers running the deadline watch raise each alert once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createDb } from '../../src/db/database';
import { deadlineWatchJob } from '../../src/jobs/deadline-watch';
import { createBoss, startWorker } from '../../src/jobs/worker';
import { createTestApi, type TestApi } from '../support/api';
import { dossierKit, HOUR } from './helpers';

let t: TestApi;
let kit: Awaited<ReturnType<typeof dossierKit>>;

beforeAll(async () => {
  t = await createTestApi({ MOTCUA_OUTBOX_SWEEP_SECONDS: '0.2' });
  kit = await dossierKit(t);
});
afterAll(() => t.close());

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const quiet = () => {};

describe('pg-boss', () => {
  it('two instances on one database: each of 40 jobs runs exactly once', { timeout: 60_000 }, async () => {
    const a = createBoss(t.database.url, quiet);
    const b = createBoss(t.database.url, quiet);
    await Promise.all([a.start(), b.start()]);
    try {
      await a.createQueue('test-once', { name: 'test-once' });
      const seen: { id: string; by: string }[] = [];
      const handler = (by: string) => async (jobs: { id: string }[]) => {
        for (const j of jobs) {
          seen.push({ id: j.id, by });
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await a.work('test-once', { pollingIntervalSeconds: 0.5 }, handler('a'));
      await b.work('test-once', { pollingIntervalSeconds: 0.5 }, handler('b'));
      const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => a.send('test-once', { i })));
      await until(
        async () => seen.length,
        (n) => n >= 40,
      );
      await new Promise((r) => setTimeout(r, 1000)); // a duplicate would show up now
      expect(seen).toHaveLength(40);
      expect(new Set(seen.map((s) => s.id))).toEqual(new Set(ids));
    } finally {
      await Promise.all([a.stop({ graceful: false, wait: true }), b.stop({ graceful: false, wait: true })]);
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('two workers: the outbox is delivered by itself, and the deadline watch raises each alert once', { timeout: 60_000 }, async () => {
    const db2 = createDb(t.database.url, { max: 5 });
    const app2 = createApp(t.app.config, db2, {});
    // The second worker's adapters must reach the in-process simulators too: it shares the first one's.
    Object.assign(app2, { adapters: t.app.adapters });
    const w1 = await startWorker(t.app, t.database.url, { log: quiet, schedule: false });
    const w2 = await startWorker(app2, t.database.url, { log: quiet, schedule: false });
    try {
      const d = await kit.intake();
      const records = await until(
        () => kit.portalRecords(d.code),
        (r) => r.length > 0,
      );
      expect(records).toHaveLength(1);

      const late = await kit.intake();
      await t.database.db
        .updateTable('dossier')
        .set({ due_at: new Date(Date.now() - 2 * HOUR) })
        .where('id', '=', late.id)
        .execute();
      for (let i = 0; i < 4; i++) await w1.boss.send(deadlineWatchJob.name, {});
      const alerts = () => t.database.db.selectFrom('dossier_alert').select('kind').where('dossier_id', '=', late.id).execute();
      await until(alerts, (a) => a.length >= 2);
      await until(
        () => w1.boss.getQueueSize(deadlineWatchJob.name, { before: 'completed' }),
        (n) => n === 0,
      );
      expect((await alerts()).map((a) => a.kind).sort()).toEqual(['breach', 'overdue']);
      // And the escalation SMS reached the simulator once per recipient.
      const province = await t.database.db
        .selectFrom('staff_user')
        .select('phone')
        .where('username', '=', 'tinh.province-admin')
        .executeTakeFirstOrThrow();
      const got = await until(
        async () => (await kit.sms(province.phone)).filter((m) => m.text.includes(late.code)),
        (m) => m.length >= 2,
      );
      expect(got.map((m) => m.text.includes('Vi phạm')).sort()).toEqual([false, true]);
    } finally {
      await Promise.all([w1.stop(), w2.stop()]);
      await db2.destroy();
    }
  });
});
