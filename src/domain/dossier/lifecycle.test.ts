import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, ACTIONS, ALLOWED, allowedActions, NATIONAL_STATUS, nextStatus, replay, STATUSES, type Action } from './lifecycle';
import { componentsBeyondProcedure, extensionRule, missingComponents, resultSignatureRule, stopRule, supplementRule } from './rules';

const at = new Date('2026-03-02T01:00:00Z');

describe('lifecycle table', () => {
  it('maps every internal status to one national code 1–10, and uses all ten', () => {
    const codes = STATUSES.map((s) => NATIONAL_STATUS[s]);
    expect(codes.every((c) => c >= 1 && c <= 10)).toBe(true);
    expect(new Set(codes).size).toBe(10);
  });
  it('finished statuses allow nothing but returning a ready result', () => {
    expect(ALLOWED.refused).toEqual([]);
    expect(ALLOWED.stopped).toEqual([]);
    expect(ALLOWED.returned).toEqual([]);
    expect(ALLOWED['result-ready']).toEqual(['return-result']);
  });
  it('a withdrawal request leads only to stop', () => {
    expect(ALLOWED['withdrawal-requested']).toEqual(['stop']);
  });
  it('only leaders and centre directors stop or apologise; only leaders approve', () => {
    expect(ACTION_ROLES.stop).toEqual(['leader', 'centre-director']);
    expect(ACTION_ROLES['apologize-and-extend']).toEqual(['leader', 'centre-director']);
    expect(ACTION_ROLES.approve).toEqual(['leader']);
  });
  it('allowedActions filters by role', () => {
    expect(allowedActions('in-progress', ['specialist'])).toEqual(['request-supplement', 'refuse', 'submit-for-approval', 'issue-result']);
    expect(allowedActions('in-progress', [])).toEqual([]);
  });
  it('replay: a supplement returns the dossier to where it was', () => {
    expect(replay([{ action: 'create' }, { action: 'assign' }, { action: 'request-supplement' }, { action: 'receive-supplement' }])).toBe(
      'in-progress',
    );
    expect(replay([{ action: 'create' }, { action: 'request-supplement' }, { action: 'receive-supplement' }])).toBe('received');
  });
  it('replay agrees with the table: any sequence of allowed actions ends in a known status', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { maxLength: 15 }), (picks) => {
        const events: { action: Action | 'create' }[] = [{ action: 'create' }];
        let status = replay(events);
        for (const p of picks) {
          const allowed = ALLOWED[status] as readonly Action[];
          if (allowed.length === 0) break;
          const a = allowed[p % allowed.length]!;
          events.push({ action: a });
          const next = replay(events);
          if (a !== 'receive-supplement') expect(next).toBe(nextStatus(a, status));
          status = next;
        }
        expect(STATUSES).toContain(status);
      }),
    );
  });
  it('every action has roles', () => {
    for (const a of ACTIONS) expect(ACTION_ROLES[a].length).toBeGreaterThan(0);
  });
});

describe('rules of the law', () => {
  it('supplement at most once', () => {
    expect(supplementRule([{ action: 'create', at }])).toBeNull();
    expect(
      supplementRule([
        { action: 'create', at },
        { action: 'request-supplement', at },
      ]),
    ).toBe('supplement-already-requested');
  });
  it('stop only with a withdrawal request on record', () => {
    expect(stopRule([{ action: 'create', at }])).toBe('withdrawal-request-missing');
    expect(
      stopRule([
        { action: 'create', at },
        { action: 'record-withdrawal-request', at },
      ]),
    ).toBeNull();
  });
  it('one apology and new date', () => {
    expect(extensionRule([{ action: 'apologize-and-extend', at }])).toBe('extension-already-used');
    expect(extensionRule([])).toBeNull();
  });
  it('a result needs an approval after the last return to the specialist', () => {
    expect(resultSignatureRule([{ action: 'approve', at }])).toBeNull();
    expect(
      resultSignatureRule([
        { action: 'approve', at },
        { action: 'return-to-specialist', at },
      ]),
    ).toBe('signature-required');
    expect(resultSignatureRule([])).toBe('signature-required');
  });
  it('registry components are never missing when the lookup worked, and are when it failed', () => {
    const req = [
      { id: 'a', name: 'Tờ khai', mandatory: true, fromRegistry: false },
      { id: 'b', name: 'CCCD', mandatory: true, fromRegistry: true },
      { id: 'c', name: 'Ủy quyền', mandatory: false, fromRegistry: false },
    ];
    expect(missingComponents(req, [{ componentId: 'a', presented: true }], true)).toEqual([]);
    expect(missingComponents(req, [{ componentId: 'a', presented: true }], false).map((c) => c.id)).toEqual(['b']);
    expect(missingComponents(req, [{ componentId: 'a', fileIds: [] }], true).map((c) => c.id)).toEqual(['a']);
  });
  it('nothing beyond the procedure may be asked', () => {
    expect(componentsBeyondProcedure([{ id: 'a' }], ['a', 'x'])).toEqual(['x']);
  });
});
