import { describe, expect, it } from 'vitest';
import { dossierFact, type DossierHistory, type FactEvent } from './facts';
import { feedbackFact, type FeedbackHistory } from './feedback-facts';
import { computeIndicators, scoreRate } from './formulas';
import { checkPeriod, reportingWindow } from './periods';
import { groupPoints, INDICATOR_SETS, indicatorSet } from './sets';
import { tallyFacts } from './tally';
import { crossings, DEFAULT_THRESHOLDS, effectiveThresholds } from './compliance';

// Times in +07:00. The due of every dossier below is 10 Mar 17:00 unless said otherwise.
const at = (s: string) => new Date(`${s}+07:00`);
const ev = (action: string, when: string, data?: Record<string, unknown>): FactEvent => ({ action, at: at(when), data });

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
const issued = (when: string, files = 1) => ev('issue-result', when, { resultFileIds: Array.from({ length: files }, (_, i) => `f${i}`) });
const set = indicatorSet()!;
const ind = (facts: ReturnType<typeof dossierFact>[], from: string, to: string, key: string) =>
  computeIndicators(set, tallyFacts(facts, from, to)).indicators.find((i) => i.key === key)!;

describe('2.1 on-time rate', () => {
  it('finished before the due time is on time, after it late', () => {
    const a = dossierFact(dossier({ id: 'a', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-09T10:00:00')] }));
    const b = dossierFact(dossier({ id: 'b', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-11T09:00:00')] }));
    expect([a.onTime, b.onTime]).toEqual([true, false]);
    expect(a.early).toBe(true);
    // Both end in March: 1 of 2 on time → 50 %, score 0.5 × 14 ÷ 1 = 7.
    const v = ind([a, b], '2026-03-01', '2026-03-31', 'on-time-rate');
    expect(v).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, score: 7 });
  });

  it('two supplement requests make the dossier late even when it ends before the due time', () => {
    const f = dossierFact(
      dossier({
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('request-supplement', '2026-03-03T08:00:00', { dueAtBefore: at('2026-03-10T17:00:00').toISOString() }),
          ev('receive-supplement', '2026-03-04T08:00:00'),
          ev('request-supplement', '2026-03-05T08:00:00'),
          ev('receive-supplement', '2026-03-05T09:00:00'),
          issued('2026-03-06T10:00:00'),
        ],
      }),
    );
    expect(f.onTime).toBe(false);
    expect(f.lateFrom).toEqual(at('2026-03-05T08:00:00'));
  });

  it('the citizen supplement time is left out of the processing time and the due time moved by it is kept', () => {
    // Requested 3 Mar 08:00, received 5 Mar 08:00 (2 days); the calendar engine moved the due to 12 Mar 17:00.
    const f = dossierFact(
      dossier({
        dueAt: at('2026-03-12T17:00:00'),
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('request-supplement', '2026-03-03T08:00:00', { dueAtBefore: at('2026-03-10T17:00:00').toISOString() }),
          ev('receive-supplement', '2026-03-05T08:00:00'),
          issued('2026-03-11T08:00:00'),
        ],
      }),
    );
    expect(f.onTime).toBe(true); // 11 Mar is after the first due but before the moved one
    // 2 Mar 08:00 → 11 Mar 08:00 = 9 days, minus 2 days of supplement = 7 days.
    expect(f.processingSeconds).toBe(7 * 86_400);
    const v = ind([f], '2026-03-01', '2026-03-31', 'average-processing-days');
    expect(v).toMatchObject({ numerator: 7 * 86_400, denominator: 1, value: 7, score: null });
  });

  it('a supplement still pending is measured at its request date against the due before it', () => {
    const early = dossierFact(
      dossier({
        dueAt: null,
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('request-supplement', '2026-03-04T08:00:00', { dueAtBefore: at('2026-03-10T17:00:00').toISOString() }),
        ],
      }),
    );
    const late = dossierFact(
      dossier({
        dueAt: null,
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('request-supplement', '2026-03-12T08:00:00', { dueAtBefore: at('2026-03-10T17:00:00').toISOString() }),
        ],
      }),
    );
    expect(early.lateFrom).toBeNull();
    expect(late.lateFrom).toEqual(at('2026-03-12T08:00:00'));
    // Both open at the end of April: the first stays on time however long the citizen takes.
    const v = ind([early, late], '2026-04-01', '2026-04-30', 'on-time-rate');
    expect(v).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('an open dossier is measured at the period end', () => {
    const open = dossierFact(dossier({ events: [ev('create', '2026-03-02T08:00:00')] }));
    // End of 9 Mar: open and not yet due → on time; end of 10 Mar (23:59): past 17:00 → late.
    expect(ind([open], '2026-03-01', '2026-03-09', 'on-time-rate')).toMatchObject({ numerator: 1, denominator: 1, value: 1, score: 14 });
    expect(ind([open], '2026-03-01', '2026-03-10', 'on-time-rate')).toMatchObject({ numerator: 0, denominator: 1, value: 0, score: 0 });
    // Not yet received before its reception day: no data, not 0 %.
    expect(ind([open], '2026-02-01', '2026-02-28', 'on-time-rate')).toMatchObject({ denominator: 0, value: null, score: null });
  });

  it('the end event prefers the result over the return and over a stop', () => {
    const f = dossierFact(
      dossier({ events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-10T16:00:00'), ev('return-result', '2026-03-13T09:00:00')] }),
    );
    expect(f.endAt).toEqual(at('2026-03-10T16:00:00'));
    expect(f.onTime).toBe(true);
    const returnedOnly = dossierFact(
      dossier({ events: [ev('create', '2026-03-02T08:00:00'), ev('return-result', '2026-03-13T09:00:00')] }),
    );
    expect(returnedOnly.endAt).toEqual(at('2026-03-13T09:00:00'));
  });
});

describe('group 3 and 4', () => {
  it('an online dossier without an electronic result is not counted online', () => {
    const withE = dossierFact(
      dossier({ id: 'a', channel: 'online', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00', 1)] }),
    );
    const paperOnly = dossierFact(
      dossier({ id: 'b', channel: 'online', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00', 0)] }),
    );
    const counter = dossierFact(dossier({ id: 'c', events: [ev('create', '2026-03-02T08:00:00')] }));
    const facts = [withE, paperOnly, counter];
    // 1 of 3 received; × sync rate 3/3; threshold 50 %: 0.3333 × 12 ÷ 0.5 = 8.
    expect(ind(facts, '2026-03-01', '2026-03-31', 'online-rate')).toMatchObject({ numerator: 1, denominator: 3, value: 0.3333, score: 8 });
    // Sync rate 2 of 3 → online 1/3 × 2/3 = 0.2222 → 0.2222 × 12 ÷ 0.5 = 5.33.
    const unsynced = [withE, paperOnly, { ...counter, synced: false }];
    expect(ind(unsynced, '2026-03-01', '2026-03-31', 'synced-rate')).toMatchObject({ numerator: 2, denominator: 3, score: 4 });
    expect(ind(unsynced, '2026-03-01', '2026-03-31', 'online-rate').score).toBe(5.33);
    // 4.1: 1 of the 2 results electronic; 4.2 needs component files and the e-result: 1 of 2 → 0.5 × 6 ÷ 0.8 = 3.75.
    expect(ind(facts, '2026-03-01', '2026-03-31', 'e-result-rate')).toMatchObject({ numerator: 1, denominator: 2, score: 2.5 });
    expect(ind(facts, '2026-03-01', '2026-03-31', 'digitised-rate')).toMatchObject({ numerator: 1, denominator: 2, score: 3.75 });
    expect(paperOnly.signals).toContain('not-digitised');
  });

  it('paid online counts only fee-bearing dossiers; reuse and population data count received ones', () => {
    const a = dossierFact(
      dossier({
        id: 'a',
        fee: 50_000,
        paidOnline: true,
        verifiedVneid: true,
        components: [{ fileCount: 0, fromRegistry: true, registryHolds: true }],
      }),
    );
    const b = dossierFact(dossier({ id: 'b', fee: 50_000, paidOnline: false, registryUsed: true }));
    const c = dossierFact(dossier({ id: 'c', fee: 0, paidOnline: true }));
    const facts = [a, b, c];
    expect(ind(facts, '2026-03-01', '2026-03-31', 'paid-online-rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      score: 3,
    });
    // 4.3: 1 of 3, threshold 80 % → 0.3333 × 4 ÷ 0.8 = 1.67.
    expect(ind(facts, '2026-03-01', '2026-03-31', 'reuse-rate')).toMatchObject({ numerator: 1, denominator: 3, score: 1.67 });
    expect(ind(facts, '2026-03-01', '2026-03-31', 'population-data-rate')).toMatchObject({ numerator: 2, denominator: 3, score: 2.67 });
  });
});

function feedback(over: Partial<FeedbackHistory> = {}): FeedbackHistory {
  return {
    id: 'f',
    unitId: 'u',
    receivedAt: at('2026-03-02T09:00:00'),
    kind: 'conduct',
    ratingSatisfied: null,
    reopenCount: 0,
    answerReturns: 0,
    checkFailures: 0,
    // Refusal window closed in time, answer due 20 Mar 17:00 and given on 16 Mar.
    deadlines: [
      { kind: 'feedback-refuse', dueAt: at('2026-03-04T09:00:00'), closedAt: at('2026-03-03T09:00:00') },
      { kind: 'feedback-info', dueAt: at('2026-03-09T09:00:00'), closedAt: null },
      { kind: 'feedback', dueAt: at('2026-03-20T17:00:00'), closedAt: at('2026-03-16T10:00:00') },
    ],
    ...over,
  };
}
const fbInd = (fb: FeedbackHistory[], from: string, to: string, key: string) =>
  computeIndicators(set, tallyFacts([], from, to, fb.map(feedbackFact))).indicators.find((i) => i.key === key)!;

describe('group 5: feedback', () => {
  // Five feedback received in March, computed by hand:
  //  a: regulation, answered in time, rated satisfied                → on time, satisfied
  //  b: conduct, answered on 23 Mar after the 20 Mar due             → late (not on time, not satisfied)
  //  c: conduct, answered in time but rated unsatisfied              → on time, not satisfied, not vague
  //  d: regulation, answered in time, reopened once                   → on time, not satisfied, vague
  //  e: service, answer due 2 Apr still open; the open info request is no duty → on time at 31 Mar, late by 30 Apr
  const a = feedback({ id: 'a', kind: 'regulation', ratingSatisfied: true });
  const b = feedback({
    id: 'b',
    deadlines: [{ kind: 'feedback', dueAt: at('2026-03-20T17:00:00'), closedAt: at('2026-03-23T08:00:00') }],
  });
  const c = feedback({ id: 'c', ratingSatisfied: false });
  const d = feedback({ id: 'd', kind: 'regulation', reopenCount: 1 });
  const e = feedback({
    id: 'e',
    kind: 'service',
    receivedAt: at('2026-03-13T09:00:00'),
    deadlines: [
      { kind: 'feedback-info', dueAt: at('2026-03-20T09:00:00'), closedAt: null },
      { kind: 'feedback', dueAt: at('2026-04-02T17:00:00'), closedAt: null },
    ],
  });
  const all = [a, b, c, d, e];

  it('5.1 share about regulations and procedures (reported, not scored)', () => {
    // a and d of 5 → 0.4.
    expect(fbInd(all, '2026-03-01', '2026-03-31', 'feedback-regulation-share')).toMatchObject({
      numerator: 2,
      denominator: 5,
      value: 0.4,
      score: null,
    });
  });

  it('5.2 handled on time, an open feedback measured at the period end', () => {
    // March: only b is late → 4 of 5 = 0.8, score 0.8 × 6 ÷ 1 = 4.8.
    expect(fbInd(all, '2026-03-01', '2026-03-31', 'feedback-on-time-rate')).toMatchObject({
      numerator: 4,
      denominator: 5,
      value: 0.8,
      score: 4.8,
    });
    // March to April: e's answer is now overdue too → 3 of 5 = 0.6, score 3.6.
    expect(fbInd(all, '2026-03-01', '2026-04-30', 'feedback-on-time-rate')).toMatchObject({ numerator: 3, denominator: 5, score: 3.6 });
    // A late step closed on the same day as its due is still on time (closed 20 Mar 16:00 ≤ 17:00).
    const inTime = feedback({ deadlines: [{ kind: 'feedback', dueAt: at('2026-03-20T17:00:00'), closedAt: at('2026-03-20T16:00:00') }] });
    expect(feedbackFact(inTime).lateFrom).toBeNull();
  });

  it('5.3 satisfaction = all − (unsatisfied ∪ raised again ∪ late)', () => {
    // a and e → 2 of 5 = 0.4, score 0.4 × 6 ÷ 1 = 2.4.
    expect(fbInd(all, '2026-03-01', '2026-03-31', 'feedback-satisfaction-rate')).toMatchObject({
      numerator: 2,
      denominator: 5,
      value: 0.4,
      score: 2.4,
    });
  });

  it('the vague-answer signal counts answers sent back, refused by the checks, or reopened', () => {
    const returned = feedback({ id: 'r', answerReturns: 1 });
    const refused = feedback({ id: 'x', checkFailures: 2 });
    const t = tallyFacts([], '2026-03-01', '2026-03-31', [...all, returned, refused].map(feedbackFact));
    // d, returned, refused.
    expect(t.signals['vague-answer']).toBe(3);
    // Outside the period nothing counts.
    expect(tallyFacts([], '2026-04-01', '2026-04-30', all.map(feedbackFact)).feedback).toBe(0);
  });

  it('5.4 counts a feedback naming the dossier as a complaint', () => {
    // The dossier fact's `complained` (a dislike, or feedback naming the dossier): on time but complained → not satisfied.
    const named = dossierFact(
      dossier({ id: 'n', complained: true, events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00')] }),
    );
    const fine = dossierFact(dossier({ id: 'm', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00')] }));
    expect(ind([named, fine], '2026-03-01', '2026-03-31', 'service-satisfaction-rate')).toMatchObject({ numerator: 1, denominator: 2 });
  });
});

describe('group 5 and the set', () => {
  it('feedback indicators say "no data" without feedback records', () => {
    const r = computeIndicators(set, tallyFacts([dossierFact(dossier())], '2026-03-01', '2026-03-31'));
    for (const k of ['feedback-on-time-rate', 'feedback-satisfaction-rate'])
      expect(r.indicators.find((i) => i.key === k)).toMatchObject({ value: null, score: null, denominator: 0 });
  });

  it('service satisfaction = finished on time without a complaint, 90 % for full marks', () => {
    const ok = dossierFact(dossier({ id: 'a', events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00')] }));
    const disliked = dossierFact(
      dossier({ id: 'b', complained: true, events: [ev('create', '2026-03-02T08:00:00'), issued('2026-03-05T08:00:00')] }),
    );
    // 1 of 2 → 0.5 × 6 ÷ 0.9 = 3.33.
    expect(ind([ok, disliked], '2026-03-01', '2026-03-31', 'service-satisfaction-rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      score: 3.33,
    });
  });

  it('score below the threshold is rate × max ÷ threshold, capped at max', () => {
    expect(scoreRate(0.4, 0.8, 6)).toBe(3);
    expect(scoreRate(0.9, 0.8, 6)).toBe(6);
    expect(scoreRate(0, 0.5, 12)).toBe(0);
  });

  it('no set gives a group more points than its maximum', () => {
    for (const s of Object.values(INDICATOR_SETS)) {
      const pts = groupPoints(s);
      for (const g of s.groups) expect(pts[g.id] ?? 0).toBeLessThanOrEqual(g.max);
    }
    expect(indicatorSet('no-such-set')).toBeUndefined();
  });
});

describe('compliance signals', () => {
  it('flags a result recorded after the due time although approved before it, and a paper demanded the registry holds', () => {
    const f = dossierFact(
      dossier({
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('request-supplement', '2026-03-03T08:00:00', { items: [{ componentId: 'reg' }] }),
          ev('receive-supplement', '2026-03-03T09:00:00'),
          ev('approve', '2026-03-09T08:00:00'),
          issued('2026-03-12T08:00:00'),
        ],
      }),
    );
    expect(f.signals).toEqual(expect.arrayContaining(['late-result-update', 'registry-data-demanded']));
    // Ended late, but no step recorded past its own budget; the supplement request names no signer.
    expect(f.signals).not.toContain('late-step');
    expect(f.signals).toContain('unsigned-notice');
    expect(f.signals).not.toContain('withdrawal-without-request');
    const stop = dossierFact(dossier({ events: [ev('create', '2026-03-02T08:00:00'), ev('stop', '2026-03-03T08:00:00')] }));
    expect(stop.signals).toContain('withdrawal-without-request');
  });
});

describe('late-step and unsigned-notice (hand-built histories)', () => {
  const signer = { signature: { signerId: 's', signerName: 'Lê Văn Ký', role: 'leader' } };
  const step = (late: boolean) => ({ step: { name: 'Thẩm định', role: 'specialist', dueAt: '2026-03-03T02:30:00.000Z', late } });

  it('a step done after its budget is late-step even when the dossier ends on time; steps within budget are not', () => {
    const onTimeButStepLate = dossierFact(
      dossier({
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('submit-for-approval', '2026-03-03T14:00:00', step(true)),
          ev('approve', '2026-03-03T15:00:00', { ...signer, step: { ...step(false).step, role: 'leader' } }),
          issued('2026-03-03T16:00:00'),
        ],
      }),
    );
    expect(onTimeButStepLate.onTime).toBe(true);
    expect(onTimeButStepLate.signals).toContain('late-step');
    const inBudget = dossierFact(
      dossier({
        events: [
          ev('create', '2026-03-02T08:00:00'),
          ev('submit-for-approval', '2026-03-03T09:00:00', step(false)),
          ev('approve', '2026-03-03T10:00:00', signer),
          issued('2026-03-03T11:00:00'),
        ],
      }),
    );
    expect(inBudget.signals).toEqual([]);
    // A late mark that is not exactly `true` is not a late step.
    const odd = dossierFact(
      dossier({ events: [ev('create', '2026-03-02T08:00:00'), ev('approve', '2026-03-02T09:00:00', { step: { late: 'true' } })] }),
    );
    expect(odd.signals).not.toContain('late-step');
  });

  it('each notice to the citizen must name its signer: supplement request, refusal, apology, stop notice', () => {
    const base = [ev('create', '2026-03-02T08:00:00'), ev('record-withdrawal-request', '2026-03-02T08:30:00')];
    for (const action of ['request-supplement', 'refuse', 'apologize-and-extend', 'stop']) {
      const signed = dossierFact(dossier({ events: [...base, ev(action, '2026-03-02T09:00:00', signer)] }));
      expect(signed.signals, action).not.toContain('unsigned-notice');
      for (const data of [{}, { signature: { signerName: ' ' } }, { signature: 'x' }, { signature: null }]) {
        const unsigned = dossierFact(dossier({ events: [...base, ev(action, '2026-03-02T09:00:00', data)] }));
        expect(unsigned.signals, `${action} ${JSON.stringify(data)}`).toContain('unsigned-notice');
      }
    }
    // Other actions are not notices: an unsigned assignment flags nothing.
    expect(dossierFact(dossier({ events: [ev('create', '2026-03-02T08:00:00'), ev('assign', '2026-03-02T09:00:00')] })).signals).toEqual(
      [],
    );
  });
});

describe('periods', () => {
  it('rejects a period ending before it starts or longer than 5 years', () => {
    expect(checkPeriod('2026-03-02', '2026-03-01')).toBe('period-invalid');
    expect(checkPeriod('2026-02-30', '2026-03-01')).toBe('period-invalid');
    expect(checkPeriod('2020-01-01', '2025-01-01')).toBe('period-too-long');
    expect(checkPeriod('2020-01-01', '2024-12-31')).toBeNull();
  });
  it('reporting windows run from the 15th to the 14th', () => {
    expect(reportingWindow(2026, 3, 3)).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(reportingWindow(2026, 12, 12)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(reportingWindow(2026, 6, 6)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
  });
});

describe('compliance thresholds', () => {
  it('a unit crosses when it has more signals in the month than allowed; own rows override the defaults', () => {
    const th = effectiveThresholds([{ kind: 'late-step', maxPerMonth: 2 }]);
    expect(th.find((x) => x.kind === 'late-step')!.maxPerMonth).toBe(2);
    expect(th.find((x) => x.kind === 'vague-answer')!.maxPerMonth).toBe(DEFAULT_THRESHOLDS['vague-answer']);
    const got = crossings(
      [
        { unitId: 'a', kind: 'late-step', count: 2 }, // at the limit: no
        { unitId: 'b', kind: 'late-step', count: 3 }, // 1 over
        { unitId: 'a', kind: 'unsigned-notice', count: 2 }, // default 0: 2 over
        { unitId: 'c', kind: 'vague-answer', count: 0 },
      ],
      th,
    );
    expect(got.map((c) => [c.unitId, c.kind, c.count, c.threshold])).toEqual([
      ['a', 'unsigned-notice', 2, 0],
      ['b', 'late-step', 3, 2],
    ]);
  });
});
