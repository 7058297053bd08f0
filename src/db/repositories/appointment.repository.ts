// Appointments booked in the portal: the counters that make a slot's places, the places taken, the booking
// row under its locks, cancelling (with its reminder), check-in and the view. The rules (limits, slots) are in
// src/domain/queue/booking.ts; the use cases in services/appointment.service.ts. The SQL of each function is
// snapshotted in test/db/sql/appointment.sql.test.ts.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../database';
import type { AppointmentTable, Database } from '../schema';

type Q = Db | Transaction<Database>;

/** Per reception point of the unit: the active counters serving the field. */
export async function countersServingField(db: Q, unitId: string, fieldId: string): Promise<{ pointId: string; counters: number }[]> {
  const rows = await db
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

/** Places taken (not cancelled) per slot of a field at a reception point on a day. */
export async function bookedPerSlot(db: Q, pointId: string, fieldId: string, day: string): Promise<{ slotStart: Date; n: number }[]> {
  const rows = await db
    .selectFrom('appointment')
    .select(['slot_start'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reception_point_id', '=', pointId)
    .where('field_id', '=', fieldId)
    .where('day', '=', day)
    .where('status', '<>', 'cancelled')
    .groupBy('slot_start')
    .execute();
  return rows.map((r) => ({ slotStart: r.slot_start, n: Number(r.n) }));
}

/**
 * One citizen's bookings and one slot's places are decided one at a time: transaction-scoped advisory locks on
 * the citizen, then on the slot (always in this order, so two bookings never wait on each other in a cycle).
 */
export async function lockBooking(
  trx: Transaction<Database>,
  citizenId: string,
  slot: { pointId: string; fieldId: string; slotStart: Date },
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'appointment-citizen:' + citizenId}))`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`appointment-slot:${slot.pointId}:${slot.fieldId}:${slot.slotStart.toISOString()}`}))`.execute(
    trx,
  );
}

/** The fields the citizen holds (not cancelled) bookings for on a day. */
export async function citizenFieldsOn(trx: Transaction<Database>, citizenId: string, day: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('appointment')
    .select('field_id')
    .where('citizen_id', '=', citizenId)
    .where('day', '=', day)
    .where('status', '<>', 'cancelled')
    .execute();
  return rows.map((r) => r.field_id);
}

/** Places taken (not cancelled) in one slot. */
export async function countInSlot(
  trx: Transaction<Database>,
  slot: { pointId: string; fieldId: string; slotStart: Date },
): Promise<number> {
  const r = await trx
    .selectFrom('appointment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reception_point_id', '=', slot.pointId)
    .where('field_id', '=', slot.fieldId)
    .where('slot_start', '=', slot.slotStart)
    .where('status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertAppointment(trx: Transaction<Database>, values: Insertable<AppointmentTable>): Promise<{ id: string; code: string }> {
  return trx.insertInto('appointment').values(values).returning(['id', 'code']).executeTakeFirstOrThrow();
}

/** The booking citizen's mobile number, for the reminder. */
export async function findCitizenPhone(trx: Transaction<Database>, citizenId: string): Promise<string | null | undefined> {
  return (await trx.selectFrom('citizen').select('phone').where('id', '=', citizenId).executeTakeFirst())?.phone;
}

export function findAppointment(db: Q, id: string) {
  return db.selectFrom('appointment').select(['id', 'citizen_id', 'status']).where('id', '=', id).executeTakeFirst();
}

/** Cancels the appointment; its reminder, if not delivered yet, is not sent (`reminderKey`: its outbox key). */
export async function cancelAppointment(trx: Transaction<Database>, id: string, reminderKey: string, now: Date): Promise<void> {
  await trx.updateTable('appointment').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', id).execute();
  await trx
    .updateTable('outbox')
    .set({ dead_at: now, last_error: 'appointment cancelled' })
    .where('idempotency_key', '=', reminderKey)
    .where('delivered_at', 'is', null)
    .execute();
}

/** The citizen's latest appointments, latest slot first. */
export async function listCitizenAppointmentIds(db: Q, citizenId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('appointment')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .orderBy('slot_start', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export function findAppointmentByCode(db: Q, code: string) {
  return db.selectFrom('appointment').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function markCheckedIn(db: Q, id: string): Promise<void> {
  await db.updateTable('appointment').set({ status: 'checked-in' }).where('id', '=', id).execute();
}

/** An appointment as shown, with its field's name. */
export function getAppointmentView(db: Q, id: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('service_field as f', 'f.id', 'a.field_id')
    .select(['a.id', 'a.code', 'a.unit_id', 'a.reception_point_id', 'a.field_id', 'f.name', 'a.slot_start', 'a.slot_end', 'a.status'])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow();
}
