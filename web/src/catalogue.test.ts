// The catalogue's texts as people read them: processing time, the fee rule in words, what to bring (both languages).
import { describe, expect, it } from 'vitest';
import { componentForms, daysText, feeText, money, noteText, type FeeRule } from './catalogue';
import type { T } from './i18n';
import { en as EN } from './i18n/en';
import { vi as VI, type Messages } from './i18n/vi';

// The dictionaries themselves, with the placeholders filled as the app's `t` does (i18n/index.ts reads the browser's
// preferences at import, so it is not imported here).
const tr =
  (m: Messages): T =>
  (key, params) =>
    m[key].replace(/\{(\w+)\}/g, (x, name: string) => (params && name in params ? String(params[name]) : x));
const vi = tr(VI);
const en = tr(EN);

describe('money and processing time', () => {
  it('money in đồng (vi) and VND (en), grouped as each language writes numbers', () => {
    expect(money(0, 'vi')).toBe('0 đồng');
    expect(money(1_250_000, 'en')).toBe('1,250,000 VND');
  });

  it('same day, or working days with fractions in the language’s own way', () => {
    expect(daysText(0, vi, 'vi')).toBe('Trong ngày');
    expect(daysText(0, en, 'en')).toBe('Same day');
    expect(daysText(0.5, vi, 'vi')).toBe('0,5 ngày làm việc');
    expect(daysText(0.5, en, 'en')).toBe('0.5 working days');
    expect(daysText(12, vi, 'vi')).toBe('12 ngày làm việc');
    expect(daysText(1 / 3, en, 'en')).toBe('0.33 working days');
  });
});

describe('the fee rule in words', () => {
  const perUnit = (over: Record<string, unknown>) =>
    ({ kind: 'per-unit', unitLabel: 'trang', firstUnits: 0, firstUnitPrice: 0, nextUnitPrice: 0, ...over }) as unknown as FeeRule;

  it('free and fixed', () => {
    expect(feeText({ kind: 'free' } as FeeRule, vi, 'vi')).toBe('Miễn phí');
    expect(feeText({ kind: 'fixed', amount: 8000 } as FeeRule, vi, 'vi')).toBe('8.000 đồng');
    expect(feeText({ kind: 'fixed', amount: 8000 } as FeeRule, en, 'en')).toBe('8,000 VND');
  });

  it('per page: a first price for the first pages, then the next price, and a cap per copy', () => {
    const f = perUnit({ firstUnits: 2, firstUnitPrice: 2000, nextUnitPrice: 1000, capPerCopy: 200_000 });
    expect(feeText(f, vi, 'vi')).toBe('2.000 đồng/trang cho 2 trang đầu; từ trang thứ 3: 1.000 đồng/trang; tối đa 200.000 đồng/bản');
    expect(feeText(f, en, 'en')).toBe(
      '2,000 VND per trang for the first 2; from trang 3: 1,000 VND per trang; at most 200,000 VND per copy',
    );
  });

  it('one price per page when the first pages cost the same, or when there are none; the first price if no next price', () => {
    expect(feeText(perUnit({ firstUnits: 2, firstUnitPrice: 1000, nextUnitPrice: 1000 }), vi, 'vi')).toBe('1.000 đồng/trang');
    expect(feeText(perUnit({ firstUnits: 0, firstUnitPrice: 3000, nextUnitPrice: 1000 }), vi, 'vi')).toBe('1.000 đồng/trang');
    expect(feeText(perUnit({ firstUnits: 0, firstUnitPrice: 3000, nextUnitPrice: 0 }), vi, 'vi')).toBe('3.000 đồng/trang');
    expect(feeText(perUnit({ firstUnits: 0, nextUnitPrice: 1000, capPerCopy: 0 }), vi, 'vi')).toBe('1.000 đồng/trang; tối đa 0 đồng/bản');
  });

  it('an unconfirmed figure is said so in the UI language', () => {
    expect(noteText(undefined, vi)).toBe('');
    expect(noteText('', vi)).toBe('');
    expect(noteText('unconfirmed: theo Thông tư 85/2019', vi)).toBe('(Mức chưa được xác nhận chính thức) theo Thông tư 85/2019');
    expect(noteText('Unconfirmed:fee', en)).toBe('(Not yet officially confirmed) fee');
    expect(noteText('confirmed by the province', en)).toBe('confirmed by the province');
  });
});

describe('what to bring for one component', () => {
  const c = (originals: number, copies: number, accepted: string[]) =>
    ({ originals, copies, accepted }) as Parameters<typeof componentForms>[0];

  it('originals, copies, and the forms accepted', () => {
    expect(componentForms(c(1, 2, ['paper']), vi)).toBe('1 bản chính · 2 bản sao');
    expect(componentForms(c(1, 0, ['paper', 'presented', 'electronic']), vi)).toBe('1 bản chính · hoặc xuất trình · nhận bản điện tử');
    expect(componentForms(c(0, 1, ['paper', 'electronic']), en)).toBe('1 copy(ies) · electronic accepted');
  });

  it('shown only: said unless the page shows it elsewhere', () => {
    expect(componentForms(c(0, 0, ['presented']), vi)).toBe('Chỉ xuất trình');
    expect(componentForms(c(0, 0, ['presented']), vi, { skipPresented: true })).toBe('');
    // Paper accepted too, or copies asked: not "shown only".
    expect(componentForms(c(0, 0, ['presented', 'paper']), vi)).toBe('hoặc xuất trình');
    expect(componentForms(c(0, 1, ['presented']), vi, { skipPresented: true })).toBe('1 bản sao · hoặc xuất trình');
  });
});
