// The waiting room on real PostgreSQL: kiosk tickets, the counter's actions, simultaneous call-next,
// appointments called at their time before walk-ins, the counter rating, capacity.
// Each test builds its own ward (a reception point, counters, its own officers and director), so any test runs
// alone (`-t "name"`) and in any order (`--sequence.shuffle.tests`): no test reads tickets, sessions or
// ratings another test left behind.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context';
import { vnInstant } from '../../src/domain/queue/booking';
import { citizen } from '../../src/simulators/citizens';
import { citizenSession } from '../support/citizen';
import { staffWithRoles } from '../support/people';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let nvOfficer: Session;
type Info = {
  fields: { id: string; name: string; prefix: string }[];
  counters: { id: string; number: number; receptionPointId: string; fieldIds: string[] }[];
};
type Ward = {
  unitId: string;
  pointId: string;
  counters: string[];
  /** Hộ tịch, the field every counter serves. */
  hotich: string;
  /** A field of the province this ward's counters do not serve (only when built with `onlyHotich`). */
  notServed: string | null;
  officers: (Session & { username: string })[];
  director: Session & { username: string };
};

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

/**
 * A new ward of the demo province with one reception point, `counters` counters serving every field of the
 * province (or only Hộ tịch), `officers` reception officers and a centre director of its own, signed in.
 */
