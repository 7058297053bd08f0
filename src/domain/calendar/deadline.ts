// Deadlines in working time, as the HTTP contract defines them ("Calendar"):
// working time runs only inside the unit's sessions on working days; a working day
// is worth the sum of its sessions (8 hours by default).
//
// Internally an instant is "local ms": UTC ms + 7 h, so the day number and time of
// day come from plain division (see time.ts for why a fixed offset is exact).
// Loops go a whole day at a time, never minute by minute.
import type { Calendar } from './calendar';
import { compileSchedule, type CompiledSchedule, type UnitSchedule } from './schedule';
import { DAY_MS, fromVnLocalMs, toVnLocalMs } from './time';

export interface DeadlineInput {
  receivedAt: Date;
  /** Processing time in working days, fractions allowed (0.25, 0.5, 1.5); 0 = same day. */
  workingDays: number;
  schedule: UnitSchedule;
  calendar: Calendar;
}

export interface Deadline {
  /** Where the count starts: the receipt, or the next working session's start. */
  countedFrom: Date;
  dueAt: Date;
}

export interface Pause {
  from: Date;
  /** Absent while the pause is open (e.g. waiting for the citizen's supplement). */
  to?: Date;
}

export interface PausedDeadlineInput {
  /** As {@link computeDeadline} returned it for the receipt. */
  countedFrom: Date;
  workingDays: number;
  pauses: readonly Pause[];
  /**
   * 'restart' (Motcua's default, the Decree 61 rule for supplements): the whole
   * processing time starts again from the complete dossier's arrival, i.e. the end
   * of the last pause, with the cut-off rule applied. 'pause': working time inside
   * pauses is not counted, so the due time moves later by that much.
   */
  mode?: 'pause' | 'restart';
  schedule: UnitSchedule;
  calendar: Calendar;
}

export interface PausedDeadline {
  /** Where the running count started: `countedFrom`, or the restart point in 'restart' mode. */
  countedFrom: Date;
  /** Null while a pause is open: the clock is stopped. */
  dueAt: Date | null;
}

/** More days than this without a working day means the calendar or schedule is wrong. */
const MAX_IDLE_DAYS = 1000;

/**
 * When the count starts for a receipt. Inside a session at or before the cut-off
 * (15:00:00.000 counts, 15:00:00.001 does not): the receipt itself. Before opening or
 * in the lunch gap, before the cut-off: the next session start that day. After the
 * cut-off, after closing, or on a day that is not a working day: the first session
 * of the next working day.
 */
export function countingStart(receivedAt: Date, schedule: UnitSchedule, calendar: Calendar): Date {
  return fromVnLocalMs(startLocal(calendar, compileSchedule(schedule), toVnLocalMs(receivedAt)));
}

/**
 * `countedFrom` by {@link countingStart}; `dueAt` when `workingDays` × hours-per-day
 * of working time have run from it (landing exactly on a session's end gives that
 * end, not the next start). `workingDays: 0` is due at the end of the last session
 * of the day counting starts in. Times are rounded to the millisecond.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  checkWorkingDays(input.workingDays);
  const s = compileSchedule(input.schedule);
  const from = startLocal(input.calendar, s, toVnLocalMs(input.receivedAt));
  return {
    countedFrom: fromVnLocalMs(from),
    dueAt: fromVnLocalMs(dueLocal(input.calendar, s, from, input.workingDays)),
  };
}

/**
 * The instant `ms` of working time after `start` (before it when negative, e.g.
 * "8 working hours before the due time"). Running out exactly at a session's end
 * gives that end going forward, and a session's start going backward. 0 gives `start`.
 */
export function addWorkingMillis(start: Date, ms: number, schedule: UnitSchedule, calendar: Calendar): Date {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite duration: ${ms}`);
  return fromVnLocalMs(addLocal(calendar, compileSchedule(schedule), toVnLocalMs(start), Math.round(ms)));
}

/** Working time from `a` to `b` in milliseconds; negative when `b` is before `a`. */
export function workingMillisBetween(a: Date, b: Date, schedule: UnitSchedule, calendar: Calendar): number {
  const s = compileSchedule(schedule);
  const la = toVnLocalMs(a);
  const lb = toVnLocalMs(b);
  if (lb >= la) return betweenLocal(calendar, s, la, lb);
  const back = betweenLocal(calendar, s, lb, la);
  return back === 0 ? 0 : -back; // never -0
}

/** The due time of a count interrupted by pauses (supplement requests); see {@link PausedDeadlineInput.mode}. */
export function computeDueWithPauses(input: PausedDeadlineInput): PausedDeadline {
  checkWorkingDays(input.workingDays);
  const { calendar, workingDays } = input;
  const s = compileSchedule(input.schedule);
  const countedFrom = toVnLocalMs(input.countedFrom);
  const pauses = input.pauses
    .map((p) => {
      const from = toVnLocalMs(p.from);
      const to = p.to === undefined ? undefined : toVnLocalMs(p.to);
      if (to !== undefined && to < from) throw new RangeError('a pause ends before it starts');
      return { from, to };
    })
    .sort((x, y) => x.from - y.from);

  if ((input.mode ?? 'restart') === 'restart') {
    let restart = countedFrom;
    for (const p of pauses) {
      if (p.to === undefined) return { countedFrom: fromVnLocalMs(restart), dueAt: null };
      restart = Math.max(restart, startLocal(calendar, s, p.to));
    }
    return {
      countedFrom: fromVnLocalMs(restart),
      dueAt: fromVnLocalMs(dueLocal(calendar, s, restart, workingDays)),
    };
  }

  const closed = pauses.filter((p): p is { from: number; to: number } => p.to !== undefined);
  if (closed.length < pauses.length) return { countedFrom: input.countedFrom, dueAt: null };
  // Same-day (0) counts as the working time left in the starting day.
  let remaining =
    workingDays === 0
      ? betweenLocal(calendar, s, countedFrom, dueLocal(calendar, s, countedFrom, 0))
      : Math.round(workingDays * s.msPerDay);
  let cursor = countedFrom;
  for (const { from, to } of closed) {
    if (to <= cursor) continue;
    if (from > cursor) {
      const before = betweenLocal(calendar, s, cursor, from);
      if (remaining <= before) break;
      remaining -= before;
    }
    cursor = to;
  }
  return {
    countedFrom: input.countedFrom,
    dueAt: fromVnLocalMs(addLocal(calendar, s, cursor, remaining)),
  };
}

function checkWorkingDays(workingDays: number): void {
  if (!Number.isFinite(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a finite number ≥ 0: ${workingDays}`);
  }
}

