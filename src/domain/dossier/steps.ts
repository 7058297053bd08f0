// Processing steps and their time budgets: each step of the procedure owns a share of the legal
// processing time, counted in working time from when counting started. The control slip (form 06) is the
// list of hand-offs with, for each, whether it came before, on or after its step's due time.
import { addWorkingMillis, hoursPerDay, type Calendar, type UnitSchedule } from '../calendar/index';

export type StepDef = { name: string; role: 'reception-officer' | 'specialist' | 'leader'; share: number };
export type StepEvent = { action: string; at: Date; actorName: string; data?: Record<string, unknown> };
export type StepState = {
  name: string;
  role: string;
  dueAt: Date | null;
  doneAt: Date | null;
  state: 'done-early' | 'done-on-time' | 'done-late' | 'current' | 'late' | 'pending';
};

/** Which action completes which step role, in order: intake, specialist's work, leader's signature, return. */
const COMPLETES: Record<StepDef['role'], readonly string[]> = {
  'reception-officer': ['create', 'accept', 'return-result'],
  specialist: ['submit-for-approval', 'issue-result'],
  leader: ['approve'],
};

/**
 * The due time of each step (cumulative shares of the total working time), when it was done, and its
 * state at `now`. Same-day procedures (0 days) give every step the end of the first day.
 */
export function stepTimeline(
  steps: readonly StepDef[],
  events: readonly StepEvent[],
  countedFrom: Date,
  workingDays: number,
  dueAt: Date | null,
  schedule: UnitSchedule,
  calendar: Calendar,
  now: Date,
): StepState[] {
  const total = workingDays * hoursPerDay(schedule) * 3_600_000;
  let cumulative = 0;
  let from = 0; // events before this index are spent by earlier steps
  let current = false;
  return steps.map((s) => {
    cumulative += s.share;
    const due =
      dueAt === null
        ? null
        : total === 0
          ? dueAt
          : addWorkingMillis(countedFrom, Math.round(total * Math.min(1, cumulative)), schedule, calendar);
    const idx = events.findIndex((e, i) => i >= from && COMPLETES[s.role].includes(e.action));
    const done = idx >= 0 ? events[idx]! : null;
    if (idx >= 0) from = idx + 1;
    let state: StepState['state'];
    if (done) {
      const dueMs = due?.getTime() ?? Infinity;
      state = done.at.getTime() < dueMs - 60_000 ? 'done-early' : done.at.getTime() <= dueMs ? 'done-on-time' : 'done-late';
    } else if (!current) {
      current = true;
      state = due && now > due ? 'late' : 'current';
    } else state = 'pending';
    return { name: s.name, role: s.role, dueAt: due, doneAt: done?.at ?? null, state };
  });
}

export type Handoff = {
  giver: string;
  receiver: string;
  at: Date;
  dueAt: Date | null;
  result: 'early' | 'on-time' | 'late' | 'pending';
  note?: string;
};

/** Hand-offs for the control slip, one per moment the dossier changed hands, from the history. */
export function handoffs(events: readonly StepEvent[], timeline: readonly StepState[]): Handoff[] {
  const out: Handoff[] = [];
  const roleOf = (action: string): StepDef['role'] | undefined =>
    (Object.keys(COMPLETES) as StepDef['role'][]).find((r) => COMPLETES[r].includes(action));
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const role = roleOf(e.action);
    if (!role && e.action !== 'assign') continue;
    const next = events.slice(i + 1).find((x) => roleOf(x.action) || x.action === 'assign');
    const receiver =
      e.action === 'assign' ? String(e.data?.assigneeName ?? '') : (next?.actorName ?? (e.action === 'return-result' ? 'Công dân' : ''));
    const step = timeline.find((s) => s.doneAt?.getTime() === e.at.getTime());
    const result: Handoff['result'] = !step
      ? 'pending'
      : step.state === 'done-early'
        ? 'early'
        : step.state === 'done-late'
          ? 'late'
          : 'on-time';
    out.push({ giver: e.actorName, receiver, at: e.at, dueAt: step?.dueAt ?? null, result });
  }
  return out;
}

/** What an event records about the step it completes (data.step): the oversight's `late-step` signal reads `late`. */
export type StepMark = { name: string; role: StepDef['role']; dueAt: string | null; early: boolean; late: boolean };

/**
 * The step the action about to be recorded completes, with its budget and whether it came after it — or
 * null when the action completes no step. `events` is the history before it; `at` the action's time.
 */
export function stepCompletedBy(
  steps: readonly StepDef[],
  events: readonly StepEvent[],
  action: string,
  at: Date,
  countedFrom: Date,
  workingDays: number,
  dueAt: Date | null,
  schedule: UnitSchedule,
  calendar: Calendar,
): StepMark | null {
  const all = [...events, { action, at, actorName: '' }];
  const timeline = stepTimeline(steps, all, countedFrom, workingDays, dueAt, schedule, calendar, at);
  // The step this very event completed: the one whose completion is the last event (same instant, same role).
  const idx = timeline.findIndex((s, i) => s.doneAt?.getTime() === at.getTime() && COMPLETES[steps[i]!.role].includes(action));
  if (idx < 0) return null;
  const s = timeline[idx]!;
  return {
    name: s.name,
    role: steps[idx]!.role,
    dueAt: s.dueAt?.toISOString() ?? null,
    early: s.state === 'done-early',
    late: s.state === 'done-late',
  };
}
