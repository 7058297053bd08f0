// The deadline watch: warnings before the due time, escalation after, the apology prompt and the breach
// flag, supplement reminders to the citizen, online dossiers not accepted in time; each once per dossier and
// kind even with two watchers at once; warnings reach the SMS simulator through the outbox; the alerts list
// and the director's view, with their deny cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { addWorkingMillis } from '../../src/domain/calendar/index';
import { createDb } from '../../src/db/database';
import { runDeadlineWatch } from '../../src/jobs/deadline-watch';
import { sweepOutbox } from '../../src/jobs/outbox';
import { createTestApi, type TestApi } from '../support/api';
import { dossierKit, HOUR, later } from './helpers';

let t: TestApi;
let kit: Awaited<ReturnType<typeof dossierKit>>;
let shift: (d: Date, workingHours: number) => Date;

beforeAll(async () => {
  t = await createTestApi();
  kit = await dossierKit(t);
  const { schedule, provinceId } = await t.app.services.calendar.unitSchedule(t.units.hacthanh);
  const calendar = await t.app.services.calendar.calendarFor(provinceId);
  shift = (d, h) => addWorkingMillis(d, h * HOUR, schedule, calendar);
});
afterAll(() => t.close());

const alertsOf = (id: string) => t.database.db.selectFrom('dossier_alert').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
const kinds = async (id: string) => (await alertsOf(id)).map((a) => a.kind).sort();
const dossier = (id: string) => t.database.db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const phoneOf = async (username: string) =>
  await t.database.db.selectFrom('staff_user').select(['id', 'phone']).where('username', '=', username).executeTakeFirstOrThrow();
const drain = async () => {
  for (let i = 0; i < 20 && (await sweepOutbox(t.app, { now: later(new Date(), 1000) })).claimed > 0; i++);
};

