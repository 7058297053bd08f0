import { describe, expect, test } from 'vitest';
import { statusNotice, withoutDiacritics } from './notices';

describe('status notices', () => {
  test('SMS without diacritics, e-mail with them, each naming the code and the new status', () => {
    const n = statusNotice({
      code: 'HT-261126-0001',
      procedureName: 'Đăng ký khai sinh',
      status: 'awaiting-supplement',
      trackUrl: 'http://x/tra-cuu',
    });
    expect(n.sms).toMatch(/^Motcua: HS HT-261126-0001: Cho bo sung giay to\./);
    expect(n.sms).toBe(withoutDiacritics(n.sms));
    expect(n.text).toContain('Chờ bổ sung giấy tờ');
    expect(n.subject).toContain('HT-261126-0001');
  });
  test('đ becomes d', () => {
    expect(withoutDiacritics('Đã đăng ký')).toBe('Da dang ky');
  });
});
