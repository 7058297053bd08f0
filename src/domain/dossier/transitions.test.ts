// Each action's next status, and the status a history replays to (pure): the law's transitions in the domain tests.
import { describe, expect, test } from 'vitest';
import { ACTIONS, OPEN_STATUSES, STATUSES, isOpen, nextStatus, replay, type Action, type Status } from './lifecycle';

describe('nextStatus', () => {
  test('each action leads to its status', () => {
    const expected: Record<Exclude<Action, 'receive-supplement' | 'apologize-and-extend'>, Status> = {
      accept: 'received',
      assign: 'in-progress',
      'request-supplement': 'awaiting-supplement',
      refuse: 'refused',
      'submit-for-approval': 'awaiting-approval',
      approve: 'approved',
      'return-to-specialist': 'in-progress',
      'issue-result': 'result-ready',
      'return-result': 'returned',
      'record-withdrawal-request': 'withdrawal-requested',
      stop: 'stopped',
      transfer: 'received',
    };
    for (const [action, status] of Object.entries(expected))
      expect([action, nextStatus(action as Action, 'awaiting-payment')]).toEqual([action, status]);
    expect(ACTIONS.length).toBe(Object.keys(expected).length + 2);
  });

  test('an apology keeps the status; a received supplement goes back to where the dossier was', () => {
    expect(nextStatus('apologize-and-extend', 'in-progress')).toBe('in-progress');
    expect(nextStatus('apologize-and-extend', 'awaiting-approval')).toBe('awaiting-approval');
    expect(nextStatus('receive-supplement', 'awaiting-supplement', 'in-progress')).toBe('in-progress');
    expect(nextStatus('receive-supplement', 'awaiting-supplement', 'awaiting-supplement')).toBe('received');
    expect(nextStatus('receive-supplement', 'awaiting-supplement')).toBe('received');
  });

  test('open statuses', () => {
    for (const s of STATUSES) expect([s, isOpen(s)]).toEqual([s, OPEN_STATUSES.includes(s)]);
    expect(isOpen('in-progress')).toBe(true);
    expect(isOpen('returned')).toBe(false);
    expect(isOpen('stopped')).toBe(false);
  });
});

describe('replay', () => {
  test('a history of the law: receive, assign, supplement, back, approve, result, return', () => {
    expect(
      replay([
        { action: 'create', status: 'received' },
        { action: 'assign' },
        { action: 'request-supplement' },
        { action: 'receive-supplement' },
      ]),
    ).toBe('in-progress');
    expect(
      replay([
        { action: 'create' },
        { action: 'assign' },
        { action: 'submit-for-approval' },
        { action: 'approve' },
        { action: 'issue-result' },
        { action: 'return-result' },
      ]),
    ).toBe('returned');
    expect(replay([{ action: 'create', status: 'submitted' }])).toBe('submitted');
    expect(replay([{ action: 'create' }])).toBe('received');
    // A supplement asked at reception goes back to received; one asked later goes back to in progress.
    expect(replay([{ action: 'create', status: 'submitted' }, { action: 'request-supplement' }, { action: 'receive-supplement' }])).toBe(
      'submitted',
    );
    expect(replay([{ action: 'create' }, { action: 'receive-supplement' }])).toBe('received');
  });

  test('a history must start with create', () => {
    expect(() => replay([])).toThrow('empty history');
    expect(() => replay([{ action: 'assign' }])).toThrow('history does not start with create');
  });
});
