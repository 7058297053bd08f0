// A dossier's contribution to the indicators and its compliance signals, one rule at a time (pure).
import { describe, expect, test } from 'vitest';
import { addDays, dossierFact, vnDate, vnDayStart, type DossierHistory, type FactEvent } from './facts';

const at = (s: string) => new Date(`${s}+07:00`);
const ev = (action: string, when: string, data?: Record<string, unknown>): FactEvent => ({ action, at: at(when), data });
const issued = (when: string, data: Record<string, unknown> = { resultFileIds: ['f'] }) => ev('issue-result', when, data);

function dossier(over: Partial<DossierHistory> = {}): DossierHistory {
  return {
    id: 'd',
    unitId: 'u',
    procedureId: 'p',
    officerId: 'o',
    channel: 'in-person',
    receivedAt: at('2026-03-02T08:00:00'),
    countedFrom: at('2026-03-02T08:00:00'),
    dueAt: at('2026-03-10T17:00:00'),
    fee: 0,
    paidOnline: false,
    registryUsed: false,
    verifiedVneid: false,
    components: [{ fileCount: 1, fromRegistry: false, registryHolds: false }],
    registryComponentIds: ['reg'],
    events: [ev('create', '2026-03-02T08:00:00')],
    synced: true,
    storeLinked: false,
    complained: false,
    ...over,
  };
}
const signals = (over: Partial<DossierHistory>) => dossierFact(dossier(over)).signals;
const events = (...e: FactEvent[]) => [ev('create', '2026-03-02T08:00:00'), ...e];

