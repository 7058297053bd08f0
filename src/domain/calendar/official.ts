// Days off for civil servants as announced by the government (see shared/domain.md,
// "Working days"). Weekend days inside a run of days off are listed too: harmless
// for a Monday–Friday unit, and right for a unit that works Saturdays.
import { dateOfDayNumber, dayNumberOf } from './time';
import type { CalendarYear } from './year';

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = dayNumberOf(from); d <= dayNumberOf(to); d++) days.push(dateOfDayNumber(d));
  return days;
}

export const OFFICIAL_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    holidays: [
      '2025-01-01',
      ...range('2025-01-25', '2025-02-02'), // Tết
      '2025-04-07', // Hùng Kings
      ...range('2025-04-30', '2025-05-04'), // Fri 2 May swapped for Sat 26 Apr
      ...range('2025-08-30', '2025-09-02'),
    ],
    workingDays: ['2025-04-26'],
    generated: false,
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01-01', '2026-01-04'), // Fri 2 Jan swapped for Sat 10 Jan
      ...range('2026-02-14', '2026-02-22'), // Tết
      '2026-04-26', // Hùng Kings, on a Sunday…
      '2026-04-27', // …so taken on Monday
      ...range('2026-04-30', '2026-05-03'),
      ...range('2026-08-29', '2026-09-02'), // Mon 31 Aug swapped for Sat 22 Aug
    ],
    workingDays: ['2026-01-10', '2026-08-22'],
    generated: false,
  },
];
