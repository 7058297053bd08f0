import { describe, expect, it } from 'vitest';
import { publicNote } from './notes';

describe('public notes', () => {
  it('drops the demo data’s unconfirmed remarks and keeps the rest', () => {
    expect(publicNote('05 ngày làm việc. unconfirmed: thời hạn sau Nghị định 18/2026/NĐ-CP')).toBe('05 ngày làm việc.');
    expect(publicNote('unconfirmed: mã thủ tục')).toBe('');
    expect(publicNote('Trong ngày.')).toBe('Trong ngày.');
    expect(publicNote(undefined)).toBe('');
  });
});
