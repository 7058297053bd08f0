// Checks that an answer to a citizen's feedback is specific (domain-2 §2.4: the province found answers
// "inaccurate, vague and not specific"). Pure functions: the service runs them before an answer is stored
// and again before approval; a failure answers 422 `answer-not-specific` with `failedChecks`, each naming
// the field at fault so the officer sees it beside that field.
import { foldVietnamese } from '../catalogue/fee';

export const ANSWER_OUTCOMES = ['accepted', 'explained', 'will-be-fixed', 'not-competent'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

export type FeedbackAnswer = {
  outcome?: AnswerOutcome | null;
  legalBasis: { document: string; article: string }[];
  points: { point: string; response: string }[];
  actions: { what: string; responsibleUnitId?: string | null; dueDate?: string | null }[];
};

export const ANSWER_CHECKS = [
  'no-outcome',
  'no-legal-basis',
  'point-unanswered',
  'boilerplate',
  'no-responsible-unit-or-date',
  'too-short',
] as const;
export type AnswerCheck = (typeof ANSWER_CHECKS)[number];

/** A failed check and the field it concerns (`outcome`, `legalBasis`, `points[2].response`, `actions[0]`). */
export type FailedCheck = { check: AnswerCheck; field: string; detail?: string };

export type AnswerCheckConfig = {
  /** Empty phrases that are not an answer when they stand alone (matched with or without diacritics). */
  boilerplate: readonly string[];
  /** The least number of characters of substance (responses and promised actions together). */
  minChars: number;
  /** A response with fewer meaningful words than this once the empty phrases are removed is boilerplate. */
  minWordsBeyondBoilerplate: number;
};

export const DEFAULT_BOILERPLATE: readonly string[] = [
  'đã tiếp nhận',
  'đã ghi nhận',
  'sẽ xem xét',
  'sẽ xem xét giải quyết',
  'theo quy định',
  'theo đúng quy định',
  'đúng quy định',
  'đang xem xét',
  'đang xử lý',
  'sẽ xử lý',
  'sẽ có ý kiến sau',
  'cảm ơn ông bà',
  'cảm ơn ông/bà',
  'trân trọng',
  'xin cảm ơn',
  'ông bà vui lòng chờ',
];

export const DEFAULT_ANSWER_CHECK_CONFIG: AnswerCheckConfig = {
  boilerplate: DEFAULT_BOILERPLATE,
  minChars: 120,
  minWordsBeyondBoilerplate: 4,
};

/** Lower case, no diacritics, punctuation as spaces, single spaces: "Đã tiếp nhận!" → "da tiep nhan". */
export function normalizeText(s: string): string {
  return foldVietnamese(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Words left once every empty phrase is removed. */
export function wordsBeyondBoilerplate(text: string, phrases: readonly string[]): number {
  let t = ` ${normalizeText(text)} `;
  const folded = phrases
    .map(normalizeText)
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const p of folded) t = t.split(` ${p} `).join(' ');
  return t.trim() ? t.trim().split(' ').length : 0;
}

const filled = (s: string | null | undefined) => !!s && s.trim().length > 0;

export function checkOutcome(a: FeedbackAnswer): FailedCheck[] {
  return a.outcome ? [] : [{ check: 'no-outcome', field: 'outcome' }];
}

/** An answer that explains a rule cites it: a document and an article. */
export function checkLegalBasis(a: FeedbackAnswer): FailedCheck[] {
  if (a.outcome !== 'explained') return [];
  return a.legalBasis.some((b) => filled(b.document) && filled(b.article)) ? [] : [{ check: 'no-legal-basis', field: 'legalBasis' }];
}

/** Every point the citizen raised has a response (`raised`: the points recorded on the feedback). */
export function checkPoints(a: FeedbackAnswer, raised: readonly string[] = []): FailedCheck[] {
  const out: FailedCheck[] = [];
  if (a.points.length === 0) out.push({ check: 'point-unanswered', field: 'points', detail: 'no point answered' });
  a.points.forEach((p, i) => {
    if (!filled(p.response)) out.push({ check: 'point-unanswered', field: `points[${i}].response`, detail: p.point });
  });
  const answered = new Set(a.points.filter((p) => filled(p.response)).map((p) => normalizeText(p.point)));
  for (const r of raised) if (!answered.has(normalizeText(r))) out.push({ check: 'point-unanswered', field: 'points', detail: r });
  return out;
}

/** A response (or promised action) that is only empty phrases — "đã tiếp nhận", "sẽ xem xét", "theo quy định". */
export function checkBoilerplate(a: FeedbackAnswer, cfg: AnswerCheckConfig = DEFAULT_ANSWER_CHECK_CONFIG): FailedCheck[] {
  const out: FailedCheck[] = [];
  a.points.forEach((p, i) => {
    if (filled(p.response) && wordsBeyondBoilerplate(p.response, cfg.boilerplate) < cfg.minWordsBeyondBoilerplate)
      out.push({ check: 'boilerplate', field: `points[${i}].response`, detail: p.response.trim().slice(0, 200) });
  });
  a.actions.forEach((x, i) => {
    if (filled(x.what) && wordsBeyondBoilerplate(x.what, cfg.boilerplate) < Math.min(2, cfg.minWordsBeyondBoilerplate))
      out.push({ check: 'boilerplate', field: `actions[${i}].what`, detail: x.what.trim().slice(0, 200) });
  });
  return out;
}

/** A promise names who does it and by when; "will be fixed" promises at least one action. */
export function checkActions(a: FeedbackAnswer): FailedCheck[] {
  const out: FailedCheck[] = [];
  if (a.outcome === 'will-be-fixed' && a.actions.length === 0)
    out.push({ check: 'no-responsible-unit-or-date', field: 'actions', detail: 'will-be-fixed promises no action' });
  a.actions.forEach((x, i) => {
    if (!filled(x.what) || !filled(x.responsibleUnitId) || !filled(x.dueDate))
      out.push({ check: 'no-responsible-unit-or-date', field: `actions[${i}]`, detail: x.what });
  });
  return out;
}

/** A minimum of substance: the responses and the promised actions together. */
export function checkLength(a: FeedbackAnswer, cfg: AnswerCheckConfig = DEFAULT_ANSWER_CHECK_CONFIG): FailedCheck[] {
  const chars = [...a.points.map((p) => p.response), ...a.actions.map((x) => x.what)].join(' ').replace(/\s+/g, ' ').trim().length;
  return chars >= cfg.minChars ? [] : [{ check: 'too-short', field: 'points', detail: `${chars} < ${cfg.minChars}` }];
}

/** Every check, in the order the officer reads the form. Empty when the answer is specific. */
export function checkAnswer(
  a: FeedbackAnswer,
  raised: readonly string[] = [],
  cfg: AnswerCheckConfig = DEFAULT_ANSWER_CHECK_CONFIG,
): FailedCheck[] {
  return [
    ...checkOutcome(a),
    ...checkLegalBasis(a),
    ...checkPoints(a, raised),
    ...checkBoilerplate(a, cfg),
    ...checkActions(a),
    ...checkLength(a, cfg),
  ];
}

export const ANSWER_CHECK_LABELS = {
  'no-outcome': { vi: 'Chưa nêu kết quả xử lý (tiếp thu, giải thích, sẽ khắc phục, không thuộc thẩm quyền).', en: 'No outcome stated.' },
  'no-legal-basis': {
    vi: 'Câu trả lời giải thích quy định nhưng chưa dẫn căn cứ pháp lý (văn bản và điều khoản).',
    en: 'The answer explains a rule but cites no legal basis (document and article).',
  },
  'point-unanswered': { vi: 'Còn nội dung người dân nêu chưa được trả lời.', en: 'A point the citizen raised has no response.' },
  boilerplate: {
    vi: 'Câu trả lời chỉ gồm cụm từ chung chung (như "đã tiếp nhận", "sẽ xem xét", "theo quy định"); hãy trả lời cụ thể.',
    en: 'The response is only empty phrases ("received", "will consider", "as prescribed"); answer specifically.',
  },
  'no-responsible-unit-or-date': {
    vi: 'Việc hứa thực hiện phải có đơn vị chịu trách nhiệm và thời hạn.',
    en: 'Every promised action needs a responsible unit and a date.',
  },
  'too-short': { vi: 'Câu trả lời quá ngắn, chưa đủ nội dung cụ thể.', en: 'The answer is too short to be specific.' },
} as const satisfies Record<AnswerCheck, { vi: string; en: string }>;
