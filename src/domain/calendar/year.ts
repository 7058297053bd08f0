// Public holidays of one year, generated from the Labour Code 2019 (Art. 111–112)
// for years whose official decision is not (yet) in the data.
//
// The lunar dates come from @dqcai/vn-lunar: Hồ Ngọc Đức's Vietnamese lunar calendar
// (new moons and solar terms at UTC+7). Chinese-calendar libraries (UTC+8) put some
// new years a day later (2007, 2030, 2053), so they would be wrong here.
import { getSolarDate } from '@dqcai/vn-lunar';

import { dateOfDayNumber, dayNumberFromParts, isoWeekday } from './time';

/** Days off and swapped working days of one year, all 'YYYY-MM-DD'. */
export interface CalendarYear {
  year: number;
  /** Days off. May include weekly rest days (a range of days off, a holiday falling on a weekend). */
  holidays: string[];
  /** Weekly rest days worked instead, when the government swaps a day to join a bridge (e.g. Sat 2025-04-26). */
  workingDays: string[];
  /** True when made by {@link generateYear}, false when taken from an official decision. */
  generated: boolean;
}

export interface HolidayRuleOptions {
  /**
   * Tết days taken before lunar new year's day; the other 5 − n follow from it.
   * Decree 145/2020 lets the choice be 1, 2 or 3; the government mostly takes 1
   * (2026: the last day of the lunar year and the first four days), so 1 is the default.
   */
  tetDaysBefore?: 1 | 2 | 3;
  /** ISO weekdays of the weekly rest that moves a holiday (Art. 111(3)); default Saturday and Sunday. */
  restWeekdays?: readonly number[];
  /**
   * Fixed-date days off beyond Art. 112, for rules not yet confirmed (e.g. 24 Nov,
   * Vietnam Culture Day, reported from 2026).
   */
  extraHolidays?: readonly { month: number; day: number; name: string }[];
}

export interface PlannedHoliday {
  name: string;
  /** The day the holiday falls on. */
  date: string;
  /** The day off actually taken: `date`, or the day in lieu when `date` is a weekly rest day. */
  observed: string;
}

const DEFAULT_REST = [6, 7] as const;

/**
 * The 11 days of Art. 112 (plus `extraHolidays`) for a year, each with the day
 * it is observed on. These are today's rules applied to any year: years before
 * 2021 (Labour Code 2012, 10 days) come out approximately.
 */
export function planHolidays(year: number, options: HolidayRuleOptions = {}): PlannedHoliday[] {
  const tetDaysBefore = options.tetDaysBefore ?? 1;
  const restMask = (options.restWeekdays ?? DEFAULT_REST).reduce((m, w) => m | (1 << w), 0);
  const isRest = (day: number) => ((restMask >> isoWeekday(day)) & 1) === 1;
  const solar = (month: number, day: number) => dayNumberFromParts(year, month, day);

  const days: { name: string; day: number }[] = [{ name: 'new-year', day: solar(1, 1) }];

  const lunarNewYear = lunarToDayNumber(1, 1, year);
  for (let i = -tetDaysBefore; i < 5 - tetDaysBefore; i++) {
    days.push({ name: 'tet', day: lunarNewYear + i });
  }
  days.push({ name: 'hung-kings', day: lunarToDayNumber(10, 3, year) });
  days.push({ name: 'reunification', day: solar(4, 30) });
  days.push({ name: 'labour', day: solar(5, 1) });

  // 2 Sep plus one adjacent day. Recent decisions take 1 Sep, except when 3 Sep
  // bridges to the weekend (2021: Thu 2 → Fri 3) or 1 Sep is itself a rest day
  // (2024: Mon 2 → Tue 3); 2022, 2023, 2025 and 2026 took 1 Sep.
  const sep1 = solar(9, 1);
  const sep3 = solar(9, 3);
  const adjacent = isRest(sep1) || (!isRest(sep3) && isRest(sep3 + 1)) ? sep3 : sep1;
  days.push({ name: 'national-day', day: solar(9, 2) }, { name: 'national-day', day: adjacent });

  for (const extra of options.extraHolidays ?? []) {
    days.push({ name: extra.name, day: solar(extra.month, extra.day) });
  }

  // Art. 111(3): a holiday on a weekly rest day is taken on the next working day
  // that is not already a day off, in date order so two such holidays get two days.
  days.sort((a, b) => a.day - b.day);
  const taken = new Set(days.map((h) => h.day));
  return days.map(({ name, day }) => {
    let observed = day;
    if (isRest(day)) {
      observed = day + 1;
      while (isRest(observed) || taken.has(observed)) observed++;
      taken.add(observed);
    }
    return {
      name,
      date: dateOfDayNumber(day),
      observed: dateOfDayNumber(observed),
    };
  });
}

/** A year's days off by the rules: each holiday and its day in lieu; no swapped working days. */
export function generateYear(year: number, options: HolidayRuleOptions = {}): CalendarYear {
  const planned = planHolidays(year, options);
  // The holiday itself stays listed even when moved: a unit that works that weekday is closed on it too.
  const holidays = new Set(planned.flatMap((h) => [h.date, h.observed]));
  return {
    year,
    holidays: [...holidays].sort(),
    workingDays: [],
    generated: true,
  };
}

/** Solar day number of a day of a (non-leap) month of the Vietnamese lunar calendar. */
function lunarToDayNumber(day: number, month: number, lunarYear: number): number {
  const solar = getSolarDate(day, month, lunarYear, false);
  if (solar.year === 0) throw new RangeError(`lunar year out of range: ${lunarYear}`);
  return dayNumberFromParts(solar.year, solar.month, solar.day);
}
