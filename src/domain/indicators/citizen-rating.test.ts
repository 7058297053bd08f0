import { describe, expect, it } from 'vitest';
import { citizenRatingReport, feedbackScore, onlineScore, ratingPeriod, type RatingMark, type UnitRecords } from './citizen-rating';

const records = (unitId: string, over: Partial<UnitRecords> = {}): UnitRecords => ({
  unitId,
  received: 0,
  receivedOnline: 0,
  lateOnline: 0,
  feedback: 0,
  feedbackOnTime: 0,
  feedbackSettled: 0,
  feedbackSatisfied: 0,
  feedbackUnsatisfied: 0,
  ...over,
});
const m = (
  officerId: string | null,
  indicator: RatingMark['indicator'],
  score: 0 | 1 | 2,
  source: RatingMark['source'],
  ratingId?: string,
): RatingMark => ({
  unitId: 'U',
  officerId,
  indicator,
  score,
  source,
  ...(ratingId ? { ratingId } : {}),
});

describe('TT 01/2018 citizen-rating report (hand-computed)', () => {
  const marks: RatingMark[] = [
    // Officer A, counter rating r1: contacts 2, bodies 2, publicity 1, attitude 2.
    m('A', 'contacts', 2, 'counter', 'r1'),
    m('A', 'bodies', 2, 'counter', 'r1'),
    m('A', 'publicity', 1, 'counter', 'r1'),
    m('A', 'attitude', 2, 'counter', 'r1'),
    // Officer A, counter rating r2: contacts 1, bodies 2, attitude 0 (publicity not answered).
    m('A', 'contacts', 1, 'counter', 'r2'),
    m('A', 'bodies', 2, 'counter', 'r2'),
    m('A', 'attitude', 0, 'counter', 'r2'),
    // A's dossiers ended: early, late, on time (indicator 1); A's steps: before budget, after it (indicator 2).
    m('A', 'total-time', 2, 'result'),
    m('A', 'total-time', 0, 'result'),
    m('A', 'total-time', 1, 'result'),
    m('A', 'step-time', 2, 'step'),
    m('A', 'step-time', 0, 'step'),
    // Officer B: a dossier ended on time that the citizen disliked on the portal.
    m('B', 'total-time', 1, 'result'),
    m('B', 'attitude', 0, 'portal', 'p:D4'),
    // A dossier ended early nobody was assigned to: the unit's, no officer's.
    m(null, 'total-time', 2, 'result'),
  ];
  const units = [
    records('U', { received: 10, receivedOnline: 4, lateOnline: 0, feedback: 10, feedbackOnTime: 9, feedbackSettled: 10 }),
    records('V'),
  ];
  const r = citizenRatingReport(marks, units);

  it('officer A: 1.0 + 1.0 + 1.5 + 2.0 + 1.0 = 6.5, all duties done; 12 marks: six 2s, three 1s, three 0s', () => {
    const a = r.officers.find((o) => o.officerId === 'A')!;
    expect(a.scores).toEqual({ 'total-time': 1, 'step-time': 1, contacts: 1.5, bodies: 2, attitude: 1 });
    expect(a.total).toBe(6.5);
    expect(a.band).toBe('full');
    expect(a.levels).toEqual({ '2': 6, '1': 3, '0': 3 });
    expect(a.ratings).toBe(2);
    expect(a).toMatchObject({ likes: 0, dislikes: 0, unitId: 'U' });
  });

  it('officer B: 1.0 + 0 = 1.0, under 70 %; one portal dislike', () => {
    const b = r.officers.find((o) => o.officerId === 'B')!;
    expect(b.scores).toEqual({ 'total-time': 1, attitude: 0 });
    expect(b.total).toBe(1);
    expect(b.band).toBe('under-70');
    expect(b).toMatchObject({ ratings: 1, likes: 0, dislikes: 1, levels: { '2': 0, '1': 1, '0': 1 } });
    expect(r.officers).toHaveLength(2);
  });

  it('unit U: 1.2 + 1.0 + 1.5 + 2.0 + 1.0 + 0.7 + online 2 + feedback 1 = 10.4, fair; unit V has no data', () => {
    const u = r.units.find((x) => x.unitId === 'U')!;
    // total-time (2+0+1+1+2)/5 = 1.2; attitude (2+0+0)/3 = 0.67 → 0.7; 40 % online, none late → 2; 90 % feedback on time → 1.
    expect(u.scores).toEqual({
      'total-time': 1.2,
      'step-time': 1,
      contacts: 1.5,
      bodies: 2,
      publicity: 1,
      attitude: 0.7,
      online: 2,
      feedback: 1,
    });
    expect(u.total).toBe(10.4);
    expect(u.band).toBe('fair');
    expect(u.levels).toEqual({ '2': 7, '1': 4, '0': 4 });
    expect(u.ratings).toBe(3);
    const v = r.units.find((x) => x.unitId === 'V')!;
    expect(v).toMatchObject({ total: null, band: null, scores: {}, ratings: 0 });
  });

  it('indicators 8 and 9 by the circular’s steps; no data is left out', () => {
    expect(onlineScore({ received: 10, receivedOnline: 3, lateOnline: 0 })).toBe(2);
    expect(onlineScore({ received: 10, receivedOnline: 3, lateOnline: 1 })).toBe(1);
    expect(onlineScore({ received: 100, receivedOnline: 15, lateOnline: 0 })).toBe(1);
    expect(onlineScore({ received: 100, receivedOnline: 14, lateOnline: 0 })).toBe(0);
    expect(onlineScore({ received: 0, receivedOnline: 0, lateOnline: 0 })).toBeNull();
    expect(feedbackScore({ feedback: 4, feedbackOnTime: 4, feedbackSettled: 4 })).toBe(2);
    expect(feedbackScore({ feedback: 4, feedbackOnTime: 4, feedbackSettled: 3 })).toBe(1);
    expect(feedbackScore({ feedback: 10, feedbackOnTime: 8, feedbackSettled: 10 })).toBe(0);
    expect(feedbackScore({ feedback: 0, feedbackOnTime: 0, feedbackSettled: 0 })).toBeNull();
  });

  it('quarters and years are calendar periods in Vietnam time', () => {
    expect(ratingPeriod(2026, 4)).toEqual({
      from: new Date('2026-09-30T17:00:00Z'),
      to: new Date('2026-12-31T17:00:00Z'),
      fromDay: '2026-10-01',
      toDay: '2026-12-31',
    });
    expect(ratingPeriod(2026, 1)).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-03-31' });
    expect(ratingPeriod(2026)).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-12-31' });
  });
});
