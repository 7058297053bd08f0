// The procedure's e-form is a JSON Schema (2020-12): objects with `title`s, strings with `enum`, `format: date` or
// `pattern`, numbers and booleans. This file walks it for the form page and checks what the citizen typed with
// the same rules the server applies, in plain words, before anything is sent (the server checks again).
import { getPath, setPath, type FormValues } from '@domain/portal/form';

export { getPath, setPath, type FormValues };

export type SchemaNode = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  'x-fromRegistry'?: boolean;
  /** A repeating group (e-form builder): a list of records, each of `items`. */
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  /** Shown (and asked) only when a sibling field has this answer (e-form builder). */
  'x-showWhen'?: { field: string; equals: unknown };
  /** A date that must be before today (e-form builder). */
  'x-beforeToday'?: boolean;
  /** Conditional requirements (e-form builder): `if` a sibling has an answer, `then` these fields are required. */
  allOf?: { then?: { required?: string[] } }[];
};

/** Fields an object requires when they are shown: its `required`, and those its conditions require (`allOf`/`then`). */
function requiredOf(node: SchemaNode): string[] {
  const conditional = Array.isArray(node.allOf) ? node.allOf.flatMap((a) => (Array.isArray(a?.then?.required) ? a.then.required : [])) : [];
  return [...(node.required ?? []), ...conditional];
}

export type FieldKind = 'object' | 'array' | 'enum' | 'date' | 'number' | 'integer' | 'boolean' | 'text';

/** Whether a field is shown: no condition, or its sibling (same object) has the answer the condition names. */
export function isShown(node: SchemaNode, values: FormValues, parentPath: string): boolean {
  const w = node['x-showWhen'];
  if (!w || typeof w !== 'object') return true;
  return getPath(values, parentPath ? `${parentPath}.${w.field}` : w.field) === w.equals;
}

export function typeOf(node: SchemaNode): string | undefined {
  return Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
}

export function kindOf(node: SchemaNode): FieldKind {
  const type = typeOf(node);
  if (type === 'object' || node.properties) return 'object';
  if (type === 'array' && node.items && typeof node.items === 'object') return 'array';
  if (Array.isArray(node.enum) && node.enum.length > 0) return 'enum';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (node.format === 'date') return 'date';
  return 'text';
}

/**
 * The fields of an object in the order to ask them. The schema arrives through PostgreSQL `jsonb`, which does
 * not keep the order of keys, so: an explicit `x-order` (or `propertyOrder`) list when the schema has one;
 * otherwise the required fields in the order of `required` (an array keeps its order), then the others.
 */
export function propertiesOf(node: SchemaNode): [string, SchemaNode][] {
  if (!node.properties || typeof node.properties !== 'object') return [];
  const entries = Object.entries(node.properties);
  const explicit =
    (node as { 'x-order'?: unknown; propertyOrder?: unknown })['x-order'] ?? (node as { propertyOrder?: unknown }).propertyOrder;
  const order = Array.isArray(explicit) ? explicit.map(String) : (node.required ?? []);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i)
    .map((x) => x.e);
}

/** `^[0-9]{12}$` → 12: the field takes digits only (a numeric keyboard on phones). */
export function digitsOnly(pattern: string | undefined): boolean {
  return !!pattern && /^\^(0|\[0-9\]|\\d)*(\[0-9\]|\\d)(\{\d+(,\d*)?\}|\+|\*)?\$$/.test(pattern);
}

/** The messages the checks produce; the page gives them in the UI language. */
export type Issue =
  | { kind: 'required'; choice: boolean }
  | { kind: 'digits'; n: number }
  | { kind: 'phone' }
  | { kind: 'pattern' }
  | { kind: 'date' }
  | { kind: 'future-date' }
  | { kind: 'number' }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'max-length'; n: number };

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function patternIssue(pattern: string): Issue {
  const digits = /^\^\[0-9\]\{(\d+)\}\$$/.exec(pattern);
  if (digits) return { kind: 'digits', n: Number(digits[1]) };
  if (pattern === '^0[0-9]{9}$') return { kind: 'phone' };
  return { kind: 'pattern' };
}

