// The citizen-rating report of TT 01/2018/TT-VPCP (Arts 13–15; domain-2 §1.3), per quarter or year, pure.
// Every per-dossier indicator comes as "marks" (one 2/1/0 score for one indicator, tied to a unit and, where
// known, an officer), from four sources:
//  - counter: the citizen's rating at the counter (indicators 3, 4, 6, 7), tied to the officer who served;
//  - result: each dossier ended in the period, indicator 1 (total time vs the legal limit): early 2, on time 1,
//    late 0 — tied to the officer who handled it;
//  - step: each processing step done in the period, indicator 2 (the step's time vs its quota): before its
//    budget 2, at it 1, after it 0 — tied to the officer who did the step;
//  - portal: the citizen's like/dislike of a dossier, read as indicator 7 (attitude): a dislike is a complaint
//    (0); a like is 2 when the dossier ended early, 1 otherwise — tied to the dossier's officer.
// Unit-level indicators: 8 (feedback handled on time, none raised again) and 9 (online share, no late online
// dossier) from the unit's own records; 5 (share decided at the one-stop unit) has no data here and is left
// out, as the circular leaves out indicators without data.
import {
  INDICATORS,
  officerResult,
  unitResult,
  type Answers,
  type IndicatorKey,
  type OfficerBand,
  type Score,
  type UnitBand,
} from '../queue/rating';

export type MarkSource = 'counter' | 'result' | 'step' | 'portal';
export type RatingMark = {
  unitId: string;
  officerId: string | null;
  indicator: IndicatorKey;
  score: Score;
  source: MarkSource;
  /** The rating it belongs to (counter: the rating's id; portal: the dossier's), to count ratings. */
  ratingId?: string;
};

/** What a unit's own records say for the unit-level indicators over the period. */
export type UnitRecords = {
  unitId: string;
  received: number;
  receivedOnline: number;
  /** Online dossiers ended late in the period. */
  lateOnline: number;
  feedback: number;
  feedbackOnTime: number;
  /** Feedback not rated unsatisfied and not raised again. */
  feedbackSettled: number;
  feedbackSatisfied: number;
  feedbackUnsatisfied: number;
};

/** Indicator 9: 2 = ≥ 30 % online and no late online dossier; 1 = 15 % to 30 %; 0 otherwise; null without dossiers. */
export function onlineScore(u: Pick<UnitRecords, 'received' | 'receivedOnline' | 'lateOnline'>): Score | null {
  if (u.received === 0) return null;
  const share = u.receivedOnline / u.received;
  if (share >= 0.3 && u.lateOnline === 0) return 2;
  return share >= 0.15 ? 1 : 0;
}

/** Indicator 8: 2 = every feedback on time and none raised again; 1 = ≥ 90 % on time; 0 otherwise; null without feedback. */
export function feedbackScore(u: Pick<UnitRecords, 'feedback' | 'feedbackOnTime' | 'feedbackSettled'>): Score | null {
  if (u.feedback === 0) return null;
  if (u.feedbackOnTime === u.feedback && u.feedbackSettled === u.feedback) return 2;
  return u.feedbackOnTime / u.feedback >= 0.9 ? 1 : 0;
}

export type Levels = { '2': number; '1': number; '0': number };
type Common = {
  /** Counter and portal ratings the citizens gave. */
  ratings: number;
  /** Marks per level, over every per-dossier indicator. */
  levels: Levels;
  likes: number;
  dislikes: number;
  /** Indicator scores (average of the marks, 1 decimal); indicators without data are absent. */
  scores: Partial<Record<IndicatorKey, number>>;
  total: number | null;
};
export type OfficerRow = Common & { officerId: string; unitId: string; band: OfficerBand | null };
export type UnitRow = Common & { unitId: string; band: UnitBand | null; records: UnitRecords };

/** The highest possible totals: an officer over 5 indicators, a unit over 9. */
export const OFFICER_MAX = 10;
export const UNIT_MAX = 18;

