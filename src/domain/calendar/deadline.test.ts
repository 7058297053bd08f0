import { describe, expect, it } from 'vitest';

import { Calendar } from './calendar';
import { addWorkingMillis, computeDeadline, countingStart, workingMillisBetween } from './deadline';
import { OFFICIAL_YEARS } from './official';
import { DEFAULT_SCHEDULE, hoursPerDay, type UnitSchedule } from './schedule';
import { HOUR_MS, formatVnIso, parseVnDate } from './time';

const calendar = new Calendar(OFFICIAL_YEARS);
const schedule = DEFAULT_SCHEDULE;

/** [countedFrom, dueAt] in +07:00 ISO form, for a receipt at Vietnamese wall time `received`. */
function deadline(received: string, workingDays: number, unit: UnitSchedule = schedule) {
  const r = computeDeadline({
    receivedAt: parseVnDate(received),
    workingDays,
    schedule: unit,
    calendar,
  });
  return [formatVnIso(r.countedFrom), formatVnIso(r.dueAt)];
}

describe('computeDeadline: when counting starts', () => {
  it('counts a receipt inside a session before the cut-off from that instant', () => {
    expect(deadline('2026-03-02T09:10', 1)).toEqual(['2026-03-02T09:10:00+07:00', '2026-03-03T09:10:00+07:00']);
  });

  it('counts a receipt at exactly 15:00:00 the same day, and one a second later from the next day', () => {
    expect(deadline('2026-03-02T15:00:00', 1)).toEqual(['2026-03-02T15:00:00+07:00', '2026-03-03T15:00:00+07:00']);
    expect(deadline('2026-03-02T15:00:01', 1)).toEqual(['2026-03-03T07:30:00+07:00', '2026-03-03T17:00:00+07:00']);
  });

  it('counts Friday after the cut-off from a swapped working Saturday', () => {
    expect(deadline('2025-04-25T16:00', 1)).toEqual(['2025-04-26T07:30:00+07:00', '2025-04-26T17:00:00+07:00']);
  });

  it('counts a receipt in the lunch gap from the afternoon session', () => {
    expect(deadline('2026-03-02T12:00', 0.5)).toEqual(['2026-03-02T13:00:00+07:00', '2026-03-02T17:00:00+07:00']);
    expect(deadline('2026-03-02T11:30', 0.25)[0]).toBe('2026-03-02T13:00:00+07:00');
  });

  it('counts a receipt in the lunch gap after an early cut-off from the next day', () => {
    const noonCutoff: UnitSchedule = { ...schedule, cutoff: '12:00' };
    expect(deadline('2026-03-02T11:45', 0.25, noonCutoff)[0]).toBe('2026-03-02T13:00:00+07:00');
    expect(deadline('2026-03-02T12:30', 0.25, noonCutoff)[0]).toBe('2026-03-03T07:30:00+07:00');
  });

  it('counts a receipt before opening from the opening, after closing from the next morning', () => {
    expect(deadline('2026-03-02T06:45', 1)[0]).toBe('2026-03-02T07:30:00+07:00');
    expect(deadline('2026-03-02T17:30', 1)[0]).toBe('2026-03-03T07:30:00+07:00');
  });

  it('counts a receipt on Saturday morning or Sunday from Monday morning', () => {
    expect(deadline('2026-03-07T09:00', 1)).toEqual(['2026-03-09T07:30:00+07:00', '2026-03-09T17:00:00+07:00']);
    expect(deadline('2026-03-08T10:00', 1)[0]).toBe('2026-03-09T07:30:00+07:00');
  });

  it('counts Saturday morning at a swapped working Saturday from the receipt', () => {
    expect(deadline('2025-04-26T09:00', 1)).toEqual(['2025-04-26T09:00:00+07:00', '2025-04-28T09:00:00+07:00']);
  });

  it('counts Saturday morning from the receipt at a unit that works Saturdays', () => {
    const sat: UnitSchedule = { ...schedule, weekdays: [1, 2, 3, 4, 5, 6] };
    expect(deadline('2026-03-07T09:00', 1, sat)).toEqual(['2026-03-07T09:00:00+07:00', '2026-03-09T09:00:00+07:00']);
  });

  it('countingStart alone gives the same start', () => {
    expect(formatVnIso(countingStart(parseVnDate('2026-02-13T16:00'), schedule, calendar))).toBe('2026-02-23T07:30:00+07:00');
  });
});