async function freshWard(opts: { counters?: number; officers?: number; onlyHotich?: boolean } = {}): Promise<Ward> {
  const db = t.database.db;
  const tag = randomUUID().slice(0, 8);
  const unit = await db
    .insertInto('unit')
    .values({ slug: `q-${tag}`, code: `Q.${tag.toUpperCase()}`, name: `Phường thử ${tag}`, type: 'ward', parent_id: t.units.tinh })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('reception_point')
    .values({ unit_id: unit.id, host_unit_id: unit.id, name: `Trụ sở ${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fields = await db.selectFrom('service_field').select(['id', 'name']).where('province_id', '=', t.units.tinh).execute();
  const hotich = fields.find((f) => f.name === 'Hộ tịch')!.id;
  const served = opts.onlyHotich ? [hotich] : fields.map((f) => f.id);
  const counters: string[] = [];
  for (let n = 1; n <= (opts.counters ?? 2); n++) {
    const c = await db
      .insertInto('counter')
      .values({ unit_id: unit.id, reception_point_id: point.id, number: n, name: `Quầy ${n}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('counter_field')
      .values(served.map((f) => ({ counter_id: c.id, field_id: f })))
      .execute();
    counters.push(c.id);
  }
  const officers = [];
  for (let i = 1; i <= (opts.officers ?? 1); i++)
    officers.push(await staffWithRoles(t, `q${tag}.officer${i}`, [{ unitId: unit.id, role: 'reception-officer' }]));
  const director = await staffWithRoles(t, `q${tag}.director`, [{ unitId: unit.id, role: 'centre-director' }]);
  return {
    unitId: unit.id,
    pointId: point.id,
    counters,
    hotich,
    notServed: opts.onlyHotich ? fields.find((f) => f.id !== hotich)!.id : null,
    officers,
    director,
  };
}

/** The next Monday–Friday at least `ahead` days from today (Vietnam time), as YYYY-MM-DD. */
function weekdayAhead(ahead: number): string {
  let day = new Date(Date.now() + ahead * 86_400_000);
  while ([0, 6].includes(new Date(day.getTime() + 7 * 3_600_000).getUTCDay())) day = new Date(day.getTime() + 86_400_000);
  return new Date(day.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await createTestApi();
  nvOfficer = await t.login('nguyetvien.reception-officer');
});
afterAll(() => t.close());

describe('kiosk and counter', () => {
  it('the kiosk offers the fields served and counters; a ticket gets a daily number per field prefix', async () => {
    const w = await freshWard({ counters: 3 });
    const info = (await t.req(null, { method: 'GET', url: `/api/public/queue/${w.unitId}` })).json() as Info;
    expect(info.fields.length).toBeGreaterThan(3);
    expect(info.fields.map((f) => f.id)).toContain(w.hotich);
    expect(info.counters.map((c) => c.id)).toEqual(w.counters);
    const r = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich, phone: '0912345678' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ number: 'A001', position: 1, estimatedWaitMinutes: 0 });
    const r2 = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich, priority: 'elderly' });
    expect(r2.statusCode).toBe(201);
    expect(r2.json()).toMatchObject({ number: 'A002', position: 2 });
  });

  it('bad kiosk input: unknown field, field not served by the point, bad priority or phone → problem+json', async () => {
    const w = await freshWard({ onlyHotich: true });
    const r = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.notServed });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('queue-field-not-served');
    const unknown = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: randomUUID() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('queue-field-not-served');
    const prio = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich, priority: 'vip' });
    expect(prio.statusCode).toBe(400);
    expect(prio.headers['content-type']).toContain('application/problem+json');
    expect((await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich, phone: '12' })).statusCode).toBe(400);
    // Nothing was issued by the refused requests: the first good ticket is still number 1.
    expect((await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich })).json()).toMatchObject({ number: 'A001' });
  });

  it('call-next at a counter one has not opened → 403 counter-not-signed-in; another unit’s officer cannot see it (404)', async () => {
    const w = await freshWard();
    const r = await post(w.officers[0]!, `/api/queue/counters/${w.counters[0]}/call-next`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('counter-not-signed-in');
    expect((await post(nvOfficer, `/api/queue/counters/${w.counters[0]}/open`)).statusCode).toBe(404);
    expect((await post(nvOfficer, `/api/queue/counters/${w.counters[0]}/call-next`)).statusCode).toBe(404);
  });

  it('a counter held by one officer cannot be opened by another', async () => {
    const w = await freshWard({ officers: 2 });
    expect((await post(w.officers[0]!, `/api/queue/counters/${w.counters[0]}/open`)).statusCode).toBe(200);
    const r = await post(w.officers[1]!, `/api/queue/counters/${w.counters[0]}/open`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('counter-taken');
    // The second officer takes the other counter instead.
    expect((await post(w.officers[1]!, `/api/queue/counters/${w.counters[1]}/open`)).statusCode).toBe(200);
  });

  it('call, recall up to 3 calls, miss only after 3; start, finish linking the received dossier; the board shows the call', async () => {
    const w = await freshWard();
    const [officer, director] = [w.officers[0]!, w.director];
    const c = w.counters[0]!;
    expect((await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich })).json().number).toBe('A001');
    expect((await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich, priority: 'elderly' })).json().number).toBe(
      'A002',
    );
    expect((await post(officer, `/api/queue/counters/${c}/open`)).statusCode).toBe(200);
    const called = await post(officer, `/api/queue/counters/${c}/call-next`);
    expect(called.statusCode).toBe(200);
    expect(called.json()).toMatchObject({ number: 'A001', status: 'called', callCount: 1, counterNumber: 1 });
    const board = (await t.req(null, { method: 'GET', url: `/api/public/queue/${w.unitId}/board` })).json();
    expect(board.calling).toHaveLength(1);
    expect(board.calling[0]).toMatchObject({ number: 'A001', counter: 1 });
    expect(board.waiting).toEqual([{ fieldId: w.hotich, count: 1 }]);
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
    const marital = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0] as {
      id: string;
      components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
    };
    // The new ward handles the procedure, as every demo ward does.
    await t.database.db.insertInto('unit_procedure').values({ unit_id: w.unitId, procedure_id: marital.id }).execute();
    const dossier = await post(officer, '/api/dossiers', {
      procedureId: marital.id,
      competentUnitId: w.unitId,
      receptionPointId: w.pointId,
      channel: 'in-person',
      applicant: { idNumber: citizen(42).idNumber, fullName: 'x' },
      components: marital.components.filter((x) => x.mandatory && !x.fromRegistry).map((x) => ({ componentId: x.id, presented: true })),
    });
    expect(dossier.statusCode, dossier.body).toBe(201);
    const fin = await post(officer, `/api/queue/counters/${c}/finish`, { dossierId: dossier.json().id });
    expect(fin.statusCode).toBe(200);
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
    expect(rate.json()).toMatchObject({ low: true, feedbackId: expect.any(String) });
    // The low rating with its comment became a feedback about the officer's conduct, naming the dossier.
    const fb = await t.database.db.selectFrom('feedback').selectAll().where('id', '=', rate.json().feedbackId).executeTakeFirstOrThrow();
    expect(fb).toMatchObject({
      kind: 'conduct',
      channel: 'counter',
      content: 'Cán bộ gắt gỏng',
      dossier_id: dossier.json().id,
      status: 'received',
    });
    const again = await post(null, '/api/public/ratings', { ticketId: fin.json().id, answers: { attitude: 2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('rating-already-given');
    const rows = await t.database.db.selectFrom('counter_rating').selectAll().where('ticket_id', '=', fin.json().id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ officer_id: officer.userId, dossier_id: dossier.json().id, attitude: 0 });
    // A waiting ticket cannot be rated yet.
    const waiting = await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich });
    const early2 = await post(null, '/api/public/ratings', { ticketId: waiting.json().id, answers: { attitude: 2 } });
    expect(early2.statusCode).toBe(422);
    expect(early2.json().code).toBe('rating-not-available');
    // The director's scores: this ward's one officer, attitude 0 etc.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const scores = await t.req(director, { method: 'GET', url: `/api/queue/ratings?unitId=${w.unitId}&from=${today}&to=${today}` });
    expect(scores.statusCode).toBe(200);
    expect(scores.json().officers).toEqual([expect.objectContaining({ officerId: officer.userId, total: 4, band: 'partial' })]);
    expect(
      (await t.req(officer, { method: 'GET', url: `/api/queue/ratings?unitId=${w.unitId}&from=${today}&to=${today}` })).statusCode,
    ).toBe(403);
  });

  it('transfer sends the ticket to another counter of the point, keeping its place; only that counter calls it', async () => {
    const w = await freshWard({ officers: 2 });
    const [oa, ob] = [w.officers[0]!, w.officers[1]!];
    const [a, b] = [w.counters[0]!, w.counters[1]!];
    const first = (await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich })).json();
    const second = (await post(null, `/api/public/queue/${w.unitId}/tickets`, { fieldId: w.hotich })).json();
    expect((await post(oa, `/api/queue/counters/${a}/open`)).statusCode).toBe(200);
    expect((await post(ob, `/api/queue/counters/${b}/open`)).statusCode).toBe(200);
    expect((await post(oa, `/api/queue/counters/${a}/call-next`)).json()).toMatchObject({ id: first.id });
    const bad = await post(oa, `/api/queue/counters/${a}/transfer`, { counterId: a });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('queue-transfer-invalid');
    const tr = await post(oa, `/api/queue/counters/${a}/transfer`, { counterId: b });
    expect(tr.json()).toMatchObject({ id: first.id, status: 'waiting', callCount: 0 });
    // Counter A's next call skips the transferred ticket; counter B gets it before the later arrival.
    expect((await post(oa, `/api/queue/counters/${a}/call-next`)).json()).toMatchObject({ id: second.id });
    const got = await post(ob, `/api/queue/counters/${b}/call-next`);
    expect(got.json()).toMatchObject({ id: first.id, counterNumber: 2 });
    expect((await post(ob, `/api/queue/counters/${b}/start`)).json().status).toBe('serving');
    expect((await post(ob, `/api/queue/counters/${b}/finish`)).json().status).toBe('finished');
  });
});

