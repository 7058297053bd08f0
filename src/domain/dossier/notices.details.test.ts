// The citizen's status notice, field by field: the due time (not once the result is returned), what to do next,
// the tracking link, spaces collapsed.
import { describe, expect, test } from 'vitest';
import { statusNotice } from './notices';

const base = { code: 'HT-261126-0001', procedureName: 'Đăng ký khai sinh', trackUrl: 'https://motcua.example/tra-cuu?ma=HT-261126-0001' };

describe('status notice fields', () => {
  test('in progress with a due time: the appointment, no next step', () => {
    const n = statusNotice({ ...base, status: 'in-progress', dueAt: '17:00 09/03/2026' });
    expect(n).toEqual({
      sms: 'Motcua: HS HT-261126-0001: Dang xu ly. Hen tra: 17:00 09/03/2026. https://motcua.example/tra-cuu?ma=HT-261126-0001',
      subject: '[Motcua] Hồ sơ HT-261126-0001: Đang xử lý',
      text: 'Hồ sơ HT-261126-0001 (Đăng ký khai sinh): Đang xử lý. Hẹn trả: 17:00 09/03/2026. Tra cứu: https://motcua.example/tra-cuu?ma=HT-261126-0001',
    });
  });

  test('a supplement asked: what to do next, no appointment when there is no due time', () => {
    const n = statusNotice({ ...base, status: 'awaiting-supplement', dueAt: null });
    expect(n.text).toBe(
      'Hồ sơ HT-261126-0001 (Đăng ký khai sinh): Chờ bổ sung giấy tờ. Vui lòng bổ sung giấy tờ theo yêu cầu (trực tuyến hoặc tại Trung tâm). Tra cứu: https://motcua.example/tra-cuu?ma=HT-261126-0001',
    );
    expect(n.sms).toBe(
      'Motcua: HS HT-261126-0001: Cho bo sung giay to. Vui long bo sung giay to theo yeu cau (truc tuyen hoac tai Trung tam). https://motcua.example/tra-cuu?ma=HT-261126-0001',
    );
  });

  test('returned: no appointment any more, even with a due time', () => {
    const n = statusNotice({ ...base, status: 'returned', dueAt: '17:00 09/03/2026' });
    expect(n.text).toBe(
      'Hồ sơ HT-261126-0001 (Đăng ký khai sinh): Đã trả kết quả. Tra cứu: https://motcua.example/tra-cuu?ma=HT-261126-0001',
    );
    expect(n.sms).not.toContain('Hen tra');
  });

  test('result ready: where to collect it, with the appointment', () => {
    const n = statusNotice({ ...base, status: 'result-ready', dueAt: '17:00 09/03/2026' });
    expect(n.sms).toBe(
      'Motcua: HS HT-261126-0001: Da co ket qua. Hen tra: 17:00 09/03/2026. Da co ket qua; moi nhan tai noi da chon hoac tai tren Cong. https://motcua.example/tra-cuu?ma=HT-261126-0001',
    );
  });
});
