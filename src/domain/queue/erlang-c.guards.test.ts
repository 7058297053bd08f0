// Erlang C by hand and at its edges: a case worked on paper (3 counters, 2 Erlangs), the empty hour, the
// overloaded hour, the occupancy cap hit exactly, the inputs refused, and the roster's rounding.
import { describe, expect, it } from 'vitest';
import { averageWaitMinutes, countersNeeded, erlangB, occupancy, probabilityOfWaiting, rosteredStaff, serviceLevel } from './erlang-c';

describe('3 counters, 2 Erlangs, worked by hand', () => {
  // B(1) = 2/3, B(2) = (2·2/3)/(2 + 4/3) = 2/5, B(3) = (2·2/5)/(3 + 4/5) = 4/19;
  // C = 3·B/(3 − 2·(1 − B)) = (12/19)/(27/19) = 4/9.
  it('Erlang B is 4/19 and the probability of waiting 4/9', () => {
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
    expect(erlangB(0, 2)).toBe(1);
    expect(probabilityOfWaiting(3, 2)).toBeCloseTo(4 / 9, 12);
  });
  it('with 10-minute handling: SL(5 min) = 1 − 4/9·e^(−1·5/10), average wait 4/9 · 10 / 1 minutes', () => {
    expect(serviceLevel(3, 2, 10, 5)).toBeCloseTo(1 - (4 / 9) * Math.exp(-0.5), 12);
    expect(serviceLevel(3, 2, 10, 0)).toBeCloseTo(5 / 9, 12);
    expect(averageWaitMinutes(3, 2, 10)).toBeCloseTo(40 / 9, 12);
    expect(occupancy(3, 2)).toBeCloseTo(2 / 3, 12);
  });
});

describe('empty and overloaded hours', () => {
  it('nobody comes: nobody waits, everyone is served in time, even with no counter open', () => {
    expect(probabilityOfWaiting(0, 0)).toBe(0);
    expect(serviceLevel(0, 0, 10, 15)).toBe(1);
    expect(averageWaitMinutes(0, 0, 10)).toBe(0);
    expect(occupancy(0, 0)).toBe(0);
  });
  it('more citizens than the counters can serve: the wait grows without bound', () => {
    expect(averageWaitMinutes(3, 4, 10)).toBe(Infinity);
    expect(serviceLevel(3, 4, 10, 15)).toBe(0);
    expect(probabilityOfWaiting(3, 4)).toBe(1);
    expect(occupancy(0, 1)).toBe(Infinity);
  });
});

describe('inputs refused', () => {
  it('Erlang B needs a whole, non-negative number of counters and a non-negative load', () => {
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => erlangB(1.5, 1)).toThrow(RangeError);
    expect(() => erlangB(2, -0.1)).toThrow(RangeError);
    expect(() => erlangB(2, Number.NaN)).toThrow(RangeError);
    expect(erlangB(2, 0)).toBe(0);
  });

  const ok = { arrivalsPerHour: 20, ahtMinutes: 15, targetWaitMinutes: 15, serviceLevel: 0.8 };
  it.each([
    ['negative arrivals', { arrivalsPerHour: -1 }],
    ['arrivals not a number', { arrivalsPerHour: Number.NaN }],
    ['handling time of zero', { ahtMinutes: 0 }],
    ['negative target wait', { targetWaitMinutes: -1 }],
    ['service level 0', { serviceLevel: 0 }],
    ['service level 1', { serviceLevel: 1 }],
    ['occupancy cap 0', { maxOccupancy: 0 }],
    ['occupancy cap above 1', { maxOccupancy: 1.01 }],
  ])('%s', (_why, over) => {
    expect(() => countersNeeded({ ...ok, ...over })).toThrow(RangeError);
  });

  it('a target of “called at once” and a cap of 100 % are allowed', () => {
    // 5 Erlangs, called at once for 80 %: the probability of waiting must be ≤ 0.2.
    const a = countersNeeded({ ...ok, targetWaitMinutes: 0, maxOccupancy: 1 });
    expect(a.probabilityOfWaiting).toBeLessThanOrEqual(0.2);
    expect(probabilityOfWaiting(a.counters - 1, 5)).toBeGreaterThan(0.2);
  });
});

describe('the occupancy cap', () => {
  it('met exactly is met: 5 Erlangs at a 50 % cap need exactly 10 counters', () => {
    const a = countersNeeded({ arrivalsPerHour: 20, ahtMinutes: 15, targetWaitMinutes: 15, serviceLevel: 0.8, maxOccupancy: 0.5 });
    expect(a.load).toBe(5);
    expect(a.counters).toBe(10);
    expect(a.occupancy).toBe(0.5);
  });
});

describe('the roster', () => {
  it('counters over the share of time actually worked, rounded up', () => {
    expect(rosteredStaff(10, 0)).toBe(10);
    expect(rosteredStaff(7)).toBe(10); // 30 % shrinkage by default
    expect(rosteredStaff(8, 0.2)).toBe(10);
    expect(rosteredStaff(9, 0.2)).toBe(12); // 11.25 → 12
  });
  it('a shrinkage outside [0, 1) is refused', () => {
    expect(() => rosteredStaff(5, 1)).toThrow(RangeError);
    expect(() => rosteredStaff(5, -0.1)).toThrow(RangeError);
    expect(() => rosteredStaff(5, Number.NaN)).toThrow(RangeError);
    expect(rosteredStaff(5, 0.5)).toBe(10);
  });
});
