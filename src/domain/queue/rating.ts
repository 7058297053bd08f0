// The citizen's rating of officers and units under TT 01/2018/TT-VPCP (domain-2 §1.3). Nine indicators
// (Art 13), each 2, 1 or 0. Per-dossier indicators are averaged and rounded to one decimal; indicators
// without data are left out (Art 14). An officer is judged on indicators 1, 2, 3, 4 and 7; a unit on all
// nine (Art 15). Data-driven: whether Decree 118 kept the nine is unconfirmed, so the bands are data too.

export const INDICATORS = [
  { n: 1, key: 'total-time', vi: 'Tổng thời gian giải quyết so với quy định', perDossier: true, atCounter: false },
  { n: 2, key: 'step-time', vi: 'Thời gian thực hiện của từng cơ quan so với quy định', perDossier: true, atCounter: false },
  { n: 3, key: 'contacts', vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', perDossier: true, atCounter: true },
  { n: 4, key: 'bodies', vi: 'Số cơ quan, đơn vị phải liên hệ', perDossier: true, atCounter: true },
  { n: 5, key: 'one-stop-share', vi: 'Tỷ lệ TTHC giải quyết tại Bộ phận Một cửa', perDossier: false, atCounter: false },
  { n: 6, key: 'publicity', vi: 'Công khai thủ tục hành chính', perDossier: true, atCounter: true },
  { n: 7, key: 'attitude', vi: 'Thái độ của cán bộ, công chức', perDossier: true, atCounter: true },
  { n: 8, key: 'feedback', vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', perDossier: false, atCounter: false },
  { n: 9, key: 'online', vi: 'Dịch vụ công trực tuyến', perDossier: false, atCounter: false },
] as const;
export type IndicatorKey = (typeof INDICATORS)[number]['key'];

/** What the citizen scores at the counter (the rest come from the system's own records). */
export const COUNTER_INDICATORS = ['contacts', 'bodies', 'publicity', 'attitude'] as const satisfies readonly IndicatorKey[];
export type CounterIndicator = (typeof COUNTER_INDICATORS)[number];

export type Score = 0 | 1 | 2;
export type Answers = Partial<Record<IndicatorKey, Score>>;

const OFFICER_INDICATORS: readonly IndicatorKey[] = ['total-time', 'step-time', 'contacts', 'bodies', 'attitude'];

/** Mean of a per-dossier indicator, rounded to 1 decimal; null when no dossier has data. */
export function indicatorScore(values: readonly (Score | null | undefined)[]): number | null {
  const v = values.filter((x): x is Score => x === 0 || x === 1 || x === 2);
  if (v.length === 0) return null;
  return Math.round((v.reduce<number>((a, b) => a + b, 0) / v.length) * 10) / 10;
}

/** Per-indicator scores over a period's ratings. */
export function indicatorScores(ratings: readonly Answers[]): Partial<Record<IndicatorKey, number>> {
  const out: Partial<Record<IndicatorKey, number>> = {};
  for (const ind of INDICATORS) {
    const s = indicatorScore(ratings.map((r) => r[ind.key]));
    if (s !== null) out[ind.key] = s;
  }
  return out;
}

export type OfficerBand = 'full' | 'partial' | 'under-70';
export type UnitBand = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

const sum1 = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

/** Art 14: an officer's total over indicators 1, 2, 3, 4, 7 — ≥ 5 all duties done; 3.5 to < 5: 70–100 %; < 3.5: under 70 %. */
export function officerResult(ratings: readonly Answers[]): {
  total: number | null;
  band: OfficerBand | null;
  scores: Partial<Record<IndicatorKey, number>>;
} {
  const scores = indicatorScores(ratings);
  const present = OFFICER_INDICATORS.map((k) => scores[k]).filter((x): x is number => x !== undefined);
  if (present.length === 0) return { total: null, band: null, scores };
  const total = sum1(present);
  return { total, band: total >= 5 ? 'full' : total >= 3.5 ? 'partial' : 'under-70', scores };
}

/** Art 15: a unit's total over the nine (unit-level indicators passed in) — ≥ 15 excellent, 12 good, 9 fair, 6 average, below weak. */
export function unitResult(
  ratings: readonly Answers[],
  unitLevel: Partial<Record<IndicatorKey, Score>> = {},
): { total: number | null; band: UnitBand | null; scores: Partial<Record<IndicatorKey, number>> } {
  const scores: Partial<Record<IndicatorKey, number>> = { ...indicatorScores(ratings) };
  for (const [k, v] of Object.entries(unitLevel) as [IndicatorKey, Score][]) scores[k] = v;
  const vals = Object.values(scores);
  if (vals.length === 0) return { total: null, band: null, scores };
  const total = sum1(vals);
  const band: UnitBand = total >= 15 ? 'excellent' : total >= 12 ? 'good' : total >= 9 ? 'fair' : total >= 6 ? 'average' : 'weak';
  return { total, band, scores };
}

/** A rating low enough (any 0, or an average under 1) that its comment is passed on as a service feedback. */
export function isLowRating(answers: Answers): boolean {
  const v = Object.values(answers).filter((x): x is Score => x !== undefined);
  if (v.length === 0) return false;
  return v.includes(0) || v.reduce<number>((a, b) => a + b, 0) / v.length < 1;
}

/** The quarter (1–4) and year of a Vietnam-time instant, for quarterly reports. */
export function quarterOf(at: Date): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const vn = new Date(at.getTime() + 7 * 3_600_000);
  return { year: vn.getUTCFullYear(), quarter: (Math.floor(vn.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4 };
}
