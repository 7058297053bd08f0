// The clock of one deadline (a dossier's, or a step of a feedback), pure: what it is, and what each event
// does to it. The deadline row (src/db/repositories/deadline.repository.ts) stores this state; the services
// load it, ask here what changes, and hand the change back to the repository to write.
//   start     at receipt: counting starts at the next working time, due after the working days;
//   pause     the dossier waits for the citizen (supplement): the due time is unknown until it resumes;
//   resume    the citizen answered: the due time is recomputed over the pauses (mode pause or restart),
//             unless an apology promised a date, which stays;
//   extend    an apology's one new date (override) replaces the due time;
//   recompute the calendar changed: counting start and due time again from the receipt and the pauses.
import type { Calendar } from './calendar';
import { computeDeadline, computeDueWithPauses, countingStart } from './deadline';
import type { UnitSchedule } from './schedule';

/** A pause as stored (ISO strings): open while `to` is absent. */
export type StoredPause = { from: string; to?: string };

export type ClockState = {
  receivedAt: Date;
  workingDays: number;
  mode: 'pause' | 'restart';
  pauses: readonly StoredPause[];
  countedFrom: Date;
  dueAt: Date | null;
  overrideDueAt: Date | null;
};

/** What an event changes on the deadline row; absent fields stay. */
export type ClockChange = {
  counted_from?: Date;
  due_at?: Date | null;
  pauses?: StoredPause[];
  override_due_at?: Date;
  closed_at?: Date;
  unit_id?: string;
};

/** A unit's office hours as its row stores them, with the procedure's cutoff when it has one. */
export function scheduleOf(
  u: { office_sessions: { start: string; end: string }[]; working_weekdays: number[]; cutoff_time: string },
  cutoff?: string,
): UnitSchedule {
  return { sessions: u.office_sessions, weekdays: u.working_weekdays, cutoff: cutoff ?? u.cutoff_time };
}

/** The clock at receipt. */
export function startClock(receivedAt: Date, workingDays: number, schedule: UnitSchedule, calendar: Calendar) {
  return computeDeadline({ receivedAt, workingDays, schedule, calendar });
}

/** The dossier waits for the citizen: a pause opens at `now` and the due time is unknown. */
export function pauseClock(state: Pick<ClockState, 'pauses'>, now: Date): ClockChange {
  return { pauses: [...state.pauses, { from: now.toISOString() }], due_at: null };
}

/** The citizen answered: the open pause closes at `now` and the due time is recomputed (an apology's date stays). */
export function resumeClock(state: ClockState, now: Date, schedule: UnitSchedule, calendar: Calendar): ClockChange {
  const last = state.pauses.length - 1;
  const pauses = state.pauses.map((p, i) => (i === last && !p.to ? { ...p, to: now.toISOString() } : p));
  const r = computeDueWithPauses({
    countedFrom: state.countedFrom,
    workingDays: state.workingDays,
    pauses: pauses.map(toPause),
    mode: state.mode,
    schedule,
    calendar,
  });
  return { pauses, due_at: state.overrideDueAt ?? r.dueAt, counted_from: r.countedFrom };
}

/** An apology's one new date. */
export function extendClock(newDueAt: Date): ClockChange {
  return { override_due_at: newDueAt, due_at: newDueAt };
}

/** The calendar changed: counting start and due time again (an apology's date stays: it was promised in writing). */
export function recomputeClock(state: ClockState, schedule: UnitSchedule, calendar: Calendar): { countedFrom: Date; dueAt: Date | null } {
  const countedFrom = countingStart(state.receivedAt, schedule, calendar);
  const computed = computeDueWithPauses({
    countedFrom,
    workingDays: state.workingDays,
    pauses: state.pauses.map(toPause),
    mode: state.mode,
    schedule,
    calendar,
  });
  return { countedFrom, dueAt: state.overrideDueAt ?? computed.dueAt };
}

/** When the pause the dossier is in began, or null when the clock runs. */
export function openPauseSince(pauses: readonly StoredPause[]): Date | null {
  const open = [...pauses].reverse().find((p) => !p.to);
  return open ? new Date(open.from) : null;
}

function toPause(p: StoredPause) {
  return { from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) };
}
