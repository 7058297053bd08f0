// The SQL of the appointment repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
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
} from '../../../src/db/repositories/appointment.repository';
import { recordingDb } from '../../support/sql-recorder';

const UNIT = '40000000-0000-4000-8000-000000000001';
const FIELD = '40000000-0000-4000-8000-000000000002';
const POINT = '40000000-0000-4000-8000-000000000003';
const CITIZEN = '40000000-0000-4000-8000-000000000004';
const A = '40000000-0000-4000-8000-000000000005';
const SLOT = new Date('2026-03-03T01:30:00.000Z');
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('appointment repository SQL', () => {
  const { record } = recordingDb();

  it('slot counting: counters per point, places taken per slot', async () => {
    expect(
      await record(async (trx) => {
        await countersServingField(trx, UNIT, FIELD);
        await bookedPerSlot(trx, POINT, FIELD, '2026-03-03');
      }),
    ).toMatchSnapshot();
  });

  it('a booking: the locks, the citizen’s day, the slot’s places, the row, the phone for the reminder', async () => {
    const slot = { pointId: POINT, fieldId: FIELD, slotStart: SLOT };
    expect(
      await record(async (trx) => {
        await lockBooking(trx, CITIZEN, slot);
        await citizenFieldsOn(trx, CITIZEN, '2026-03-03');
        await countInSlot(trx, slot);
        await insertAppointment(trx, {
          unit_id: UNIT,
          reception_point_id: POINT,
          field_id: FIELD,
          citizen_id: CITIZEN,
          day: '2026-03-03',
          slot_start: SLOT,
          slot_end: new Date(SLOT.getTime() + 15 * 60_000),
          code: 'abc',
        });
        await findCitizenPhone(trx, CITIZEN);
      }),
    ).toMatchSnapshot();
  });

  it('cancel with its reminder, the citizen’s list, check-in, the view', async () => {
    expect(
      await record(async (trx) => {
        await findAppointment(trx, A);
        await cancelAppointment(trx, A, `appointment-reminder:${A}`, NOW);
        await listCitizenAppointmentIds(trx, CITIZEN, 50);
        await findAppointmentByCode(trx, 'abc');
        await markCheckedIn(trx, A);
        await getAppointmentView(trx, A);
      }),
    ).toMatchSnapshot();
  });
});
