import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_ACTION_ROLES,
  FEEDBACK_ACTIONS,
  FEEDBACK_ALLOWED,
  FEEDBACK_STATUSES,
  feedbackAllowedActions,
  feedbackNext,
  isFeedbackOpen,
  replayFeedback,
  replayFeedbackState,
  type FeedbackAction,
} from './lifecycle';

describe('feedback lifecycle table', () => {
  it('a new feedback is accepted, transferred or refused — nothing else', () => {
    expect(FEEDBACK_ALLOWED.received).toEqual(['accept', 'transfer', 'refuse']);
    expect(FEEDBACK_ALLOWED.transferred).toEqual(['accept', 'transfer', 'refuse']);
  });
  it('publication only after approval; approval only of a drafted answer', () => {
    for (const s of FEEDBACK_STATUSES) {
      expect((FEEDBACK_ALLOWED[s] as readonly string[]).includes('publish')).toBe(s === 'approved');
      expect((FEEDBACK_ALLOWED[s] as readonly string[]).includes('approve')).toBe(s === 'answered');
    }
  });
  it('while awaiting information only the information moves it on', () => {
    expect(FEEDBACK_ALLOWED['awaiting-information']).toEqual(['receive-information']);
  });
  it('only a leader or the centre director approves or returns; only the province reopens', () => {
    expect(FEEDBACK_ACTION_ROLES.approve).toEqual(['leader', 'centre-director']);
    expect(FEEDBACK_ACTION_ROLES.return).toEqual(['leader', 'centre-director']);
    expect(FEEDBACK_ACTION_ROLES.reopen).toEqual(['province-admin', 'system-admin']);
    expect(FEEDBACK_ACTION_ROLES.answer).toEqual(['feedback-officer']);
  });
  it('allowed actions are filtered by role', () => {
    expect(feedbackAllowedActions('answered', ['feedback-officer'])).toEqual(['answer']);
    expect(feedbackAllowedActions('answered', ['leader'])).toEqual(['approve', 'return']);
    expect(feedbackAllowedActions('received', [])).toEqual([]);
  });
  it('the full path and a reopen', () => {
    const path: FeedbackAction[] = [
      'accept',
      'request-information',
      'receive-information',
      'answer',
      'return',
      'answer',
      'approve',
      'publish',
    ];
    const events = [{ action: 'create' as const }, ...path.map((action) => ({ action }))];
    expect(replayFeedback(events)).toBe('published');
    expect(replayFeedback([...events, { action: 'rate-satisfied' }])).toBe('closed');
    const reopened = [...events, { action: 'rate-unsatisfied' as const }];
    expect(replayFeedback(reopened)).toBe('reopened');
    // A draft returned during the reopened round goes back to "reopened", not "accepted".
    expect(replayFeedbackState([...reopened, { action: 'answer' }, { action: 'return' }])).toEqual({ status: 'reopened', reopened: true });
    expect(replayFeedback([...reopened, { action: 'answer' }, { action: 'approve' }, { action: 'publish' }])).toBe('published');
  });
  it('transfer then accept in the new unit; refuse ends it until the province reopens', () => {
    expect(replayFeedback([{ action: 'create' }, { action: 'transfer' }, { action: 'accept' }])).toBe('accepted');
    expect(replayFeedback([{ action: 'create' }, { action: 'refuse' }])).toBe('refused');
    expect(isFeedbackOpen('refused')).toBe(false);
    expect(replayFeedback([{ action: 'create' }, { action: 'refuse' }, { action: 'reopen' }])).toBe('reopened');
  });
  it('a history must start with create', () => {
    expect(() => replayFeedback([{ action: 'accept' }])).toThrow();
    expect(() => replayFeedback([])).toThrow();
  });
  it('every sequence of allowed actions replays to the status the table walked to', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 30 }), (picks) => {
        let status: (typeof FEEDBACK_STATUSES)[number] = 'received';
        let reopened = false;
        const events: { action: FeedbackAction | 'create' }[] = [{ action: 'create' }];
        for (const p of picks) {
          const allowed = FEEDBACK_ALLOWED[status] as readonly FeedbackAction[];
          if (allowed.length === 0) break;
          const action = allowed[p % allowed.length]!;
          expect(FEEDBACK_ACTIONS).toContain(action);
          status = feedbackNext(action, status, reopened);
          if (action === 'reopen') reopened = true;
          if (action === 'publish' || action === 'transfer') reopened = false;
          events.push({ action });
        }
        expect(replayFeedback(events)).toBe(status);
      }),
    );
  });
});