function isWorking(calendar: Calendar, s: CompiledSchedule, day: number): boolean {
  return calendar.isWorkingDayNumber(day, s.weekdayMask);
}

function nextWorkingDay(calendar: Calendar, s: CompiledSchedule, day: number, step: 1 | -1): number {
  for (let d = day + step, idle = 0; idle < MAX_IDLE_DAYS; d += step, idle++) {
    if (isWorking(calendar, s, d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_IDLE_DAYS} days of day ${day}`);
}

function startLocal(calendar: Calendar, s: CompiledSchedule, local: number): number {
  const day = Math.floor(local / DAY_MS);
  const t = local - day * DAY_MS;
  if (t <= s.cutoff && isWorking(calendar, s, day)) {
    for (let i = 0; i < s.ends.length; i++) {
      if (t < s.ends[i]!) return day * DAY_MS + Math.max(t, s.starts[i]!);
    }
  }
  return nextWorkingDay(calendar, s, day, 1) * DAY_MS + s.starts[0]!;
}

function dueLocal(calendar: Calendar, s: CompiledSchedule, from: number, workingDays: number): number {
  if (workingDays === 0) {
    // `from` comes from startLocal, so it is inside a session of a working day.
    return Math.floor(from / DAY_MS) * DAY_MS + s.ends[s.ends.length - 1]!;
  }
  return addLocal(calendar, s, from, Math.round(workingDays * s.msPerDay));
}

/** Working time of a working day before time of day `t`. */
function workedBefore(s: CompiledSchedule, t: number): number {
  let sum = 0;
  for (let i = 0; i < s.starts.length && t > s.starts[i]!; i++) {
    sum += Math.min(t, s.ends[i]!) - s.starts[i]!;
  }
  return sum;
}

function addLocal(calendar: Calendar, s: CompiledSchedule, local: number, ms: number): number {
  if (ms === 0) return local;
  const { starts, ends, msPerDay } = s;
  const last = starts.length - 1;
  let day = Math.floor(local / DAY_MS);
  const t = local - day * DAY_MS;

  if (ms > 0) {
    let remaining = ms;
    if (isWorking(calendar, s, day)) {
      for (let i = 0; i <= last; i++) {
        if (ends[i]! <= t) continue;
        const from = Math.max(t, starts[i]!);
        if (remaining <= ends[i]! - from) return day * DAY_MS + from + remaining;
        remaining -= ends[i]! - from;
      }
    }
    for (;;) {
      day = nextWorkingDay(calendar, s, day, 1);
      if (remaining > msPerDay) {
        remaining -= msPerDay;
        continue;
      }
      for (let i = 0; i <= last; i++) {
        const length = ends[i]! - starts[i]!;
        if (remaining <= length) return day * DAY_MS + starts[i]! + remaining;
        remaining -= length;
      }
    }
  }

  let remaining = -ms;
  if (isWorking(calendar, s, day)) {
    for (let i = last; i >= 0; i--) {
      if (starts[i]! >= t) continue;
      const to = Math.min(t, ends[i]!);
      if (remaining <= to - starts[i]!) return day * DAY_MS + to - remaining;
      remaining -= to - starts[i]!;
    }
  }
  for (;;) {
    day = nextWorkingDay(calendar, s, day, -1);
    if (remaining > msPerDay) {
      remaining -= msPerDay;
      continue;
    }
    for (let i = last; i >= 0; i--) {
      const length = ends[i]! - starts[i]!;
      if (remaining <= length) return day * DAY_MS + ends[i]! - remaining;
      remaining -= length;
    }
  }
}

/** Working time from `a` to `b`, `a` ≤ `b`. */
function betweenLocal(calendar: Calendar, s: CompiledSchedule, a: number, b: number): number {
  const dayA = Math.floor(a / DAY_MS);
  const dayB = Math.floor(b / DAY_MS);
  const tA = a - dayA * DAY_MS;
  const tB = b - dayB * DAY_MS;
  if (dayA === dayB) {
    return isWorking(calendar, s, dayA) ? workedBefore(s, tB) - workedBefore(s, tA) : 0;
  }
  let total = 0;
  if (isWorking(calendar, s, dayA)) total += s.msPerDay - workedBefore(s, tA);
  for (let d = dayA + 1; d < dayB; d++) if (isWorking(calendar, s, d)) total += s.msPerDay;
  if (isWorking(calendar, s, dayB)) total += workedBefore(s, tB);
  return total;
}
