import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Calendar } from './calendar';
import { addWorkingMillis, computeDeadline, computeDueWithPauses, workingMillisBetween } from './deadline';
import { OFFICIAL_YEARS } from './official';
import { DEFAULT_SCHEDULE, compileSchedule, type UnitSchedule } from './schedule';
import { DAY_MS, dayNumberOf, formatVnDate, parseVnDate, toVnLocalMs } from './time';

// 2025–2026 official, 2027–2030 generated.
const calendar = new Calendar(OFFICIAL_YEARS);

const saturdayUnit: UnitSchedule = {
  sessions: [
    { start: '07:00', end: '11:00' },
    { start: '13:30', end: '16:30' },
  ],
  weekdays: [1, 2, 3, 4, 5, 6],
  cutoff: '16:00',
};
const schedules = fc.constantFrom(DEFAULT_SCHEDULE, saturdayUnit);

const FIRST = parseVnDate('2025-01-01').getTime();
const LAST = parseVnDate('2030-12-01').getTime(); // room for the due time inside 2030
const FIVE_MINUTES = 300_000;

// Any millisecond, or a 5-minute mark so that session edges and the cut-off come up often.
const instant = fc
  .oneof(
    fc.integer({ min: FIRST, max: LAST }),
    fc.integer({ min: 0, max: (LAST - FIRST) / FIVE_MINUTES }).map((n) => FIRST + n * FIVE_MINUTES),
  )
  .map((ms) => new Date(ms));

// Multiples of 1/480 day (a minute of an 8-hour day) add up exactly.
const exactDays = fc.integer({ min: 1, max: 480 * 30 }).map((n) => n / 480);
const positiveDays = fc.oneof(
  fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3, 5, 7, 10, 15, 20, 30),
  exactDays,
  fc.double({ min: 1e-6, max: 30, noNaN: true }),
);
const anyDays = fc.oneof(fc.constant(0), positiveDays);

// The mutation run (stryker/domain.config.mjs) asks for fewer runs per property to stay within minutes.
const run = { numRuns: Number(process.env.MOTCUA_PROPERTY_RUNS ?? 400) };

function localParts(d: Date) {
  const local = toVnLocalMs(d);
  const day = Math.floor(local / DAY_MS);
  return { day, t: local - day * DAY_MS };
}

function isWorkingDay(d: Date, schedule: UnitSchedule) {
  return calendar.isWorkingDay(formatVnDate(d), schedule);
}

function deadline(receivedAt: Date, workingDays: number, schedule: UnitSchedule) {
  return computeDeadline({ receivedAt, workingDays, schedule, calendar });
}

describe('computeDeadline properties (2025–2030)', () => {
  it('starts counting inside a session of a working day, never before the receipt', () => {
    fc.assert(
      fc.property(instant, anyDays, schedules, (receivedAt, workingDays, schedule) => {
        const { countedFrom } = deadline(receivedAt, workingDays, schedule);
        const s = compileSchedule(schedule);
        const { t } = localParts(countedFrom);
        expect(countedFrom.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
        expect(isWorkingDay(countedFrom, schedule)).toBe(true);
        expect(s.starts.some((start, i) => start <= t && t < s.ends[i]!)).toBe(true);
        const r = localParts(receivedAt);
        const counts =
          isWorkingDay(receivedAt, schedule) && r.t <= s.cutoff && s.starts.some((start, i) => start <= r.t && r.t < s.ends[i]!);
        expect(countedFrom.getTime() === receivedAt.getTime()).toBe(counts);
      }),
      run,
    );
  });

  it('runs exactly workingDays × hours-per-day of working time, ending inside or at the end of a session', () => {
    fc.assert(
      fc.property(instant, positiveDays, schedules, (receivedAt, workingDays, schedule) => {
        const { countedFrom, dueAt } = deadline(receivedAt, workingDays, schedule);
        const s = compileSchedule(schedule);
        expect(dueAt.getTime()).toBeGreaterThan(countedFrom.getTime());
        expect(workingMillisBetween(countedFrom, dueAt, schedule, calendar)).toBe(Math.round(workingDays * s.msPerDay));
        const { t } = localParts(dueAt);
        expect(isWorkingDay(dueAt, schedule)).toBe(true);
        expect(s.starts.some((start, i) => start < t && t <= s.ends[i]!)).toBe(true);
      }),
      run,
    );
  });

  it('makes a same-day procedure due at the last session end of the counting day', () => {
    fc.assert(
      fc.property(instant, schedules, (receivedAt, schedule) => {
        const { countedFrom, dueAt } = deadline(receivedAt, 0, schedule);
        const s = compileSchedule(schedule);
        expect(formatVnDate(dueAt)).toBe(formatVnDate(countedFrom));
        expect(localParts(dueAt).t).toBe(s.ends[s.ends.length - 1]);
      }),
      run,
    );
  });

  it('is monotonic in receivedAt (any workingDays) and in workingDays (> 0)', () => {
    fc.assert(
      fc.property(instant, instant, anyDays, schedules, (a, b, workingDays, schedule) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(deadline(early, workingDays, schedule).dueAt.getTime()).toBeLessThanOrEqual(
          deadline(late, workingDays, schedule).dueAt.getTime(),
        );
      }),
      run,
    );
    fc.assert(
      fc.property(instant, positiveDays, positiveDays, schedules, (receivedAt, x, y, schedule) => {
        const [less, more] = x <= y ? [x, y] : [y, x];
        expect(deadline(receivedAt, less, schedule).dueAt.getTime()).toBeLessThanOrEqual(
          deadline(receivedAt, more, schedule).dueAt.getTime(),
        );
      }),
      run,
    );
  });

  it('composes: d1 + d2 days is d2 days of working time after the due time of d1', () => {
    fc.assert(
      fc.property(instant, exactDays, exactDays, schedules, (receivedAt, d1, d2, schedule) => {
        const msPerDay = compileSchedule(schedule).msPerDay;
        const first = deadline(receivedAt, d1, schedule).dueAt;
        expect(addWorkingMillis(first, d2 * msPerDay, schedule, calendar).getTime()).toBe(
          deadline(receivedAt, d1 + d2, schedule).dueAt.getTime(),
        );
      }),
      run,
    );
  });
});

