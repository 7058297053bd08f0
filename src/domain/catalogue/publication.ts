// Publishing a procedure version: its lifecycle as a table (draft → reviewed → published), the check of the
// elements every procedure must state before it is published (Decree 63/2010 Art. 8(2), plus fees and legal
// basis), the dates of the deciding document, and a readable diff of the e-form's fields between versions. Pure.

export const PUBLICATION_STATUSES = ['draft', 'reviewed', 'published', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export type PublicationAction = 'review' | 'return' | 'publish' | 'replace';

/**
 * The lifecycle: which action moves a version from which status to which. Anything else is refused. `replace`: a
 * newer draft of the same procedure is saved, and the one being prepared is withdrawn (it was never in use).
 * Published and withdrawn are final.
 */
export const PUBLICATION_TRANSITIONS: readonly { action: PublicationAction; from: PublicationStatus; to: PublicationStatus }[] = [
  { action: 'review', from: 'draft', to: 'reviewed' },
  { action: 'return', from: 'reviewed', to: 'draft' },
  { action: 'publish', from: 'reviewed', to: 'published' },
  { action: 'replace', from: 'draft', to: 'withdrawn' },
  { action: 'replace', from: 'reviewed', to: 'withdrawn' },
];

export function nextStatus(from: PublicationStatus, action: PublicationAction): PublicationStatus | null {
  return PUBLICATION_TRANSITIONS.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** The elements of a procedure: the 7 of Decree 63/2010 Art. 8(2), then fees and legal basis. */
export const ELEMENTS = ['name', 'sequence', 'manner', 'components', 'time', 'who', 'result', 'fee', 'legalBasis'] as const;
export type Element = (typeof ELEMENTS)[number];

export const ELEMENT_LABELS: Record<Element, { vi: string; en: string; field: string }> = {
  name: { vi: 'Tên thủ tục', en: 'Name of the procedure', field: 'name' },
  sequence: { vi: 'Trình tự thực hiện (các bước)', en: 'Sequence of steps', field: 'steps' },
  manner: { vi: 'Cách thức thực hiện (kênh nộp)', en: 'Manner of filing (channels)', field: 'channels' },
  components: { vi: 'Thành phần, số lượng hồ sơ', en: 'Dossier components and copies', field: 'components' },
  time: { vi: 'Thời hạn giải quyết', en: 'Time limit for processing', field: 'processingDays' },
  who: { vi: 'Cơ quan thực hiện (đơn vị tiếp nhận)', en: 'Who handles it (units that receive it)', field: 'unitIds' },
  result: { vi: 'Kết quả thực hiện', en: 'Result of the procedure', field: 'resultType' },
  fee: { vi: 'Phí, lệ phí', en: 'Fees and charges', field: 'fee' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis', field: 'legalBasis' },
};

/** What the element check reads of a procedure version (loose: imported data may lack anything). */
export type ElementSource = {
  name?: string | null;
  steps?: unknown[] | null;
  channels?: unknown[] | null;
  components?: unknown[] | null;
  processingDays?: number | null;
  unitIds?: unknown[] | null;
  resultType?: string | null;
  fee?: { kind?: string; amount?: number } | null;
  legalBasis?: unknown[] | null;
};

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;
const some = (a: unknown[] | null | undefined) => Array.isArray(a) && a.length > 0;

/** The elements a version lacks, in the law's order; empty when it may be published. */
export function missingElements(p: ElementSource): Element[] {
  const has: Record<Element, boolean> = {
    name: filled(p.name),
    sequence: some(p.steps),
    manner: some(p.channels),
    components: some(p.components),
    time: typeof p.processingDays === 'number' && Number.isFinite(p.processingDays) && p.processingDays >= 0,
    who: some(p.unitIds),
    result: filled(p.resultType),
    fee: !!p.fee && (p.fee.kind === 'free' || p.fee.kind === 'per-unit' || (p.fee.kind === 'fixed' && typeof p.fee.amount === 'number')),
    legalBasis: some(p.legalBasis),
  };
  return ELEMENTS.filter((e) => !has[e]);
}

/** The deciding document and its dates, as the province admin enters them when publishing. */
export type Decision = { decisionNumber: string; decisionDate: string; effectiveDate: string };

export type DecisionIssue = { field: keyof Decision; vi: string; en: string };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The deciding document's own checks: a number, real dates, and an effective date not before the decision. */
export function checkDecision(d: Decision): DecisionIssue[] {
  const out: DecisionIssue[] = [];
  if (!filled(d.decisionNumber))
    out.push({ field: 'decisionNumber', vi: 'Chưa có số quyết định công bố.', en: 'The number of the deciding document is missing.' });
  if (!ISO_DAY.test(d.decisionDate))
    out.push({ field: 'decisionDate', vi: 'Ngày quyết định không hợp lệ.', en: 'The decision date is not a valid date.' });
  if (!ISO_DAY.test(d.effectiveDate))
    out.push({ field: 'effectiveDate', vi: 'Ngày có hiệu lực không hợp lệ.', en: 'The effective date is not a valid date.' });
  if (ISO_DAY.test(d.decisionDate) && ISO_DAY.test(d.effectiveDate) && d.effectiveDate < d.decisionDate)
    out.push({
      field: 'effectiveDate',
      vi: `Ngày có hiệu lực (${d.effectiveDate}) trước ngày quyết định (${d.decisionDate}).`,
      en: `The effective date (${d.effectiveDate}) is before the decision date (${d.decisionDate}).`,
    });
  return out;
}

// ---- diff of e-form fields ---------------------------------------------------------------------------------

type Node = {
  type?: unknown;
  title?: unknown;
  properties?: Record<string, Node>;
  items?: Node;
  required?: unknown;
  enum?: unknown[];
  [k: string]: unknown;
};

/** One field of an e-form as the diff compares it. */
export type FieldSummary = { path: string; label: string; describe: string };

function describe(n: Node, required: boolean): string {
  const parts = [String(n['x-kind'] ?? (Array.isArray(n.enum) ? 'choice' : (n.format ?? n.type ?? '')))];
  if (required) parts.push('required');
  if (Array.isArray(n.enum)) parts.push(`options: ${n.enum.join(' | ')}`);
  for (const k of ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'x-registry', 'x-beforeToday'])
    if (n[k] !== undefined) parts.push(`${k}: ${String(n[k])}`);
  const w = n['x-showWhen'] as { field?: unknown; equals?: unknown } | undefined;
  if (w) parts.push(`shown when ${String(w.field)} = ${String(w.equals)}`);
  return parts.join(', ');
}

/** Every field of an e-form with its label path and a one-line description of its rules. */
export function formFields(schema: unknown): FieldSummary[] {
  const out: FieldSummary[] = [];
  const walk = (node: Node, prefix: string, labels: string[]) => {
    const req = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [k, n] of Object.entries(node.properties ?? {})) {
      if (!n || typeof n !== 'object') continue;
      const path = prefix ? `${prefix}.${k}` : k;
      const label = [...labels, typeof n.title === 'string' && n.title ? n.title : k];
      out.push({ path, label: label.join(' › '), describe: describe(n, req.has(k)) });
      if (n.properties && n['x-kind'] !== 'address') walk(n, path, label);
      if (n.type === 'array' && n.items) walk(n.items, `${path}[]`, label);
    }
  };
  if (schema && typeof schema === 'object') walk(schema as Node, '', []);
  return out;
}

export type FieldChange =
  | { change: 'added'; path: string; label: string; now: string }
  | { change: 'removed'; path: string; label: string; before: string }
  | { change: 'changed'; path: string; label: string; before: string; now: string };

/** What changed in the e-form's fields from one version to the next, in a form a person reads. */
export function diffFormFields(before: unknown, after: unknown): FieldChange[] {
  const a = new Map(formFields(before).map((f) => [f.path, f]));
  const b = new Map(formFields(after).map((f) => [f.path, f]));
  const out: FieldChange[] = [];
  for (const [path, f] of b) {
    const old = a.get(path);
    if (!old) out.push({ change: 'added', path, label: f.label, now: f.describe });
    else if (old.describe !== f.describe || old.label !== f.label)
      out.push({ change: 'changed', path, label: f.label, before: `${old.label}: ${old.describe}`, now: `${f.label}: ${f.describe}` });
  }
  for (const [path, f] of a) if (!b.has(path)) out.push({ change: 'removed', path, label: f.label, before: f.describe });
  return out;
}
