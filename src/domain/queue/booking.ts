// Appointments booked online (domain-2 §3.1, Hanoi's iHanoi rules): today or up to N days ahead, inside the
// bookable hours and the unit's office sessions, never in the past or on a day off, at most K a day and
// one a field per citizen; each slot holds the counters serving the field × the bookable share.
import type { Session } from '../calendar/schedule';
import type { QueueSettings } from './lifecycle';

const VN_OFFSET_MS = 7 * 3_600_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The Vietnam calendar date of an instant. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Vietnam wall time on a date. */
export function vnInstant(date: string, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS + minutes * 60_000);
}

/** Whole days from `from` to `to` (dates YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The slot starts of a date: every `slotMinutes` inside the bookable hours whose whole slot lies in one office session. */
export function daySlots(
  date: string,
  sessions: readonly Session[],
  s: Pick<QueueSettings, 'slotMinutes' | 'bookingFrom' | 'bookingTo'>,
): Date[] {
  const from = minutesOf(s.bookingFrom);
  const to = minutesOf(s.bookingTo);
  const out: Date[] = [];
  for (const sess of sessions) {
    const a = Math.max(from, minutesOf(sess.start));
    const b = Math.min(to, minutesOf(sess.end));
    // Slots sit on the grid counted from the bookable start, so every day's slots line up.
    let m = from + Math.ceil((a - from) / s.slotMinutes) * s.slotMinutes;
    for (; m + s.slotMinutes <= b; m += s.slotMinutes) out.push(vnInstant(date, m));
  }
  return out;
}

export type BookingRefusal =
  | 'booking-slot-invalid'
  | 'booking-slot-past'
  | 'booking-too-far'
  | 'booking-day-off'
  | 'booking-limit-day'
  | 'booking-limit-field'
  | 'booking-slot-full';

export type BookingCheck = {
  slotStart: Date;
  now: Date;
  isWorkingDay: boolean;
  slots: readonly Date[];
  /** The citizen's live bookings on that day (field ids). */
  citizenFieldsThatDay: readonly string[];
  fieldId: string;
  bookedInSlot: number;
  slotCapacity: number;
  settings: Pick<QueueSettings, 'bookingDaysAhead' | 'bookingsPerDay' | 'bookingsPerField'>;
};

/** The first rule a booking breaks, or null when it may be made. */
export function bookingRefusal(c: BookingCheck): BookingRefusal | null {
  const day = vnDate(c.slotStart);
  if (c.slotStart.getTime() <= c.now.getTime()) return 'booking-slot-past';
  if (daysBetween(vnDate(c.now), day) > c.settings.bookingDaysAhead) return 'booking-too-far';
  if (!c.isWorkingDay) return 'booking-day-off';
  if (!c.slots.some((s) => s.getTime() === c.slotStart.getTime())) return 'booking-slot-invalid';
  if (c.citizenFieldsThatDay.length >= c.settings.bookingsPerDay) return 'booking-limit-day';
  if (c.citizenFieldsThatDay.filter((f) => f === c.fieldId).length >= c.settings.bookingsPerField) return 'booking-limit-field';
  if (c.bookedInSlot >= c.slotCapacity) return 'booking-slot-full';
  return null;
}

/** Bookable places in a slot: the share of the counters serving the field, at least one when any serves it. */
export function slotCapacity(countersServing: number, bookableShare: number): number {
  if (countersServing <= 0 || bookableShare <= 0) return 0;
  return Math.max(1, Math.floor(countersServing * bookableShare));
}
