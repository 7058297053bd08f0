import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { OFFICIAL_YEARS } from './official';
import { dayNumberOf, isoWeekday } from './time';
import { generateYear, planHolidays } from './year';

const observedOf = (year: number, name: string) =>
  planHolidays(year)
    .filter((h) => h.name === name)
    .map((h) => h.date);

describe('lunar dates (Vietnamese calendar, UTC+7)', () => {
  it.each([
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
  ])('%i: lunar new year %s, Hùng Kings %s', (year, tet, hungKings) => {
    expect(observedOf(year, 'tet')).toContain(tet);
    expect(observedOf(year, 'hung-kings')).toEqual([hungKings]);
  });

  // Years where the Chinese calendar (UTC+8) starts a day later: a UTC+8 library fails here.
  it.each([
    [2007, '2007-02-17'],
    [2030, '2030-02-02'],
    [2053, '2053-02-18'],
  ])('%i starts on %s, not on the Chinese date', (year, newYear) => {
    expect(observedOf(year, 'tet')[1]).toBe(newYear);
  });
});

describe('planHolidays (Labour Code 2019 Art. 111–112)', () => {
  it('takes the last day of the lunar year and the first four days of the new one', () => {
    expect(observedOf(2026, 'tet')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('can take Tết days before new year differently', () => {
    const tet = planHolidays(2025, { tetDaysBefore: 2 }).filter((h) => h.name === 'tet');
    expect(tet.map((h) => h.date)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('moves a holiday on a weekly rest day to the next working day that is not a holiday', () => {
    const plan = planHolidays(2027);
    const moved = (date: string) => plan.find((h) => h.date === date)?.observed;
    expect(moved('2027-05-01')).toBe('2027-05-03'); // Saturday → Monday
    expect(moved('2027-02-06')).toBe('2027-02-10'); // Tết on Sat, Sun → after the Tết days
    expect(moved('2027-02-07')).toBe('2027-02-11');
    // Sun 30 Apr 2028: Mon 1 May is itself a holiday, so Tuesday.
    expect(planHolidays(2028).find((h) => h.date === '2028-04-30')?.observed).toBe('2028-05-02');
  });

  it.each([
    [2021, '2021-09-03'], // Thursday: Friday joins the weekend
    [2022, '2022-09-01'], // Friday
    [2023, '2023-09-01'], // Saturday
    [2024, '2024-09-03'], // Monday: 1 Sep is a Sunday
    [2025, '2025-09-01'], // Tuesday
    [2026, '2026-09-01'], // Wednesday
    [2029, '2029-09-03'], // Sunday: 1 Sep is a Saturday
  ])('%i: National Day is joined by %s', (year, adjacent) => {
    const days = planHolidays(year).filter((h) => h.name === 'national-day');
    expect(days.map((h) => h.date).sort()).toEqual([`${year}-09-02`, adjacent].sort());
  });

  it('adds configured extra days', () => {
    const plan = planHolidays(2026, {
      extraHolidays: [{ month: 11, day: 24, name: 'culture-day' }],
    });
    expect(plan).toHaveLength(12);
    expect(plan.find((h) => h.name === 'culture-day')?.observed).toBe('2026-11-24');
  });

  it('for any year 1990–2100: 11 days before moving, each taken on a distinct working day after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        const plan = planHolidays(year);
        expect(plan).toHaveLength(11);
        expect(new Set(plan.map((h) => h.date)).size).toBe(11);
        expect(new Set(plan.map((h) => h.observed)).size).toBe(11);
        for (const h of plan) {
          const observed = dayNumberOf(h.observed);
          expect(isoWeekday(observed)).toBeLessThanOrEqual(5);
          expect(observed).toBeGreaterThanOrEqual(dayNumberOf(h.date));
          if (isoWeekday(dayNumberOf(h.date)) <= 5) expect(h.observed).toBe(h.date);
        }
      }),
      { numRuns: 111 },
    );
  });
});

describe('generateYear', () => {
  it('lists each holiday and its day in lieu, with no swapped working days', () => {
    const year = generateYear(2027);
    expect(year.generated).toBe(true);
    expect(year.workingDays).toEqual([]);
    expect(year.holidays).toContain('2027-05-01');
    expect(year.holidays).toContain('2027-05-03');
    expect(year.holidays).toEqual([...year.holidays].sort());
  });

  it.each([2025, 2026])('%i agrees with the official decision on the rule-given days', (y) => {
    const official = OFFICIAL_YEARS.find((o) => o.year === y)!;
    const plan = planHolidays(y);
    // The government may shift Tết by a day or swap days (2025 took 27 Jan instead of
    // the day in lieu for Sat 1 Feb); the lunar days and fixed dates must match.
    const ruleDays = plan.filter((h) => isoWeekday(dayNumberOf(h.date)) <= 5).map((h) => h.date);
    const lunarObserved = plan.filter((h) => h.name === 'hung-kings').map((h) => h.observed);
    for (const date of [...ruleDays, ...lunarObserved]) expect(official.holidays).toContain(date);
  });
});
