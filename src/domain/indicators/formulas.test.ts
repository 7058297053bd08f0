// Indicator values, scores and group totals from counters, on a small set written for the test (pure).
import { describe, expect, test } from 'vitest';
import { computeIndicators, counterValue, round2, scoreRate } from './formulas';
import type { IndicatorSet } from './sets';
import { emptyTally, type Tally } from './tally';

const name = (s: string) => ({ vi: s, en: s });
const SET: IndicatorSet = {
  id: 'test-set',
  title: 'T',
  source: 'test',
  groups: [
    { id: 'g1', name: name('G1'), max: 10 },
    { id: 'g2', name: name('G2'), max: 6 },
  ],
  indicators: [
    {
      id: 'a',
      key: 'a',
      group: 'g1',
      name: name('A'),
      numerator: 'onTime',
      denominator: 'measured',
      kind: 'rate',
      threshold: 0.8,
      max: 4,
    },
    {
      id: 'b',
      key: 'b',
      group: 'g1',
      name: name('B'),
      numerator: 'eResult',
      denominator: 'withResult',
      kind: 'rate',
      threshold: 1,
      max: 6,
      timesRateOf: 'a',
    },
    {
      id: 'c',
      key: 'c',
      group: 'g2',
      name: name('C'),
      numerator: 'serviceSatisfied',
      denominator: 'received',
      kind: 'rate',
      threshold: 0.5,
      max: 3,
    },
    {
      id: 'd',
      key: 'd',
      group: 'g2',
      name: name('D'),
      numerator: 'processingSeconds',
      denominator: 'measured',
      kind: 'average-days',
      threshold: null,
      max: 0,
    },
    {
      id: 'e',
      key: 'e',
      group: 'g2',
      name: name('E'),
      numerator: 'synced',
      denominator: 'feedback',
      kind: 'rate',
      threshold: 0.9,
      max: 3,
    },
  ],
};
const tally = (over: Partial<Tally>): Tally => ({ ...emptyTally(), ...over });

describe('scores', () => {
  test('rate × max ÷ threshold below the threshold, max at it and above', () => {
    expect(scoreRate(0.4, 0.8, 4)).toBe(2);
    expect(scoreRate(0.8, 0.8, 4)).toBe(4);
    expect(scoreRate(0.9, 0.8, 4)).toBe(4);
    expect(scoreRate(0, 0, 4)).toBe(4);
    expect(scoreRate(0.5, -1, 4)).toBe(4);
    expect(scoreRate(1 / 3, 1, 1)).toBe(0.33);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
  });

  test('measured and on-time counters include the dossiers open at the end', () => {
    const t = tally({ finished: 5, finishedOnTime: 4, openAtEnd: 3, lateAtEnd: 1 });
    expect(counterValue(t, 'measured')).toBe(8);
    expect(counterValue(t, 'onTime')).toBe(6);
    expect(counterValue({ ...t, received: 5 }, 'received')).toBe(5);
  });
});

describe('computeIndicators', () => {
  test('values, scores, the product of two rates, satisfaction over finished dossiers, groups and total', () => {
    const r = computeIndicators(
      SET,
      tally({
        finished: 10,
        finishedOnTime: 6,
        withResult: 8,
        eResult: 8,
        received: 40,
        serviceSatisfied: 3,
        processingSeconds: 10 * 86_400 * 2.5,
      }),
    );
    const byId = Object.fromEntries(r.indicators.map((i) => [i.id, i]));
    expect(byId.a).toMatchObject({ numerator: 6, denominator: 10, value: 0.6, score: 3 });
    // b's rate (1) is multiplied by a's (0.6) before scoring against 1: 0.6 × 6.
    expect(byId.b).toMatchObject({ value: 1, score: 3.6 });
    // c is over finished dossiers (10), not received (40).
    expect(byId.c).toMatchObject({ numerator: 3, denominator: 10, value: 0.3, score: 1.8 });
    expect(byId.d).toMatchObject({ value: 2.5, score: null });
    expect(byId.e).toMatchObject({ denominator: 0, value: null, score: null });
    expect(byId.a!.name).toEqual({ vi: 'A', en: 'A' });
    expect(byId.a!.group).toBe('g1');
    expect(byId.a!.key).toBe('a');
    expect(byId.a!.max).toBe(4);
    expect(byId.a!.threshold).toBe(0.8);
    expect(r.setId).toBe('test-set');
    expect(r.groups).toEqual([
      { id: 'g1', name: name('G1'), max: 10, available: 10, score: 6.6 },
      { id: 'g2', name: name('G2'), max: 6, available: 3, score: 1.8 },
    ]);
    expect(r.total).toBe(8.4);
    expect(r.available).toBe(13);
  });

  test('a product with a rate that has no data scores the rate alone', () => {
    const r = computeIndicators(SET, tally({ withResult: 4, eResult: 2 }));
    const b = r.indicators.find((i) => i.id === 'b')!;
    expect(b.value).toBe(0.5);
    expect(b.score).toBe(3);
    expect(r.indicators.find((i) => i.id === 'a')!.score).toBeNull();
    expect(r.groups[0]).toMatchObject({ available: 6, score: 3 });
  });

  test('rates are rounded to four places; days to two', () => {
    const r = computeIndicators(SET, tally({ finished: 3, finishedOnTime: 1, processingSeconds: 86_400 }));
    expect(r.indicators.find((i) => i.id === 'a')!.value).toBe(0.3333);
    expect(r.indicators.find((i) => i.id === 'd')!.value).toBe(0.33);
  });

  test('no data anywhere: nothing available, nothing scored', () => {
    const r = computeIndicators(SET, emptyTally());
    expect(r.indicators.every((i) => i.value === null && i.score === null)).toBe(true);
    expect(r.indicators).toHaveLength(5);
    expect(r.total).toBe(0);
    expect(r.available).toBe(0);
  });
});
