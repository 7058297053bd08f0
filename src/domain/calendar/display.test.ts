import { describe, expect, it } from 'vitest';
import { isoDayToVn, processingTimeText, vnDateTime, vnDay } from './display';

describe('dates as people read them', () => {
  it('writes dd/mm/yyyy and HH:mm dd/mm/yyyy in Vietnamese time', () => {
    const at = new Date('2026-11-26T16:24:00Z'); // 23:24 in Vietnam
    expect(vnDay(at)).toBe('26/11/2026');
    expect(vnDateTime(at)).toBe('23:24 26/11/2026');
    expect(vnDateTime(new Date('2026-11-26T17:05:00Z'))).toBe('00:05 27/11/2026');
  });

  it('turns stored ISO days into dd/mm/yyyy and leaves other text alone', () => {
    expect(isoDayToVn('1980-04-14')).toBe('14/04/1980');
    expect(isoDayToVn('14/04/1980')).toBe('14/04/1980');
    expect(isoDayToVn(undefined)).toBe('');
  });

  it('says "trong ngày" for a same-day procedure, never "0 ngày làm việc"', () => {
    expect(processingTimeText(0)).toBe('trong ngày');
    expect(processingTimeText(0.5)).toBe('0,5 ngày làm việc');
    expect(processingTimeText(3)).toBe('3 ngày làm việc');
    expect(processingTimeText(1.5)).toBe('1,5 ngày làm việc');
  });
});