describe('days in Vietnam time', () => {
  test('the calendar day at +07:00 and the midnight that starts it', () => {
    expect(vnDate(new Date('2026-03-02T16:59:59Z'))).toBe('2026-03-02');
    expect(vnDate(new Date('2026-03-02T17:00:00Z'))).toBe('2026-03-03');
    expect(vnDayStart('2026-03-03').toISOString()).toBe('2026-03-02T17:00:00.000Z');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('on time, early, late', () => {
  test('ending exactly at the due time is on time, not early when on the due day', () => {
    const f = dossierFact(dossier({ events: events(ev('approve', '2026-03-10T09:00:00'), issued('2026-03-10T17:00:00')) }));
    expect(f.onTime).toBe(true);
    expect(f.early).toBe(false);
    const later = dossierFact(dossier({ events: events(ev('approve', '2026-03-10T09:00:00'), issued('2026-03-10T17:00:01')) }));
    expect(later.onTime).toBe(false);
    // A late end is indicator 2.1's; `late-step` is a processing step past its own budget (recorded on the event).
    expect(later.signals).not.toContain('late-step');
    const step = { name: 'Thẩm định', role: 'specialist', dueAt: '2026-03-06T10:00:00.000Z', early: false, late: true };
    expect(
      dossierFact(dossier({ events: events(ev('submit-for-approval', '2026-03-09T09:00:00', { step }), issued('2026-03-10T09:00:00')) }))
        .signals,
    ).toContain('late-step');
  });

  test('an end on an earlier day than the due day is early; a late end is never early', () => {
    expect(dossierFact(dossier({ events: events(ev('approve', '2026-03-09T09:00:00'), issued('2026-03-09T23:59:00')) })).early).toBe(true);
    expect(
      dossierFact(dossier({ dueAt: null, events: events(ev('approve', '2026-03-09T09:00:00'), issued('2026-03-09T10:00:00')) })).early,
    ).toBe(false);
  });

  test('a supplement received after the end does not count; one answered before the end pauses the clock', () => {
    const f = dossierFact(
      dossier({
        dueAt: at('2026-03-10T17:00:00'),
        events: events(
          ev('request-supplement', '2026-03-03T08:00:00', { dueAtBefore: at('2026-03-10T17:00:00').toISOString() }),
          ev('receive-supplement', '2026-03-04T08:00:00'),
          ev('approve', '2026-03-05T08:00:00'),
          issued('2026-03-05T09:00:00'),
          ev('request-supplement', '2026-03-06T08:00:00'),
        ),
      }),
    );
    expect(f.onTime).toBe(true);
    expect(f.lateFrom?.getTime()).toBe(at('2026-03-10T17:00:00').getTime());
    // 3 days 1 hour from counting start, one day paused.
    expect(f.processingSeconds).toBe((2 * 24 + 1) * 3600);
  });

  test('a supplement requested at the end instant counts as pending at the end', () => {
    const f = dossierFact(
      dossier({
        events: events(
          ev('request-supplement', '2026-03-05T09:00:00', { dueAtBefore: at('2026-03-04T17:00:00').toISOString() }),
          ev('stop', '2026-03-05T09:00:00'),
        ),
      }),
    );
    expect(f.lateFrom?.getTime()).toBe(at('2026-03-05T09:00:00').getTime());
    expect(f.onTime).toBe(true);
  });

  test('a pending supplement requested exactly at the due time before it is not late', () => {
    const f = dossierFact(
      dossier({
        dueAt: null,
        events: events(ev('request-supplement', '2026-03-04T17:00:00', { dueAtBefore: at('2026-03-04T17:00:00').toISOString() })),
      }),
    );
    expect(f.lateFrom).toBeNull();
  });
});

describe('signals', () => {
  test('late-result-update: approved in time, result entered after the due time', () => {
    const due = '2026-03-10T17:00:00';
    expect(signals({ events: events(ev('approve', due), issued('2026-03-10T17:00:01')) })).toContain('late-result-update');
    expect(signals({ events: events(ev('approve', '2026-03-10T17:00:01'), issued('2026-03-10T17:00:02')) })).not.toContain(
      'late-result-update',
    );
    expect(signals({ events: events(ev('approve', '2026-03-10T09:00:00'), issued(due)) })).not.toContain('late-result-update');
    expect(signals({ dueAt: null, events: events(ev('approve', '2026-03-10T09:00:00'), issued('2026-03-11T09:00:00')) })).not.toContain(
      'late-result-update',
    );
  });

  test('late-step only for an ended dossier', () => {
    expect(signals({ dueAt: at('2026-03-01T17:00:00') })).not.toContain('late-step');
  });

  test('registry-data-demanded: a supplement asking a registry-held paper, or a registry paper taken from the citizen', () => {
    const req = (items: unknown) => ev('request-supplement', '2026-03-03T08:00:00', { items });
    expect(signals({ events: events(req([{ componentId: 'reg' }])) })).toContain('registry-data-demanded');
    expect(signals({ events: events(req([{ componentId: 'other' }, { componentId: 'reg' }])) })).toContain('registry-data-demanded');
    expect(signals({ events: events(req([{ componentId: 'other' }])) })).not.toContain('registry-data-demanded');
    expect(signals({ events: events(req([{}])) })).not.toContain('registry-data-demanded');
    expect(signals({ events: events(req('reg')) })).not.toContain('registry-data-demanded');
    expect(signals({ events: events(ev('refuse', '2026-03-03T08:00:00', { items: [{ componentId: 'reg' }] })) })).not.toContain(
      'registry-data-demanded',
    );
    const comp = (registryHolds: boolean, fromRegistry: boolean) => ({ fileCount: 1, registryHolds, fromRegistry });
    expect(signals({ components: [comp(false, false), comp(true, false)] })).toContain('registry-data-demanded');
    expect(signals({ components: [comp(true, true)] })).not.toContain('registry-data-demanded');
    expect(signals({ components: [comp(false, false)] })).not.toContain('registry-data-demanded');
  });

  test('notice-after-deadline: an apology after the due time or less than a working day before it', () => {
    const apology = (data?: Record<string, unknown>) => ev('apologize-and-extend', '2026-03-09T08:00:00', data);
    expect(signals({ events: events(apology({ afterDeadline: true })) })).toContain('notice-after-deadline');
    expect(signals({ events: events(apology({ lateNotice: true })) })).toContain('notice-after-deadline');
    expect(signals({ events: events(apology({ afterDeadline: false, lateNotice: false })) })).not.toContain('notice-after-deadline');
    expect(signals({ events: events(apology({ afterDeadline: 'yes' })) })).not.toContain('notice-after-deadline');
    expect(signals({ events: events(apology()) })).not.toContain('notice-after-deadline');
    expect(signals({ events: events(ev('assign', '2026-03-09T08:00:00', { lateNotice: true })) })).not.toContain('notice-after-deadline');
  });

  test('unsigned-notice: a result with neither an approval nor a signature', () => {
    expect(signals({ events: events(issued('2026-03-05T08:00:00')) })).toContain('unsigned-notice');
    expect(
      signals({ events: events(issued('2026-03-05T08:00:00', { resultFileIds: ['f'], signature: { signerId: 'l' } })) }),
    ).not.toContain('unsigned-notice');
    expect(signals({ events: events(ev('approve', '2026-03-05T07:00:00'), issued('2026-03-05T08:00:00')) })).not.toContain(
      'unsigned-notice',
    );
    // A notice handed to the citizen (here a stop) names its signer, or it is unsigned.
    expect(signals({ events: events(ev('stop', '2026-03-05T08:00:00')) })).toContain('unsigned-notice');
    expect(
      signals({ events: events(ev('stop', '2026-03-05T08:00:00', { signature: { signerId: 'l', signerName: 'Lê Văn Lãnh' } })) }),
    ).not.toContain('unsigned-notice');
  });

  test('withdrawal-without-request: a stop with no withdrawal request at or before it', () => {
    const w = (when: string) => ev('record-withdrawal-request', when);
    expect(signals({ events: events(ev('stop', '2026-03-05T08:00:00')) })).toContain('withdrawal-without-request');
    expect(signals({ events: events(w('2026-03-05T08:00:00'), ev('stop', '2026-03-05T08:00:00')) })).not.toContain(
      'withdrawal-without-request',
    );
    expect(signals({ events: events(w('2026-03-04T08:00:00'), ev('stop', '2026-03-05T08:00:00')) })).not.toContain(
      'withdrawal-without-request',
    );
    expect(signals({ events: events(ev('stop', '2026-03-05T08:00:00'), w('2026-03-05T08:00:01')) })).toContain(
      'withdrawal-without-request',
    );
    expect(signals({ events: events(ev('assign', '2026-03-04T08:00:00'), ev('stop', '2026-03-05T08:00:00')) })).toContain(
      'withdrawal-without-request',
    );
    expect(signals({ events: events(ev('refuse', '2026-03-05T08:00:00')) })).not.toContain('withdrawal-without-request');
  });

  test('not-digitised: a result without scanned components or without a result file', () => {
    const ok = events(ev('approve', '2026-03-05T07:00:00'), issued('2026-03-05T08:00:00'));
    expect(signals({ events: ok })).not.toContain('not-digitised');
    expect(signals({ events: ok, components: [{ fileCount: 0, fromRegistry: false, registryHolds: false }] })).toContain('not-digitised');
    expect(
      signals({ events: events(ev('approve', '2026-03-05T07:00:00'), issued('2026-03-05T08:00:00', { resultFileIds: [] })) }),
    ).toContain('not-digitised');
    expect(signals({ events: events(ev('refuse', '2026-03-05T08:00:00')), components: [] })).not.toContain('not-digitised');
    expect(signals({ events: [ev('create', '2026-03-02T08:00:00')], components: [] })).not.toContain('not-digitised');
  });
});

describe('counters of the fact', () => {
  test('fees, reuse, population data, digitised, store link', () => {
    const done = events(ev('approve', '2026-03-05T07:00:00'), issued('2026-03-05T08:00:00'));
    const f = dossierFact(
      dossier({
        fee: 10_000,
        paidOnline: true,
        components: [
          { fileCount: 0, fromRegistry: false, registryHolds: false },
          { fileCount: 2, fromRegistry: true, registryHolds: true },
        ],
        verifiedVneid: true,
        storeLinked: true,
        events: done,
      }),
    );
    expect(f).toMatchObject({
      feeBearing: true,
      paidOnline: true,
      reused: true,
      populationData: true,
      digitised: true,
      storeLinked: true,
      withResult: true,
    });
    const free = dossierFact(dossier({ fee: 0, paidOnline: true, storeLinked: true, registryUsed: true }));
    expect(free).toMatchObject({
      feeBearing: false,
      paidOnline: false,
      reused: false,
      populationData: true,
      digitised: false,
      storeLinked: false,
    });
    const noScan = dossierFact(dossier({ events: done, components: [{ fileCount: 0, fromRegistry: true, registryHolds: true }] }));
    expect(noScan).toMatchObject({ reused: true, digitised: false });
    expect(dossierFact(dossier({ fee: 10_000, paidOnline: false })).paidOnline).toBe(false);
  });
});
