import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageWaitMinutes,
  countersNeeded,
  erlangB,
  occupancy,
  probabilityOfWaiting,
  rosteredStaff,
  serviceLevel,
  trafficIntensity,
} from './erlang-c';

describe('Erlang C against published values', () => {
  it('exact small cases: one server is M/M/1 (P(wait) = ρ); two servers at 1 Erlang wait with probability 1/3', () => {
    expect(probabilityOfWaiting(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(probabilityOfWaiting(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
  });

  // The textbook example (callcentrehelper.com, "Erlang C formula – made simple"): 200 arrivals an hour,
  // 3-minute handling → 10 Erlangs, target 80 % answered in 20 s. Published: P(wait), SL and ASA per agent count.
  it.each([
    [11, 0.6821, 0.39, 122.8],
    [12, 0.4494, 0.64, 40.4],
    [13, 0.2853, 0.796, 17.1],
    [14, 0.1741, 0.888, 7.8],
  ])('10 Erlangs with %i servers: P(wait) %f, SL(20 s) %f, ASA %f s', (c, pw, sl, asaSeconds) => {
    expect(probabilityOfWaiting(c, 10)).toBeCloseTo(pw, 4);
    expect(serviceLevel(c, 10, 3, 20 / 60)).toBeCloseTo(sl, 2);
    expect(averageWaitMinutes(c, 10, 3) * 60).toBeCloseTo(asaSeconds, 1);
  });

  it('the textbook example needs 14 servers for 80 % in 20 s (13 gives 79.6 %)', () => {
    expect(
      countersNeeded({ arrivalsPerHour: 200, ahtMinutes: 3, targetWaitMinutes: 20 / 60, serviceLevel: 0.8, maxOccupancy: 1 }).counters,
    ).toBe(14);
  });

  it('Hạc Thành (domain-2 §5): 29 an hour at 15 minutes → 9 counters, about 92 % within 15 min, ~3.5–4 min average wait', () => {
    const a = countersNeeded({ arrivalsPerHour: 29, ahtMinutes: 15, targetWaitMinutes: 15, serviceLevel: 0.8 });
    expect(a.counters).toBe(9);
    expect(a.load).toBeCloseTo(7.25, 6);
    expect(a.serviceLevel).toBeGreaterThan(0.9);
    expect(a.averageWaitMinutes).toBeGreaterThan(3.3);
    expect(a.averageWaitMinutes).toBeLessThan(4);
    // 8 counters: about 14-minute waits at 90 % occupancy, over the 85 % cap.
    expect(occupancy(8, a.load)).toBeGreaterThan(0.85);
    expect(averageWaitMinutes(8, a.load, 15)).toBeGreaterThan(12);
    // With a 10-minute handling time: 6 counters.
    expect(countersNeeded({ arrivalsPerHour: 29, ahtMinutes: 10, targetWaitMinutes: 15, serviceLevel: 0.8 }).counters).toBe(6);
    // 9 counters at 30 % shrinkage: 13 staff on the roster.
    expect(rosteredStaff(9, 0.3)).toBe(13);
  });

  it('stays finite and accurate at hundreds of servers (log-free recursion, no factorial overflow)', () => {
    const pw = probabilityOfWaiting(500, 480);
    expect(Number.isFinite(pw)).toBe(true);
    expect(pw).toBeGreaterThan(0);
    expect(pw).toBeLessThan(1);
    expect(trafficIntensity(60, 60)).toBe(60);
  });

  it('overloaded or empty hours', () => {
    expect(probabilityOfWaiting(5, 5)).toBe(1);
    expect(serviceLevel(5, 6, 10, 15)).toBe(0);
    expect(averageWaitMinutes(3, 3, 10)).toBe(Infinity);
    expect(countersNeeded({ arrivalsPerHour: 0, ahtMinutes: 15, targetWaitMinutes: 15, serviceLevel: 0.8 }).counters).toBe(0);
    expect(() => countersNeeded({ arrivalsPerHour: 10, ahtMinutes: 0, targetWaitMinutes: 15, serviceLevel: 0.8 })).toThrow(RangeError);
  });

  it('properties: more counters never wait more; the answer is minimal and meets both targets', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        (lambda, aht, sl) => {
          const a = countersNeeded({ arrivalsPerHour: lambda, ahtMinutes: aht, targetWaitMinutes: 15, serviceLevel: sl });
          expect(a.serviceLevel).toBeGreaterThanOrEqual(sl);
          expect(a.occupancy).toBeLessThanOrEqual(0.85 + 1e-9);
          const fewer = a.counters - 1;
          if (fewer > a.load) {
            const worse = serviceLevel(fewer, a.load, aht, 15) < sl || occupancy(fewer, a.load) > 0.85 + 1e-12;
            expect(worse).toBe(true);
            expect(probabilityOfWaiting(fewer, a.load)).toBeGreaterThanOrEqual(a.probabilityOfWaiting);
          }
        },
      ),
    );
  });
});
