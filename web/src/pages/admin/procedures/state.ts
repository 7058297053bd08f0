// The catalogue page's state, pure: the search box and the query it settles into, the procedure open in the editor,
// the import in progress and its outcome, the count of drafts saved (the publication panel reloads on it), and the
// list itself (a procedure enabled or disabled at a unit, or saved, is changed in place). AdminProcedures.tsx and
// the components beside this file only dispatch.
import type { ProcedureItem } from '../../../catalogue';

export type ImportError = { row: number; field: string; message: string };

export type CatalogueState = {
  text: string;
  editing: ProcedureItem | null;
  importing: boolean;
  importResult: string | null;
  importErrors: { detail: string; errors: ImportError[] } | null;
  draftsSaved: number;
};

export const INITIAL: CatalogueState = {
  text: '',
  editing: null,
  importing: false,
  importResult: null,
  importErrors: null,
  draftsSaved: 0,
};

export type CatalogueAction =
  | { type: 'typed'; text: string }
  | { type: 'edit'; procedure: ProcedureItem | null }
  | { type: 'importStarted' }
  | { type: 'imported'; result: string }
  | { type: 'importFailed'; detail: string; errors: ImportError[] }
  | { type: 'draftSaved' };

export function catalogueReducer(st: CatalogueState, a: CatalogueAction): CatalogueState {
  switch (a.type) {
    case 'typed':
      return { ...st, text: a.text };
    case 'edit':
      return { ...st, editing: a.procedure };
    case 'importStarted':
      return { ...st, importing: true, importResult: null, importErrors: null };
    case 'imported':
      return { ...st, importing: false, importResult: a.result, importErrors: null };
    case 'importFailed':
      return { ...st, importing: false, importResult: null, importErrors: { detail: a.detail, errors: a.errors } };
    case 'draftSaved':
      return { ...st, draftsSaved: st.draftsSaved + 1 };
  }
}

/** The list with one procedure enabled or disabled at a unit. */
export function withEnabled(items: ProcedureItem[], procedureId: string, unitId: string, enabled: boolean): ProcedureItem[] {
  return items.map((x) =>
    x.id === procedureId ? { ...x, unitIds: enabled ? [...new Set([...x.unitIds, unitId])] : x.unitIds.filter((u) => u !== unitId) } : x,
  );
}

/** The list with a procedure replaced by its saved (or newly published) version. */
export function withSaved(items: ProcedureItem[], p: ProcedureItem): ProcedureItem[] {
  return items.map((x) => (x.id === p.id ? p : x));
}

/** An import's problem as the page shows it: the server's errors by row and field, or one line. */
export function importFailure(
  e: unknown,
  words: { badJson: string; network: string },
  isProblem: (e: unknown) => { detail: string; errors?: unknown } | null,
): { detail: string; errors: ImportError[] } {
  if (e instanceof SyntaxError) return { detail: words.badJson, errors: [] };
  const p = isProblem(e);
  if (p) return { detail: p.detail, errors: Array.isArray(p.errors) ? (p.errors as ImportError[]) : [] };
  return { detail: words.network, errors: [] };
}
