// The e-form builder's model: a form definition (sections of fields) that province administrators edit, and the
// JSON Schema (2020-12) plus UI hints (`x-…` keywords) the portal renders and the server validates with. Pure;
// shared with the web app. `toSchema` writes the schema, `fromSchema` reads one back — but only a schema this
// builder could have written: anything else (an e-form imported by hand) is reported as not representable and is
// shown read-only, so nothing in it is silently lost. `checkDefinition` gives each mistake at its field.

/** What a field asks. `group` is a repeating group (children, parties to a contract): a list of small records. */
export const FIELD_KINDS = ['text', 'number', 'date', 'choice', 'yesno', 'address', 'idNumber', 'phone', 'group'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * The data the population registry (or the citizen's data store) holds about the applicant: a field mapped to one
 * is filled from there and shown, never asked (Decree 224 Art. 15: information given only once). The keys are
 * those of `RegistryPerson` in domain/portal/form.ts.
 */
export const REGISTRY_ATTRIBUTES = {
  fullName: { vi: 'Họ và tên', en: 'Full name', kinds: ['text'] },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth', kinds: ['date'] },
  idNumber: { vi: 'Số định danh cá nhân', en: 'Personal ID number', kinds: ['idNumber', 'text'] },
  address: { vi: 'Nơi cư trú', en: 'Place of residence', kinds: ['text'] },
  phone: { vi: 'Số điện thoại', en: 'Phone number', kinds: ['phone', 'text'] },
} as const satisfies Record<string, { vi: string; en: string; kinds: readonly FieldKind[] }>;
export type RegistryAttribute = keyof typeof REGISTRY_ATTRIBUTES;

export type ConditionValue = string | number | boolean;
/** Show (and ask) this field only when an earlier field of the same section or group has this answer. */
export type Condition = { field: string; equals: ConditionValue };

export type BuilderField = {
  key: string;
  kind: FieldKind;
  label: string;
  help?: string;
  required: boolean;
  /** text */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** number */
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  /** date: must be before today (a birth date, a date of an event that happened) */
  beforeToday?: boolean;
  /** choice */
  options?: string[];
  showWhen?: Condition;
  registry?: RegistryAttribute;
  /** group: the fields of one entry, and how many entries */
  fields?: BuilderField[];
  minItems?: number;
  maxItems?: number;
};

export type BuilderSection = { key: string; title: string; help?: string; fields: BuilderField[] };
export type FormDefinition = { title: string; sections: BuilderSection[] };

/** What the schema needs from outside the form: the names of the province's communes and wards (address fields). */
export type SchemaContext = { units: string[] };

export const BUILDER_VERSION = 1;
const SCHEMA_URI = 'https://json-schema.org/draft/2020-12/schema';
export const ID_PATTERN = '^[0-9]{12}$';
export const PHONE_PATTERN = '^0[0-9]{9}$';
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;

type Json = Record<string, unknown>;

function clean(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** The address of a place in the province: the commune or ward (from the province's list), then the rest. */
function addressSchema(f: BuilderField, ctx: SchemaContext): Json {
  return {
    type: 'object',
    title: f.label,
    description: f.help,
    'x-kind': 'address',
    'x-order': ['unit', 'detail'],
    required: f.required ? ['unit', 'detail'] : [],
    properties: {
      unit: { type: 'string', title: 'Xã/phường', enum: [...ctx.units] },
      detail: { type: 'string', title: 'Số nhà, đường, thôn/tổ dân phố', minLength: 1, maxLength: 300 },
    },
  };
}

function fieldSchema(f: BuilderField, ctx: SchemaContext): Json {
  const hints = clean({
    'x-showWhen': f.showWhen ? { ...f.showWhen } : undefined,
    'x-registry': f.registry,
    'x-fromRegistry': f.registry ? true : undefined,
    readOnly: f.registry ? true : undefined,
  });
  const base = { title: f.label, description: f.help };
  switch (f.kind) {
    case 'text':
      return clean({ type: 'string', ...base, minLength: f.minLength, maxLength: f.maxLength, pattern: f.pattern, ...hints });
    case 'number':
      return clean({ type: f.integer ? 'integer' : 'number', ...base, minimum: f.minimum, maximum: f.maximum, ...hints });
    case 'date':
      return clean({ type: 'string', format: 'date', ...base, 'x-beforeToday': f.beforeToday ? true : undefined, ...hints });
    case 'choice':
      return clean({ type: 'string', ...base, enum: [...(f.options ?? [])], ...hints });
    case 'yesno':
      return clean({ type: 'boolean', ...base, ...hints });
    case 'idNumber':
      return clean({ type: 'string', ...base, pattern: ID_PATTERN, 'x-kind': 'idNumber', ...hints });
    case 'phone':
      return clean({ type: 'string', ...base, pattern: PHONE_PATTERN, 'x-kind': 'phone', ...hints });
    case 'address':
      return clean({ ...addressSchema(f, ctx), ...hints });
    case 'group':
      return clean({
        type: 'array',
        ...base,
        'x-kind': 'group',
        minItems: f.minItems,
        maxItems: f.maxItems,
        items: containerSchema(f.fields ?? [], ctx, {}),
        ...hints,
      });
  }
}

/**
 * An object of fields: properties in `x-order` (PostgreSQL's jsonb does not keep the order of keys), `required`
 * for the unconditional required fields, and for each conditional required field an `if`/`then` in `allOf`, so
 * the server's JSON Schema validation asks for it exactly when it is shown.
 */
function containerSchema(fields: BuilderField[], ctx: SchemaContext, head: Json): Json {
  const properties: Json = {};
  for (const f of fields) properties[f.key] = fieldSchema(f, ctx);
  const conditional = fields
    .filter((f) => f.required && f.showWhen)
    .map((f) => ({
      if: { properties: { [f.showWhen!.field]: { const: f.showWhen!.equals } }, required: [f.showWhen!.field] },
      then: { required: [f.key] },
    }));
  return clean({
    type: 'object',
    ...head,
    'x-order': fields.map((f) => f.key),
    required: fields.filter((f) => f.required && !f.showWhen).map((f) => f.key),
    properties,
    allOf: conditional.length ? conditional : undefined,
  });
}

/** The JSON Schema (with UI hints) of a form definition. */
export function toSchema(def: FormDefinition, ctx: SchemaContext = { units: [] }): Json {
  const properties: Json = {};
  for (const s of def.sections) properties[s.key] = containerSchema(s.fields, ctx, clean({ title: s.title, description: s.help }));
  return {
    $schema: SCHEMA_URI,
    type: 'object',
    title: def.title,
    'x-builder': BUILDER_VERSION,
    'x-order': def.sections.map((s) => s.key),
    // A section is asked when it holds a field that must always be answered.
    required: def.sections.filter((s) => s.fields.some((f) => f.required && !f.showWhen)).map((s) => s.key),
    properties,
  };
}

// ---- reading a schema back --------------------------------------------------------------------------------

export type FromSchemaResult =
  { ok: true; definition: FormDefinition; context: SchemaContext } | { ok: false; reason: { vi: string; en: string } };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

function orderedEntries(node: Json): [string, Json][] {
  const props = (node.properties ?? {}) as Record<string, Json>;
  const order = Array.isArray(node['x-order']) ? (node['x-order'] as string[]) : Object.keys(props);
  return order.filter((k) => props[k] && typeof props[k] === 'object').map((k) => [k, props[k]!]);
}

function readField(key: string, n: Json, required: Set<string>, conditionalRequired: Set<string>, units: string[][]): BuilderField {
  const showWhen = n['x-showWhen'] as Condition | undefined;
  const registry = str(n['x-registry']) as RegistryAttribute | undefined;
  const f: BuilderField = {
    key,
    kind: 'text',
    label: str(n.title) ?? '',
    help: str(n.description),
    required: showWhen ? conditionalRequired.has(key) : required.has(key),
    showWhen: showWhen && typeof showWhen === 'object' ? { field: String(showWhen.field), equals: showWhen.equals } : undefined,
    registry,
  };
  const kind = n['x-kind'];
  if (kind === 'address') {
    f.kind = 'address';
    f.required = showWhen ? conditionalRequired.has(key) : required.has(key) || (Array.isArray(n.required) && n.required.length > 0);
    const unit = (n.properties as Record<string, Json> | undefined)?.unit;
    if (unit && Array.isArray(unit.enum)) units.push(unit.enum.map(String));
  } else if (kind === 'group' || n.type === 'array') {
    f.kind = 'group';
    const items = (n.items ?? {}) as Json;
    f.fields = readContainer(items, units);
    f.minItems = num(n.minItems);
    f.maxItems = num(n.maxItems);
  } else if (kind === 'idNumber') f.kind = 'idNumber';
  else if (kind === 'phone') f.kind = 'phone';
  else if (n.type === 'boolean') f.kind = 'yesno';
  else if (n.type === 'number' || n.type === 'integer') {
    f.kind = 'number';
    f.integer = n.type === 'integer' ? true : undefined;
    f.minimum = num(n.minimum);
    f.maximum = num(n.maximum);
  } else if (Array.isArray(n.enum)) {
    f.kind = 'choice';
    f.options = n.enum.map(String);
  } else if (n.format === 'date') {
    f.kind = 'date';
    f.beforeToday = n['x-beforeToday'] === true ? true : undefined;
  } else {
    f.minLength = num(n.minLength);
    f.maxLength = num(n.maxLength);
    f.pattern = str(n.pattern);
  }
  return clean(f) as BuilderField;
}

function readContainer(node: Json, units: string[][]): BuilderField[] {
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const conditionalRequired = new Set<string>();
  for (const a of Array.isArray(node.allOf) ? (node.allOf as Json[]) : []) {
    const then = a.then as Json | undefined;
    for (const k of Array.isArray(then?.required) ? (then!.required as string[]) : []) conditionalRequired.add(k);
  }
  return orderedEntries(node).map(([k, n]) => readField(k, n, required, conditionalRequired, units));
}

/** Keys compared without caring for their order (jsonb reorders keys). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Json)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const NOT_BUILT = {
  vi: 'Biểu mẫu này không được tạo bằng trình thiết kế (nhập tay từ tệp) nên chỉ xem được; hãy sửa bằng tệp JSON hoặc tạo biểu mẫu mới.',
  en: 'This e-form was not made with the builder (imported by hand), so it opens read-only; edit it as a JSON file or start a new form.',
};

/**
 * The definition a schema was built from, when it is exactly what `toSchema` writes for that definition (so a
 * round trip loses nothing); otherwise a reason to show and the schema opens read-only.
 */
export function fromSchema(schema: unknown): FromSchemaResult {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return { ok: false, reason: NOT_BUILT };
  const root = schema as Json;
  if (root['x-builder'] !== BUILDER_VERSION || root.type !== 'object') return { ok: false, reason: NOT_BUILT };
  const units: string[][] = [];
  let definition: FormDefinition;
  try {
    definition = {
      title: str(root.title) ?? '',
      sections: orderedEntries(root).map(
        ([key, n]) =>
          clean({ key, title: str(n.title) ?? '', help: str(n.description), fields: readContainer(n, units) }) as BuilderSection,
      ),
    };
  } catch {
    return { ok: false, reason: NOT_BUILT };
  }
  const context = { units: units[0] ?? [] };
  if (units.some((u) => canonical(u) !== canonical(context.units))) return { ok: false, reason: NOT_BUILT };
  if (canonical(toSchema(definition, context)) !== canonical(root)) return { ok: false, reason: NOT_BUILT };
  return { ok: true, definition, context };
}

// ---- checks ----------------------------------------------------------------------------------------------

export type DefinitionIssueCode =
  | 'key-invalid'
  | 'key-duplicate'
  | 'label-missing'
  | 'options-missing'
  | 'range-invalid'
  | 'pattern-invalid'
  | 'condition-unknown'
  | 'condition-later'
  | 'condition-loop'
  | 'condition-value'
  | 'registry-unknown'
  | 'registry-kind'
  | 'group-empty'
  | 'form-empty';

/** One mistake, at its place: `path` is "sections.0.fields.2" (or "…fields.2.fields.0" inside a group). */
export type DefinitionIssue = { path: string; key: string; code: DefinitionIssueCode; vi: string; en: string };

function issue(path: string, key: string, code: DefinitionIssueCode, vi: string, en: string): DefinitionIssue {
  return { path, key, code, vi, en };
}

function conditionValueOk(target: BuilderField, v: ConditionValue): boolean {
  if (target.kind === 'yesno') return typeof v === 'boolean';
  if (target.kind === 'choice') return typeof v === 'string' && (target.options ?? []).includes(v);
  if (target.kind === 'number') return typeof v === 'number';
  return typeof v === 'string';
}

function checkFields(fields: BuilderField[], at: string, out: DefinitionIssue[]): void {
  const seen = new Map<string, number>();
  const index = new Map(fields.map((f, i) => [f.key, i] as const));
  fields.forEach((f, i) => {
    const path = `${at}.${i}`;
    if (!KEY.test(f.key))
      out.push(
        issue(
          path,
          f.key,
          'key-invalid',
          `Mã trường "${f.key}" phải bắt đầu bằng chữ cái, chỉ gồm chữ không dấu, số và "_".`,
          `Field key "${f.key}" must start with a letter and hold only letters without diacritics, digits and "_".`,
        ),
      );
    if (seen.has(f.key))
      out.push(
        issue(
          path,
          f.key,
          'key-duplicate',
          `Mã trường "${f.key}" đã dùng cho trường thứ ${seen.get(f.key)! + 1}.`,
          `Field key "${f.key}" is already used by field ${seen.get(f.key)! + 1}.`,
        ),
      );
    else seen.set(f.key, i);
    if (!f.label.trim()) out.push(issue(path, f.key, 'label-missing', 'Trường chưa có nhãn.', 'The field has no label.'));
    if (f.kind === 'choice' && (f.options ?? []).filter((o) => o.trim()).length < 2)
      out.push(issue(path, f.key, 'options-missing', 'Trường lựa chọn cần ít nhất 2 phương án.', 'A choice needs at least 2 options.'));
    if (
      (f.minimum !== undefined && f.maximum !== undefined && f.minimum > f.maximum) ||
      (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) ||
      (f.minItems !== undefined && f.maxItems !== undefined && f.minItems > f.maxItems)
    )
      out.push(
        issue(path, f.key, 'range-invalid', 'Giá trị nhỏ nhất lớn hơn giá trị lớn nhất.', 'The minimum is greater than the maximum.'),
      );
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        out.push(
          issue(
            path,
            f.key,
            'pattern-invalid',
            'Mẫu kiểm tra (biểu thức chính quy) không hợp lệ.',
            'The pattern (regular expression) is not valid.',
          ),
        );
      }
    }
    if (f.registry !== undefined) {
      const attr = (REGISTRY_ATTRIBUTES as Record<string, { kinds: readonly FieldKind[] }>)[f.registry];
      if (!attr)
        out.push(
          issue(
            path,
            f.key,
            'registry-unknown',
            `Cơ sở dữ liệu dân cư không có thông tin "${f.registry}"; chọn một trong: ${Object.values(REGISTRY_ATTRIBUTES)
              .map((a) => a.vi)
              .join(', ')}.`,
            `The population registry holds no attribute "${f.registry}"; choose one of: ${Object.keys(REGISTRY_ATTRIBUTES).join(', ')}.`,
          ),
        );
      else if (!attr.kinds.includes(f.kind))
        out.push(
          issue(
            path,
            f.key,
            'registry-kind',
            `Thông tin "${f.registry}" không điền được vào loại trường này.`,
            `The registry attribute "${f.registry}" cannot fill a field of this kind.`,
          ),
        );
    }
    if (f.kind === 'group') {
      if (!(f.fields ?? []).length)
        out.push(issue(path, f.key, 'group-empty', 'Nhóm lặp lại chưa có trường nào.', 'The repeating group has no fields.'));
      checkFields(f.fields ?? [], `${path}.fields`, out);
    }
  });
  // Conditions: on an earlier field of the same list, with a value that field can have; a cycle is named as such.
  fields.forEach((f, i) => {
    if (!f.showWhen) return;
    const path = `${at}.${i}`;
    const j = index.get(f.showWhen.field);
    if (j === undefined || (f.showWhen.field === f.key && j === i)) {
      if (f.showWhen.field === f.key)
        out.push(
          issue(
            path,
            f.key,
            'condition-loop',
            'Điều kiện hiển thị không được dựa vào chính trường này.',
            'A field cannot be shown on a condition on itself.',
          ),
        );
      else
        out.push(
          issue(
            path,
            f.key,
            'condition-unknown',
            `Điều kiện hiển thị dựa vào trường "${f.showWhen.field}" không có trong cùng phần.`,
            `The condition refers to "${f.showWhen.field}", which is not in the same section.`,
          ),
        );
      return;
    }
    const target = fields[j]!;
    if (loops(fields, index, f.key))
      out.push(
        issue(
          path,
          f.key,
          'condition-loop',
          `Điều kiện hiển thị tạo vòng lặp: "${f.key}" và "${target.key}" phụ thuộc lẫn nhau.`,
          `The conditions form a loop: "${f.key}" and "${target.key}" depend on each other.`,
        ),
      );
    else if (j > i)
      out.push(
        issue(
          path,
          f.key,
          'condition-later',
          `Điều kiện hiển thị dựa vào trường "${target.label || target.key}" nằm phía sau; chỉ dựa vào trường phía trước.`,
          `The condition refers to "${target.label || target.key}", which comes later; refer only to an earlier field.`,
        ),
      );
    else if (!conditionValueOk(target, f.showWhen.equals))
      out.push(
        issue(
          path,
          f.key,
          'condition-value',
          `Giá trị điều kiện không phải là một câu trả lời của trường "${target.label || target.key}".`,
          `The condition's value is not an answer the field "${target.label || target.key}" can have.`,
        ),
      );
  });
}

function loops(fields: BuilderField[], index: Map<string, number>, start: string): boolean {
  const visited = new Set<string>();
  let k: string | undefined = start;
  while (k !== undefined) {
    if (visited.has(k)) return k === start;
    visited.add(k);
    const i = index.get(k);
    k = i === undefined ? undefined : fields[i]!.showWhen?.field;
  }
  return false;
}

/** Every mistake of a definition, each at its field. Empty: the definition can be saved. */
export function checkDefinition(def: FormDefinition): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  if (!def.sections.length) out.push(issue('sections', '', 'form-empty', 'Biểu mẫu chưa có phần nào.', 'The form has no sections.'));
  const seen = new Map<string, number>();
  def.sections.forEach((s, i) => {
    const path = `sections.${i}`;
    if (!KEY.test(s.key))
      out.push(issue(path, s.key, 'key-invalid', `Mã phần "${s.key}" không hợp lệ.`, `Section key "${s.key}" is not valid.`));
    if (seen.has(s.key))
      out.push(
        issue(
          path,
          s.key,
          'key-duplicate',
          `Mã phần "${s.key}" đã dùng cho phần thứ ${seen.get(s.key)! + 1}.`,
          `Section key "${s.key}" is already used by section ${seen.get(s.key)! + 1}.`,
        ),
      );
    else seen.set(s.key, i);
    if (!s.title.trim()) out.push(issue(path, s.key, 'label-missing', 'Phần chưa có tiêu đề.', 'The section has no title.'));
    checkFields(s.fields, `${path}.fields`, out);
  });
  return out;
}

/** A new field of a kind with sensible defaults (what the builder's "add field" inserts). */
export function newField(kind: FieldKind, key: string): BuilderField {
  const label = {
    text: 'Trường mới',
    number: 'Số',
    date: 'Ngày',
    choice: 'Lựa chọn',
    yesno: 'Có/Không',
    address: 'Địa chỉ',
    idNumber: 'Số định danh cá nhân',
    phone: 'Số điện thoại',
    group: 'Nhóm lặp lại',
  }[kind];
  const f: BuilderField = { key, kind, label, required: false };
  if (kind === 'choice') f.options = ['Phương án 1', 'Phương án 2'];
  if (kind === 'group') f.fields = [{ key: 'hoTen', kind: 'text', label: 'Họ và tên', required: true, maxLength: 100 }];
  if (kind === 'text') f.maxLength = 200;
  return f;
}
