import { describe, expect, it } from 'vitest';
import { formatFeedbackCode, intakeProblems, looksVietnamese, ratingWindowOpen, redact } from './rules';

const ok = {
  subject: 'Hẹn trả kết quả nhiều lần',
  content: 'Tôi nộp hồ sơ đã ba tuần mà chưa được trả kết quả.',
  contact: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
};

describe('Decree 20/2008 Art. 7 intake checks', () => {
  it('accepts a clear Vietnamese feedback with a name and a phone', () => {
    expect(intakeProblems(ok)).toEqual([]);
  });
  it('names the missing contact, the empty or overlong content, the language', () => {
    expect(intakeProblems({ ...ok, contact: { fullName: ' ', phone: '' } }).map((p) => p.code)).toEqual(['contact-name', 'contact-reach']);
    expect(intakeProblems({ ...ok, contact: { fullName: 'An', address: 'Số 1 Lý Thái Tổ' } })).toEqual([]);
    expect(intakeProblems({ ...ok, content: '   ' }).map((p) => p.code)).toEqual(['content-empty']);
    expect(intakeProblems({ ...ok, content: 'á'.repeat(20_000) }).map((p) => p.code)).toEqual(['content-too-long']);
    expect(
      intakeProblems({ ...ok, subject: 'Slow', content: 'The officer asked me to come back three times.' }).map((p) => p.field),
    ).toEqual(['content']);
  });
  it('Vietnamese typed without diacritics is Vietnamese', () => {
    expect(looksVietnamese('toi nop ho so da ba tuan ma chua duoc tra ket qua')).toBe(true);
    expect(looksVietnamese('please call me back tomorrow')).toBe(false);
  });
});

describe('rating window and codes', () => {
  const published = new Date('2026-03-02T02:00:00Z');
  it('open for 14 days after publication, closed before publication', () => {
    expect(ratingWindowOpen(published, new Date('2026-03-16T01:59:00Z'))).toBe(true);
    expect(ratingWindowOpen(published, new Date('2026-03-16T02:01:00Z'))).toBe(false);
    expect(ratingWindowOpen(null, published)).toBe(false);
  });
  it('codes look like dossier codes', () => {
    expect(formatFeedbackCode('HT', '260302', 7)).toBe('PA-HT-260302-0007');
  });
  it('redacts phones, ID numbers, e-mails and the sender name', () => {
    expect(redact('Tôi là Nguyễn Văn An, số 0912 345 678, CCCD 001234567890, an@x.vn', ['Nguyễn Văn An'])).toBe(
      'Tôi là [người gửi], số [số điện thoại], CCCD [số định danh], [email]',
    );
  });
});
