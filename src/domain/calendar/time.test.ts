import { describe, expect, it } from 'vitest';

import { dateOfDayNumber, dayNumberOf, formatVnDate, formatVnIso, isoWeekday, parseTimeOfDay, parseVnDate } from './time';

describe('Vietnamese time', () => {
  it('reads wall time as UTC+7 and writes it back with +07:00', () => {
    const d = parseVnDate('2026-03-02T07:30');
    expect(d.toISOString()).toBe('2026-03-02T00:30:00.000Z');
    expect(formatVnIso(d)).toBe('2026-03-02T07:30:00+07:00');
  });

  it('writes milliseconds only when there are some', () => {
    expect(formatVnIso(new Date('2026-03-02T00:30:00.250Z'))).toBe('2026-03-02T07:30:00.250+07:00');
  });

  it('honours an explicit offset or Z', () => {
    expect(formatVnIso(parseVnDate('2026-03-01T20:00:00Z'))).toBe('2026-03-02T03:00:00+07:00');
    expect(formatVnIso(parseVnDate('2026-03-02T09:15:00+09:00'))).toBe('2026-03-02T07:15:00+07:00');
    expect(formatVnIso(parseVnDate('2026-03-02'))).toBe('2026-03-02T00:00:00+07:00');
  });

  it('gives the Vietnamese date of an instant near midnight', () => {
    expect(formatVnDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
    expect(formatVnDate(new Date('2025-12-31T16:59:59.999Z'))).toBe('2025-12-31');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const d = parseVnDate('2026-03-08T01:30');
      expect(formatVnIso(d)).toBe('2026-03-08T01:30:00+07:00');
      expect(formatVnDate(d)).toBe('2026-03-08');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('rejects what is not a date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '0050-01-01', '2025-1-1', '2025-01-01T24:00']) {
      expect(() => parseVnDate(bad)).toThrow(RangeError);
    }
    expect(() => dayNumberOf('2024-02-30')).toThrow(RangeError);
    expect(() => formatVnIso(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('numbers days and weekdays', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dateOfDayNumber(dayNumberOf('2100-12-31'))).toBe('2100-12-31');
    expect(isoWeekday(dayNumberOf('2026-03-02'))).toBe(1); // Monday
    expect(isoWeekday(dayNumberOf('2025-04-26'))).toBe(6); // Saturday
    expect(isoWeekday(dayNumberOf('1969-12-28'))).toBe(7); // Sunday, before the epoch
  });

  it('parses times of day', () => {
    expect(parseTimeOfDay('07:30')).toBe(27_000_000);
    expect(parseTimeOfDay('24:00')).toBe(86_400_000);
    for (const bad of ['7:30', '24:01', '12:60', 'noon']) {
      expect(() => parseTimeOfDay(bad)).toThrow(RangeError);
    }
  });
});
