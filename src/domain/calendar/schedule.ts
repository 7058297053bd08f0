import { HOUR_MS, parseTimeOfDay } from './time';

/** One office session, 'HH:MM' Vietnamese wall time. */
export interface Session {
  start: string;
  end: string;
}

/**
 * A unit's office hours. Provinces set their own, so each unit carries one.
 * Treat a schedule as an immutable value: its compiled form is cached per object.
 */
export interface UnitSchedule {
  /** Same sessions on every working day, in order, not overlapping. */
  sessions: readonly Session[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  weekdays: readonly number[];
  /** A receipt after this time of day counts from the next working day. */
  cutoff: string;
}

/** Civil-service default: 07:30–11:30 and 13:00–17:00, Monday–Friday, cut-off 15:00. */
export const DEFAULT_SCHEDULE: UnitSchedule = Object.freeze({
  sessions: Object.freeze([Object.freeze({ start: '07:30', end: '11:30' }), Object.freeze({ start: '13:00', end: '17:00' })]),
  weekdays: Object.freeze([1, 2, 3, 4, 5]),
  cutoff: '15:00',
});

/** A schedule in milliseconds after midnight, checked once and reused. */
export interface CompiledSchedule {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Working milliseconds in one working day: the sum of the sessions. */
  readonly msPerDay: number;
  /** Bit n set when ISO weekday n is a working day. */
  readonly weekdayMask: number;
  readonly cutoff: number;
}

const compiled = new WeakMap<UnitSchedule, CompiledSchedule>();

/** Validates and compiles a schedule; throws RangeError when it is malformed. */
export function compileSchedule(schedule: UnitSchedule): CompiledSchedule {
  const hit = compiled.get(schedule);
  if (hit) return hit;

  if (schedule.sessions.length === 0) throw new RangeError('a schedule needs at least one session');
  const starts: number[] = [];
  const ends: number[] = [];
  let msPerDay = 0;
  let previousEnd = 0;
  for (const session of schedule.sessions) {
    const start = parseTimeOfDay(session.start);
    const end = parseTimeOfDay(session.end);
    if (end <= start || start < previousEnd) {
      throw new RangeError(`sessions must be ordered and not overlap: ${session.start}–${session.end}`);
    }
    starts.push(start);
    ends.push(end);
    msPerDay += end - start;
    previousEnd = end;
  }

  if (schedule.weekdays.length === 0) throw new RangeError('a schedule needs at least one weekday');
  let weekdayMask = 0;
  for (const weekday of schedule.weekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new RangeError(`not an ISO weekday (1–7): ${weekday}`);
    }
    weekdayMask |= 1 << weekday;
  }

  const result: CompiledSchedule = {
    starts,
    ends,
    msPerDay,
    weekdayMask,
    cutoff: parseTimeOfDay(schedule.cutoff),
  };
  compiled.set(schedule, result);
  return result;
}

/** Working hours in one working day (8 for the default schedule). */
export function hoursPerDay(schedule: UnitSchedule): number {
  return compileSchedule(schedule).msPerDay / HOUR_MS;
}
