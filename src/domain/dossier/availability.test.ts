import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../roles';
import { actionAvailability, actionRule } from './availability';
import { ACTIONS, allowedActions, STATUSES, type Action } from './lifecycle';
import type { HistoryEvent } from './rules';

const at = new Date('2026-03-02T01:00:00Z');
const h = (...actions: (Action | 'create')[]): HistoryEvent[] => actions.map((action) => ({ action, at }));

describe('action availability', () => {
  it('a second supplement request is listed but forbidden, with the rule', () => {
    const a = actionAvailability('awaiting-supplement', ['reception-officer'], h('create', 'request-supplement'));
    expect(a.find((x) => x.action === 'request-supplement')).toEqual({
      action: 'request-supplement',
      available: false,
      rule: 'supplement-already-requested',
    });
    expect(a.find((x) => x.action === 'receive-supplement')?.available).toBe(true);
  });
  it('stop without a recorded withdrawal request is forbidden; with one it is available', () => {
    const without = actionAvailability('in-progress', ['leader'], h('create', 'assign'));
    expect(without.find((x) => x.action === 'stop')).toMatchObject({ available: false, rule: 'withdrawal-request-missing' });
    const withReq = actionAvailability('withdrawal-requested', ['leader'], h('create', 'assign', 'record-withdrawal-request'));
    expect(withReq).toEqual([{ action: 'stop', available: true, rule: null }]);
  });
  it('a second extension is forbidden', () => {
    const a = actionAvailability('in-progress', ['leader'], h('create', 'assign', 'apologize-and-extend'));
    expect(a.find((x) => x.action === 'apologize-and-extend')).toMatchObject({ available: false, rule: 'extension-already-used' });
  });
  it('issuing a result needs an approval not taken back', () => {
    expect(actionRule('issue-result', h('create', 'assign'))).toBe('signature-required');
    expect(actionRule('issue-result', h('create', 'assign', 'submit-for-approval', 'approve'))).toBeNull();
    expect(actionRule('issue-result', h('create', 'assign', 'submit-for-approval', 'approve', 'return-to-specialist'))).toBe(
      'signature-required',
    );
  });
  it('lists exactly what the status and roles allow; available exactly when no rule forbids it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.subarray([...ROLES]),
        fc.array(fc.constantFrom(...ACTIONS), { maxLength: 8 }),
        (status, roles, actions) => {
          const history = h('create', ...actions);
          const a = actionAvailability(status, roles, history);
          expect(a.map((x) => x.action)).toEqual(allowedActions(status, roles));
          for (const x of a) expect(x.available).toBe(actionRule(x.action, history) === null);
        },
      ),
    );
  });
});
