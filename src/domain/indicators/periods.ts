// Periods for indicators and reports (pure): calendar day/month/quarter/year, and the reporting windows of
// Decree 09/2019 Art. 12 (a quarter runs from the 15th of the month before it to the 14th of its last month;
// the start day is configurable).
import { addDays } from './facts';

export type PeriodError = 'period-invalid' | 'period-too-long';
export const MAX_PERIOD_YEARS = 5;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
function isDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Checks a from..to range of days (inclusive): both real dates, end not before start, at most 5 years. */
export function checkPeriod(from: string, to: string): PeriodError | null {
  if (!isDay(from) || !isDay(to) || to < from) return 'period-invalid';
  const limit = `${String(Number(from.slice(0, 4)) + MAX_PERIOD_YEARS).padStart(4, '0')}${from.slice(4)}`;
  if (to >= limit) return 'period-too-long';
  return null;
}

export type Period = { from: string; to: string };

function lastOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
const pad = (n: number) => String(n).padStart(2, '0');

export function monthPeriod(year: number, month: number): Period {
  return { from: `${year}-${pad(month)}-01`, to: lastOfMonth(year, month) };
}
export function quarterPeriod(year: number, q: number): Period {
  return { from: `${year}-${pad(q * 3 - 2)}-01`, to: lastOfMonth(year, q * 3) };
}
export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * A reporting window ending in `endMonth` of `year` and spanning `months` months: from the `startDay` of
 * the month before its first month to the day before `startDay` of its last month. Quarter q of year y:
 * reportingWindow(y, 3q, 3); half-year: (y, 6, 6); year: (y, 12, 12).
 */
export function reportingWindow(year: number, endMonth: number, months: number, startDay = 15): Period {
  const to = addDays(`${year}-${pad(endMonth)}-${pad(startDay)}`, -1);
  const startMonth = new Date(Date.UTC(year, endMonth - 1 - months, 1));
  const from = `${startMonth.toISOString().slice(0, 7)}-${pad(startDay)}`;
  return { from, to };
}

/** The month before a YYYY-MM-DD day's month, as a period, and the month of the day. */
export function monthOf(day: string): Period {
  return monthPeriod(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}
export function previousMonth(day: string): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}