describe('working time arithmetic properties', () => {
  const span = fc.integer({
    min: -30 * 8 * 3_600_000,
    max: 30 * 8 * 3_600_000,
  });

  it('workingMillisBetween inverts addWorkingMillis, both ways', () => {
    fc.assert(
      fc.property(instant, span, schedules, (start, ms, schedule) => {
        const end = addWorkingMillis(start, ms, schedule, calendar);
        expect(workingMillisBetween(start, end, schedule, calendar)).toBe(ms);
        expect(Math.sign(end.getTime() - start.getTime())).toBe(Math.sign(ms));
      }),
      run,
    );
  });

  it('workingMillisBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(instant, instant, instant, schedules, (a, b, c, schedule) => {
        const w = (x: Date, y: Date) => workingMillisBetween(x, y, schedule, calendar);
        expect(w(a, c)).toBe(w(a, b) + w(b, c));
        expect(w(b, a) + w(a, b)).toBe(0);
      }),
      run,
    );
  });
});

describe('computeDueWithPauses properties', () => {
  const closedPause = fc
    .tuple(instant, fc.integer({ min: 0, max: 20 * DAY_MS }))
    .map(([from, length]) => ({ from, to: new Date(from.getTime() + length) }));

  it("'pause' excludes exactly the paused working time and never makes the due time earlier", () => {
    fc.assert(
      fc.property(instant, positiveDays, closedPause, schedules, (receivedAt, workingDays, pause, schedule) => {
        const plain = deadline(receivedAt, workingDays, schedule);
        const { dueAt } = computeDueWithPauses({
          countedFrom: plain.countedFrom,
          workingDays,
          pauses: [pause],
          mode: 'pause',
          schedule,
          calendar,
        });
        const w = (x: Date, y: Date) => workingMillisBetween(x, y, schedule, calendar);
        const max = (x: Date, y: Date) => (x > y ? x : y);
        const min = (x: Date, y: Date) => (x < y ? x : y);
        expect(dueAt!.getTime()).toBeGreaterThanOrEqual(plain.dueAt.getTime());
        const pausedInside =
          pause.to > plain.countedFrom && pause.from < dueAt! ? w(max(pause.from, plain.countedFrom), min(pause.to, dueAt!)) : 0;
        expect(w(plain.countedFrom, dueAt!) - pausedInside).toBe(Math.round(workingDays * compileSchedule(schedule).msPerDay));
      }),
      run,
    );
  });

  it("'restart' gives the deadline of a receipt at the end of the pause", () => {
    fc.assert(
      fc.property(instant, anyDays, closedPause, schedules, (receivedAt, workingDays, pause, schedule) => {
        const plain = deadline(receivedAt, workingDays, schedule);
        fc.pre(pause.to >= plain.countedFrom);
        const restarted = computeDueWithPauses({
          countedFrom: plain.countedFrom,
          workingDays,
          pauses: [pause],
          schedule,
          calendar,
        });
        const fresh = deadline(pause.to, workingDays, schedule);
        expect(restarted.countedFrom.getTime()).toBe(fresh.countedFrom.getTime());
        expect(restarted.dueAt!.getTime()).toBe(fresh.dueAt.getTime());
      }),
      run,
    );
  });
});

describe('Calendar lookups, 1990–2100', () => {
  it('say working day exactly for swapped days and for Monday–Friday days that are not days off', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: dayNumberOf('1990-01-01'),
          max: dayNumberOf('2100-12-31'),
        }),
        (day) => {
          const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
          const year = calendar.getYear(Number(date.slice(0, 4)));
          const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
          const expected = year.workingDays.includes(date) || (!year.holidays.includes(date) && weekday >= 1 && weekday <= 5);
          expect(calendar.isWorkingDay(date)).toBe(expected);
        },
      ),
      run,
    );
  });
});