function common(marks: readonly RatingMark[]): Omit<Common, 'scores' | 'total'> & { answers: Answers[] } {
  const levels: Levels = { '2': 0, '1': 0, '0': 0 };
  const ids = new Set<string>();
  let likes = 0;
  let dislikes = 0;
  for (const m of marks) {
    levels[String(m.score) as keyof Levels]++;
    if (m.ratingId) ids.add(m.ratingId);
    if (m.source === 'portal') {
      if (m.score === 0) dislikes++;
      else likes++;
    }
  }
  return { ratings: ids.size, levels, likes, dislikes, answers: marks.map((m) => ({ [m.indicator]: m.score }) as Answers) };
}

/** Officer and unit rows of the report (officers with at least one mark; every unit asked for). */
export function citizenRatingReport(
  marks: readonly RatingMark[],
  units: readonly UnitRecords[],
): { units: UnitRow[]; officers: OfficerRow[] } {
  const byUnit = new Map<string, RatingMark[]>();
  const byOfficer = new Map<string, RatingMark[]>();
  for (const m of marks) {
    byUnit.set(m.unitId, [...(byUnit.get(m.unitId) ?? []), m]);
    if (m.officerId) {
      // An officer who worked in two units has one row per unit.
      const k = `${m.officerId}|${m.unitId}`;
      byOfficer.set(k, [...(byOfficer.get(k) ?? []), m]);
    }
  }
  const unitRows = units.map((u): UnitRow => {
    const c = common(byUnit.get(u.unitId) ?? []);
    const unitLevel: Partial<Record<IndicatorKey, Score>> = {};
    const online = onlineScore(u);
    const fb = feedbackScore(u);
    if (online !== null) unitLevel.online = online;
    if (fb !== null) unitLevel.feedback = fb;
    const r = unitResult(c.answers, unitLevel);
    return { unitId: u.unitId, ratings: c.ratings, levels: c.levels, likes: c.likes, dislikes: c.dislikes, ...r, records: u };
  });
  const officerRows = [...byOfficer].map(([k, ms]): OfficerRow => {
    const [officerId, unitId] = k.split('|') as [string, string];
    const c = common(ms);
    const r = officerResult(c.answers);
    // The officer's row lists only the officer's indicators (1, 2, 3, 4, 7).
    const scores = Object.fromEntries(Object.entries(r.scores).filter(([key]) => OFFICER_KEYS.includes(key as IndicatorKey))) as Partial<
      Record<IndicatorKey, number>
    >;
    return {
      officerId,
      unitId,
      ratings: c.ratings,
      levels: c.levels,
      likes: c.likes,
      dislikes: c.dislikes,
      scores,
      total: r.total,
      band: r.band,
    };
  });
  return { units: unitRows, officers: officerRows };
}

export const OFFICER_KEYS: readonly IndicatorKey[] = ['total-time', 'step-time', 'contacts', 'bodies', 'attitude'];
export const UNIT_KEYS: readonly IndicatorKey[] = INDICATORS.map((i) => i.key);

export const OFFICER_BAND_NAMES: Record<OfficerBand, { vi: string; en: string }> = {
  full: { vi: 'Hoàn thành 100% nhiệm vụ', en: 'All duties done' },
  partial: { vi: 'Hoàn thành từ 70% đến dưới 100%', en: '70% to under 100% done' },
  'under-70': { vi: 'Hoàn thành dưới 70%', en: 'Under 70% done' },
};
export const UNIT_BAND_NAMES: Record<UnitBand, { vi: string; en: string }> = {
  excellent: { vi: 'Xuất sắc', en: 'Excellent' },
  good: { vi: 'Tốt', en: 'Good' },
  fair: { vi: 'Khá', en: 'Fair' },
  average: { vi: 'Trung bình', en: 'Average' },
  weak: { vi: 'Yếu', en: 'Weak' },
};

/** A quarter (1–4) or the whole year, in Vietnam time: [from, to) instants and the inclusive days. */
export function ratingPeriod(year: number, quarter?: 1 | 2 | 3 | 4): { from: Date; to: Date; fromDay: string; toDay: string } {
  const m0 = quarter ? (quarter - 1) * 3 : 0;
  const m1 = quarter ? m0 + 3 : 12;
  const day = (y: number, m: number) => `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  const fromDay = day(year, m0);
  const next = day(year, m1);
  const from = new Date(Date.parse(`${fromDay}T00:00:00+07:00`));
  const to = new Date(Date.parse(`${next}T00:00:00+07:00`));
  const toDay = new Date(to.getTime() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  return { from, to, fromDay, toDay };
}
