// The e-form step's state, pure: which fields the citizen has left (their errors show from then on), whether a
// submit asked to show every error, the server's refusals by field and by document, the documents still
// uploading, and the line under the submit button. FormStep.tsx renders it and dispatches.
import type { Issue } from '../../../portal/schema';

export type FormStepState = {
  touched: ReadonlySet<string>;
  showAll: boolean;
  serverErrors: ReadonlyMap<string, string>;
  componentErrors: ReadonlyMap<string, string>;
  busyComponents: ReadonlySet<string>;
  submitError: string | null;
};

export type FormStepAction =
  | { type: 'blur'; path: string }
  | { type: 'field-changed'; path: string }
  | { type: 'file-added'; componentId: string }
  | { type: 'upload-busy'; componentId: string; busy: boolean }
  /** Submit pressed: show every error; the mandatory documents missing get `message`. */
  | { type: 'submit-pressed'; missing: readonly string[]; message: string }
  | { type: 'submit-error'; text: string | null }
  /** The server refused the form (fields) or the documents (components). */
  | { type: 'server-refused'; fields?: readonly { field: string; message: string }[]; components?: readonly string[]; message: string };

export const INITIAL_FORM_STEP: FormStepState = {
  touched: new Set(),
  showAll: false,
  serverErrors: new Map(),
  componentErrors: new Map(),
  busyComponents: new Set(),
  submitError: null,
};

function without<K, V>(m: ReadonlyMap<K, V>, k: K): ReadonlyMap<K, V> {
  if (!m.has(k)) return m;
  const n = new Map(m);
  n.delete(k);
  return n;
}

export function formStepReducer(s: FormStepState, a: FormStepAction): FormStepState {
  switch (a.type) {
    case 'blur':
      return s.touched.has(a.path) ? s : { ...s, touched: new Set(s.touched).add(a.path) };
    case 'field-changed': {
      const serverErrors = without(s.serverErrors, a.path);
      return serverErrors === s.serverErrors ? s : { ...s, serverErrors };
    }
    case 'file-added':
      return { ...s, componentErrors: without(s.componentErrors, a.componentId) };
    case 'upload-busy': {
      const busy = new Set(s.busyComponents);
      if (a.busy) busy.add(a.componentId);
      else busy.delete(a.componentId);
      return { ...s, busyComponents: busy };
    }
    case 'submit-pressed':
      return { ...s, showAll: true, submitError: null, componentErrors: new Map(a.missing.map((id) => [id, a.message])) };
    case 'submit-error':
      return { ...s, submitError: a.text };
    case 'server-refused':
      return {
        ...s,
        ...(a.fields ? { serverErrors: new Map(a.fields.map((e) => [e.field, e.message])) } : {}),
        ...(a.components ? { componentErrors: new Map(a.components.map((id) => [id, a.message])) } : {}),
      };
  }
}

/** What stops a submit before it is sent: a document still uploading, or errors (fields, missing documents) to fix first. */
export function submitBlocker(s: FormStepState, issues: number, missingDocuments: number): 'uploading' | 'invalid' | null {
  if (s.busyComponents.size > 0) return 'uploading';
  if (issues > 0 || missingDocuments > 0) return 'invalid';
  return null;
}

/** The errors shown by field: the browser's checks once a field was left (all after a submit), then the server's. */
export function shownErrors(s: FormStepState, issues: ReadonlyMap<string, Issue>, text: (i: Issue) => string): Map<string, string> {
  const errors = new Map<string, string>();
  for (const [path, issue] of issues) if (s.showAll || s.touched.has(path)) errors.set(path, text(issue));
  for (const [path, msg] of s.serverErrors) if (!errors.has(path)) errors.set(path, msg);
  return errors;
}

/** The list at the top after a submit: every field error, then every document error, each linking to its place. */
export function errorSummary(
  s: FormStepState,
  errors: ReadonlyMap<string, string>,
  fieldTitle: (path: string) => string,
  componentName: (id: string) => string,
  fieldAnchor: (path: string) => string,
): { href: string; text: string }[] {
  if (!s.showAll) return [];
  return [
    ...[...errors].map(([path, msg]) => ({ href: `#${fieldAnchor(path)}`, text: `${fieldTitle(path)}: ${msg}` })),
    ...[...s.componentErrors].map(([cid, msg]) => ({ href: `#comp-${cid}`, text: `${componentName(cid)}: ${msg}` })),
  ];
}
