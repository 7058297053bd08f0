// E-forms of online applications: which fields the population registry fills (shown, never asked), which the
// citizen's earlier application of the same procedure fills, and what is asked. Pure; shared with the web app.
export type FormSchema = Record<string, unknown>;
export type FormValues = Record<string, unknown>;

/** The registry's data of the applicant, as the adapter returns it. */
export type RegistryPerson = { idNumber: string; fullName: string; dateOfBirth?: string; address?: string; phone?: string };

/** Which registry datum each conventional field name of the national e-forms holds. */
const REGISTRY_FIELDS: Record<string, keyof RegistryPerson> = {
  hoTen: 'fullName',
  ngaySinh: 'dateOfBirth',
  soDinhDanh: 'idNumber',
  noiCuTru: 'address',
};

const REGISTRY_KEYS = new Set<string>(['idNumber', 'fullName', 'dateOfBirth', 'address', 'phone']);

type Prop = {
  type?: string;
  title?: string;
  properties?: Record<string, Prop>;
  'x-fromRegistry'?: boolean;
  'x-applicant'?: boolean;
  /** The registry datum this field holds, as the e-form builder writes it (domain/eform/builder.ts). */
  'x-registry'?: string;
};

const APPLICANT_NAMES = ['nguoiYeuCau', 'chuHo', 'doiTuong', 'nguoiDeNghi'];

function props(schema: FormSchema | Prop): Record<string, Prop> {
  const p = (schema as Prop).properties;
  return p && typeof p === 'object' ? p : {};
}

/**
 * The object of the form that describes the applicant: marked `x-applicant`, else one of the conventional
 * names (người yêu cầu, chủ hộ, đối tượng), else the first object with a registry-held personal ID field.
 */
export function applicantKey(schema: FormSchema): string | null {
  const entries = Object.entries(props(schema)).filter(([, v]) => v.type === 'object');
  const marked = entries.find(([, v]) => v['x-applicant']);
  if (marked) return marked[0];
  const named = APPLICANT_NAMES.find((n) => entries.some(([k]) => k === n));
  if (named) return named;
  const withId = entries.find(([, v]) => props(v).soDinhDanh?.['x-fromRegistry']);
  if (withId) return withId[0];
  const mapped = entries.find(([, v]) => Object.values(props(v)).some((p) => p['x-fromRegistry'] && p['x-registry']));
  return mapped ? mapped[0] : null;
}

/** Paths (dot-separated) the registry fills for the applicant, with their values. */
export function registryValues(schema: FormSchema, person: RegistryPerson): Record<string, string> {
  const key = applicantKey(schema);
  if (!key) return {};
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(props(props(schema)[key]!))) {
    const mapped = p['x-registry'];
    const source = mapped && REGISTRY_KEYS.has(mapped) ? (mapped as keyof RegistryPerson) : REGISTRY_FIELDS[name];
    if (!p['x-fromRegistry'] || !source) continue;
    const v = person[source];
    if (typeof v === 'string' && v) out[`${key}.${name}`] = v;
  }
  return out;
}

/**
 * The choice "the applicant is the person concerned" (người yêu cầu là người được …): a yes/no field of that name
 * in the object describing the person the procedure is about (e.g. `nguoiDuocXacNhan`). A form offers it by
 * having the field; the author puts it first in the object so it is answered before the fields it fills.
 */
export const CONCERNED_CHOICE = 'laNguoiYeuCau';

/** The object of the form that describes the person concerned: the one (not the applicant's) offering the choice. */
export function concernedKey(schema: FormSchema): string | null {
  const applicant = applicantKey(schema);
  const hit = Object.entries(props(schema)).find(
    ([k, v]) => k !== applicant && v.type === 'object' && props(v)[CONCERNED_CHOICE]?.type === 'boolean',
  );
  return hit ? hit[0] : null;
}

/**
 * When the applicant said they are the person concerned, the paths of that object the registry fills with the
 * applicant's own data (name, birth date, ID, address), with their values: given once (Decree 224/2026 Art. 15),
 * so what was typed there does not count. Nothing when the choice is not made or the registry did not answer.
 */