describe('warnings and escalation, once each', () => {
  it('due soon → assignee and director; 1 working day before → apology prompt to the leader; overdue → leader and province; no apology → breach', async () => {
    const d = await kit.intake();
    const director = await t.login('hacthanh.centre-director');
    expect((await kit.act(director, d.id, 'assign', {})).statusCode).toBe(200);
    const row = await dossier(d.id);
    const due = row.due_at!;

    await runDeadlineWatch(t.app, shift(due, -6));
    expect(await kinds(d.id)).toEqual(['apology-prompt', 'due-soon-8h']);
    const soon = (await alertsOf(d.id)).find((a) => a.kind === 'due-soon-8h')!;
    const dir = await phoneOf('hacthanh.centre-director');
    expect(soon.recipients.filter((r) => r.channel === 'in-app').map((r) => r.userId)).toEqual(
      expect.arrayContaining([row.assignee_id, dir.id]),
    );
    const prompt = (await alertsOf(d.id)).find((a) => a.kind === 'apology-prompt')!;
    expect(prompt.recipients.map((r) => r.role)).toContain('leader');
    // SMS messages went to the outbox in the same transaction, one per recipient with a phone.
    const sms = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', 'like', `alert:${d.id}:due-soon-8h:%`)
      .execute();
    expect(sms.map((m) => (m.payload as { to: string }).to)).toEqual(expect.arrayContaining([dir.phone]));

    // Running again changes nothing: once per dossier and kind.
    await runDeadlineWatch(t.app, shift(due, -6));
    await runDeadlineWatch(t.app, shift(due, -5));
    expect(await alertsOf(d.id)).toHaveLength(2);

    await runDeadlineWatch(t.app, shift(due, -1.5));
    expect(await kinds(d.id)).toEqual(['apology-prompt', 'due-soon-2h', 'due-soon-8h']);

    await runDeadlineWatch(t.app, later(due, HOUR));
    expect(await kinds(d.id)).toEqual(['apology-prompt', 'breach', 'due-soon-2h', 'due-soon-8h', 'overdue']);
    const overdue = (await alertsOf(d.id)).find((a) => a.kind === 'overdue')!;
    const province = await phoneOf('tinh.province-admin');
    expect(overdue.recipients.map((r) => r.userId)).toEqual(expect.arrayContaining([province.id]));
    expect(overdue.recipients.map((r) => r.role)).toEqual(expect.arrayContaining(['leader', 'province-admin']));

    // The warnings arrive in the SMS simulator (the demo's path).
    await drain();
    const texts = (await kit.sms(dir.phone)).map((m) => m.text);
    expect(texts.some((x) => x.includes(d.code) && x.includes('sắp đến hạn'))).toBe(true);
    expect((await kit.sms(province.phone)).some((m) => m.text.includes(d.code) && m.text.includes('quá hạn'))).toBe(true);
    // …and by e-mail to the officers' addresses, once each.
    const dirMail = (
      await t.database.db
        .selectFrom('staff_user')
        .select('email')
        .where('username', '=', 'hacthanh.centre-director')
        .executeTakeFirstOrThrow()
    ).email;
    const admin = await t.login('admin');
    const mails = (await t.req(admin, { method: 'GET', url: `/api/sim/email/messages?to=${encodeURIComponent(dirMail)}` })).json()
      .items as { subject: string }[];
    expect(mails.filter((m) => m.subject === `[Motcua] ${d.code}: sắp đến hạn`)).toHaveLength(2); // the 8 h and the 2 h warnings
    expect(mails.some((m) => m.subject === `[Motcua] ${d.code}: quá hạn chưa xin lỗi`)).toBe(true);
  });

  it('an overdue dossier that got its apology and new date is overdue again only after the new date, and never a breach', async () => {
    const d = await kit.intake();
    const leader = await t.login('hacthanh.leader');
    const due = (await dossier(d.id)).due_at!;
    const newDue = shift(due, 16);
    expect(
      (await kit.act(leader, d.id, 'apologize-and-extend', { reason: 'Chờ xác minh', newDueAt: newDue.toISOString() })).statusCode,
    ).toBe(200);
    await runDeadlineWatch(t.app, later(due, HOUR));
    expect(await kinds(d.id)).toEqual([]);
    await runDeadlineWatch(t.app, later(newDue, HOUR));
    expect(await kinds(d.id)).toEqual(['overdue']);
  });

  it('two watchers at once raise each alert once, with one set of messages', async () => {
    const ds = await Promise.all([kit.intake(), kit.intake(), kit.intake()]);
    const late = later((await dossier(ds[2]!.id)).due_at!, 2 * HOUR);
    const db2 = createDb(t.database.url, { max: 5 });
    const app2 = createApp(t.app.config, db2);
    try {
      await Promise.all([
        runDeadlineWatch(t.app, late),
        runDeadlineWatch(app2, late),
        runDeadlineWatch(t.app, late),
        runDeadlineWatch(app2, late),
      ]);
    } finally {
      await db2.destroy();
    }
    for (const d of ds) {
      const alerts = await alertsOf(d.id);
      expect(alerts.map((a) => a.kind).sort()).toEqual(['breach', 'overdue']);
      const msgs = await t.database.db
        .selectFrom('outbox')
        .select('idempotency_key')
        .where((eb) => eb.or([eb('idempotency_key', 'like', `alert:${d.id}:%`), eb('idempotency_key', 'like', `alert-email:${d.id}:%`)]))
        .execute();
      const expected = alerts.flatMap((a) => a.recipients.filter((r) => r.channel === 'sms' || r.channel === 'email')).length;
      expect(msgs).toHaveLength(expected);
    }
  });

  it('a supplement request unanswered for the configured time reminds the citizen by SMS, once', async () => {
    const d = await kit.intake();
    const item = kit.marital.components.find((c) => !c.mandatory)!;
    const r = await kit.act(kit.officer, d.id, 'request-supplement', {
      reason: 'Thiếu giấy tờ',
      items: [{ componentId: item.id, reason: 'Cần bổ sung' }],
    });
    expect(r.statusCode).toBe(200);
    const asked = new Date();
    await runDeadlineWatch(t.app, shift(asked, 39));
    expect(await kinds(d.id)).toEqual([]);
    await runDeadlineWatch(t.app, shift(asked, 41));
    await runDeadlineWatch(t.app, shift(asked, 60));
    expect(await kinds(d.id)).toEqual(['supplement-reminder']);
    const phone = (await dossier(d.id)).applicant.phone!;
    await drain();
    const got = await kit.sms(phone);
    // The status notice of the request itself, and exactly one reminder.
    const about = got.filter((m) => m.text.includes(d.code));
    expect(about.filter((m) => !m.text.startsWith(`Motcua: HS ${d.code}:`))).toHaveLength(1);
    expect(about.filter((m) => m.text.startsWith(`Motcua: HS ${d.code}: Cho bo sung`))).toHaveLength(1);
  });

  it('an online dossier not accepted within 8 working hours is flagged to reception and the director', async () => {
    const d = await kit.intake({ channel: 'online' });
    const received = (await dossier(d.id)).received_at;
    await runDeadlineWatch(t.app, shift(received, 7));
    expect(await kinds(d.id)).not.toContain('online-not-accepted');
    await runDeadlineWatch(t.app, shift(received, 8.5));
    const flagged = (await alertsOf(d.id)).find((a) => a.kind === 'online-not-accepted')!;
    expect(flagged.recipients.map((r) => r.role)).toEqual(expect.arrayContaining(['reception-officer', 'centre-director']));
  });
});

