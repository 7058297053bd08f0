// The e-form builder's state, pure: the form definition being built, what is selected (a section, a field, a field
// of a repeating group), whether the schema opened read-only, and the mistakes the server found. Each change the
// administrator makes is one action; the screen (EFormBuilder.tsx and the components beside this file) dispatches.
import { fromSchema, newField, type BuilderField, type DefinitionIssue, type FieldKind, type FormDefinition } from '@domain/eform/builder';

/** Where the selection is: a section, or a field of it, or a field of a repeating group in it. */
export type Sel = { s: number; f?: number; g?: number };

export type BuilderState = {
  def: FormDefinition;
  sel: Sel;
  /** Why the schema cannot be edited here (made by hand); null when the builder edits it. */
  readOnly: { vi: string; en: string } | null;
  /** The server's findings on the last save; cleared by any change. */
  serverIssues: DefinitionIssue[];
};

export const EMPTY_FORM: FormDefinition = {
  title: 'Tờ khai',
  sections: [{ key: 'nguoiKhai', title: 'Thông tin người khai', fields: [] }],
};

export type BuilderAction =
  | { type: 'select'; sel: Sel }
  | { type: 'setTitle'; title: string }
  | { type: 'setSection'; s: number; patch: { title?: string; key?: string } }
  | { type: 'addSection'; title: string }
  | { type: 'moveSection'; s: number; by: -1 | 1 }
  | { type: 'removeSection'; s: number }
  | { type: 'addField'; kind: FieldKind }
  | { type: 'moveField'; s: number; f: number; by: -1 | 1 }
  | { type: 'removeField'; s: number; f: number }
  | { type: 'updateField'; patch: Partial<BuilderField> }
  /** A JSON file was read: the builder's own form, or a schema it cannot represent (read-only). */
  | { type: 'imported'; schema: unknown }
  | { type: 'startNew' }
  | { type: 'serverIssues'; issues: DefinitionIssue[] };

/** The state a procedure's e-form opens in: its schema read back, or read-only with the reason, or an empty form. */
export function initialState(formSchema: Record<string, unknown> | null): BuilderState {
  const read = formSchema ? fromSchema(formSchema) : null;
  return {
    def: read?.ok ? read.definition : EMPTY_FORM,
    sel: { s: 0 },
    readOnly: read && !read.ok ? read.reason : null,
    serverIssues: [],
  };
}

/** A key not yet used among these fields (or sections): base1, base2, … */
export function freeKey(fields: { key: string }[], base: string): string {
  let i = fields.length + 1;
  while (fields.some((f) => f.key === `${base}${i}`)) i++;
  return `${base}${i}`;
}

export function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

/** A field without its empty properties (an emptied "max length" is no rule, not a rule of ''). */
export function clean(f: BuilderField): BuilderField {
  const o = { ...f } as Record<string, unknown>;
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null || o[k] === '') if (k !== 'label' && k !== 'key') delete o[k];
  return o as BuilderField;
}

/** The path of the selection as the builder's checks name it (sections.0.fields.2.fields.1). */
export function selPath(sel: Sel): string {
  return `sections.${sel.s}${sel.f !== undefined ? `.fields.${sel.f}` : ''}${sel.g !== undefined ? `.fields.${sel.g}` : ''}`;
}

const withSections = (st: BuilderState, sections: FormDefinition['sections']): BuilderState => ({
  ...st,
  def: { ...st.def, sections },
  serverIssues: [],
});
const withFields = (st: BuilderState, s: number, fields: BuilderField[]) =>
  withSections(
    st,
    st.def.sections.map((x, i) => (i === s ? { ...x, fields } : x)),
  );

export function builderReducer(st: BuilderState, a: BuilderAction): BuilderState {
  const section = st.def.sections[st.sel.s];
  const field = section && st.sel.f !== undefined ? section.fields[st.sel.f] : undefined;
  switch (a.type) {
    case 'select':
      return { ...st, sel: a.sel };
    case 'setTitle':
      return { ...st, def: { ...st.def, title: a.title }, serverIssues: [] };
    case 'setSection':
      return withSections(
        st,
        st.def.sections.map((x, i) => (i === a.s ? { ...x, ...a.patch } : x)),
      );
    case 'addSection': {
      const key = freeKey(st.def.sections, 'phan');
      return { ...withSections(st, [...st.def.sections, { key, title: a.title, fields: [] }]), sel: { s: st.def.sections.length } };
    }
    case 'moveSection':
      return withSections(st, move(st.def.sections, a.s, a.by));
    case 'removeSection':
      return {
        ...withSections(
          st,
          st.def.sections.filter((_, i) => i !== a.s),
        ),
        sel: { s: 0 },
      };
    case 'addField': {
      if (!section) return st;
      // Inside a repeating group (a field of it selected): a field of the group; groups do not nest.
      if (field?.kind === 'group' && st.sel.g !== undefined) {
        const list = field.fields ?? [];
        const f = newField(a.kind === 'group' ? 'text' : a.kind, freeKey(list, 'truong'));
        return {
          ...withFields(
            st,
            st.sel.s,
            section.fields.map((x, i) => (i === st.sel.f ? { ...x, fields: [...list, f] } : x)),
          ),
          sel: { ...st.sel, g: list.length },
        };
      }
      const f = newField(a.kind, freeKey(section.fields, a.kind === 'group' ? 'nhom' : 'truong'));
      return { ...withFields(st, st.sel.s, [...section.fields, f]), sel: { s: st.sel.s, f: section.fields.length } };
    }
    case 'moveField': {
      const s = st.def.sections[a.s];
      return s ? withFields(st, a.s, move(s.fields, a.f, a.by)) : st;
    }
    case 'removeField': {
      const s = st.def.sections[a.s];
      if (!s) return st;
      return {
        ...withFields(
          st,
          a.s,
          s.fields.filter((_, i) => i !== a.f),
        ),
        sel: { s: a.s },
      };
    }
    case 'updateField': {
      if (st.sel.f === undefined || !section) return st;
      if (st.sel.g !== undefined && field)
        return withFields(
          st,
          st.sel.s,
          section.fields.map((f, i) =>
            i === st.sel.f ? { ...f, fields: (f.fields ?? []).map((g, j) => (j === st.sel.g ? clean({ ...g, ...a.patch }) : g)) } : f,
          ),
        );
      return withFields(
        st,
        st.sel.s,
        section.fields.map((f, i) => (i === st.sel.f ? clean({ ...f, ...a.patch }) : f)),
      );
    }
    case 'imported': {
      const r = fromSchema(a.schema);
      return r.ok ? { def: r.definition, sel: { s: 0 }, readOnly: null, serverIssues: [] } : { ...st, readOnly: r.reason };
    }
    case 'startNew':
      return { ...st, readOnly: null };
    case 'serverIssues':
      return { ...st, serverIssues: a.issues };
  }
}
