// Periods of indicators and reports (pure).
import { describe, expect, test } from 'vitest';
import { MAX_PERIOD_YEARS, checkPeriod, monthOf, monthPeriod, previousMonth, quarterPeriod, reportingWindow, yearPeriod } from './periods';

describe('periods', () => {
  test('a range of real days, in order, under five years', () => {
    expect(MAX_PERIOD_YEARS).toBe(5);
    expect(checkPeriod('2026-01-01', '2026-01-31')).toBeNull();
    expect(checkPeriod('2026-01-01', '2026-01-01')).toBeNull();
    expect(checkPeriod('2026-01-02', '2026-01-01')).toBe('period-invalid');
    expect(checkPeriod('2026-02-30', '2026-03-01')).toBe('period-invalid');
    expect(checkPeriod('2026-01-01', '2026-13-01')).toBe('period-invalid');
    expect(checkPeriod('2026-1-01', '2026-02-01')).toBe('period-invalid');
    expect(checkPeriod('2026-01-01', '2026-02-01x')).toBe('period-invalid');
    expect(checkPeriod('x2026-01-01', '2026-02-01')).toBe('period-invalid');
    expect(checkPeriod('2026-01-01', '2030-12-31')).toBeNull();
    expect(checkPeriod('2026-01-01', '2031-01-01')).toBe('period-too-long');
    expect(checkPeriod('2026-03-15', '2031-03-14')).toBeNull();
    expect(checkPeriod('2026-03-15', '2031-03-15')).toBe('period-too-long');
    expect(checkPeriod('0999-03-15', '1004-03-15')).toBe('period-too-long');
    expect(checkPeriod('0999-03-15', '1004-03-14')).toBeNull();
  });

  test('calendar periods', () => {
    expect(monthPeriod(2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod(2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(quarterPeriod(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(monthOf('2026-07-19')).toEqual({ from: '2026-07-01', to: '2026-07-31' });
    expect(previousMonth('2026-07-19')).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(previousMonth('2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  test('reporting windows of Decree 09/2019 Art. 12', () => {
    expect(reportingWindow(2026, 3, 3)).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(reportingWindow(2026, 6, 6)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(reportingWindow(2026, 12, 12)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(reportingWindow(2026, 9, 3)).toEqual({ from: '2026-06-15', to: '2026-09-14' });
    expect(reportingWindow(2026, 3, 3, 1)).toEqual({ from: '2025-12-01', to: '2026-02-28' });
  });
});
