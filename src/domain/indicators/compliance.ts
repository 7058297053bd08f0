// Compliance thresholds (pure): a unit with more signals of a kind in a calendar month than its province
// allows has crossed the threshold; the crossing is recorded once per unit, kind and month.
import { SIGNAL_KINDS, type Signal } from './facts';

export type Threshold = { kind: Signal; maxPerMonth: number };
export type SignalCount = { unitId: string; kind: Signal; count: number };
export type Crossing = SignalCount & { threshold: number };

/** Built-in thresholds a province starts with (per unit and month); a province admin changes them. */
export const DEFAULT_THRESHOLDS: Readonly<Record<Signal, number>> = {
  'late-result-update': 3,
  'late-step': 10,
  'registry-data-demanded': 5,
  'notice-after-deadline': 3,
  'unsigned-notice': 0,
  'withdrawal-without-request': 0,
  'not-digitised': 10,
  'vague-answer': 3,
};

/** The province's thresholds: its own rows over the defaults. */
export function effectiveThresholds(rows: readonly Threshold[]): Threshold[] {
  const own = new Map(rows.map((r) => [r.kind, r.maxPerMonth]));
  return SIGNAL_KINDS.map((kind) => ({ kind, maxPerMonth: own.get(kind) ?? DEFAULT_THRESHOLDS[kind] }));
}

/** The counts above their threshold (strictly more than allowed), worst excess first. */
export function crossings(counts: readonly SignalCount[], thresholds: readonly Threshold[]): Crossing[] {
  const max = new Map(thresholds.map((t) => [t.kind, t.maxPerMonth]));
  return counts
    .filter((c) => max.has(c.kind) && c.count > max.get(c.kind)!)
    .map((c) => ({ ...c, threshold: max.get(c.kind)! }))
    .sort((a, b) => b.count - b.threshold - (a.count - a.threshold) || a.unitId.localeCompare(b.unitId) || a.kind.localeCompare(b.kind));
}
