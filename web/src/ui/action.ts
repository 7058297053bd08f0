// The state of one user action (a button that calls the server): busy while it runs, its error as the server's
// problem+json document (or a network failure), and the arguments of the last run so "Retry" repeats it.
// Pure, so it is tested without a browser; `useAction` (useAction.ts) is the React hook over it.
import { ApiError, isProblem, type Problem } from '../api/problem';

/**
 * Why an action failed: the server's problem document, no usable answer — none at all (network, offline;
 * no `status`) or an HTTP error without a problem document (a proxy's 502; its `status`) — or the page's own
 * check before (or instead of) calling the server (`refused`: a text already in the UI language).
 */
export type ActionError =
  { kind: 'problem'; problem: Problem; status: number } | { kind: 'network'; status?: number } | { kind: 'refused'; text: string };

/** Thrown inside an action for a check the page makes itself (an empty field, a 404 it words its own way). */
export class Refusal extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** Stops an action with the page's own message (shown like the server's refusal). */
export function refuse(text: string): never {
  throw new Refusal(text);
}

export type ActionState<A extends unknown[]> = {
  busy: boolean;
  error: ActionError | null;
  /** The arguments of the last run, for retry; null before the first run. */
  last: A | null;
  /** How many runs were started; a late answer of an earlier run is ignored. */
  run: number;
};

export type ActionEvent<A extends unknown[]> =
  | { type: 'start'; args: A }
  | { type: 'succeed'; run: number }
  | { type: 'fail'; run: number; error: ActionError }
  | { type: 'refuse'; text: string }
  | { type: 'reset' };

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
    case 'refuse':
      // The page's own check outside a run (e.g. a failed upload beside the form): shown, a running call kept.
      return { ...s, error: { kind: 'refused', text: e.text } };
    case 'reset':
      return { ...s, busy: false, error: null };
  }
}

/**
 * What went wrong, from anything an action may throw: an `ApiError` (from `must()`), a problem document thrown
 * or returned as openapi-fetch's `error`, or anything else (a failed fetch: no answer).
 */
export function toActionError(e: unknown): ActionError {
  if (e instanceof Refusal) return { kind: 'refused', text: e.text };
  if (e instanceof ApiError)
    return e.problem ? { kind: 'problem', problem: e.problem, status: e.status } : { kind: 'network', status: e.status };
  if (isProblem(e)) return { kind: 'problem', problem: e, status: e.status };
  return { kind: 'network' };
}

/** The text to show: the server's `detail` (already in the UI language), the page's own text, or the network message. */
export function actionErrorText(e: ActionError | null, networkText: string): string | null {
  if (!e) return null;
  if (e.kind === 'problem') return e.problem.detail;
  if (e.kind === 'refused') return e.text;
  return networkText;
}

/** The HTTP status of a failed call (403: not allowed, 404: gone…); undefined for none or the page's own check. */
export function actionErrorStatus(e: ActionError | null): number | undefined {
  return e && e.kind !== 'refused' ? e.status : undefined;
}

/** The problem's machine code ('' for a network failure or the page's own check), for pages that react to a rule. */
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

/** Whether repeating the same call may work: no answer, or the server failed (5xx) or asked to slow down (429). */
export function retryable(e: ActionError): boolean {
  if (e.kind === 'refused') return false;
  if (e.kind === 'network') return true;
  return e.status >= 500 || e.status === 429;
}
