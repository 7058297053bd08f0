// Indicator values and scores from a period's counters (pure). Score = rate × max ÷ threshold below the
// threshold, full marks at or above it (domain-2 §1.2); a zero denominator is "no data" (null), never 0 %.
import type { Counter, IndicatorSet } from './sets';
import { emptyPublicityTally, type PublicityTally } from './publicity';
import type { Tally } from './tally';

export type IndicatorValue = {
  id: string;
  key: string;
  group: string;
  name: { vi: string; en: string };
  numerator: number;
  denominator: number;
  /** Fraction 0–1 (days for average-days); null = no data. */
  value: number | null;
  threshold: number | null;
  max: number;
  /** Null when there is no data or the indicator is not scored. */
  score: number | null;
};

export type GroupValue = { id: string; name: { vi: string; en: string }; max: number; available: number; score: number };
export type IndicatorResult = { setId: string; indicators: IndicatorValue[]; groups: GroupValue[]; total: number; available: number };

export const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;

/** Points for a rate: rate × max ÷ threshold below the threshold, max at or above it. */
export function scoreRate(rate: number, threshold: number, max: number): number {
  if (threshold <= 0) return max;
  return round2(rate >= threshold ? max : (rate * max) / threshold);
}

const PUBLICITY_COUNTERS = new Set<Counter>([
  'decisions',
  'decisionsAllOnTime',
  'publishedOnTime',
  'proceduresInForce',
  'proceduresComplete',
]);

export function counterValue(t: Tally, c: Counter, p: PublicityTally = emptyPublicityTally()): number {
  if (c === 'measured') return t.finished + t.openAtEnd;
  if (c === 'onTime') return t.finishedOnTime + t.openAtEnd - t.lateAtEnd;
  if (PUBLICITY_COUNTERS.has(c)) return p[c as keyof PublicityTally];
  return t[c as Exclude<Counter, keyof PublicityTally | 'measured' | 'onTime'>];
}

/** `p`: group 1's counters from the catalogue (publicity.ts); without them 1.1–1.3 have no data. */
export function computeIndicators(set: IndicatorSet, t: Tally, p: PublicityTally = emptyPublicityTally()): IndicatorResult {
  const values = new Map<string, IndicatorValue>();
  for (const d of set.indicators) {
    const numerator = counterValue(t, d.numerator, p);
    let denominator = counterValue(t, d.denominator, p);
    // 5.4 is measured over finished dossiers (complaints attach to finished handling).
    if (d.numerator === 'serviceSatisfied') denominator = t.finished;
    let value: number | null = null;
    if (denominator > 0) value = d.kind === 'average-days' ? round2(numerator / denominator / 86_400) : numerator / denominator;
    values.set(d.id, {
      id: d.id,
      key: d.key,
      group: d.group,
      name: d.name,
      numerator,
      denominator,
      value,
      threshold: d.threshold,
      max: d.max,
      score: null,
    });
  }
  for (const d of set.indicators) {
    const v = values.get(d.id)!;
    if (v.value === null || d.threshold === null || d.kind !== 'rate') continue;
    let rate = v.value;
    if (d.timesRateOf) {
      const other = values.get(d.timesRateOf)?.value;
      rate = other === null || other === undefined ? rate : rate * other;
    }
    v.score = scoreRate(rate, d.threshold, d.max);
  }
  const indicators = [...values.values()].map((v) => ({
    ...v,
    value: v.value === null ? null : set.indicators.find((d) => d.id === v.id)!.kind === 'average-days' ? v.value : round4(v.value),
  }));
  const groups = set.groups.map((g) => {
    const mine = indicators.filter((i) => i.group === g.id);
    return {
      id: g.id,
      name: g.name,
      max: g.max,
      available: mine.filter((i) => i.score !== null).reduce((s, i) => s + i.max, 0),
      score: round2(mine.reduce((s, i) => s + (i.score ?? 0), 0)),
    };
  });
  return {
    setId: set.id,
    indicators,
    groups,
    total: round2(groups.reduce((s, g) => s + g.score, 0)),
    available: groups.reduce((s, g) => s + g.available, 0),
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
