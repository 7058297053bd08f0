import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../calendar/schedule';
import { bookingRefusal, daySlots, slotCapacity, vnDate, vnInstant, type BookingCheck } from './booking';
import { DEFAULT_QUEUE_SETTINGS } from './lifecycle';

const slots = daySlots('2026-03-04', DEFAULT_SCHEDULE.sessions, DEFAULT_QUEUE_SETTINGS);

describe('appointment slots and rules', () => {
  it('slots of 15 minutes from 08:00 to 16:00 inside the office sessions (none over lunch)', () => {
    expect(slots[0]).toEqual(vnInstant('2026-03-04', 8 * 60));
    expect(slots.at(-1)).toEqual(vnInstant('2026-03-04', 15 * 60 + 45));
    expect(slots.some((s) => s.getTime() === vnInstant('2026-03-04', 12 * 60).getTime())).toBe(false);
    expect(slots).toHaveLength(14 + 12);
    expect(vnDate(slots[0]!)).toBe('2026-03-04');
  });

  const base: BookingCheck = {
    slotStart: slots[4]!,
    now: vnInstant('2026-03-02', 9 * 60),
    isWorkingDay: true,
    slots,
    citizenFieldsThatDay: [],
    fieldId: 'f1',
    bookedInSlot: 0,
    slotCapacity: 2,
    settings: DEFAULT_QUEUE_SETTINGS,
  };

  it('accepts a free slot and refuses each broken rule with its own code', () => {
    expect(bookingRefusal(base)).toBeNull();
    expect(bookingRefusal({ ...base, now: vnInstant('2026-03-04', 10 * 60) })).toBe('booking-slot-past');
    expect(bookingRefusal({ ...base, now: vnInstant('2026-02-25', 9 * 60) })).toBe('booking-too-far');
    expect(bookingRefusal({ ...base, isWorkingDay: false })).toBe('booking-day-off');
    expect(bookingRefusal({ ...base, slotStart: new Date(slots[4]!.getTime() + 60_000) })).toBe('booking-slot-invalid');
    expect(bookingRefusal({ ...base, citizenFieldsThatDay: ['f2', 'f3'] })).toBe('booking-limit-day');
    expect(bookingRefusal({ ...base, citizenFieldsThatDay: ['f1'] })).toBe('booking-limit-field');
    expect(bookingRefusal({ ...base, citizenFieldsThatDay: ['f2'] })).toBeNull();
    expect(bookingRefusal({ ...base, bookedInSlot: 2 })).toBe('booking-slot-full');
  });

  it('exactly N days ahead is allowed, N + 1 is not', () => {
    expect(bookingRefusal({ ...base, now: vnInstant('2026-02-26', 16 * 60) })).toBeNull();
    expect(bookingRefusal({ ...base, now: vnInstant('2026-02-25', 23 * 60) })).toBe('booking-too-far');
  });

  it('slot capacity', () => {
    expect(slotCapacity(6, 0.5)).toBe(3);
    expect(slotCapacity(1, 0.5)).toBe(1);
    expect(slotCapacity(0, 0.5)).toBe(0);
  });
});
