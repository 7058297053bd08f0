// Fee computation and Vietnamese folding, free of zod so the light public web pages can import them.

/** The fee rules a procedure may have (validated by `FeeRule` in procedure.ts). */
export type FeeRuleShape =
  | { kind: 'free' }
  | { kind: 'fixed'; amount: number }
  | { kind: 'per-unit'; firstUnits: number; firstUnitPrice: number; nextUnitPrice: number; capPerCopy?: number };

/**
 * The fee for a request, in đồng. Per-unit fees (certified copies: 2,000 đ/page for pages 1–2, then
 * 1,000 đ/page, at most 200,000 đ a copy) are computed per copy, then multiplied by the number of copies.
 */
export function computeFee(fee: FeeRuleShape, req: { units?: number; copies?: number } = {}): number {
  const copies = Math.max(1, Math.floor(req.copies ?? 1));
  switch (fee.kind) {
    case 'free':
      return 0;
    case 'fixed':
      return fee.amount * copies;
    case 'per-unit': {
      const units = Math.max(0, Math.floor(req.units ?? 1));
      const first = Math.min(units, fee.firstUnits);
      const perCopy = first * fee.firstUnitPrice + (units - first) * fee.nextUnitPrice;
      return Math.min(perCopy, fee.capPerCopy ?? Number.POSITIVE_INFINITY) * copies;
    }
  }
}

/** Lower-case, no diacritics, đ → d: the same folding the database applies (motcua_fold) for search. */
export function foldVietnamese(s: string): string {
  return s
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
