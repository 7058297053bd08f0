// Dates, appointments, file sizes and money as people read them in Vietnam, whatever the machine's time zone.
import { describe, expect, it } from 'vitest';
import { money } from '../catalogue';
import type { T } from '../i18n';
import { appointmentText, dateOnly, dateTime, fileSize, sessionsText, weekdaysText } from './format';

const t = ((key: string) => `<${key}>`) as T;

describe('dates in Vietnam time', () => {
  // 2026-11-28 07:30 UTC is 14:30 in Hà Nội (UTC+7), whatever the test machine's zone.
  const iso = '2026-11-28T07:30:00Z';

  it('the appointment as the receipt says it, in either language', () => {
    expect(appointmentText(iso, 'vi')).toBe('14 giờ 30, ngày 28/11/2026');
    expect(appointmentText(iso, 'en')).toBe('14:30 on 28/11/2026');
  });

  it('crosses midnight into the next day in Vietnam', () => {
    expect(appointmentText('2026-12-31T17:05:00Z', 'vi')).toBe('00 giờ 05, ngày 01/01/2027');
    expect(dateOnly('2026-12-31T17:05:00Z')).toBe('01/01/2027');
  });

  it('a plain date stays that date (no time-zone shift); a date-time is read in Vietnam', () => {
    expect(dateOnly('2026-03-09')).toBe('09/03/2026');
    expect(dateOnly('2026-03-09T16:59:59Z')).toBe('09/03/2026');
    expect(dateOnly('2026-03-09T17:00:00Z')).toBe('10/03/2026');
  });

  it('dd/mm/yyyy hh:mm with the day first', () => {
    const vi = dateTime(iso, 'vi');
    expect(vi).toContain('28/11/2026');
    expect(vi).toContain('14:30');
    expect(dateTime(iso, 'en')).toBe('28/11/2026, 14:30');
  });

  it('text that is not a date comes back unchanged', () => {
    expect(dateTime('không phải ngày', 'vi')).toBe('không phải ngày');
    expect(appointmentText('x', 'en')).toBe('x');
    expect(dateOnly('x')).toBe('x');
  });
});

describe('office hours', () => {
  it('consecutive days as a range, others as a list, none as a dash', () => {
    expect(weekdaysText([5, 1, 2, 3, 4], t)).toBe('<wd.1> – <wd.5>');
    expect(weekdaysText([1, 3, 5], t)).toBe('<wd.1>, <wd.3>, <wd.5>');
    expect(weekdaysText([6, 7], t)).toBe('<wd.6>, <wd.7>');
    expect(weekdaysText([], t)).toBe('—');
  });
  it('sessions joined with en dashes', () => {
    expect(
      sessionsText([
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ]),
    ).toBe('07:30–11:30, 13:30–17:00');
    expect(sessionsText([])).toBe('');
  });
});

describe('sizes and money', () => {
  it('file sizes in B, KB and MB', () => {
    expect(fileSize(0)).toBe('0 B');
    expect(fileSize(1023)).toBe('1023 B');
    expect(fileSize(1024)).toBe('1 KB');
    expect(fileSize(1024 * 1024 - 1)).toBe('1024 KB');
    expect(fileSize(1024 * 1024)).toBe('1.0 MB');
    expect(fileSize(5.5 * 1024 * 1024)).toBe('5.5 MB');
  });
  it('đồng with Vietnamese grouping; VND in English', () => {
    expect(money(15000, 'vi')).toBe('15.000 đồng');
    expect(money(1250000, 'vi')).toBe('1.250.000 đồng');
    expect(money(15000, 'en')).toBe('15,000 VND');
    expect(money(0, 'vi')).toBe('0 đồng');
  });
});