describe('simultaneous call-next', () => {
  it('three officers pressing call-next at the same moment, over and over, never get the same ticket and lose none', async () => {
    const w = await freshWard({ counters: 3, officers: 3, onlyHotich: true });
    const who = w.officers;
    const cs = w.counters;
    for (const [i, s] of who.entries()) {
      const o = await post(s, `/api/queue/counters/${cs[i]}/open`);
      expect(o.statusCode, o.body).toBe(200);
    }
    const N = 45;
    // Issued nine at a time: concurrent enough to race for the daily numbers, few enough that a loaded machine
    // does not run the 45 requests past the database pool's connection timeout (a 503, not what is tested here).
    const issued = [];
    for (let b = 0; b < N; b += 9)
      issued.push(
        ...(await Promise.all(
          Array.from({ length: 9 }, (_, k) =>
            post(null, `/api/public/queue/${w.unitId}/tickets`, {
              fieldId: w.hotich,
              ...((b + k) % 7 === 0 ? { priority: 'pregnant' } : {}),
            }),
          ),
        )),
      );
    for (const r of issued) expect(r.statusCode).toBe(201);
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
          expect((await post(s, `/api/queue/counters/${cs[i]}/start`)).statusCode).toBe(200);
          expect((await post(s, `/api/queue/counters/${cs[i]}/finish`)).statusCode).toBe(200);
        }),
      );
    }
    expect(calledIds.length).toBe(N);
    expect(new Set(calledIds)).toEqual(new Set(issued.map((r) => r.json().id as string)));
    const left = await t.database.db
      .selectFrom('queue_ticket')
      .select('id')
      .where('unit_id', '=', w.unitId)
      .where('status', '<>', 'finished')
      .execute();
    expect(left).toEqual([]);
    const calls = await t.database.db
      .selectFrom('queue_ticket_event as e')
      .innerJoin('queue_ticket as q', 'q.id', 'e.ticket_id')
      .select('e.ticket_id')
      .where('q.unit_id', '=', w.unitId)
      .where('e.action', '=', 'call')
      .execute();
    expect(calls.length).toBe(N);
  });
});

