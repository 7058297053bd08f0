// The state of one user action (a button that calls the server): busy while it runs, its error as the server's
// problem+json document (or a network failure), and the arguments of the last run so "Retry" repeats it.
// Pure, so it is tested without a browser; `useAction` (useAction.ts) is the React hook over it.
import { ApiError, isProblem, type Problem } from '../api/problem';

/**
 * Why an action failed: the server's problem document, or no usable answer — none at all (network, offline;
 * no `status`) or an HTTP error without a problem document (a proxy's 502; its `status`).
 */
export type ActionError = { kind: 'problem'; problem: Problem; status: number } | { kind: 'network'; status?: number };

export type ActionState<A extends unknown[]> = {
  busy: boolean;
  error: ActionError | null;
  /** The arguments of the last run, for retry; null before the first run. */
  last: A | null;
  /** How many runs were started; a late answer of an earlier run is ignored. */
  run: number;
};

export type ActionEvent<A extends unknown[]> =
  { type: 'start'; args: A } | { type: 'succeed'; run: number } | { type: 'fail'; run: number; error: ActionError } | { type: 'reset' };

export function initialActionState<A extends unknown[]>(): ActionState<A> {
  return { busy: false, error: null, last: null, run: 0 };
}

export function actionReducer<A extends unknown[]>(s: ActionState<A>, e: ActionEvent<A>): ActionState<A> {
  switch (e.type) {
    case 'start':
      return { busy: true, error: null, last: e.args, run: s.run + 1 };
    case 'succeed':
      return e.run === s.run ? { ...s, busy: false, error: null } : s;
    case 'fail':
      return e.run === s.run ? { ...s, busy: false, error: e.error } : s;
    case 'reset':
      return { ...s, busy: false, error: null };
  }
}

/**
 * What went wrong, from anything an action may throw: an `ApiError` (from `must()`), a problem document thrown
 * or returned as openapi-fetch's `error`, or anything else (a failed fetch: no answer).
 */
export function toActionError(e: unknown): ActionError {
  if (e instanceof ApiError)
    return e.problem ? { kind: 'problem', problem: e.problem, status: e.status } : { kind: 'network', status: e.status };
  if (isProblem(e)) return { kind: 'problem', problem: e, status: e.status };
  return { kind: 'network' };
}

/** The text to show: the server's `detail` (already in the UI language), or the network message. */
export function actionErrorText(e: ActionError | null, networkText: string): string | null {
  if (!e) return null;
  return e.kind === 'problem' ? e.problem.detail : networkText;
}

/** The problem's machine code ('' for a network failure), for pages that react to a particular rule. */
export function actionErrorCode(e: ActionError | null): string {
  return e?.kind === 'problem' ? e.problem.code : '';
}

/**
 * Runs one action: `start`, then `succeed` with the result or `fail` with the error. Returns the result, or
 * undefined when it failed (the failure is in the state; nothing is thrown to the click handler).
 */
export async function runAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  args: A,
  run: number,
  dispatch: (e: ActionEvent<A>) => void,
): Promise<{ ok: true; value: R } | { ok: false; error: ActionError }> {
  dispatch({ type: 'start', args });
  try {
    const value = await fn(...args);
    dispatch({ type: 'succeed', run });
    return { ok: true, value };
  } catch (e) {
    const error = toActionError(e);
    dispatch({ type: 'fail', run, error });
    return { ok: false, error };
  }
}