describe("alerts and the director's view", () => {
  it('lists alerts of the user’s units; another unit’s is 403', async () => {
    // An alert of this test's own: an online dossier not accepted within 8 working hours (to the director).
    const d = await kit.intake({ channel: 'online' });
    await runDeadlineWatch(t.app, shift((await dossier(d.id)).received_at, 8.5));
    const director = await t.login('hacthanh.centre-director');
    const mine = await t.req(director, { method: 'GET', url: `/api/alerts?unitId=${t.units.hacthanh}&limit=500` });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as { dossierId: string; kind: string; forMe: boolean; unitId: string }[];
    expect(items.find((a) => a.dossierId === d.id && a.kind === 'online-not-accepted')?.forMe).toBe(true);
    expect(items.every((a) => a.unitId === t.units.hacthanh)).toBe(true);
    const other = await t.login('nguyetvien.centre-director');
    expect((await t.req(other, { method: 'GET', url: `/api/alerts?unitId=${t.units.hacthanh}` })).statusCode).toBe(403);
    expect((await t.req(other, { method: 'GET', url: '/api/alerts' })).json().items).toEqual([]);
    expect((await t.req(null, { method: 'GET', url: '/api/alerts' })).statusCode).toBe(401);
  });

  it('shows due-soon, overdue and breach dossiers to the director, leader and province', async () => {
    const [soon, late, apologised] = await Promise.all([kit.intake(), kit.intake(), kit.intake()]);
    const now = Date.now();
    await t.database.db
      .updateTable('dossier')
      .set({ due_at: new Date(now + 30 * 60_000) })
      .where('id', '=', soon.id)
      .execute();
    await t.database.db
      .updateTable('dossier')
      .set({ due_at: new Date(now - 2 * HOUR) })
      .where('id', '=', late.id)
      .execute();
    await t.database.db
      .updateTable('dossier')
      .set({ due_at: new Date(now - 2 * HOUR), extension_count: 1 })
      .where('id', '=', apologised.id)
      .execute();
    for (const who of ['hacthanh.centre-director', 'hacthanh.leader', 'tinh.province-admin', 'admin']) {
      const r = await t.req(await t.login(who), { method: 'GET', url: `/api/units/${t.units.hacthanh}/watch` });
      expect(r.statusCode, who).toBe(200);
      const v = r.json() as Record<'dueSoon' | 'overdue' | 'breaches', { id: string; workingHoursLeft: number }[]>;
      const ids = (k: keyof typeof v) => v[k].map((x) => x.id);
      expect(ids('dueSoon')).toContain(soon.id);
      expect(ids('overdue')).toEqual(expect.arrayContaining([late.id, apologised.id]));
      expect(ids('breaches')).toContain(late.id);
      expect(ids('breaches')).not.toContain(apologised.id);
      expect(ids('dueSoon')).not.toContain(late.id);
    }
  });

  it('denies everyone else: other roles of the unit, other units’ directors, anonymous; unknown unit 404', async () => {
    for (const who of [
      'hacthanh.specialist',
      'hacthanh.reception-officer',
      'hacthanh.feedback-officer',
      'nguyetvien.centre-director',
      'nguyetvien.leader',
    ]) {
      const r = await t.req(await t.login(who), { method: 'GET', url: `/api/units/${t.units.hacthanh}/watch` });
      expect(r.statusCode, who).toBe(403);
      expect(r.json().code).toBe('forbidden');
    }
    expect((await t.req(null, { method: 'GET', url: `/api/units/${t.units.hacthanh}/watch` })).statusCode).toBe(401);
    const director = await t.login('hacthanh.centre-director');
    expect((await t.req(director, { method: 'GET', url: '/api/units/00000000-0000-4000-8000-000000000000/watch' })).statusCode).toBe(404);
  });
});