function fieldIssue(node: SchemaNode, v: unknown, title: string): Issue | null {
  const kind = kindOf(node);
  if (kind === 'enum') return node.enum!.some((e) => e === v) ? null : { kind: 'required', choice: true };
  if (kind === 'number' || kind === 'integer') {
    if (typeof v !== 'number' || !Number.isFinite(v) || (kind === 'integer' && !Number.isInteger(v))) return { kind: 'number' };
    if (node.minimum !== undefined && v < node.minimum) return { kind: 'min', n: node.minimum };
    if (node.maximum !== undefined && v > node.maximum) return { kind: 'max', n: node.maximum };
    return null;
  }
  if (kind === 'boolean') return null;
  const s = typeof v === 'string' ? v : String(v);
  if (kind === 'date') {
    if (!validDate(s)) return { kind: 'date' };
    // A birth date cannot be in the future (the date input lets one slip in easily); nor a date the form says is past.
    const today = new Date().toISOString().slice(0, 10);
    if (/sinh/i.test(title) && s > today) return { kind: 'future-date' };
    if (node['x-beforeToday'] && s >= today) return { kind: 'future-date' };
    return null;
  }
  if (node.maxLength !== undefined && s.length > node.maxLength) return { kind: 'max-length', n: node.maxLength };
  if (node.pattern) {
    try {
      if (!new RegExp(node.pattern, 'u').test(s)) return patternIssue(node.pattern);
    } catch {
      // A pattern this browser cannot compile: the server checks it.
    }
  }
  return null;
}

/**
 * Every problem of the form, by field path ("nguoiYeuCau.soDienThoai"). Fields the registry fills are the
 * server's to check. An optional group left empty is not checked inside.
 */
export function checkForm(schema: SchemaNode, values: FormValues, registryPaths: ReadonlySet<string>): Map<string, Issue> {
  const out = new Map<string, Issue>();
  const walk = (node: SchemaNode, prefix: string, enforceRequired: boolean) => {
    // A conditional field is only walked when shown, and then its condition's requirement holds.
    const required = new Set(enforceRequired ? requiredOf(node) : []);
    for (const [name, child] of propertiesOf(node)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (registryPaths.has(path)) continue;
      if (!isShown(child, values, prefix)) continue;
      const v = getPath(values, path);
      if (kindOf(child) === 'array') {
        const list = Array.isArray(v) ? (v as FormValues[]) : [];
        if (list.length === 0) {
          if (required.has(name) || (child.minItems ?? 0) > 0) out.set(path, { kind: 'required', choice: false });
          continue;
        }
        list.forEach((_, i) => walk(child.items!, `${path}.${i}`, true));
        continue;
      }
      if (kindOf(child) === 'object') {
        const filled = v !== null && typeof v === 'object' && hasAnyValue(v as FormValues);
        walk(child, path, required.has(name) || filled);
        continue;
      }
      if (isEmpty(v)) {
        if (required.has(name)) out.set(path, { kind: 'required', choice: kindOf(child) === 'enum' });
        continue;
      }
      const issue = fieldIssue(child, v, child.title ?? name);
      if (issue) out.set(path, issue);
    }
  };
  walk(schema, '', true);
  return out;
}

function hasAnyValue(o: FormValues): boolean {
  return Object.values(o).some((v) => (v && typeof v === 'object' ? hasAnyValue(v as FormValues) : !isEmpty(v)));
}

/** Whether the field at `path` must be answered (its group is required, or it is at the top). */
export function isRequired(schema: SchemaNode, path: string): boolean {
  const parts = path.split('.');
  let node: SchemaNode | undefined = schema;
  for (let i = 0; i < parts.length; i++) {
    if (!node) return false;
    if (!requiredOf(node).includes(parts[i]!)) return false;
    node = node.properties?.[parts[i]!];
  }
  return true;
}

/** "Người yêu cầu › Số điện thoại liên hệ": the field's titles from the top of the form. */
export function titlePath(schema: SchemaNode, path: string): string {
  const titles: string[] = [];
  let node: SchemaNode | undefined = schema;
  for (const k of path.split('.')) {
    node = node?.properties?.[k];
    titles.push(node?.title ?? k);
  }
  return titles.join(' › ');
}

/** Sets a value; an emptied field is removed so that "required" means the same here and on the server. */
export function withValue(values: FormValues, path: string, v: unknown): FormValues {
  return setPath(values, path, isEmpty(v) ? undefined : v);
}

/** The DOM id of a field's control (paths have dots; ids stay simple). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