describe('appointments and call order (simulated time)', () => {
  it('a booked appointment is called at its time before walk-ins; priority interleaves 1 in 3', async () => {
    const { queue, appointments } = t.app.services;
    const w = await freshWard({ counters: 1 });
    const [unit, field, counter] = [w.unitId, w.hotich, w.counters[0]!];
    // A Monday–Friday working day ≥ 2 days ahead, 09:00 Vietnam time.
    const date = weekdayAhead(2);
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
    const octx = await ctxOf(w.officers[0]!.username);
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
    let sat = new Date(`${date}T12:00:00+07:00`);
    while (new Date(sat.getTime() + 7 * 3_600_000).getUTCDay() !== 6) sat = new Date(sat.getTime() + 86_400_000);
    const satDate = new Date(sat.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await refuse(vnInstant(satDate, 9 * 60), at('07:00'))).toMatch(/booking-day-off|booking-too-far/);
    expect(await refuse(at('10:07'), at('07:00'))).toBe('booking-slot-invalid');
  });

  it('portal booking over HTTP: free slots, book, limits as problem+json, cancel', async () => {
    const w = await freshWard({ counters: 2 });
    const unit = w.unitId;
    const cz = await citizenSession(t, 8);
    const as = { cookie: cz.cookie, csrf: cz.csrf, userId: '' };
    const date = weekdayAhead(1);
    const fieldIds = ((await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}` })).json() as Info).fields.map((f) => f.id);
    const slotsOf = async (fieldId: string) =>
      (await t.req(null, { method: 'GET', url: `/api/public/queue/${unit}/slots?fieldId=${fieldId}&date=${date}` })).json() as {
        slots: { start: string }[];
      };
    const slots = await slotsOf(w.hotich);
    expect(slots.slots.length).toBeGreaterThan(10);
    const b = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: w.hotich, slotStart: slots.slots[0]!.start });
    expect(b.statusCode).toBe(201);
    const second = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: w.hotich, slotStart: slots.slots[1]!.start });
    expect(second.statusCode).toBe(422);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().code).toBe('booking-limit-field');
    const other = fieldIds.find((f) => f !== w.hotich)!;
    const s2 = await slotsOf(other);
    expect((await post(as, '/api/portal/appointments', { unitId: unit, fieldId: other, slotStart: s2.slots[2]!.start })).statusCode).toBe(
      201,
    );
    const third = fieldIds.find((f) => f !== w.hotich && f !== other)!;
    const s3 = await slotsOf(third);
    const over = await post(as, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3]!.start });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('booking-limit-day');
    const del = await t.req(as, { method: 'DELETE', url: `/api/portal/appointments/${b.json().id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json().status).toBe('cancelled');
    expect((await post(as, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3]!.start })).statusCode).toBe(
      201,
    );
    expect((await post(null, '/api/portal/appointments', { unitId: unit, fieldId: third, slotStart: s3.slots[3]!.start })).statusCode).toBe(
      401,
    );
  });
});

