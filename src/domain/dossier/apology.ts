// When the responsible leader is prompted to apologise and set a new date (Decree 61/2018 as still applied:
// at least one working day before the due time). Pure; times are working milliseconds.

/**
 * Whether a dossier is at risk enough to prompt the apology: its remaining working time is within the margin.
 * A procedure whose whole processing time fits inside the margin (a same-day procedure, or a dossier received
 * late at night and due the next working day) would be "at risk" the moment it arrives: for it the margin is
 * the same-day margin, and never more than half its processing time, so the prompt never fires at intake.
 */
export function apologyPromptDue(p: { leftMs: number; totalMs: number; marginMs: number; sameDayMarginMs: number }): boolean {
  const margin = p.totalMs <= p.marginMs ? Math.min(p.sameDayMarginMs, p.totalMs / 2) : p.marginMs;
  return p.leftMs <= margin;
}

/** Alerts urgent enough to be sent by SMS outside working hours; the others wait for the next working time. */
export function smsUrgent(kind: string): boolean {
  return kind === 'overdue' || kind === 'breach';
}
