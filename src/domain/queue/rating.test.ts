import { describe, expect, it } from 'vitest';
import { indicatorScore, isLowRating, officerResult, quarterOf, unitResult, type Answers } from './rating';

describe('TT 01/2018 Arts 14–15 scoring', () => {
  it('an indicator is the mean per dossier rounded to one decimal; no data is left out', () => {
    expect(indicatorScore([2, 1, 1])).toBe(1.3);
    expect(indicatorScore([2, 2, 1])).toBe(1.7);
    expect(indicatorScore([null, undefined])).toBeNull();
  });

  it('officer bands at 5 and 3.5 over indicators 1, 2, 3, 4, 7 (publicity does not count for the officer)', () => {
    const r = (a: Answers) => officerResult([a]);
    expect(r({ contacts: 2, bodies: 2, attitude: 1, publicity: 0 })).toMatchObject({ total: 5, band: 'full' });
    expect(r({ contacts: 2, bodies: 1, attitude: 1 })).toMatchObject({ total: 4, band: 'partial' });
    expect(r({ contacts: 1, bodies: 1, attitude: 1, 'total-time': 0 })).toMatchObject({ band: 'under-70' });
    expect(
      officerResult([
        { contacts: 2, bodies: 1, attitude: 0 },
        { contacts: 2, bodies: 1, attitude: 1 },
      ]),
    ).toMatchObject({
      total: 3.5,
      band: 'partial',
    });
    expect(officerResult([])).toEqual({ total: null, band: null, scores: {} });
  });

  it('unit bands at 15, 12, 9, 6 over the nine indicators', () => {
    const counter: Answers = { contacts: 2, bodies: 2, publicity: 2, attitude: 2 };
    expect(unitResult([counter], { 'total-time': 2, 'step-time': 2, 'one-stop-share': 2, feedback: 2, online: 2 })).toMatchObject({
      total: 18,
      band: 'excellent',
    });
    expect(unitResult([counter], { 'total-time': 2, 'step-time': 2, feedback: 1, online: 0 })).toMatchObject({ total: 13, band: 'good' });
    expect(unitResult([counter], { online: 1 })).toMatchObject({ total: 9, band: 'fair' });
    expect(unitResult([{ contacts: 2, bodies: 2, attitude: 2 }])).toMatchObject({ total: 6, band: 'average' });
    expect(unitResult([{ contacts: 1, attitude: 1 }])).toMatchObject({ total: 2, band: 'weak' });
  });

  it('a low rating (any 0 or mean under 1) becomes a service feedback', () => {
    expect(isLowRating({ attitude: 0, contacts: 2 })).toBe(true);
    expect(isLowRating({ attitude: 1, contacts: 1 })).toBe(false);
    expect(isLowRating({})).toBe(false);
  });

  it('quarters in Vietnam time', () => {
    expect(quarterOf(new Date('2026-03-31T17:30:00Z'))).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf(new Date('2026-12-31T16:59:00Z'))).toEqual({ year: 2026, quarter: 4 });
  });
});
