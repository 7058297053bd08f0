import { describe, expect, it } from 'vitest';
import { parseVnDate } from '../domain/calendar/time';
import { dateLine, formatMoney, formatNumber, formatShortTime, formatTime, placeOf, sentence } from './format';
import { unit } from './test-support';

describe('form values', () => {
  it('shows times in Vietnamese civil time (UTC+7), to the minute', () => {
    // 02:05 UTC is 09:05 in Vietnam; 17:30 UTC is already the next day there.
    expect(formatTime(new Date('2026-11-26T02:05:00Z'))).toBe('09 giờ 05 phút, ngày 26/11/2026');
    expect(formatTime(new Date('2026-12-31T17:30:00Z'))).toBe('00 giờ 30 phút, ngày 01/01/2027');
    expect(formatShortTime(parseVnDate('2026-03-02T07:30'))).toBe('07:30 02/03/2026');
  });

  it('writes the date line as Decree 30/2020 wants: leading zero for days below 10 and for months 1 and 2 only', () => {
    expect(dateLine('Hạc Thành', parseVnDate('2026-03-05T10:00'))).toBe('Hạc Thành, ngày 05 tháng 3 năm 2026');
    expect(dateLine('Hạc Thành', parseVnDate('2026-02-14T10:00'))).toBe('Hạc Thành, ngày 14 tháng 02 năm 2026');
    expect(dateLine('', parseVnDate('2026-11-26T10:00'))).toBe('Ngày 26 tháng 11 năm 2026');
  });

  it('groups money and numbers the Vietnamese way', () => {
    expect(formatMoney(10_000)).toBe('10.000 đồng');
    expect(formatMoney(1_250_000)).toBe('1.250.000 đồng');
    expect(formatMoney(0)).toBe('0 đồng');
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(1234.25)).toBe('1.234,25');
  });

  it('takes the place from the unit, or from the locality in its names', () => {
    expect(placeOf(unit)).toBe('Hạc Thành');
    expect(placeOf({ ...unit, name: 'Bộ phận một cửa', parentName: 'UBND XÃ QUẢNG PHÚ' })).toBe('Quảng Phú');
    expect(placeOf({ ...unit, name: 'Trung tâm Phục vụ hành chính công', parentName: 'UBND TỈNH THANH HÓA' })).toBe('Thanh Hóa');
    expect(placeOf({ ...unit, place: 'Thanh Hóa' })).toBe('Thanh Hóa');
    expect(placeOf({ ...unit, name: 'Văn phòng', parentName: 'Sở Tư pháp' })).toBe('');
  });

  it('closes free text with one full stop', () => {
    expect(sentence('thiếu tờ khai')).toBe('thiếu tờ khai.');
    expect(sentence('thiếu tờ khai. ')).toBe('thiếu tờ khai.');
  });
});
