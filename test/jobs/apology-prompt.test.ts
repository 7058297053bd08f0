// The apology prompt as the law means it: when a dossier is at risk, never at the intake of a same-day
// procedure (not even one received at 23:24), and SMS only in working hours unless the alert is urgent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingMillis } from '../../src/domain/calendar/index';
import { fromVnLocalMs, toVnLocalMs } from '../../src/domain/calendar/time';
import { runDeadlineWatch } from '../../src/jobs/deadline-watch';
import { citizen } from '../../src/simulators/citizens';
import type { ServiceContext } from '../../src/services/context';
import { createTestApi, type TestApi } from '../support/api';
import { dossierKit, HOUR, type Proc } from './helpers';

let t: TestApi;
let kit: Awaited<ReturnType<typeof dossierKit>>;
let shift: (d: Date, workingHours: number) => Date;
let ctx: ServiceContext;
let sameDay: Proc;

beforeAll(async () => {
  t = await createTestApi();
  kit = await dossierKit(t);
  const { schedule, provinceId } = await t.app.services.calendar.unitSchedule(t.units.hacthanh);
  const calendar = await t.app.services.calendar.calendarFor(provinceId);
  shift = (d, h) => addWorkingMillis(d, h * HOUR, schedule, calendar);
  const officer = await t.database.db
    .selectFrom('staff_user')
    .select(['id', 'full_name'])
    .where('username', '=', 'hacthanh.reception-officer')
    .executeTakeFirstOrThrow();
  ctx = {
    actor: {
      userId: officer.id,
      username: 'hacthanh.reception-officer',
      fullName: officer.full_name,
      roles: [{ unitId: t.units.hacthanh, role: 'reception-officer' }],
    },
    requestId: 'test',
    lang: 'vi',
    ip: '',
  } as ServiceContext;
  sameDay = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=2.000635' })).json().items as Proc[])[0]!;
});
afterAll(() => t.close());

/** The instant at hh:mm (Vietnamese time) of the day `d` falls on. */
const atVn = (d: Date, h: number, m: number) => {
  const day = Math.floor(toVnLocalMs(d) / 86_400_000) * 86_400_000;
  return fromVnLocalMs(day + (h * 60 + m) * 60_000);
};
const kinds = async (id: string) =>
  (await t.database.db.selectFrom('dossier_alert').select('kind').where('dossier_id', '=', id).execute()).map((a) => a.kind).sort();

let n = 500;
const intakeSameDay = (now: Date) => {
  const person = citizen(n++);
  return t.app.services.dossiers.create(
    ctx,
    {
      procedureId: sameDay.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: kit.point,
      channel: 'in-person',
      applicant: { idNumber: person.idNumber, fullName: person.fullName },
      components: sameDay.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
    now,
  );
};

describe('the apology prompt', () => {
  it('is not raised at the intake of a same-day procedure, even received at 23:24; it comes within the same-day margin', async () => {
    const night = atVn(shift(new Date(), 24), 23, 24);
    const d = await intakeSameDay(night);
    await runDeadlineWatch(t.app, night);
    expect(await kinds(d.id)).not.toContain('apology-prompt');
    const morning = await intakeSameDay(shift(atVn(shift(new Date(), 40), 7, 0), 0.5));
    await runDeadlineWatch(t.app, shift(morning.dueAt!, -7));
    expect(await kinds(morning.id)).not.toContain('apology-prompt');
    // At risk: within the same-day margin (1 working hour by default) of the due time.
    await runDeadlineWatch(t.app, shift(morning.dueAt!, -0.5));
    expect(await kinds(morning.id)).toContain('apology-prompt');
  });

  it('a dossier of several days is still prompted one working day before its due time', async () => {
    const d = await kit.intake();
    const due = (await t.database.db.selectFrom('dossier').select('due_at').where('id', '=', d.id).executeTakeFirstOrThrow()).due_at!;
    await runDeadlineWatch(t.app, shift(due, -9));
    expect(await kinds(d.id)).not.toContain('apology-prompt');
    await runDeadlineWatch(t.app, shift(due, -7));
    expect(await kinds(d.id)).toContain('apology-prompt');
  });

  it('an SMS raised at night waits for the next working time; an urgent one goes at once', async () => {
    const d = await kit.intake();
    const due = (await t.database.db.selectFrom('dossier').select('due_at').where('id', '=', d.id).executeTakeFirstOrThrow()).due_at!;
    // 23:24 of the day before the due day: inside the 8-hour warning.
    const night = new Date(atVn(due, 0, 0).getTime() - 36 * 60_000);
    await runDeadlineWatch(t.app, night);
    expect(await kinds(d.id)).toContain('due-soon-8h');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select(['available_at', 'idempotency_key'])
      .where('idempotency_key', 'like', `alert:${d.id}:due-soon-8h:%`)
      .execute();
    expect(sms.length).toBeGreaterThan(0);
    const nextMorning = shift(night, 0.0001);
    for (const m of sms) {
      expect(m.available_at.getTime()).toBeGreaterThan(night.getTime() + 6 * HOUR);
      expect(Math.abs(m.available_at.getTime() - nextMorning.getTime())).toBeLessThan(60_000);
    }
    // Overdue at night is urgent: sent at once.
    const lateNight = atVn(shift(due, 8), 23, 30);
    await runDeadlineWatch(t.app, lateNight);
    const urgent = await t.database.db
      .selectFrom('outbox')
      .select(['available_at', 'created_at'])
      .where('idempotency_key', 'like', `alert:${d.id}:overdue:%`)
      .execute();
    expect(urgent.length).toBeGreaterThan(0);
    for (const m of urgent) expect(m.available_at.getTime()).toBeLessThan(lateNight.getTime());
  });
});