export function concernedValues(schema: FormSchema, values: FormValues, person: RegistryPerson | null): Record<string, string> {
  const key = concernedKey(schema);
  if (!key || !person || getPath(values, `${key}.${CONCERNED_CHOICE}`) !== true) return {};
  const out: Record<string, string> = {};
  for (const name of Object.keys(props(props(schema)[key]!))) {
    const source = REGISTRY_FIELDS[name];
    const v = source ? person[source] : undefined;
    if (typeof v === 'string' && v) out[`${key}.${name}`] = v;
  }
  return out;
}

export function getPath(values: FormValues, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values);
}

export function setPath(values: FormValues, path: string, v: unknown): FormValues {
  const [head, ...rest] = path.split('.');
  if (!head) return values;
  // A repeating group is a list: an index inside it keeps it a list.
  if (Array.isArray(values)) {
    const copy: unknown[] = [...(values as unknown[])];
    const inner = copy[Number(head)];
    copy[Number(head)] = rest.length ? setPath(inner && typeof inner === 'object' ? (inner as FormValues) : {}, rest.join('.'), v) : v;
    return copy as unknown as FormValues;
  }
  if (!rest.length) return { ...values, [head]: v };
  const inner = values[head];
  return { ...values, [head]: setPath(inner && typeof inner === 'object' ? (inner as FormValues) : {}, rest.join('.'), v) };
}

/**
 * The form as the citizen sees it: registry values always win (information given only once, Decree 224
 * Art. 15); then what the citizen typed; then, for fields still empty, their earlier application's answers.
 */
export function prefill(schema: FormSchema, typed: FormValues, registry: Record<string, string>, earlier: FormValues = {}): FormValues {
  let out: FormValues = {};
  const walk = (s: FormSchema | Prop, prefix: string) => {
    for (const [name, p] of Object.entries(props(s))) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (p.type === 'object') {
        walk(p, path);
        continue;
      }
      const v = registry[path] ?? getPath(typed, path) ?? getPath(earlier, path);
      if (v !== undefined && v !== '') out = setPath(out, path, v);
    }
  };
  walk(schema, '');
  return out;
}

/** The procedure's required level of VNeID assurance: fully online procedures need level 2 (Decree 69/2024). */
export function requiredLevel(proc: { onlineLevel: 'full' | 'partial' | 'none' }): 1 | 2 {
  return proc.onlineLevel === 'full' ? 2 : 1;
}

/** One line of an e-form as a person reads it: a group heading (level 0 object) or a field with its value. */
export type FormAnswer = { path: string; label: string; value: string | null; depth: number };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A stored answer as it is printed: dates dd/mm/yyyy, yes/no in words, lists joined. */
export function answerText(v: unknown, p: Prop & { format?: string } = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (Array.isArray(v)) return v.map((x) => answerText(x)).join('; ');
  if (typeof v === 'number') return new Intl.NumberFormat('vi-VN').format(v);
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  const m = ISO_DAY.exec(s);
  if (m && (p.format === 'date' || p.format === undefined)) return `${m[3]}/${m[2]}/${m[1]}`;
  return s;
}

/**
 * The answers of an e-form as a readable list, in the schema's order, labelled with the schema's titles (never
 * the keys): a group heading for each object that has answers, then its fields. Empty answers are left out.
 */
export function readableAnswers(schema: FormSchema, values: FormValues): FormAnswer[] {
  const out: FormAnswer[] = [];
  const walk = (s: FormSchema | Prop, prefix: string, depth: number) => {
    for (const [name, p] of Object.entries(props(s))) {
      const path = prefix ? `${prefix}.${name}` : name;
      const label = typeof p.title === 'string' && p.title ? p.title : name;
      const v = getPath(values, path);
      const items = (p as Prop & { items?: Prop }).items;
      if (p.type === 'array' && items && typeof items === 'object' && Array.isArray(v)) {
        const before = out.length;
        out.push({ path, label, value: null, depth });
        v.forEach((_, i) => {
          out.push({ path: `${path}.${i}`, label: `${label} ${i + 1}`, value: null, depth: depth + 1 });
          walk(items, `${path}.${i}`, depth + 2);
        });
        if (out.length === before + 1) out.pop();
        continue;
      }
      if (p.type === 'object') {
        const before = out.length;
        out.push({ path, label, value: null, depth });
        walk(p, path, depth + 1);
        if (out.length === before + 1) out.pop();
        continue;
      }
      const text = answerText(v, p as Prop & { format?: string });
      if (text !== '') out.push({ path, label, value: text, depth });
    }
  };
  walk(schema, '', 0);
  return out;
}
