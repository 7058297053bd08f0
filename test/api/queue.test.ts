// The waiting room on real PostgreSQL: kiosk tickets, the counter's actions, simultaneous call-next,
// appointments called at their time before walk-ins, the counter rating, capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context';
import { vnInstant } from '../../src/domain/queue/booking';
import { citizen } from '../../src/simulators/citizens';
import { citizenSession } from '../support/citizen';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let director: Session;
let admin: Session;
let nvOfficer: Session;
type Info = {
  fields: { id: string; name: string; prefix: string }[];
  counters: { id: string; number: number; receptionPointId: string; fieldIds: string[] }[];
};
let info: Info;
let hotich: string; // the field every counter serves
let point1: string;
let counters: string[]; // Hạc Thành's main point, counters 1..6

const ctxOf = async (username: string): Promise<ServiceContext> => {
  const u = await t.app.services.auth.loadUser(await t.userId(username));
  return {
    actor: { userId: u!.id, username: u!.username, fullName: u!.fullName, roles: u!.roles },
    requestId: 'test',
    lang: 'vi',
    ip: '127.0.0.1',
  };
};
const post = (as: Session | null, url: string, payload: Record<string, unknown> = {}) => t.req(as, { method: 'POST', url, payload });

beforeAll(async () => {
  t = await createTestApi();
  [officer, director, admin, nvOfficer] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.centre-director'),
    t.login('admin'),
    t.login('nguyetvien.reception-officer'),
  ]);
  info = (await t.req(null, { method: 'GET', url: `/api/public/queue/${t.units.hacthanh}` })).json();
  hotich = info.fields.find((f) => f.name === 'Hộ tịch')!.id;
  point1 = info.counters.find((c) => info.counters.filter((x) => x.receptionPointId === c.receptionPointId).length === 6)!.receptionPointId;
  counters = info.counters.filter((c) => c.receptionPointId === point1).map((c) => c.id);
});
afterAll(() => t.close());

