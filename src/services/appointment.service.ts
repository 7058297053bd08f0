// Appointments booked in the portal by a VNeID citizen: free slots per field and day, booking under the
// Hanoi limits (configurable), cancelling, the SMS reminder (through the outbox, due an hour before the
// slot) and the check-in at the kiosk with the booking's QR code, which makes a ticket called at the slot.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { bookingRefusal, daySlots, slotCapacity, vnDate } from '../domain/queue/booking';
import type { QueueSettings } from '../domain/queue/lifecycle';
import { Problem } from '../domain/problems';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import type { Db } from '../db/database';
import type { CalendarService } from './calendar.service';
import { requireCitizen, type ServiceContext } from './context';
import type { QueueService } from './queue.service';

export type AppointmentView = {
  id: string;
  code: string;
  unitId: string;
  receptionPointId: string;
  fieldId: string;
  fieldName: string;
  slotStart: Date;
  slotEnd: Date;
  status: 'booked' | 'checked-in' | 'cancelled';
};

const REMINDER_BEFORE_MS = 60 * 60_000;

export class AppointmentService {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarService,
    private readonly queue: QueueService,
  ) {}

  /** Per reception point of the unit serving the field: counters serving it. */
  private async pointsServing(unitId: string, fieldId: string) {
    const rows = await this.db
      .selectFrom('counter as c')
      .innerJoin('counter_field as cf', 'cf.counter_id', 'c.id')
      .select(['c.reception_point_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.unit_id', '=', unitId)
      .where('c.active', '=', true)
      .where('cf.field_id', '=', fieldId)
      .groupBy('c.reception_point_id')
      .execute();
    return rows.map((r) => ({ pointId: r.reception_point_id, counters: Number(r.n) }));
  }

  private async dayContext(unitId: string, date: string) {
    const { schedule, provinceId } = await this.calendar.unitSchedule(unitId);
    const cal = await this.calendar.calendarFor(provinceId);
    const settings = await this.queue.settingsFor(unitId);
    return { schedule, working: cal.isWorkingDay(date, schedule), settings };
  }

  /** Free slots of a day for a field at the unit (first point serving it unless one is named). */
  async slots(unitId: string, fieldId: string, date: string, now: Date, receptionPointId?: string) {
    const points = (await this.pointsServing(unitId, fieldId)).filter((p) => !receptionPointId || p.pointId === receptionPointId);
    if (points.length === 0) {
      const f = await this.db.selectFrom('service_field').select('name').where('id', '=', fieldId).executeTakeFirst();
      throw new Problem('queue-field-not-served', { field: f?.name ?? fieldId });
    }
    const point = points[0]!;
    const { schedule, working, settings } = await this.dayContext(unitId, date);
    const cap = slotCapacity(point.counters, settings.bookableShare);
    const today = vnDate(now);
    const tooFar = Date.parse(date) - Date.parse(today) > settings.bookingDaysAhead * 86_400_000;
    if (!working || tooFar || date < today) return { receptionPointId: point.pointId, date, slots: [] };
    const booked = await this.db
      .selectFrom('appointment')
      .select(['slot_start'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reception_point_id', '=', point.pointId)
      .where('field_id', '=', fieldId)
      .where('day', '=', date)
      .where('status', '<>', 'cancelled')
      .groupBy('slot_start')
      .execute();
    const slots = daySlots(date, schedule.sessions, settings)
      .filter((s) => s.getTime() > now.getTime())
      .map((s) => {
        const used = Number(booked.find((b) => b.slot_start.getTime() === s.getTime())?.n ?? 0);
        return { start: s, end: new Date(s.getTime() + settings.slotMinutes * 60_000), free: Math.max(0, cap - used) };
      });
    return { receptionPointId: point.pointId, date, slots };
  }

  async book(
    ctx: ServiceContext,
    input: { unitId: string; fieldId: string; slotStart: Date; receptionPointId?: string },
    now: Date,
  ): Promise<AppointmentView> {
    const citizen = requireCitizen(ctx);
    const points = (await this.pointsServing(input.unitId, input.fieldId)).filter(
      (p) => !input.receptionPointId || p.pointId === input.receptionPointId,
    );
    if (points.length === 0) {
      const f = await this.db.selectFrom('service_field').select('name').where('id', '=', input.fieldId).executeTakeFirst();
      throw new Problem('queue-field-not-served', { field: f?.name ?? input.fieldId });
    }
    const point = points[0]!;
    const date = vnDate(input.slotStart);
    const { schedule, working, settings } = await this.dayContext(input.unitId, date);
    const id = await this.db.transaction().execute(async (trx) => {
      // One citizen's bookings and one slot's places are decided one at a time.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${'appointment-citizen:' + citizen.citizenId}))`.execute(trx);
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`appointment-slot:${point.pointId}:${input.fieldId}:${input.slotStart.toISOString()}`}))`.execute(
        trx,
      );
      const mine = await trx
        .selectFrom('appointment')
        .select('field_id')
        .where('citizen_id', '=', citizen.citizenId)
        .where('day', '=', date)
        .where('status', '<>', 'cancelled')
        .execute();
      const inSlot = await trx
        .selectFrom('appointment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('reception_point_id', '=', point.pointId)
        .where('field_id', '=', input.fieldId)
        .where('slot_start', '=', input.slotStart)
        .where('status', '<>', 'cancelled')
        .executeTakeFirstOrThrow();
      const refusal = bookingRefusal({
        slotStart: input.slotStart,
        now,
        isWorkingDay: working,
        slots: daySlots(date, schedule.sessions, settings),
        citizenFieldsThatDay: mine.map((m) => m.field_id),
        fieldId: input.fieldId,
        bookedInSlot: Number(inSlot.n),
        slotCapacity: slotCapacity(point.counters, settings.bookableShare),
        settings,
      });
      if (refusal) throw new Problem(refusal, refusalParams(refusal, settings));
      const a = await trx
        .insertInto('appointment')
        .values({
          unit_id: input.unitId,
          reception_point_id: point.pointId,
          field_id: input.fieldId,
          citizen_id: citizen.citizenId,
          day: date,
          slot_start: input.slotStart,
          slot_end: new Date(input.slotStart.getTime() + settings.slotMinutes * 60_000),
          code: randomBytes(9).toString('base64url'),
        })
        .returning(['id', 'code'])
        .executeTakeFirstOrThrow();
      const phone = (await trx.selectFrom('citizen').select('phone').where('id', '=', citizen.citizenId).executeTakeFirst())?.phone;
      if (phone) {
        const hhmm = new Date(input.slotStart.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
        await trx
          .insertInto('outbox')
          .values({
            topic: SMS_TOPIC,
            idempotency_key: `appointment-reminder:${a.id}`,
            payload: JSON.stringify({
              to: phone,
              text: `Motcua: nhac lich hen ${hhmm} ngay ${date.split('-').reverse().join('/')}. Ma check-in: ${a.code}`,
              kind: 'appointment-reminder',
              appointmentId: a.id,
            }),
            available_at: new Date(Math.max(now.getTime(), input.slotStart.getTime() - REMINDER_BEFORE_MS)),
          })
          .execute();
      }
      return a.id;
    });
    return this.view(id);
  }

  async cancel(ctx: ServiceContext, id: string, now: Date): Promise<AppointmentView> {
    const citizen = requireCitizen(ctx);
    const a = await this.db.selectFrom('appointment').select(['id', 'citizen_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!a || a.citizen_id !== citizen.citizenId) throw new Problem('not-found', { what: 'appointment' });
    if (a.status !== 'booked') throw new Problem('conflict', { reason: a.status });
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('appointment').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', id).execute();
      // The reminder is not sent for a cancelled appointment.
      await trx
        .updateTable('outbox')
        .set({ dead_at: now, last_error: 'appointment cancelled' })
        .where('idempotency_key', '=', `appointment-reminder:${id}`)
        .where('delivered_at', 'is', null)
        .execute();
    });
    return this.view(id);
  }

  async mine(ctx: ServiceContext): Promise<AppointmentView[]> {
    const citizen = requireCitizen(ctx);
    const rows = await this.db
      .selectFrom('appointment')
      .select('id')
      .where('citizen_id', '=', citizen.citizenId)
      .orderBy('slot_start', 'desc')
      .limit(50)
      .execute();
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  /** The kiosk scans the booking's QR code: a ticket called at the slot time, before walk-ins. */
  async checkIn(unitId: string, code: string, now: Date) {
    const a = await this.db.selectFrom('appointment').selectAll().where('code', '=', code).executeTakeFirst();
    if (!a || a.unit_id !== unitId || a.status !== 'booked' || a.day !== vnDate(now)) throw new Problem('appointment-not-found');
    const r = await this.queue.issue(unitId, { fieldId: a.field_id, receptionPointId: a.reception_point_id }, now, {
      id: a.id,
      slotStart: a.slot_start,
    });
    await this.db.updateTable('appointment').set({ status: 'checked-in' }).where('id', '=', a.id).execute();
    return r;
  }

  private async view(id: string): Promise<AppointmentView> {
    const a = await this.db
      .selectFrom('appointment as a')
      .innerJoin('service_field as f', 'f.id', 'a.field_id')
      .select(['a.id', 'a.code', 'a.unit_id', 'a.reception_point_id', 'a.field_id', 'f.name', 'a.slot_start', 'a.slot_end', 'a.status'])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: a.id,
      code: a.code,
      unitId: a.unit_id,
      receptionPointId: a.reception_point_id,
      fieldId: a.field_id,
      fieldName: a.name,
      slotStart: a.slot_start,
      slotEnd: a.slot_end,
      status: a.status,
    };
  }
}

function refusalParams(code: string, s: QueueSettings): Record<string, unknown> {
  if (code === 'booking-too-far') return { days: s.bookingDaysAhead };
  if (code === 'booking-limit-day') return { limit: s.bookingsPerDay };
  if (code === 'booking-limit-field') return { limit: s.bookingsPerField };
  return {};
}
