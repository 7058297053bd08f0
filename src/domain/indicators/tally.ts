// Counters of a period, from facts (pure). The SQL rollups hold the same counters per unit, procedure,
// officer and day; `tallyFacts` is the reference they are reconciled against.
import { addDays, vnDate, vnDayStart, type Fact, type Signal, SIGNAL_KINDS } from './facts';
import { feedbackLateAt, type FeedbackFact } from './feedback-facts';

export type Tally = {
  // By the day the dossier was received.
  received: number;
  receivedOnline: number;
  synced: number;
  onlineWithEResult: number;
  feeBearing: number;
  paidOnline: number;
  reused: number;
  populationData: number;
  finishedFromReceived: number;
  processingSeconds: number;
  // By the day of the end event.
  finished: number;
  finishedOnTime: number;
  finishedEarly: number;
  withResult: number;
  eResult: number;
  digitised: number;
  storeLinked: number;
  serviceSatisfied: number;
  // Snapshots: open at the end of the day before the period, and at the end of the period.
  openBefore: number;
  lateBefore: number;
  openAtEnd: number;
  lateAtEnd: number;
  // Compliance signals, by the day received.
  signals: Record<Signal, number>;
  // Feedback (group 5), by the day received; on time and satisfied as measured at the period's end.
  feedback: number;
  feedbackOnTime: number;
  feedbackSatisfied: number;
  feedbackRegulation: number;
};

export function emptyTally(): Tally {
  return {
    received: 0,
    receivedOnline: 0,
    synced: 0,
    onlineWithEResult: 0,
    feeBearing: 0,
    paidOnline: 0,
    reused: 0,
    populationData: 0,
    finishedFromReceived: 0,
    processingSeconds: 0,
    finished: 0,
    finishedOnTime: 0,
    finishedEarly: 0,
    withResult: 0,
    eResult: 0,
    digitised: 0,
    storeLinked: 0,
    serviceSatisfied: 0,
    openBefore: 0,
    lateBefore: 0,
    openAtEnd: 0,
    lateAtEnd: 0,
    signals: Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Record<Signal, number>,
    feedback: 0,
    feedbackOnTime: 0,
    feedbackSatisfied: 0,
    feedbackRegulation: 0,
  };
}

/** Open (and late) at the instant `at`: received before it, not ended before it; late once `lateFrom` < at. */
function openAt(f: Fact, at: Date): { open: boolean; late: boolean } {
  const open = f.receivedAt < at && (f.endAt === null || f.endAt >= at);
  return { open, late: open && f.lateFrom !== null && f.lateFrom < at };
}

/**
 * The counters of the days `from`..`to` (inclusive, +07:00) over a list of facts (and feedback facts: group 5
 * and the `vague-answer` signal, by the day received; on time = not late at the period's end, satisfied =
 * on time, not rated unsatisfied and not raised again, domain-2 §1.2 5.3).
 */
export function tallyFacts(facts: readonly Fact[], from: string, to: string, feedback: readonly FeedbackFact[] = []): Tally {
  const t = emptyTally();
  for (const f of feedback) {
    const r = vnDate(f.receivedAt);
    if (r < from || r > to) continue;
    t.feedback++;
    if (f.regulation) t.feedbackRegulation++;
    if (f.vague) t.signals['vague-answer']++;
    if (!feedbackLateAt(f, to)) {
      t.feedbackOnTime++;
      if (f.ok) t.feedbackSatisfied++;
    }
  }
  const start = vnDayStart(from);
  const end = vnDayStart(addDays(to, 1));
  for (const f of facts) {
    const r = vnDate(f.receivedAt);
    if (r >= from && r <= to) {
      t.received++;
      if (f.online) t.receivedOnline++;
      if (f.synced) t.synced++;
      if (f.onlineWithEResult) t.onlineWithEResult++;
      if (f.feeBearing) t.feeBearing++;
      if (f.paidOnline) t.paidOnline++;
      if (f.reused) t.reused++;
      if (f.populationData) t.populationData++;
      if (f.endAt) {
        t.finishedFromReceived++;
        t.processingSeconds += f.processingSeconds ?? 0;
      }
      for (const s of f.signals) t.signals[s]++;
    }
    if (f.endAt) {
      const e = vnDate(f.endAt);
      if (e >= from && e <= to) {
        t.finished++;
        if (f.onTime) t.finishedOnTime++;
        if (f.early) t.finishedEarly++;
        if (f.withResult) t.withResult++;
        if (f.eResult) t.eResult++;
        if (f.digitised) t.digitised++;
        if (f.storeLinked) t.storeLinked++;
        if (f.onTime && !f.complained) t.serviceSatisfied++;
      }
    }
    const before = openAt(f, start);
    if (before.open) t.openBefore++;
    if (before.late) t.lateBefore++;
    const atEnd = openAt(f, end);
    if (atEnd.open) t.openAtEnd++;
    if (atEnd.late) t.lateAtEnd++;
  }
  return t;
}

export function addTallies(a: Tally, b: Tally): Tally {
  const out = { ...a, signals: { ...a.signals } };
  for (const k of Object.keys(b) as (keyof Tally)[]) {
    if (k === 'signals') for (const s of SIGNAL_KINDS) out.signals[s] += b.signals[s];
    else (out[k] as number) += b[k] as number;
  }
  return out;
}
