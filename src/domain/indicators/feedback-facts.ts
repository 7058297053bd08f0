// What one feedback (phản ánh, kiến nghị) contributes to the Decision 766 group 5 indicators and the
// `vague-answer` signal (pure). Migration 0019 runs the same rules in SQL (indicator_feedback_fact_rows);
// test/db/indicators.reconcile.test.ts checks they agree.
import { vnDate } from './facts';

/** The step deadlines whose overrun makes a feedback late (the first information request is a limit, not a duty). */
export const FEEDBACK_DUTY_DEADLINES = ['feedback-refuse', 'feedback', 'feedback-publish'] as const;

export type FeedbackHistory = {
  id: string;
  unitId: string;
  receivedAt: Date;
  kind: 'regulation' | 'conduct' | 'service';
  /** The sender's rating once published: false = not satisfied ("dislike"). */
  ratingSatisfied: boolean | null;
  /** Times the sender (or the province) raised it again. */
  reopenCount: number;
  /** Times the leader sent the draft answer back. */
  answerReturns: number;
  /** Answers refused by the specific-answer checks. */
  checkFailures: number;
  /** Its step deadlines (deadline rows): kind (subject type), due time (null while stopped), when closed. */
  deadlines: readonly { kind: string; dueAt: Date | null; closedAt: Date | null }[];
};

export type FeedbackFact = {
  id: string;
  unitId: string;
  receivedAt: Date;
  /** Late from this instant on: the earliest due of a duty step closed after it or still open (null: never). */
  lateFrom: Date | null;
  /** 5.1: about regulations, policy or procedure (vs officer conduct). */
  regulation: boolean;
  /** Neither rated unsatisfied nor raised again (5.3 before lateness). */
  ok: boolean;
  /** The `vague-answer` signal: an answer sent back, refused by the checks, or the feedback reopened. */
  vague: boolean;
};

export function feedbackFact(h: FeedbackHistory): FeedbackFact {
  let lateFrom: Date | null = null;
  for (const d of h.deadlines) {
    if (!(FEEDBACK_DUTY_DEADLINES as readonly string[]).includes(d.kind) || !d.dueAt) continue;
    if (d.closedAt && d.closedAt <= d.dueAt) continue;
    if (!lateFrom || d.dueAt < lateFrom) lateFrom = d.dueAt;
  }
  return {
    id: h.id,
    unitId: h.unitId,
    receivedAt: h.receivedAt,
    lateFrom,
    regulation: h.kind === 'regulation',
    ok: h.ratingSatisfied !== false && h.reopenCount === 0,
    vague: h.answerReturns > 0 || h.reopenCount > 0 || h.checkFailures > 0,
  };
}

/** Late at the end of day `to` (+07:00): the period's end is where an open feedback is measured. */
export function feedbackLateAt(f: FeedbackFact, to: string): boolean {
  return f.lateFrom !== null && vnDate(f.lateFrom) <= to;
}