describe('computeDeadline: how long', () => {
  it('ends a whole day at the session end, not at the next session start', () => {
    expect(deadline('2026-03-02T07:30', 1)[1]).toBe('2026-03-02T17:00:00+07:00');
    expect(deadline('2026-03-02T07:30', 0.5)[1]).toBe('2026-03-02T11:30:00+07:00');
  });

  it('handles fractions of a day across the lunch gap', () => {
    expect(deadline('2026-03-02T14:00', 0.25)[1]).toBe('2026-03-02T16:00:00+07:00');
    expect(deadline('2026-03-02T10:30', 0.25)[1]).toBe('2026-03-02T14:00:00+07:00');
    expect(deadline('2026-03-02T09:00', 1.5)[1]).toBe('2026-03-03T14:30:00+07:00');
  });

  it('makes a same-day (0) procedure due at the end of the day counting starts in', () => {
    expect(deadline('2026-03-02T10:00', 0)).toEqual(['2026-03-02T10:00:00+07:00', '2026-03-02T17:00:00+07:00']);
    expect(deadline('2026-03-02T15:30', 0)).toEqual(['2026-03-03T07:30:00+07:00', '2026-03-03T17:00:00+07:00']);
    expect(deadline('2026-03-06T16:00', 0)[1]).toBe('2026-03-09T17:00:00+07:00'); // Friday → Monday
  });

  it('skips weekends', () => {
    expect(deadline('2026-03-05T10:00', 3)[1]).toBe('2026-03-10T10:00:00+07:00'); // Thu → Tue
  });

  it('skips Tết 2026 (14–22 Feb)', () => {
    expect(deadline('2026-02-12T10:00', 3)).toEqual(['2026-02-12T10:00:00+07:00', '2026-02-24T10:00:00+07:00']);
    expect(deadline('2026-02-13T16:00', 1)).toEqual(['2026-02-23T07:30:00+07:00', '2026-02-23T17:00:00+07:00']);
  });

  it('skips the 2025 National Day break and the swapped days of 2026', () => {
    expect(deadline('2025-08-29T10:00', 1)[1]).toBe('2025-09-03T10:00:00+07:00');
    expect(deadline('2026-01-09T10:00', 1)[1]).toBe('2026-01-10T10:00:00+07:00'); // working Sat 10 Jan
    expect(deadline('2026-08-21T10:00', 2)[1]).toBe('2026-08-24T10:00:00+07:00'); // via working Sat 22 Aug
  });

  it('takes hours per day from the sessions', () => {
    const short: UnitSchedule = {
      sessions: [
        { start: '08:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      weekdays: [1, 2, 3, 4, 5],
      cutoff: '15:00',
    };
    expect(hoursPerDay(schedule)).toBe(8);
    expect(hoursPerDay(short)).toBe(7);
    expect(deadline('2026-03-02T08:00', 0.5, short)[1]).toBe('2026-03-02T11:30:00+07:00');
    expect(deadline('2026-03-02T08:00', 1, short)[1]).toBe('2026-03-02T17:00:00+07:00');
  });

  it('gives the same answer whatever the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(deadline('2025-04-25T16:00', 1)[1]).toBe('2025-04-26T17:00:00+07:00');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('rejects negative, infinite and NaN working days, and bad schedules', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => deadline('2026-03-02T09:00', bad)).toThrow(RangeError);
    }
    const overlapping = {
      ...schedule,
      sessions: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    };
    expect(() => deadline('2026-03-02T09:00', 1, overlapping)).toThrow(RangeError);
    expect(() => deadline('2026-03-02T09:00', 1, { ...schedule, weekdays: [] })).toThrow(RangeError);
    expect(() => deadline('2026-03-02T09:00', 1, { ...schedule, weekdays: [0] })).toThrow(RangeError);
    expect(() => deadline('2026-03-02T09:00', 1, { ...schedule, sessions: [] })).toThrow(RangeError);
  });

  it('fails instead of looping when there is no working day', () => {
    const closed = new Calendar([], (year) => ({
      year,
      holidays: everyDay(year),
      workingDays: [],
      generated: true,
    }));
    expect(() =>
      computeDeadline({
        receivedAt: parseVnDate('2026-03-02T09:00'),
        workingDays: 1,
        schedule,
        calendar: closed,
      }),
    ).toThrow(/no working day/);
  });
});

describe('working time arithmetic', () => {
  const at = parseVnDate;
  const add = (from: string, hours: number) => formatVnIso(addWorkingMillis(at(from), hours * HOUR_MS, schedule, calendar));

  it('adds working hours forward across lunch, nights and weekends', () => {
    expect(add('2026-03-02T10:00', 2)).toBe('2026-03-02T13:30:00+07:00');
    expect(add('2026-03-06T16:00', 1)).toBe('2026-03-06T17:00:00+07:00');
    expect(add('2026-03-06T16:00', 1.5)).toBe('2026-03-09T08:00:00+07:00');
    expect(add('2026-03-07T12:00', 8)).toBe('2026-03-09T17:00:00+07:00'); // from a Saturday
  });

  it('subtracts working hours ("N working hours before due")', () => {
    expect(add('2026-03-03T09:00', -8)).toBe('2026-03-02T09:00:00+07:00');
    expect(add('2026-03-02T13:00', -1.5)).toBe('2026-03-02T10:00:00+07:00');
    expect(add('2026-03-02T17:00', -4)).toBe('2026-03-02T13:00:00+07:00'); // stops at a session start
    expect(add('2026-03-09T08:00', -8)).toBe('2026-03-06T08:00:00+07:00'); // back over a weekend
    expect(add('2026-02-23T07:30', -8)).toBe('2026-02-13T07:30:00+07:00'); // back over Tết
  });

  it('adds nothing for 0', () => {
    expect(add('2026-03-07T12:00', 0)).toBe('2026-03-07T12:00:00+07:00');
  });

  it('measures working time between instants, negative backwards', () => {
    const between = (a: string, b: string) => workingMillisBetween(at(a), at(b), schedule, calendar) / HOUR_MS;
    expect(between('2026-03-02T10:00', '2026-03-02T14:00')).toBe(2.5);
    expect(between('2026-03-02T14:00', '2026-03-02T10:00')).toBe(-2.5);
    expect(between('2026-03-06T16:00', '2026-03-09T08:00')).toBe(1.5);
    expect(between('2026-02-12T00:00', '2026-02-24T00:00')).toBe(24); // Thu, Fri, Mon 23
    expect(between('2026-03-07T08:00', '2026-03-07T18:00')).toBe(0); // Saturday
    expect(between('2026-03-02T18:00', '2026-03-03T07:00')).toBe(0); // night
  });
});

function everyDay(year: number): string[] {
  const days: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}
