import { describe, expect, it } from 'vitest';
import demo from '../../seed/demo-procedures.json' with { type: 'json' };
import { computeFee, foldVietnamese, ProcedureInput } from './procedure';

describe('fees', () => {
  const copyFee = {
    kind: 'per-unit',
    unitLabel: 'trang',
    firstUnits: 2,
    firstUnitPrice: 2000,
    nextUnitPrice: 1000,
    capPerCopy: 200_000,
  } as const;
  it('certified copies: 2,000 đ for each of the first two pages, then 1,000 đ a page', () => {
    expect(computeFee(copyFee, { units: 1 })).toBe(2000);
    expect(computeFee(copyFee, { units: 2 })).toBe(4000);
    expect(computeFee(copyFee, { units: 5 })).toBe(7000);
  });
  it('caps a copy at 200,000 đ and multiplies by copies', () => {
    expect(computeFee(copyFee, { units: 1000 })).toBe(200_000);
    expect(computeFee(copyFee, { units: 1000, copies: 3 })).toBe(600_000);
    expect(computeFee(copyFee, { units: 3, copies: 2 })).toBe(10_000);
  });
  it('free and fixed fees', () => {
    expect(computeFee({ kind: 'free' })).toBe(0);
    expect(computeFee({ kind: 'fixed', amount: 10_000 }, { copies: 2 })).toBe(20_000);
  });
});

describe('procedure validation', () => {
  it('accepts every demo procedure', () => {
    for (const p of demo) expect(ProcedureInput.safeParse(p).success, p.code).toBe(true);
  });
  it('refuses step shares that do not add up to 1, naming the field', () => {
    const r = ProcedureInput.safeParse({ ...demo[0], steps: [{ name: 'x', role: 'specialist', share: 0.5 }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['steps']);
  });
  it('refuses a malformed national code and more than two decimals of days', () => {
    expect(ProcedureInput.safeParse({ ...demo[0], code: '1001193' }).success).toBe(false);
    expect(ProcedureInput.safeParse({ ...demo[0], processingDays: 0.333 }).success).toBe(false);
    expect(ProcedureInput.safeParse({ ...demo[0], processingDays: 0.25 }).success).toBe(true);
  });
});

describe('folding for search', () => {
  it('drops diacritics and maps đ to d', () => {
    expect(foldVietnamese('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Chứng thực chữ ký')).toBe('chung thuc chu ky');
  });
});