describe('"your turn is near"', () => {
  it('an SMS goes through the outbox once, when a ticket with a phone becomes 3rd in line', async () => {
    const { queue } = t.app.services;
    const w = await freshWard({ counters: 1 });
    const at = (m: number) => vnInstant('2026-03-10', 8 * 60 + m);
    const issued: { id: string }[] = [];
    for (let i = 0; i < 5; i++)
      issued.push((await queue.issue(w.unitId, { fieldId: w.hotich, ...(i === 3 ? { phone: '0987654321' } : {}) }, at(i))).ticket);
    const ctx = await ctxOf(w.officers[0]!.username);
    const counter = w.counters[0]!;
    await queue.open(ctx, counter, at(10));
    const sms = () =>
      t.database.db.selectFrom('outbox').select('payload').where('idempotency_key', '=', `queue-near:${issued[3]!.id}`).execute();
    expect(await sms()).toHaveLength(0); // 4th in line: not yet
    await queue.callNext(ctx, counter, at(11)); // 4th is now 3rd in line
    expect(await sms()).toHaveLength(1);
    expect((await sms())[0]!.payload).toMatchObject({ to: '0987654321', kind: 'queue-near' });
    await queue.act(ctx, counter, 'start', at(12));
    await queue.act(ctx, counter, 'finish', at(20));
    await queue.callNext(ctx, counter, at(21));
    expect(await sms()).toHaveLength(1); // once
  });
});

describe('capacity', () => {
  it('per weekday and hour with Erlang C counters needed; the director only', async () => {
    const { queue } = t.app.services;
    const w = await freshWard({ counters: 1 });
    // A morning of this ward's own: six citizens between 08:00 and 09:00 on Tuesday 10 March 2026, 10 minutes each.
    const at = (m: number) => vnInstant('2026-03-10', 8 * 60 + m);
    for (let i = 0; i < 6; i++) await queue.issue(w.unitId, { fieldId: w.hotich }, at(i * 10));
    const ctx = await ctxOf(w.officers[0]!.username);
    await queue.open(ctx, w.counters[0]!, at(0));
    for (let i = 0; i < 6; i++) {
      await queue.callNext(ctx, w.counters[0]!, at(i * 10));
      await queue.act(ctx, w.counters[0]!, 'start', at(i * 10));
      await queue.act(ctx, w.counters[0]!, 'finish', at(i * 10 + 10));
    }
    const url = `/api/capacity?unitId=${w.unitId}&from=2026-03-01&to=2026-03-31`;
    const r = await t.req(w.director, { method: 'GET', url });
    expect(r.statusCode).toBe(200);
    const cells = r.json().cells as { weekday: number; hour: number; arrivals: number; countersNeeded: number }[];
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ weekday: 2, hour: 8 });
    expect(cells[0]!.arrivals).toBeGreaterThan(0);
    expect(cells[0]!.countersNeeded).toBeGreaterThanOrEqual(1);
    expect((await t.req(w.officers[0]!, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.req(nvOfficer, { method: 'GET', url })).statusCode).toBe(404);
  });
});
