// The effects table, field by field: each rule of checkAction/checkLoaded with the problem it names (and the
// details the problem carries), what each action writes in the dossier, the clock, the event and the messages.
// Pure, no database; complements effects.test.ts (one scenario per action).
import { describe, expect, it } from 'vitest';
import { Problem } from '../problems';
import { applicantNotices, checkAction, checkLoaded, effectOf, statusBeforeSupplement, type ActInput, type PastEvent } from './effects';
import { REGISTRY_FAILED_NOTE } from './rules';
import { DUE, ev, input, NOW } from './effects.test-support';
import { type Action, type Status } from './lifecycle';

const problem = (f: () => void): Problem | null => {
  try {
    f();
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  return null;
};
const at = (iso: string, action: string, from: string | null = null, data: Record<string, unknown> = {}): PastEvent => ({
  action,
  at: new Date(iso),
  from_status: from,
  data,
});
const withdrawn = [ev('create'), ev('assign', 'received'), ev('record-withdrawal-request', 'in-progress')];
const approved = [ev('create'), ev('assign', 'received'), ev('approve', 'awaiting-approval')];

describe('checkAction: the request’s own rules', () => {
  it('a supplement request naming papers beyond the procedure lists them in the problem', () => {
    const p = problem(() =>
      checkAction(
        input('request-supplement', 'in-progress', {
          body: {
            items: [
              { componentId: 'c2', reason: 'mờ' },
              { componentId: 'zz', reason: 'x' },
              { componentId: 'yy', reason: 'x' },
            ],
          },
        }),
      ),
    );
    expect(p?.code).toBe('component-not-in-procedure');
    expect(p?.extensions).toEqual({ components: ['zz', 'yy'] });
  });

  it('papers the registry answered for are named, each one, in the problem', () => {
    const c = input('request-supplement', 'in-progress', {
      body: {
        items: [
          { componentId: 'c3', reason: 'x' },
          { componentId: 'c2', reason: 'x' },
          { componentId: 'c4', reason: 'x' },
        ],
      },
    });
    c.procedure = {
      ...c.procedure,
      components: [...c.procedure.components, { id: 'c4', name: 'Giấy đăng ký kết hôn', fromRegistry: true }],
    };
    const p = problem(() => checkAction(c));
    expect(p?.code).toBe('registry-component-not-requestable');
    expect(p?.params).toEqual({ names: 'Giấy tờ cư trú; Giấy đăng ký kết hôn' });
    expect(p?.extensions).toEqual({
      components: [
        { componentId: 'c3', name: 'Giấy tờ cư trú' },
        { componentId: 'c4', name: 'Giấy đăng ký kết hôn' },
      ],
    });
    // When the registry lookup failed, the same paper may be asked for.
    expect(problem(() => checkAction({ ...c, dossier: { ...c.dossier, registry_used: false } }))).toBeNull();
  });

  it('a received supplement: only the procedure’s papers, and each with files or presented', () => {
    const c = input('receive-supplement', 'awaiting-supplement', {
      events: [ev('create'), ev('request-supplement', 'in-progress')],
    });
    expect(problem(() => checkAction({ ...c, body: { components: [{ componentId: 'c2', fileIds: ['f1'] }] } }))).toBeNull();
    expect(problem(() => checkAction({ ...c, body: { components: [{ componentId: 'c1', presented: true }] } }))).toBeNull();
    const beyond = problem(() => checkAction({ ...c, body: { components: [{ componentId: 'zz', fileIds: ['f1'] }] } }));
    expect(beyond?.code).toBe('component-not-in-procedure');
    expect(beyond?.extensions).toEqual({ components: ['zz'] });
    expect(problem(() => checkAction({ ...c, body: {} }))?.code).toBe('supplement-nothing-received');
  });

  it('a stop needs written reasons even after the citizen’s request', () => {
    const p = problem(() => checkAction(input('stop', 'withdrawal-requested', { events: withdrawn, body: { reason: '  ' } })));
    expect(p?.code).toBe('validation-failed');
    expect(p?.params).toEqual({ summary: 'reason: written reasons are required' });
    expect(problem(() => checkAction(input('stop', 'withdrawal-requested', { events: withdrawn, body: {} })))?.code).toBe(
      'validation-failed',
    );
    expect(
      problem(() => checkAction(input('stop', 'withdrawal-requested', { events: withdrawn, body: { reason: 'Công dân rút' } }))),
    ).toBeNull();
  });

  it('a refusal with reasons may list papers: the procedure’s only, never one the registry answered for', () => {
    const refuse = (items: { componentId: string; reason: string }[]) =>
      problem(() => checkAction(input('refuse', 'in-progress', { body: { reason: 'Không đủ điều kiện', items } })));
    expect(refuse([])).toBeNull();
    expect(refuse([{ componentId: 'c2', reason: 'giả mạo' }])).toBeNull();
    const beyond = refuse([{ componentId: 'zz', reason: 'x' }]);
    expect(beyond?.code).toBe('component-not-in-procedure');
    expect(beyond?.extensions).toEqual({ components: ['zz'] });
    expect(refuse([{ componentId: 'c3', reason: 'x' }])?.code).toBe('registry-component-not-requestable');
  });

  it('a result needs at least one file once signed', () => {
    expect(problem(() => checkAction(input('issue-result', 'approved', { events: approved, body: { resultFileIds: ['f1'] } })))).toBeNull();
    expect(problem(() => checkAction(input('issue-result', 'approved', { events: approved, body: { resultFileIds: [] } })))?.code).toBe(
      'result-file-required',
    );
  });

  it('a return names what is missing from the handover, as a parameter and as the field', () => {
    const ret = (handover: unknown) =>
      problem(() => checkAction(input('return-result', 'result-ready', { body: { handover: handover as never } })));
    expect(ret({ method: 'in-person', receiverName: 'Lê Văn A', receiverIdNumber: '001234567890' })).toBeNull();
    expect(ret({ method: 'postal', trackingNumber: 'EMS123' })).toBeNull();
    const p = ret({ method: 'in-person', receiverName: 'Lê Văn A' });
    expect(p?.code).toBe('handover-details-required');
    expect(p?.params).toEqual({ detail: '(receiverIdNumber)' });
    expect(p?.extensions).toEqual({ field: 'handover.receiverIdNumber' });
  });

  it('a withdrawal request needs its channel and the citizen’s reasons, and a scan when not online', () => {
    const w = (body: ActInput['body'], byCitizen = false) =>
      problem(() => checkAction(input('record-withdrawal-request', 'in-progress', { body, byCitizen })));
    const noChannel = w({ reason: 'Tôi rút hồ sơ' });
    expect(noChannel?.code).toBe('validation-failed');
    expect(noChannel?.params).toEqual({ summary: 'channel and reason of the citizen’s request are required' });
    expect(w({ channel: 'in-person', reason: ' ' })?.code).toBe('validation-failed');
    expect(w({ channel: 'in-person' })?.code).toBe('validation-failed');
    expect(w({ channel: 'in-person', reason: 'Tôi rút hồ sơ' })?.code).toBe('withdrawal-evidence-required');
    expect(w({ channel: 'postal', reason: 'Tôi rút hồ sơ', evidenceFileIds: ['scan'] })).toBeNull();
    expect(w({ channel: 'online', reason: 'Tôi rút hồ sơ' }, true)).toBeNull();
  });

  it('an extension: a real date, after the current due time and after now', () => {
    const ext = (newDueAt: string | undefined, due: Date | null = DUE) =>
      problem(() =>
        checkAction(
          input('apologize-and-extend', 'in-progress', {
            body: { newDueAt },
            dossier: { ...input('accept', 'received').dossier, due_at: due },
          }),
        ),
      )?.code ?? null;
    expect(ext('2026-03-10T10:00:00.000Z')).toBeNull();
    expect(ext(DUE.toISOString())).toBe('extension-date-invalid'); // the same due time is no extension
    expect(ext(new Date(DUE.getTime() + 1).toISOString())).toBeNull();
    expect(ext('not a date')).toBe('extension-date-invalid');
    expect(ext(undefined)).toBe('extension-date-invalid');
    // No due time yet (paused): only after now.
    expect(ext('2026-03-03T00:00:00.000Z', null)).toBeNull();
    expect(ext(NOW.toISOString(), null)).toBe('extension-date-invalid');
    expect(ext(new Date(NOW.getTime() + 1).toISOString(), null)).toBeNull();
    // A due time already past: the new date must still be after now.
    expect(ext('2026-03-01T10:00:00.000Z', new Date('2026-02-28T10:00:00.000Z'))).toBe('extension-date-invalid');
  });

  it.each(['accept', 'assign', 'submit-for-approval', 'approve', 'return-to-specialist', 'transfer'] as Action[])(
    '%s has no rule of its own in the request',
    (action) => {
      expect(problem(() => checkAction(input(action, 'in-progress')))).toBeNull();
    },
  );
});

describe('checkLoaded: the transfer’s target', () => {
  const c = input('transfer', 'in-progress', { body: { toUnitId: 'u2', reason: 'liên thông' } });
  it('only a transfer is checked', () => {
    expect(problem(() => checkLoaded(input('accept', 'submitted')))).toBeNull();
  });
  it('not to the same unit, and with a reason', () => {
    expect(problem(() => checkLoaded({ ...c, loaded: { target: { id: 'u1', provinceId: 'prov', handles: true } } }))?.code).toBe(
      'transfer-target-invalid',
    );
    const target = { target: { id: 'u2', provinceId: 'prov', handles: true } };
    const p = problem(() => checkLoaded({ ...c, body: { reason: ' ' }, loaded: target }));
    expect(p?.code).toBe('validation-failed');
    expect(p?.params).toEqual({ summary: 'reason: say why the dossier is transferred' });
    expect(problem(() => checkLoaded({ ...c, body: {}, loaded: target }))?.code).toBe('validation-failed');
  });
});

describe('statusBeforeSupplement', () => {
  it('is the status of the last supplement request, not of any later event', () => {
    expect(
      statusBeforeSupplement([
        ev('create'),
        ev('request-supplement', 'received'),
        ev('receive-supplement', 'awaiting-supplement'),
        ev('request-supplement', 'in-progress'),
        ev('transfer', 'awaiting-supplement'),
      ]),
    ).toBe('in-progress');
    expect(statusBeforeSupplement([ev('create'), ev('assign', 'received')])).toBeUndefined();
  });
});

describe('what each action writes', () => {
  it('assign: chosen by hand or by least load', () => {
    const c = input('assign', 'received', { loaded: { assignee: { id: 's1', full_name: 'Trần C' } }, body: { assigneeId: 's1' } });
    expect(effectOf(c).event.data).toEqual({ assigneeId: 's1', assigneeName: 'Trần C', how: 'manual' });
  });

  it('request-supplement: a registry paper asked because the lookup failed says so in its reason', () => {
    const c = input('request-supplement', 'in-progress', {
      body: {
        items: [
          { componentId: 'c3', reason: 'Cần giấy tờ cư trú' },
          { componentId: 'c2', reason: 'Bản chụp mờ' },
        ],
      },
      dossier: { ...input('accept', 'received').dossier, registry_used: false, due_at: null },
    });
    const e = effectOf(c);
    expect(e.event.data).toEqual({
      items: [
        { componentId: 'c3', name: 'Giấy tờ cư trú', registryFailed: true, reason: `Cần giấy tờ cư trú (${REGISTRY_FAILED_NOTE})` },
        { componentId: 'c2', name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' },
      ],
      clock: 'pause',
      dueAtBefore: null,
      signature: { signerId: 'officer', signerName: 'Lê Thị B', role: 'specialist', at: NOW.toISOString() },
    });
  });

  it('receive-supplement: each paper received with its name, files and whether presented', () => {
    const c = input('receive-supplement', 'awaiting-supplement', {
      events: [ev('create'), ev('assign', 'received'), ev('request-supplement', 'in-progress')],
      body: {
        components: [
          { componentId: 'c2', fileIds: ['f1', 'f2'] },
          { componentId: 'c1', presented: true },
        ],
      },
      deadline: { ...input('accept', 'received').deadline, mode: 'restart', pauses: [{ from: NOW.toISOString() }], dueAt: null },
      dossier: { ...input('accept', 'received').dossier, status: 'awaiting-supplement', due_at: null },
    });
    const e = effectOf(c);
    expect(e.to).toBe('in-progress');
    expect(e.components).toEqual([
      { componentId: 'c2', presented: false, fileIds: ['f1', 'f2'] },
      { componentId: 'c1', presented: true, fileIds: [] },
    ]);
    expect(e.event.data).toEqual({
      components: ['c2', 'c1'],
      received: [
        { componentId: 'c2', name: 'Giấy chứng sinh', presented: false, fileIds: ['f1', 'f2'] },
        { componentId: 'c1', name: 'Tờ khai', presented: true, fileIds: [] },
      ],
      clock: 'restart',
    });
  });

  it('refuse: the papers listed are written with their names; none listed, no items', () => {
    const e = effectOf(input('refuse', 'in-progress', { body: { reason: 'Giả mạo', items: [{ componentId: 'c2', reason: 'Giả mạo' }] } }));
    expect(e.event.data.items).toEqual([{ componentId: 'c2', name: 'Giấy chứng sinh', reason: 'Giả mạo' }]);
    expect(effectOf(input('refuse', 'in-progress', { body: { reason: 'x' } })).event.data.items).toBeUndefined();
  });

  it('record-withdrawal-request: the channel, the request trimmed and the scans', () => {
    const scan = { id: 's1', sha256: 'cd', mime: 'image/jpeg', pages: 2 };
    const e = effectOf(
      input('record-withdrawal-request', 'in-progress', {
        body: { channel: 'in-person', reason: '  Tôi rút hồ sơ  ', evidenceFileIds: ['s1'] },
        loaded: { evidenceFiles: [{ ...scan, extra: 'x' } as never] },
      }),
    );
    expect(e.event.data).toEqual({ channel: 'in-person', request: 'Tôi rút hồ sơ', evidenceFiles: [scan] });
    expect(e.event.reason).toBe('  Tôi rút hồ sơ  ');
  });

  it('apologize-and-extend: late when less than one working day before the due time, after the deadline when past it', () => {
    const ext = (due: Date | null) =>
      effectOf(
        input('apologize-and-extend', 'in-progress', {
          body: { newDueAt: '2026-03-20T10:00:00.000Z' },
          dossier: { ...input('accept', 'received').dossier, due_at: due },
        }),
      ).event.data;
    // Monday 09:00 → Monday 13:00 (Vietnam): two and a half working hours.
    expect(ext(new Date('2026-03-02T06:00:00.000Z'))).toMatchObject({ lateNotice: true, afterDeadline: false });
    // Monday 09:00 → Tuesday 09:00: exactly one working day (8 hours) is in time.
    expect(ext(new Date('2026-03-03T02:00:00.000Z'))).toMatchObject({ lateNotice: false, afterDeadline: false });
    // Due exactly now: late, not yet after the deadline; one minute ago: after it.
    expect(ext(NOW)).toMatchObject({ lateNotice: true, afterDeadline: false });
    expect(ext(new Date(NOW.getTime() - 60_000))).toMatchObject({ lateNotice: true, afterDeadline: true });
    expect(ext(null)).toMatchObject({ oldDueAt: null, newDueAt: '2026-03-20T10:00:00.000Z', lateNotice: false, afterDeadline: false });
    expect(ext(DUE).oldDueAt).toBe(DUE.toISOString());
  });

  it('transfer: the event names both units', () => {
    const e = effectOf(
      input('transfer', 'in-progress', { body: { reason: 'x' }, loaded: { target: { id: 'u2', provinceId: 'prov', handles: true } } }),
    );
    expect(e.event.data).toEqual({ fromUnitId: 'u1', toUnitId: 'u2' });
    expect(e.event.unitId).toBe('u1');
  });
});

describe('what every action writes', () => {
  it('the event’s reason falls back to the note, then to nothing; the audit names the move', () => {
    expect(effectOf(input('accept', 'submitted', { body: { note: 'ghi chú' } })).event.reason).toBe('ghi chú');
    const e = effectOf(input('accept', 'submitted'));
    expect(e.event).toEqual({ action: 'accept', reason: '', data: {}, unitId: 'u1' });
    expect(e.audit).toEqual({
      action: 'dossier.accept',
      unitId: 'u1',
      details: { code: 'X-260227-0001', from: 'submitted', to: 'received' },
    });
    expect(e.components).toEqual([]);
    expect(e.citizenDocument).toBeNull();
  });

  it('a notice handed to the citizen is signed by the officer; the citizen’s own request is not', () => {
    const stop = effectOf(
      input('stop', 'withdrawal-requested', { events: withdrawn, body: { reason: 'Công dân rút' }, role: 'centre-director' }),
    );
    expect(stop.event.data.signature).toEqual({
      signerId: 'officer',
      signerName: 'Lê Thị B',
      role: 'centre-director',
      at: NOW.toISOString(),
    });
    expect(effectOf(input('accept', 'submitted')).event.data.signature).toBeUndefined();
    const byCitizen = effectOf(
      input('request-supplement', 'in-progress', { byCitizen: true, body: { items: [{ componentId: 'c2', reason: 'mờ' }] } }),
    );
    expect(byCitizen.event.data.signature).toBeUndefined();
  });

  it('the processing step an action completes is written with its budget', () => {
    const steps = [
      { name: 'Tiếp nhận', role: 'reception-officer' as const, share: 0.2 },
      { name: 'Thẩm định', role: 'specialist' as const, share: 0.6 },
      { name: 'Phê duyệt', role: 'leader' as const, share: 0.2 },
    ];
    const c = input('submit-for-approval', 'in-progress');
    const e = effectOf({ ...c, procedure: { ...c.procedure, steps } });
    expect(e.event.data.step).toMatchObject({ name: 'Thẩm định', role: 'specialist', late: false });
    expect(
      effectOf({
        ...input('assign', 'received', { loaded: { assignee: { id: 's', full_name: 'S' } } }),
        procedure: { ...c.procedure, steps },
      }).event.data.step,
    ).toBeUndefined();
  });

  it('the portal hears the result issued before, the last one, when the result is returned', () => {
    const first = at('2026-02-28T02:00:00Z', 'issue-result', 'approved', { resultFileIds: ['old'] });
    const last = at('2026-03-01T02:00:00Z', 'issue-result', 'approved', { resultFileIds: ['new'] });
    const e = effectOf(
      input('return-result', 'result-ready', {
        events: [
          ev('create'),
          first,
          at('2026-02-28T03:00:00Z', 'return-to-specialist', 'result-ready'),
          last,
          at('2026-03-01T03:00:00Z', 'assign', 'x'),
        ],
        body: { handover: { method: 'electronic' } },
      }),
    );
    expect(e.messages[0]!.payload.resultFileIds).toEqual(['new']);
  });

  it('the portal is told whether any paper is digitised, counting the papers this action brings', () => {
    const none = new Map([
      ['c1', 0],
      ['c2', 0],
    ]);
    expect(
      effectOf(input('refuse', 'in-progress', { body: { reason: 'x' }, componentFiles: none })).messages[0]!.payload.hasDigitisedComponents,
    ).toBe(false);
    const partly = new Map([
      ['c1', 0],
      ['c2', 2],
    ]);
    expect(
      effectOf(input('refuse', 'in-progress', { body: { reason: 'x' }, componentFiles: partly })).messages[0]!.payload
        .hasDigitisedComponents,
    ).toBe(true);
    const c = input('receive-supplement', 'awaiting-supplement', {
      events: [ev('create'), ev('assign', 'received'), ev('request-supplement', 'received')],
      body: { components: [{ componentId: 'c2', fileIds: ['f1'] }] },
      deadline: { ...input('accept', 'received').deadline, pauses: [{ from: NOW.toISOString() }], dueAt: null },
      dossier: { ...input('accept', 'received').dossier, status: 'awaiting-supplement', due_at: null },
      componentFiles: none,
    });
    const m = effectOf(c).messages[0]!;
    expect(m.payload).toMatchObject({ status: 'received', hasDigitisedComponents: true });
  });

  it('the portal hears when the dossier finished: now for a finishing action, as it was otherwise', () => {
    const refused = effectOf(input('refuse', 'in-progress', { body: { reason: 'x' } }));
    expect(refused.messages[0]!.payload).toMatchObject({
      finishedAt: NOW,
      channel: 'in-person',
      receivedAt: new Date('2026-02-27T02:00:00.000Z'),
    });
    const earlier = new Date('2026-03-01T02:00:00.000Z');
    const returned = effectOf(
      input('return-result', 'result-ready', {
        body: { handover: { method: 'electronic' } },
        dossier: { ...input('accept', 'received').dossier, status: 'result-ready', finished_at: earlier },
      }),
    );
    expect(returned.messages[0]!.payload.finishedAt).toEqual(earlier);
  });
});

describe('the citizen’s notices', () => {
  const d = { id: 'd1', code: 'HT 01/2026', phone: ' 0900000000 ', email: 'a@example.vn' };
  it('an SMS to the trimmed phone and an e-mail, each keyed by the change, linking to the tracking page', () => {
    const out = applicantNotices(d, 'Đăng ký khai sinh', 7, 'result-ready' as Status, null, 'https://motcua.example');
    expect(out.map((m) => [m.channel, m.key])).toEqual([
      ['sms', 'status-sms:d1:7'],
      ['email', 'status-email:d1:7'],
    ]);
    expect(out[0]!.payload).toMatchObject({ to: '0900000000', dossierId: 'd1', kind: 'status' });
    expect(out[0]!.payload.text).toContain('https://motcua.example/tra-cuu?ma=HT%2001%2F2026');
    expect(out[1]!.payload).toMatchObject({
      to: 'a@example.vn',
      subject: '[Motcua] Hồ sơ HT 01/2026: Đã có kết quả',
      dossierId: 'd1',
      kind: 'status',
    });
    expect(out[1]!.payload.text).toContain('Tra cứu: https://motcua.example/tra-cuu?ma=HT%2001%2F2026');
  });

  it('no SMS to a blank or missing phone, no e-mail without an address', () => {
    expect(applicantNotices({ ...d, phone: '   ', email: null }, 'X', 1, 'received', null, 'https://m')).toEqual([]);
    expect(applicantNotices({ ...d, phone: undefined, email: undefined }, 'X', 1, 'received', null, 'https://m')).toEqual([]);
  });
});
