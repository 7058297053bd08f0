import { describe, expect, it } from 'vitest';

import { Calendar } from './calendar';
import { OFFICIAL_YEARS } from './official';
import { DEFAULT_SCHEDULE, type UnitSchedule } from './schedule';
import type { CalendarYear } from './year';

const calendar = new Calendar(OFFICIAL_YEARS);
const withSaturdays: UnitSchedule = {
  ...DEFAULT_SCHEDULE,
  weekdays: [1, 2, 3, 4, 5, 6],
};

describe('Calendar', () => {
  it('follows the official 2025 and 2026 decisions', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true); // swapped Saturday
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false); // the Friday it bought
    expect(calendar.isWorkingDay('2025-04-19')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false); // Hùng Kings
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true); // first day after Tết
    expect(calendar.isWorkingDay('2026-02-20')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // in lieu of Sun 26 Apr
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('generates the years it has no data for', () => {
    expect(calendar.getYear(2027).generated).toBe(true);
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false); // in lieu of Sat 1 May
    expect(calendar.isWorkingDay('2027-05-04')).toBe(true);
    expect(calendar.isWorkingDay('1990-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2100-12-31')).toBe(true); // a Friday
    expect(calendar.getYear(2025).generated).toBe(false);
  });

  it('uses the unit schedule for weekdays but holidays for everyone', () => {
    expect(calendar.isWorkingDay('2026-03-07', withSaturdays)).toBe(true);
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-01', withSaturdays)).toBe(false); // Labour Day on a Saturday
  });

  it('replaces a year without touching the original', () => {
    const corrected: CalendarYear = {
      year: 2027,
      holidays: ['2027-01-01', '2027-05-03'],
      workingDays: ['2027-05-08'],
      generated: false,
    };
    const next = calendar.withYear(corrected);
    expect(next.isWorkingDay('2027-02-08')).toBe(true);
    expect(next.isWorkingDay('2027-05-08')).toBe(true);
    expect(next.getYear(2027)).toEqual({ ...corrected });
    expect(next.isWorkingDay('2025-04-26')).toBe(true); // other official years kept
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
  });

  it('returns sorted, de-duplicated, frozen year data', () => {
    const cal = new Calendar([
      {
        year: 2030,
        holidays: ['2030-05-01', '2030-01-01', '2030-01-01'],
        workingDays: [],
        generated: false,
      },
    ]);
    const year = cal.getYear(2030);
    expect(year.holidays).toEqual(['2030-01-01', '2030-05-01']);
    expect(Object.isFrozen(year.holidays)).toBe(true);
  });

  it('takes another generator', () => {
    const noHolidays = new Calendar([], (year) => ({
      year,
      holidays: [],
      workingDays: [],
      generated: true,
    }));
    expect(noHolidays.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('rejects inconsistent data', () => {
    const y = (patch: Partial<CalendarYear>): CalendarYear => ({
      year: 2030,
      holidays: [],
      workingDays: [],
      generated: false,
      ...patch,
    });
    expect(() => new Calendar([y({}), y({})])).toThrow(/twice/);
    expect(() => new Calendar([y({ holidays: ['2031-01-01'] })])).toThrow(/not in 2030/);
    expect(() => new Calendar([y({ holidays: ['2030-01-05'], workingDays: ['2030-01-05'] })])).toThrow(/both/);
    expect(() => new Calendar([y({ holidays: ['2030-02-30'] })])).toThrow(RangeError);
    expect(() => new Calendar([y({ year: 1800 })])).toThrow(RangeError);
    expect(() => new Calendar([], (year) => y({ year: year + 1 })).isWorkingDay('2030-01-02')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2200-01-01')).toThrow(RangeError);
  });
});
