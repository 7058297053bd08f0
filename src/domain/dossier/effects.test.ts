// The effects table, pure: what each action writes and sends, with no database.
import { describe, expect, it } from 'vitest';
import { type Problem } from '../problems';
import { checkAction, checkLoaded, effectOf, EFFECTS, NEEDS } from './effects';
import { DUE, ev, input, NOW } from './effects.test-support';
import { ACTIONS } from './lifecycle';

const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as Problem).code;
  }
  return null;
};

describe('the effects table', () => {
  it('has an effect and a list of needs for every action of the lifecycle', () => {
    expect(Object.keys(EFFECTS).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(NEEDS).sort()).toEqual([...ACTIONS].sort());
  });

  it('request-supplement pauses the clock, counts the request and tells the portal (5) and the citizen', () => {
    const c = input('request-supplement', 'in-progress', { body: { items: [{ componentId: 'c2', reason: 'mờ' }] } });
    expect(code(() => checkAction(c))).toBeNull();
    const e = effectOf(c);
    expect(e.to).toBe('awaiting-supplement');
    expect(e.seq).toBe(4);
    expect(e.dossier).toEqual({ supplement_count: 1, due_at: null });
    expect(e.deadline).toEqual({ pauses: [{ from: NOW.toISOString() }], due_at: null });
    expect(e.event.data).toMatchObject({
      clock: 'pause',
      dueAtBefore: DUE.toISOString(),
      items: [{ componentId: 'c2', name: 'Giấy chứng sinh' }],
    });
    expect(e.messages.map((m) => [m.channel, m.key])).toEqual([
      ['portal', 'd1:4'],
      ['sms', 'status-sms:d1:4'],
    ]);
    expect(e.messages[0]!.payload).toMatchObject({
      nationalStatus: 5,
      status: 'awaiting-supplement',
      hasDigitisedComponents: true,
      dueAt: DUE,
    });
  });

  it('request-supplement refuses an empty request, a paper beyond the procedure, and one the registry answered for', () => {
    expect(code(() => checkAction(input('request-supplement', 'in-progress', { body: { items: [] } })))).toBe('component-not-in-procedure');
    expect(
      code(() => checkAction(input('request-supplement', 'in-progress', { body: { items: [{ componentId: 'zz', reason: 'x' }] } }))),
    ).toBe('component-not-in-procedure');
    expect(
      code(() => checkAction(input('request-supplement', 'in-progress', { body: { items: [{ componentId: 'c3', reason: 'x' }] } }))),
    ).toBe('registry-component-not-requestable');
    const twice = input('request-supplement', 'in-progress', {
      events: [ev('create'), ev('request-supplement', 'received')],
      body: { items: [{ componentId: 'c2', reason: 'x' }] },
    });
    expect(code(() => checkAction(twice))).toBe('supplement-already-requested');
  });

  it('receive-supplement returns to the status before the request, closes the pause and recomputes the due time', () => {
    const pauseFrom = new Date('2026-02-27T03:00:00.000Z').toISOString();
    const c = input('receive-supplement', 'awaiting-supplement', {
      events: [ev('create'), ev('accept', 'submitted'), ev('assign', 'received'), ev('request-supplement', 'in-progress')],
      body: { components: [{ componentId: 'c2', fileIds: ['f1'] }] },
      deadline: { ...input('accept', 'received').deadline, pauses: [{ from: pauseFrom }], dueAt: null },
      dossier: { ...input('accept', 'received').dossier, status: 'awaiting-supplement', due_at: null, event_count: 4 },
    });
    expect(code(() => checkAction(c))).toBeNull();
    const e = effectOf(c);
    expect(e.to).toBe('in-progress');
    expect(e.components).toEqual([{ componentId: 'c2', presented: false, fileIds: ['f1'] }]);
    expect(e.deadline.pauses).toEqual([{ from: pauseFrom, to: NOW.toISOString() }]);
    expect(e.deadline.due_at).toBeInstanceOf(Date);
    expect(e.dossier.due_at).toEqual(e.deadline.due_at);
    // An apology's promised date survives the resumption.
    const promised = new Date('2026-03-20T10:00:00.000Z');
    expect(effectOf({ ...c, deadline: { ...c.deadline, overrideDueAt: promised } }).dueAt).toEqual(promised);
    expect(code(() => checkAction({ ...c, body: { components: [] } }))).toBe('supplement-nothing-received');
    expect(code(() => checkAction({ ...c, body: { components: [{ componentId: 'c2' }] } }))).toBe('supplement-nothing-received');
  });

  it('refuse and stop need written reasons; they finish the dossier and close the clock', () => {
    expect(code(() => checkAction(input('refuse', 'in-progress', { body: { reason: ' ' } })))).toBe('validation-failed');
    const e = effectOf(input('refuse', 'in-progress', { body: { reason: 'Không đủ điều kiện' } }));
    expect(e.to).toBe('refused');
    expect(e.dossier.finished_at).toEqual(NOW);
    expect(e.deadline.closed_at).toEqual(NOW);
    expect(e.event.reason).toBe('Không đủ điều kiện');
    expect(code(() => checkAction(input('stop', 'in-progress', { body: { reason: 'x' } })))).toBe('withdrawal-request-missing');
  });

  it('approve records the signature; issue-result needs it, a result file, and gives the result to the citizen’s store', () => {
    expect(effectOf(input('approve', 'awaiting-approval', { role: 'leader' })).event.data).toEqual({
      signature: { signerId: 'officer', signerName: 'Lê Thị B', role: 'leader', at: NOW.toISOString() },
    });
    const approved = [ev('create'), ev('assign', 'received'), ev('approve', 'awaiting-approval')];
    expect(code(() => checkAction(input('issue-result', 'approved', { body: { resultFileIds: ['f1'] } })))).toBe('signature-required');
    expect(code(() => checkAction(input('issue-result', 'approved', { events: approved, body: {} })))).toBe('result-file-required');
    const file = { id: 'f1', sha256: 'ab', mime: 'application/pdf', pages: 1 };
    const e = effectOf(
      input('issue-result', 'approved', {
        events: approved,
        body: { resultFileIds: ['f1', 'f1'] },
        loaded: { resultFiles: [file], resultOwner: 'cit-1' },
      }),
    );
    expect(e.to).toBe('result-ready');
    expect(e.citizenDocument).toEqual({ citizenId: 'cit-1', fileIds: ['f1'], titles: 'Kết quả Đăng ký khai sinh' });
    expect(e.messages[0]!.payload).toMatchObject({ nationalStatus: 9, resultFileIds: ['f1'], resultFiles: [file] });
  });

  it('return-result needs a complete handover and tells the portal the issued result again', () => {
    expect(code(() => checkAction(input('return-result', 'result-ready', { body: { handover: { method: 'postal' } as never } })))).toBe(
      'handover-details-required',
    );
    const issued = ev('issue-result', 'approved', { resultFileIds: ['f1'], resultFiles: [{ id: 'f1' }] });
    const e = effectOf(
      input('return-result', 'result-ready', { events: [ev('create'), issued], body: { handover: { method: 'electronic' } } }),
    );
    expect(e.dossier.returned_at).toEqual(NOW);
    expect(e.messages[0]!.payload).toMatchObject({ nationalStatus: 10, resultFileIds: ['f1'] });
  });

  it('apologize-and-extend: a later date only, flagged when late, overrides the clock, tells the portal though the status stays', () => {
    expect(code(() => checkAction(input('apologize-and-extend', 'in-progress', { body: { newDueAt: '2026-03-01T00:00:00Z' } })))).toBe(
      'extension-date-invalid',
    );
    const newDue = '2026-03-16T10:00:00.000Z';
    const e = effectOf(input('apologize-and-extend', 'in-progress', { body: { newDueAt: newDue } }));
    expect(e.to).toBe('in-progress');
    expect(e.deadline).toEqual({ override_due_at: new Date(newDue), due_at: new Date(newDue) });
    expect(e.dossier.extension_count).toBe(1);
    expect(e.event.data).toMatchObject({ lateNotice: false, afterDeadline: false });
    expect(e.messages.map((m) => m.channel)).toEqual(['portal', 'sms']);
  });

  it('transfer: a unit of the province that handles the procedure; the clock moves with it, the due time does not change', () => {
    const c = input('transfer', 'in-progress', { body: { toUnitId: 'u2', reason: 'liên thông' } });
    expect(code(() => checkLoaded({ ...c, loaded: { target: null } }))).toBe('transfer-target-invalid');
    expect(code(() => checkLoaded({ ...c, loaded: { target: { id: 'u2', provinceId: 'other', handles: true } } }))).toBe(
      'transfer-target-invalid',
    );
    expect(code(() => checkLoaded({ ...c, loaded: { target: { id: 'u2', provinceId: 'prov', handles: false } } }))).toBe(
      'transfer-target-invalid',
    );
    const ok = { ...c, loaded: { target: { id: 'u2', provinceId: 'prov', handles: true } } };
    expect(code(() => checkLoaded(ok))).toBeNull();
    const e = effectOf(ok);
    expect(e.to).toBe('received');
    expect(e.dossier).toEqual({ unit_id: 'u2', assignee_id: null });
    expect(e.deadline).toEqual({ unit_id: 'u2' });
    expect(e.dueAt).toEqual(DUE);
  });

  it('assign names the officer chosen; a move inside national status 4 sends nothing', () => {
    const e = effectOf(input('submit-for-approval', 'in-progress'));
    expect(e.messages).toEqual([]);
    const a = effectOf(input('assign', 'received', { loaded: { assignee: { id: 's1', full_name: 'Trần C' } } }));
    expect(a.dossier).toEqual({ assignee_id: 's1' });
    expect(a.event.data).toEqual({ assigneeId: 's1', assigneeName: 'Trần C', how: 'least-load' });
  });

  it('a citizen’s withdrawal request online needs no scan; an officer’s needs the signed request', () => {
    const body = { channel: 'online' as const, reason: 'Tôi rút hồ sơ' };
    expect(
      code(() => checkAction(input('record-withdrawal-request', 'in-progress', { body, byCitizen: true, role: 'citizen' }))),
    ).toBeNull();
    expect(code(() => checkAction(input('record-withdrawal-request', 'in-progress', { body })))).toBe('withdrawal-evidence-required');
    const e = effectOf(input('record-withdrawal-request', 'in-progress', { body, byCitizen: true, citizenEmail: 'a@example.vn' }));
    expect(e.dossier).toEqual({ withdrawal_requested: true });
    expect(e.messages.map((m) => m.channel)).toEqual(['portal', 'sms', 'email']);
  });
});