describe('kiosk and counter', () => {
  it('the kiosk offers the fields served and counters; a ticket gets a daily number per field prefix', async () => {
    expect(info.fields.length).toBeGreaterThan(3);
    expect(counters.length).toBe(6);
    const r = await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: hotich, phone: '0912345678' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ number: 'A001', position: 1, estimatedWaitMinutes: 0 });
    const r2 = await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: hotich, priority: 'elderly' });
    expect(r2.json()).toMatchObject({ number: 'A002', position: 2 });
  });

  it('bad kiosk input: unknown field, field not served by the point, bad priority or phone → problem+json', async () => {
    const other = await t.database.db
      .insertInto('service_field')
      .values({ province_id: t.units.tinh, name: 'Lĩnh vực không có quầy', prefix: 'ZZ' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: other.id });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('queue-field-not-served');
    expect((await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: hotich, priority: 'vip' })).statusCode).toBe(400);
    expect((await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: hotich, phone: '12' })).statusCode).toBe(400);
  });

  it('call-next at a counter one has not opened → 403 counter-not-signed-in; another unit’s officer cannot see it (404)', async () => {
    const r = await post(officer, `/api/queue/counters/${counters[0]}/call-next`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('counter-not-signed-in');
    expect((await post(nvOfficer, `/api/queue/counters/${counters[0]}/open`)).statusCode).toBe(404);
    expect((await post(nvOfficer, `/api/queue/counters/${counters[0]}/call-next`)).statusCode).toBe(404);
  });

  it('a counter held by one officer cannot be opened by another', async () => {
    expect((await post(officer, `/api/queue/counters/${counters[0]}/open`)).statusCode).toBe(200);
    const r = await post(director, `/api/queue/counters/${counters[0]}/open`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('counter-taken');
  });

  it('call, recall up to 3 calls, miss only after 3; start, finish linking the received dossier; the board shows the call', async () => {
    const c = counters[0]!;
    const called = await post(officer, `/api/queue/counters/${c}/call-next`);
    expect(called.statusCode).toBe(200);
    expect(called.json()).toMatchObject({ number: 'A001', status: 'called', callCount: 1, counterNumber: 1 });
    const board = (await t.req(null, { method: 'GET', url: `/api/public/queue/${t.units.hacthanh}/board` })).json();
    expect(board.calling[0]).toMatchObject({ number: 'A001', counter: 1 });
    expect(board.waiting).toEqual([{ fieldId: hotich, count: 1 }]);
    expect((await post(officer, `/api/queue/counters/${c}/call-next`)).json().code).toBe('counter-busy');
    const early = await post(officer, `/api/queue/counters/${c}/miss`);
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('queue-miss-too-early');
    expect((await post(officer, `/api/queue/counters/${c}/recall`)).json().callCount).toBe(2);
    expect((await post(officer, `/api/queue/counters/${c}/recall`)).json().callCount).toBe(3);
    expect((await post(officer, `/api/queue/counters/${c}/recall`)).json().code).toBe('queue-max-calls');
    expect((await post(officer, `/api/queue/counters/${c}/finish`)).json().code).toBe('queue-action-not-allowed');
    const missed = await post(officer, `/api/queue/counters/${c}/miss`);
    expect(missed.json()).toMatchObject({ status: 'missed' });
    // The elderly ticket next; the officer receives a dossier and finishes, linking it.
    expect((await post(officer, `/api/queue/counters/${c}/call-next`)).json()).toMatchObject({ number: 'A002', priority: 'elderly' });
    expect((await post(officer, `/api/queue/counters/${c}/start`)).json().status).toBe('serving');
    const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
      slug: string;
      receptionPoints: { id: string }[];
    }[];
    const marital = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0] as {
      id: string;
      components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
    };
    const dossier = await post(officer, '/api/dossiers', {
      procedureId: marital.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id,
      channel: 'in-person',
      applicant: { idNumber: citizen(42).idNumber, fullName: 'x' },
      components: marital.components.filter((x) => x.mandatory && !x.fromRegistry).map((x) => ({ componentId: x.id, presented: true })),
    });
    expect(dossier.statusCode).toBe(201);
    const fin = await post(officer, `/api/queue/counters/${c}/finish`, { dossierId: dossier.json().id });
    expect(fin.json()).toMatchObject({ status: 'finished', dossierId: dossier.json().id });
    const events = await t.database.db
      .selectFrom('queue_ticket_event')
      .select('action')
      .where('ticket_id', '=', fin.json().id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['arrive', 'call', 'start', 'finish']);

    // The citizen rates once; values outside 0–2 are refused; a second rating is refused.
    const bad = await post(null, '/api/public/ratings', { ticketId: fin.json().id, answers: { attitude: 3 } });
    expect(bad.statusCode).toBe(400);
    const rate = await post(null, '/api/public/ratings', {
      ticketId: fin.json().id,
      answers: { attitude: 0, contacts: 2, bodies: 2, publicity: 1 },
      comment: 'Cán bộ gắt gỏng',
    });
    expect(rate.statusCode).toBe(201);
    expect(rate.json()).toMatchObject({ low: true, feedbackId: null });
    const again = await post(null, '/api/public/ratings', { ticketId: fin.json().id, answers: { attitude: 2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('rating-already-given');
    const row = await t.database.db
      .selectFrom('counter_rating')
      .selectAll()
      .where('ticket_id', '=', fin.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ officer_id: officer.userId, dossier_id: dossier.json().id, attitude: 0 });
    // A waiting ticket cannot be rated yet.
    const w = await post(null, `/api/public/queue/${t.units.hacthanh}/tickets`, { fieldId: hotich });
    expect((await post(null, '/api/public/ratings', { ticketId: w.json().id, answers: { attitude: 2 } })).json().code).toBe(
      'rating-not-available',
    );
    // Director's scores: the officer's attitude 0 etc.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const scores = (
      await t.req(director, { method: 'GET', url: `/api/queue/ratings?unitId=${t.units.hacthanh}&from=${today}&to=${today}` })
    ).json();
    expect(scores.officers[0]).toMatchObject({ officerId: officer.userId, total: 4, band: 'partial' });
    expect(
      (await t.req(officer, { method: 'GET', url: `/api/queue/ratings?unitId=${t.units.hacthanh}&from=${today}&to=${today}` })).statusCode,
    ).toBe(403);
  });

  it('transfer sends the ticket to another counter of the point, keeping its place; only that counter calls it', async () => {
    const [a, b] = [counters[0]!, counters[1]!];
    await post(director, `/api/queue/counters/${b}/open`);
    expect((await post(officer, `/api/queue/counters/${a}/call-next`)).statusCode).toBe(200);
    const bad = await post(officer, `/api/queue/counters/${a}/transfer`, { counterId: a });
    expect(bad.json().code).toBe('queue-transfer-invalid');
    const tr = await post(officer, `/api/queue/counters/${a}/transfer`, { counterId: b });
    expect(tr.json()).toMatchObject({ status: 'waiting', callCount: 0 });
    const got = await post(director, `/api/queue/counters/${b}/call-next`);
    expect(got.json()).toMatchObject({ id: tr.json().id, counterNumber: 2 });
    await post(director, `/api/queue/counters/${b}/start`);
    await post(director, `/api/queue/counters/${b}/finish`);
  });
});

