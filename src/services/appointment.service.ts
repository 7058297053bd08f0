// Appointments booked in the portal by a VNeID citizen: free slots per field and day, booking under the
// Hanoi limits (configurable), cancelling, the SMS reminder (through the outbox, due an hour before the
// slot) and the check-in at the kiosk with the booking's QR code, which makes a ticket called at the slot.
import { randomBytes } from 'node:crypto';
import { bookingRefusal, daySlots, slotCapacity, vnDate } from '../domain/queue/booking';
import type { QueueSettings } from '../domain/queue/lifecycle';
import { Problem } from '../domain/problems';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import type { Db } from '../db/database';
import {
  bookedPerSlot,
  cancelAppointment,
  citizenFieldsOn,
  countersServingField,
  countInSlot,
  findAppointment,
  findAppointmentByCode,
  findCitizenPhone,
  getAppointmentView,
  insertAppointment,
  listCitizenAppointmentIds,
  lockBooking,
  markCheckedIn,
} from '../db/repositories/appointment.repository';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import { findFieldName } from '../db/repositories/queue.repository';
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
  private pointsServing(unitId: string, fieldId: string) {
    return countersServingField(this.db, unitId, fieldId);
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
      throw new Problem('queue-field-not-served', { field: (await findFieldName(this.db, fieldId)) ?? fieldId });
    }
    const point = points[0]!;
    const { schedule, working, settings } = await this.dayContext(unitId, date);
    const cap = slotCapacity(point.counters, settings.bookableShare);
    const today = vnDate(now);
    const tooFar = Date.parse(date) - Date.parse(today) > settings.bookingDaysAhead * 86_400_000;
    if (!working || tooFar || date < today) return { receptionPointId: point.pointId, date, slots: [] };
    const booked = await bookedPerSlot(this.db, point.pointId, fieldId, date);
    const slots = daySlots(date, schedule.sessions, settings)
      .filter((s) => s.getTime() > now.getTime())
      .map((s) => {
        const used = booked.find((b) => b.slotStart.getTime() === s.getTime())?.n ?? 0;
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
      throw new Problem('queue-field-not-served', { field: (await findFieldName(this.db, input.fieldId)) ?? input.fieldId });
    }
    const point = points[0]!;
    const date = vnDate(input.slotStart);
    const { schedule, working, settings } = await this.dayContext(input.unitId, date);
    const id = await this.db.transaction().execute(async (trx) => {
      // One citizen's bookings and one slot's places are decided one at a time.
      const slot = { pointId: point.pointId, fieldId: input.fieldId, slotStart: input.slotStart };
      await lockBooking(trx, citizen.citizenId, slot);
      const mine = await citizenFieldsOn(trx, citizen.citizenId, date);
      const inSlot = await countInSlot(trx, slot);
      const refusal = bookingRefusal({
        slotStart: input.slotStart,
        now,
        isWorkingDay: working,
        slots: daySlots(date, schedule.sessions, settings),
        citizenFieldsThatDay: mine,
        fieldId: input.fieldId,
        bookedInSlot: inSlot,
        slotCapacity: slotCapacity(point.counters, settings.bookableShare),
        settings,
      });
      if (refusal) throw new Problem(refusal, refusalParams(refusal, settings));
      const a = await insertAppointment(trx, {
        unit_id: input.unitId,
        reception_point_id: point.pointId,
        field_id: input.fieldId,
        citizen_id: citizen.citizenId,
        day: date,
        slot_start: input.slotStart,
        slot_end: new Date(input.slotStart.getTime() + settings.slotMinutes * 60_000),
        code: randomBytes(9).toString('base64url'),
      });
      const phone = await findCitizenPhone(trx, citizen.citizenId);
      if (phone) {
        const hhmm = new Date(input.slotStart.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
        await enqueueOutbox(
          trx,
          SMS_TOPIC,
          `appointment-reminder:${a.id}`,
          {
            to: phone,
            text: `Motcua: nhac lich hen ${hhmm} ngay ${date.split('-').reverse().join('/')}. Ma check-in: ${a.code}`,
            kind: 'appointment-reminder',
            appointmentId: a.id,
          },
          new Date(Math.max(now.getTime(), input.slotStart.getTime() - REMINDER_BEFORE_MS)),
        );
      }
      return a.id;
    });
    return this.view(id);
  }

  async cancel(ctx: ServiceContext, id: string, now: Date): Promise<AppointmentView> {
    const citizen = requireCitizen(ctx);
    const a = await findAppointment(this.db, id);
    if (!a || a.citizen_id !== citizen.citizenId) throw new Problem('not-found', { what: 'appointment' });
    if (a.status !== 'booked') throw new Problem('conflict', { reason: a.status });
    // The reminder is not sent for a cancelled appointment.
    await this.db.transaction().execute((trx) => cancelAppointment(trx, id, `appointment-reminder:${id}`, now));
    return this.view(id);
  }

  async mine(ctx: ServiceContext): Promise<AppointmentView[]> {
    const citizen = requireCitizen(ctx);
    const ids = await listCitizenAppointmentIds(this.db, citizen.citizenId, 50);
    return Promise.all(ids.map((id) => this.view(id)));
  }

  /** The kiosk scans the booking's QR code: a ticket called at the slot time, before walk-ins. */
  async checkIn(unitId: string, code: string, now: Date) {
    const a = await findAppointmentByCode(this.db, code);
    if (!a || a.unit_id !== unitId || a.status !== 'booked' || a.day !== vnDate(now)) throw new Problem('appointment-not-found');
    const r = await this.queue.issue(unitId, { fieldId: a.field_id, receptionPointId: a.reception_point_id }, now, {
      id: a.id,
      slotStart: a.slot_start,
    });
    await markCheckedIn(this.db, a.id);
    return r;
  }

  private async view(id: string): Promise<AppointmentView> {
    const a = await getAppointmentView(this.db, id);
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
