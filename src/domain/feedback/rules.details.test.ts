// Decree 20/2008 Art. 7 intake checks at their edges (each problem with its field), the Vietnamese test's
// thresholds (two known words and 15 % of the words), the rating window's last instant, and redaction.
import { describe, expect, it } from 'vitest';
import { CONTENT_MAX_CHARS, CONTENT_MIN_CHARS, intakeProblems, looksVietnamese, ratingWindowOpen, redact } from './rules';

const ok = {
  subject: 'Hẹn trả kết quả nhiều lần',
  content: 'Tôi nộp hồ sơ đã ba tuần mà chưa được trả kết quả.',
  contact: { fullName: 'Nguyễn Văn An', phone: '0912345678' } as { fullName?: string; phone?: string; address?: string },
};

describe('intake problems, each naming its field', () => {
  it('the sender’s name, missing or blank', () => {
    expect(intakeProblems({ ...ok, contact: { phone: '0912345678' } })).toEqual([{ field: 'contact.fullName', code: 'contact-name' }]);
    expect(intakeProblems({ ...ok, contact: { fullName: '  ', phone: '0912345678' } })).toEqual([
      { field: 'contact.fullName', code: 'contact-name' },
    ]);
  });

  it('a way to answer: a phone or an address that is not blank', () => {
    const reach = [{ field: 'contact.phone', code: 'contact-reach' }];
    expect(intakeProblems({ ...ok, contact: { fullName: 'An', phone: '   ' } })).toEqual(reach);
    expect(intakeProblems({ ...ok, contact: { fullName: 'An', address: '   ' } })).toEqual(reach);
    expect(intakeProblems({ ...ok, contact: { fullName: 'An', phone: ' ', address: ' ' } })).toEqual(reach);
    expect(intakeProblems({ ...ok, contact: { fullName: 'An', phone: '0912345678', address: ' ' } })).toEqual([]);
  });

  it('a subject that is not blank', () => {
    expect(intakeProblems({ ...ok, subject: '   ' })).toEqual([{ field: 'subject', code: 'subject-empty' }]);
  });

  it(`content of ${CONTENT_MIN_CHARS} to ${CONTENT_MAX_CHARS} characters, spaces around it aside`, () => {
    const vi = (n: number) => 'ô'.repeat(n);
    expect(intakeProblems({ ...ok, content: vi(CONTENT_MIN_CHARS) })).toEqual([]);
    expect(intakeProblems({ ...ok, content: `   ${vi(CONTENT_MIN_CHARS - 1)}   ` })).toEqual([{ field: 'content', code: 'content-empty' }]);
    expect(intakeProblems({ ...ok, content: vi(CONTENT_MAX_CHARS) })).toEqual([]);
    expect(intakeProblems({ ...ok, content: vi(CONTENT_MAX_CHARS + 1) })).toEqual([{ field: 'content', code: 'content-too-long' }]);
    expect(intakeProblems({ ...ok, subject: 'Slow', content: 'The officer asked me to come back three times.' })).toEqual([
      { field: 'content', code: 'content-not-vietnamese' },
    ]);
  });
});

describe('Vietnamese without diacritics: at least two known words, making at least 15 % of the words', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => 'x'.repeat(i + 2)).join(' ');
  it('one known word is not enough; two are', () => {
    expect(looksVietnamese('toi')).toBe(false);
    expect(looksVietnamese('toi khong')).toBe(true);
  });
  it('3 of 20 words (15 %) is enough; 2 of 14 (14.3 %) is not; 2 of 13 (15.4 %) is', () => {
    expect(looksVietnamese(`toi khong duoc ${filler(17)}`)).toBe(true);
    expect(looksVietnamese(`toi khong ${filler(12)}`)).toBe(false);
    expect(looksVietnamese(`toi khong ${filler(11)}`)).toBe(true);
  });
  it('punctuation around the text is not a word', () => {
    expect(looksVietnamese(`(toi khong ${filler(11)})`)).toBe(true);
    expect(looksVietnamese('... !!! 123')).toBe(false);
  });
});

describe('the rating window and redaction', () => {
  it('the window is open to the last millisecond of the 14th day', () => {
    const published = new Date('2026-03-02T02:00:00Z');
    expect(ratingWindowOpen(published, new Date('2026-03-16T02:00:00Z'))).toBe(true);
    expect(ratingWindowOpen(published, new Date('2026-03-16T02:00:00.001Z'))).toBe(false);
    expect(ratingWindowOpen(published, new Date('2026-03-03T02:00:00Z'), 1)).toBe(true);
  });

  it('e-mail addresses, phones written with the country code, the sender’s names (three letters or more)', () => {
    expect(redact('Liên hệ an@mail.vn hoặc 84912345678')).toBe('Liên hệ [email] hoặc [số điện thoại]');
    expect(redact('Gọi +84 912 345 678')).toBe('Gọi [số điện thoại]');
    expect(redact('Chị Lan và An đến', [' Lan ', 'An'])).toBe('Chị [người gửi] và An đến');
    expect(redact('Không có gì riêng tư')).toBe('Không có gì riêng tư');
  });
});