describe('simultaneous call-next', () => {
  it('three officers pressing call-next at the same moment, over and over, never get the same ticket and lose none', async () => {
    const unit = t.units.nguyetvien;
    const nv = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}` })).json() as Info;
    const field = nv.fields.find((f) => f.name === 'Hộ tịch')!.id;
    const pt = nv.counters.find((c) => nv.counters.filter((x) => x.receptionPointId === c.receptionPointId).length >= 3)!.receptionPointId;
    const cs = nv.counters.filter((c) => c.receptionPointId === pt).map((c) => c.id);
    const who = [nvOfficer, await t.login('nguyetvien.centre-director'), admin];
    for (const [i, s] of who.entries()) {
      const o = await post(s, `/api/queue/counters/${cs[i]}/open`);
      expect(o.statusCode, o.body).toBe(200);
    }
    const N = 45;
    const issued = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(null, `/api/public/queue/${unit}/tickets`, {
          fieldId: field,
          receptionPointId: pt,
          ...(i % 7 === 0 ? { priority: 'pregnant' } : {}),
        }),
      ),
    );
    const numbers = issued.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(N); // daily numbers are unique under concurrency too
    const calledIds: string[] = [];
    for (;;) {
      const round = await Promise.all(who.map((s, i) => post(s, `/api/queue/counters/${cs[i]}/call-next`)));
      const ok = round.filter((r) => r.statusCode === 200);
      for (const r of round) expect([200, 404]).toContain(r.statusCode);
      if (ok.length === 0) break;
      calledIds.push(...ok.map((r) => r.json().id as string));
      await Promise.all(
        who.map(async (s, i) => {
          if (round[i]!.statusCode !== 200) return;
          await post(s, `/api/queue/counters/${cs[i]}/start`);
          await post(s, `/api/queue/counters/${cs[i]}/finish`);
        }),
      );
    }
    expect(calledIds.length).toBe(N);
    expect(new Set(calledIds).size).toBe(N);
    const left = await t.database.db
      .selectFrom('queue_ticket')
      .select('id')
      .where('unit_id', '=', unit)
      .where('status', '<>', 'finished')
      .execute();
    expect(left).toEqual([]);
    const calls = await t.database.db
      .selectFrom('queue_ticket_event as e')
      .innerJoin('queue_ticket as q', 'q.id', 'e.ticket_id')
      .select('e.ticket_id')
      .where('q.unit_id', '=', unit)
      .where('e.action', '=', 'call')
      .execute();
    expect(calls.length).toBe(N);
  });
});

describe('appointments and call order (simulated time)', () => {
  it('a booked appointment is called at its time before walk-ins; priority interleaves 1 in 3', async () => {
    const { queue, appointments } = t.app.services;
    const unit = t.units.dongtien;
    const dt = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}` })).json() as Info;
    const field = dt.fields.find((f) => f.name === 'Hộ tịch')!.id;
    const counter = dt.counters[0]!.id;
    // Next Monday–Friday working day ≥ 2 days ahead, 09:00 Vietnam time.
    let day = new Date(Date.now() + 2 * 86_400_000);
    while ([0, 6].includes(new Date(day.getTime() + 7 * 3_600_000).getUTCDay())) day = new Date(day.getTime() + 86_400_000);
    const date = new Date(day.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const at = (hhmm: string) => vnInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
    const cz = await citizenSession(t, 7);
    const cctx: ServiceContext = {
      actor: null,
      citizen: { citizenId: cz.citizenId, idNumber: cz.idNumber, fullName: 'x', loa: 2, sessionId: 's' },
      requestId: 'r',
      lang: 'vi',
      ip: '',
    };
    const booked = await appointments.book(cctx, { unitId: unit, fieldId: field, slotStart: at('09:00') }, at('07:00'));
    // Walk-ins arrive from 07:30; one priority.
    const walk = [];
    for (const [i, hhmm] of ['07:30', '07:35', '07:40', '07:45', '07:50'].entries())
      walk.push((await queue.issue(unit, { fieldId: field, ...(i === 1 ? { priority: 'elderly' as const } : {}) }, at(hhmm))).ticket);
    const ci = await appointments.checkIn(unit, booked.code, at('08:40'));
    expect(ci.ticket.slotStart).toEqual(at('09:00'));
    const octx = await ctxOf('dongtien.reception-officer');
    await queue.open(octx, counter, at('07:30'));
    const order: string[] = [];
    const serve = async (hhmm: string) => {
      const tk = await queue.callNext(octx, counter, at(hhmm));
      order.push(tk.number);
      await queue.act(octx, counter, 'start', at(hhmm));
      await queue.act(octx, counter, 'finish', at(hhmm));
    };
    await serve('08:00'); // A001 ordinary
    await serve('08:20'); // A003 ordinary (2nd ordinary)
    await serve('08:50'); // priority turn: A002 elderly (before the appointment's time)
    await serve('09:00'); // the appointment's time: the booked ticket before walk-ins
    await serve('09:10');
    expect(order).toEqual([walk[0]!.number, walk[2]!.number, walk[1]!.number, ci.ticket.number, walk[3]!.number]);
    // Booking rules: a second booking in the same field that day, a past slot, a weekend day.
    const refuse = async (slot: Date, now: Date) => {
      try {
        await appointments.book(cctx, { unitId: unit, fieldId: field, slotStart: slot }, now);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(await refuse(at('10:00'), at('07:00'))).toBe('booking-limit-field');
    expect(await refuse(at('08:00'), at('09:00'))).toBe('booking-slot-past');
    let sat = day;
    while (new Date(sat.getTime() + 7 * 3_600_000).getUTCDay() !== 6) sat = new Date(sat.getTime() - 86_400_000 * -1);
    const satDate = new Date(sat.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await refuse(vnInstant(satDate, 9 * 60), at('07:00'))).toMatch(/booking-day-off|booking-too-far/);
    expect(await refuse(at('10:07'), at('07:00'))).toBe('booking-slot-invalid');
  });

  it('portal booking over HTTP: free slots, book, limits as problem+json, cancel', async () => {
    const unit = t.units.hacthanh;
    const cz = await citizenSession(t, 8);
    const as = { cookie: cz.cookie, csrf: cz.csrf, userId: '' };
    let day = new Date(Date.now() + 86_400_000);
    while ([0, 6].includes(new Date(day.getTime() + 7 * 3_600_000).getUTCDay())) day = new Date(day.getTime() + 86_400_000);
    const date = new Date(day.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const slots = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}/slots?fieldId=${hotich}&date=${date}` })).json();
    expect(slots.slots.length).toBeGreaterThan(10);
    const b = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: hotich, slotStart: slots.slots[0].start });
    expect(b.statusCode).toBe(201);
    const second = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: hotich, slotStart: slots.slots[1].start });
    expect(second.statusCode).toBe(422);
    expect(second.json().code).toBe('booking-limit-field');
    const other = info.fields.find((f) => f.id !== hotich)!.id;
    const s2 = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}/slots?fieldId=${other}&date=${date}` })).json();
    expect((await post(as, '/api/portal/appointments', { unitId: unit, fieldId: other, slotStart: s2.slots[2].start })).statusCode).toBe(
      201,
    );
    const third = info.fields.find((f) => f.id !== hotich && f.id !== other)!.id;
    const s3 = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}/slots?fieldId=${third}&date=${date}` })).json();
    const over = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3].start });
    expect(over.json().code).toBe('booking-limit-day');
    const del = await t.req(as, { method: 'DELETE', url: `/api/portal/appointments/${b.json().id}` });
    expect(del.json().status).toBe('cancelled');
    expect((await post(as, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3].start })).statusCode).toBe(
      201,
    );
    expect((await post(null, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3].start })).statusCode).toBe(
      401,
    );
  });
});

describe('"your turn is near"', () => {
  it('an SMS goes through the outbox once, when a ticket with a phone becomes 3rd in line', async () => {
    const { queue } = t.app.services;
    const unit = t.units.nguyetvien;
    const nv = (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}` })).json() as Info;
    const field = nv.fields.find((f) => f.name === 'Hộ tịch')!.id;
    const small = nv.counters.find((c) => nv.counters.filter((x) => x.receptionPointId === c.receptionPointId).length === 2)!;
    const at = (m: number) => vnInstant('2026-03-10', 8 * 60 + m);
    const issued: { id: string }[] = [];
    for (let i = 0; i < 5; i++)
      issued.push(
        (
          await queue.issue(
            unit,
            { fieldId: field, receptionPointId: small.receptionPointId, ...(i === 3 ? { phone: '0987654321' } : {}) },
            at(i),
          )
        ).ticket,
      );
    const ctx = await ctxOf('nguyetvien.reception-officer');
    await queue.open(ctx, small.id, at(10));
    const sms = () =>
      t.database.db.selectFrom('outbox').select('payload').where('idempotency_key', '=', `queue-near:${issued[3]!.id}`).execute();
    await queue.callNext(ctx, small.id, at(11)); // 4th is now 3rd in line
    expect(await sms()).toHaveLength(1);
    expect((await sms())[0]!.payload).toMatchObject({ to: '0987654321', kind: 'queue-near' });
    await queue.act(ctx, small.id, 'start', at(12));
    await queue.act(ctx, small.id, 'finish', at(20));
    await queue.callNext(ctx, small.id, at(21));
    expect(await sms()).toHaveLength(1); // once
  });
});

describe('capacity', () => {
  it('per weekday and hour with Erlang C counters needed; the director only', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const r = await t.req(director, { method: 'GET', url: `/api/capacity?unitId=${t.units.hacthanh}&from=2026-01-01&to=${today}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().cells.length).toBeGreaterThan(0);
    expect(r.json().cells[0]).toHaveProperty('countersNeeded');
    expect(
      (await t.req(officer, { method: 'GET', url: `/api/capacity?unitId=${t.units.hacthanh}&from=2026-01-01&to=${today}` })).statusCode,
    ).toBe(403);
    expect(
      (await t.req(nvOfficer, { method: 'GET', url: `/api/capacity?unitId=${t.units.hacthanh}&from=2026-01-01&to=${today}` })).statusCode,
    ).toBe(404);
  });
});
