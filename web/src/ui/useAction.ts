// One hook for every button that calls the server: `busy` while it runs (a second click meanwhile is ignored),
// `error` as the server's problem+json document or a network failure, `retry()` repeats the last call with the
// same arguments; `onError` sees each failure (e.g. to mark the fields a problem names), `onSuccess` each result
// (e.g. a "saved" message). The page's own checks go through the same error: `refuse(text)` inside the action
// (it stops there) or `action.refuse(text)` outside one. The state machine is pure (action.ts).
import { useCallback, useReducer, useRef } from 'react';
import {
  actionErrorCode,
  actionErrorStatus,
  actionErrorText,
  actionReducer,
  initialActionState,
  runAction,
  type ActionError,
  type ActionEvent,
  type ActionState,
} from './action';

export type UseAction<A extends unknown[], R> = {
  /** Starts the action; resolves to its result, or undefined when it failed (see `error`) or one was running. */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The arguments of the call running now (to show which row's button is busy); null when none runs. */
  pending: A | null;
  error: ActionError | null;
  /** The error's text: the server's detail, the page's own check, or `networkText`. */
  errorText: (networkText: string) => string | null;
  /** The error's problem code ('' for none, a network failure or the page's own check). */
  code: string;
  /** The failed call's HTTP status (403, 404…); undefined for none, no answer or the page's own check. */
  status: number | undefined;
  /** Shows the page's own message as this action's error (e.g. a failed upload beside the form). */
  refuse: (text: string) => void;
  /** Runs the last call again (nothing before the first). */
  retry: () => Promise<R | undefined>;
  /** Forgets the error (e.g. when the user edits the form again). */
  reset: () => void;
};

export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: { onError?: (error: ActionError) => void; onSuccess?: (result: R) => void } = {},
): UseAction<A, R> {
  const [state, dispatch] = useReducer(
    actionReducer as (s: ActionState<A>, e: ActionEvent<A>) => ActionState<A>,
    undefined,
    initialActionState<A>,
  );
  // The latest function and state, read by the stable callbacks below.
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const onErrorRef = useRef(opts.onError);
  onErrorRef.current = opts.onError;
  const onSuccessRef = useRef(opts.onSuccess);
  onSuccessRef.current = opts.onSuccess;
  const busyRef = useRef(false);
  const runRef = useRef(0);
  const lastRef = useRef<A | null>(null);

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    lastRef.current = args;
    runRef.current += 1;
    try {
      const r = await runAction((...a: A) => fnRef.current(...a), args, runRef.current, dispatch);
      if (!r.ok) {
        onErrorRef.current?.(r.error);
        return undefined;
      }
      onSuccessRef.current?.(r.value);
      return r.value;
    } finally {
      busyRef.current = false;
    }
  }, []);
  const retry = useCallback(() => (lastRef.current ? run(...lastRef.current) : Promise.resolve(undefined)), [run]);
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  const refuse = useCallback((text: string) => dispatch({ type: 'refuse', text }), []);

  return {
    run,
    busy: state.busy,
    pending: state.busy ? state.last : null,
    error: state.error,
    errorText: (networkText: string) => actionErrorText(state.error, networkText),
    code: actionErrorCode(state.error),
    status: actionErrorStatus(state.error),
    refuse,
    retry,
    reset,
  };
}
