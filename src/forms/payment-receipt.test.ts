// The electronic receipt: the amount in Vietnamese words, and what the PDF says.
import { describe, expect, it } from 'vitest';
import { parseVnDate } from '../domain/calendar/time';
import { amountInWords, renderPaymentReceipt } from './payment-receipt';
import { pdfText, unit } from './test-support';

describe('amountInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [25, 'Hai mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [1_001, 'Một nghìn không trăm linh một đồng'],
    [50_000, 'Năm mươi nghìn đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [1_050_000, 'Một triệu không trăm năm mươi nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [2_000_000_000, 'Hai tỷ đồng'],
  ])('%i → %s', (n, words) => {
    expect(amountInWords(n)).toBe(words);
  });
  it('refuses what is not a whole, non-negative amount', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});

describe('renderPaymentReceipt', () => {
  it('shows the number, payer, amount in digits and words, the paid time in Vietnam time and the gateway reference', async () => {
    const paidAt = parseVnDate('2026-03-05T09:15');
    const pdf = await renderPaymentReceipt({
      receiptNo: 'BL-2026-000123',
      unit,
      payer: { fullName: 'Nguyễn Thị Hường', idNumber: '038186001234' },
      amount: 50_000,
      description: 'Lệ phí đăng ký khai sinh',
      paidAt,
      gatewayRef: 'SIM0123456789ABCDEF01',
      paymentId: '5b0c7c1e-8f52-4f7e-9d38-3d0a1d2c9e11',
      issuedAt: paidAt,
    });
    const { pages, info } = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0]!.text;
    for (const s of [
      'BIÊN LAI THU PHÍ, LỆ PHÍ',
      'Số: BL-2026-000123',
      'Nguyễn Thị Hường',
      '038186001234',
      '50.000 đồng',
      'Năm mươi nghìn đồng',
      'Lệ phí đăng ký khai sinh',
      '09 giờ 15 phút, ngày 05/03/2026',
      'UTC+07:00',
      'SIM0123456789ABCDEF01',
      'Hạc Thành, ngày 05 tháng 3 năm 2026',
    ])
      expect(text).toContain(s);
    expect(info.Title).toBe('Biên lai thu phí, lệ phí');
  });
});
