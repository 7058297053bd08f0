// Rules of receiving feedback and of the sender's verdict. Pure: time is a parameter.
// Decree 20/2008 Art. 7: feedback is written in Vietnamese, with clear content, the sender's name and an
// address or phone number. The national PAKN system counts on time (F766 5.2): refuse within 2 working
// days, first request for more information within 5, answer within 15, publish within 2 after approval;
// each transfer restarts the clock. Provinces set shorter limits, so these are the defaults of a setting.

export const CONTENT_MIN_CHARS = 20;
export const CONTENT_MAX_CHARS = 10_000;
export const RATING_WINDOW_DAYS = 14;

export type FeedbackDeadlines = { refuseDays: number; infoDays: number; answerDays: number; publishDays: number };
export const NATIONAL_FEEDBACK_DEADLINES: FeedbackDeadlines = { refuseDays: 2, infoDays: 5, answerDays: 15, publishDays: 2 };

/** The deadline rows of one feedback, by `deadline.subject_type`. */
export const FEEDBACK_DEADLINE_KINDS = {
  refuse: 'feedback-refuse',
  info: 'feedback-info',
  answer: 'feedback',
  publish: 'feedback-publish',
} as const;

export type IntakeProblem = {
  field: string;
  code: 'contact-name' | 'contact-reach' | 'content-empty' | 'content-too-long' | 'content-not-vietnamese' | 'subject-empty';
};

const VI_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const VI_WORDS = new Set(
  'toi khong duoc cua la va cho nguoi ho so thu tuc can bo xa phuong uy ban giai quyet nop ngay lam viec chung em anh chi ong ba voi mot nhung da se tai vi sao nhu the nao'.split(
    ' ',
  ),
);

/** Vietnamese, with or without diacritics (a citizen may type without them). */
export function looksVietnamese(text: string): boolean {
  if (VI_LETTERS.test(text)) return true;
  const words = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  const hits = words.filter((w) => VI_WORDS.has(w)).length;
  return hits >= 2 && hits / words.length >= 0.15;
}

/** Decree 20/2008 Art. 7 checks on what the sender gives; each names its field. */
export function intakeProblems(f: {
  subject: string;
  content: string;
  contact: { fullName?: string; phone?: string; address?: string };
}): IntakeProblem[] {
  const out: IntakeProblem[] = [];
  if (!f.contact.fullName?.trim()) out.push({ field: 'contact.fullName', code: 'contact-name' });
  if (!f.contact.phone?.trim() && !f.contact.address?.trim()) out.push({ field: 'contact.phone', code: 'contact-reach' });
  if (!f.subject.trim()) out.push({ field: 'subject', code: 'subject-empty' });
  const content = f.content.trim();
  if (content.length < CONTENT_MIN_CHARS) out.push({ field: 'content', code: 'content-empty' });
  else if (content.length > CONTENT_MAX_CHARS) out.push({ field: 'content', code: 'content-too-long' });
  else if (!looksVietnamese(`${f.subject} ${content}`)) out.push({ field: 'content', code: 'content-not-vietnamese' });
  return out;
}

export const INTAKE_PROBLEM_LABELS = {
  'contact-name': {
    vi: 'Cần ghi họ và tên người phản ánh (Nghị định 20/2008, Điều 7).',
    en: 'The sender’s full name is required (Decree 20/2008 Art. 7).',
  },
  'contact-reach': {
    vi: 'Cần ghi số điện thoại hoặc địa chỉ để cơ quan trả lời (Nghị định 20/2008, Điều 7).',
    en: 'A phone number or an address is required for the answer (Decree 20/2008 Art. 7).',
  },
  'subject-empty': { vi: 'Cần ghi tiêu đề phản ánh.', en: 'A subject is required.' },
  'content-empty': {
    vi: `Nội dung phản ánh cần rõ ràng, ít nhất ${CONTENT_MIN_CHARS} ký tự.`,
    en: `The content must be clear, at least ${CONTENT_MIN_CHARS} characters.`,
  },
  'content-too-long': {
    vi: `Nội dung phản ánh dài quá ${CONTENT_MAX_CHARS.toLocaleString('vi-VN')} ký tự; hãy tóm tắt và đính kèm tài liệu.`,
    en: `The content is longer than ${CONTENT_MAX_CHARS} characters; summarise it and attach documents.`,
  },
  'content-not-vietnamese': {
    vi: 'Phản ánh, kiến nghị cần viết bằng tiếng Việt (Nghị định 20/2008, Điều 7).',
    en: 'Feedback must be written in Vietnamese (Decree 20/2008 Art. 7).',
  },
} as const satisfies Record<IntakeProblem['code'], { vi: string; en: string }>;

/** The sender may rate once, within 14 days of publication. */
export function ratingWindowOpen(publishedAt: Date | null, now: Date, days = RATING_WINDOW_DAYS): boolean {
  if (!publishedAt) return false;
  return now.getTime() - publishedAt.getTime() <= days * 86_400_000;
}

/** A feedback code like a dossier code: PA-<unit code>-<yymmdd>-<seq4>. */
export function formatFeedbackCode(agency: string, yymmdd: string, seq: number): string {
  return `PA-${agency}-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

/** Personal data removed from text shown publicly: phone numbers, ID numbers, e-mail addresses, the sender's name. */
export function redact(text: string, names: readonly string[] = []): string {
  let t = text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]')
    .replace(/\b\d{12}\b/g, '[số định danh]')
    .replace(/(\+?84|0)[\d .-]{8,12}\d/g, '[số điện thoại]');
  for (const n of names) {
    const name = n.trim();
    if (name.length >= 3) t = t.split(name).join('[người gửi]');
  }
  return t;
}
