// The catalogue review (issue 17): for each procedure, what its version under review changes against the previous
// published version (the e-form's fields are in publication.ts; here the procedure's elements), where a unit of
// the province handles it differently from the others (fees charged, reception hours, Saturday reception,
// reception points), and whether its processing time differs from the time the law sets. Pure.
import { computeFee, type FeeRule } from './procedure';
import { ELEMENT_LABELS, type Element, type ElementSource } from './publication';

/** What the review reads of a version: the element check's source with the shapes it prints. */
export type ReviewSource = Omit<ElementSource, 'steps' | 'components' | 'channels' | 'legalBasis' | 'fee'> & {
  steps?: { name: string }[] | null;
  components?: { name: string; mandatory?: boolean }[] | null;
  channels?: string[] | null;
  legalBasis?: { number: string }[] | null;
  fee?: FeeRule | null;
};

const CHANNEL_VI: Record<string, string> = { 'in-person': 'trực tiếp', online: 'trực tuyến', postal: 'bưu chính' };

/** A fee rule as a person reads it. */
export function describeFee(fee: FeeRule | null | undefined): string {
  if (!fee) return '—';
  switch (fee.kind) {
    case 'free':
      return 'Miễn phí';
    case 'fixed':
      return `${fee.amount.toLocaleString('vi-VN')} đồng`;
    case 'per-unit':
      return `${fee.firstUnitPrice.toLocaleString('vi-VN')} đồng/đơn vị đầu, ${fee.nextUnitPrice.toLocaleString('vi-VN')} đồng/đơn vị tiếp theo`;
  }
}

/** Each element of a version in one line, in the law's order (`who` is the procedure's, not a version's). */
export function describeElements(p: ReviewSource): Record<Exclude<Element, 'who'>, string> {
  return {
    name: p.name?.trim() || '—',
    sequence: (p.steps ?? []).map((s) => s.name).join(' → ') || '—',
    manner: (p.channels ?? []).map((c) => CHANNEL_VI[c] ?? c).join(', ') || '—',
    components: (p.components ?? []).map((c) => `${c.name}${c.mandatory === false ? ' (nếu có)' : ''}`).join('; ') || '—',
    time: typeof p.processingDays === 'number' ? `${p.processingDays} ngày làm việc` : '—',
    result: p.resultType?.trim() || '—',
    fee: describeFee(p.fee),
    legalBasis: (p.legalBasis ?? []).map((l) => l.number).join('; ') || '—',
  };
}

export type ElementChange = { element: Element; vi: string; en: string; before: string; now: string };

/** The elements that differ between the previous published version and the one reviewed. */
export function diffElements(before: ReviewSource | null, after: ReviewSource): ElementChange[] {
  if (!before) return [];
  const a = describeElements(before);
  const b = describeElements(after);
  return (Object.keys(b) as (keyof typeof b)[])
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ element: k, vi: ELEMENT_LABELS[k].vi, en: ELEMENT_LABELS[k].en, before: a[k], now: b[k] }));
}

/** How one unit of the province handles a procedure. */
export type UnitPractice = {
  unitId: string;
  name: string;
  /** The unit has the procedure enabled (receives it). */
  handles: boolean;
  /** The fee most often charged on its dossiers of the procedure lately; null without dossiers. */
  feeCharged: number | null;
  /** The unit's reception cut-off (after it, counting starts the next working day). */
  cutoffTime: string;
  saturdayReception: boolean;
  /** Reception points where the procedure can be handed in for this unit. */
  receptionPoints: number;
};

export const UNIT_DIFFERENCES = ['not-handled', 'fee', 'cutoff', 'saturday', 'no-reception-point'] as const;
export type UnitDifference = (typeof UNIT_DIFFERENCES)[number];

export const UNIT_DIFFERENCE_LABELS: Record<UnitDifference, { vi: string; en: string }> = {
  'not-handled': { vi: 'Không tiếp nhận thủ tục trong khi các đơn vị khác có', en: 'Does not receive it while the other units do' },
  fee: { vi: 'Mức thu khác các đơn vị khác (hoặc khác mức công bố)', en: 'Charges a fee unlike the other units (or the published fee)' },
  cutoff: { vi: 'Giờ chốt tiếp nhận khác các đơn vị khác', en: 'Reception cut-off time unlike the other units' },
  saturday: { vi: 'Tiếp nhận thứ Bảy khác các đơn vị khác', en: 'Saturday reception unlike the other units' },
  'no-reception-point': { vi: 'Tiếp nhận nhưng không có điểm tiếp nhận', en: 'Receives it but has no reception point' },
};

/** The value most units share (ties: the first met); undefined for an empty list. */
function modeOf<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts)
    if (c > n) {
      best = v;
      n = c;
    }
  return best;
}

/**
 * Where each unit differs from the others: a unit is compared with what most units handling the procedure do.
 * The fee is compared with the others' usual fee, or, when fewer than two units have charged it, with the smallest
 * fee the catalogue states.
 */
export function unitDifferences(units: UnitPractice[], fee: FeeRule): (UnitPractice & { differs: UnitDifference[] })[] {
  const handling = units.filter((u) => u.handles);
  const charged = handling.map((u) => u.feeCharged).filter((x): x is number => x !== null);
  const usualFee = charged.length >= 2 ? modeOf(charged) : computeFee(fee);
  const usualCutoff = modeOf(handling.map((u) => u.cutoffTime));
  const usualSaturday = modeOf(handling.map((u) => u.saturdayReception));
  const mostHandle = handling.length * 2 > units.length;
  return units.map((u) => {
    const differs: UnitDifference[] = [];
    if (!u.handles) {
      if (mostHandle) differs.push('not-handled');
      return { ...u, differs };
    }
    if (u.feeCharged !== null && usualFee !== undefined && u.feeCharged !== usualFee) differs.push('fee');
    if (handling.length > 1 && u.cutoffTime !== usualCutoff) differs.push('cutoff');
    if (handling.length > 1 && u.saturdayReception !== usualSaturday) differs.push('saturday');
    if (u.receptionPoints === 0) differs.push('no-reception-point');
    return { ...u, differs };
  });
}

export type TimeCheck = { processingDays: number; legalDays: number | null; differs: boolean; longer: boolean };

/** The processing time against the time the law sets (unknown when the law's time was not recorded). */
export function checkTime(processingDays: number, legalDays: number | null): TimeCheck {
  const differs = legalDays !== null && Math.abs(processingDays - legalDays) > 1e-9;
  return { processingDays, legalDays, differs, longer: differs && processingDays > (legalDays ?? 0) };
}
