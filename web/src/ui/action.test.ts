import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import {
  actionErrorCode,
  actionErrorStatus,
  actionErrorText,
  actionReducer,
  initialActionState,
  refuse,
  retryable,
  runAction,
  toActionError,
  type ActionEvent,
  type ActionState,
} from './action';

const problem = { code: 'payment-not-required', detail: 'Hồ sơ không cần thanh toán.', status: 409 };

function recorder<A extends unknown[]>() {
  let state: ActionState<A> = initialActionState<A>();
  const seen: ActionState<A>[] = [];
  const dispatch = (e: ActionEvent<A>) => {
    state = actionReducer(state, e);
    seen.push(state);
  };
  return { dispatch, seen, state: () => state };
}

describe('action state', () => {
  it('is busy while running, then clear with the result', async () => {
    const r = recorder<[number]>();
    const out = await runAction(async (n: number) => n * 2, [21], 1, r.dispatch);
    expect(out).toEqual({ ok: true, value: 42 });
    expect(r.seen.map((s) => s.busy)).toEqual([true, false]);
    expect(r.state()).toEqual({ busy: false, error: null, last: [21], run: 1 });
  });

  it('keeps the server’s problem document, and its text and code', async () => {
    const r = recorder<[]>();
    const out = await runAction(
      async () => {
        throw new ApiError(problem, 409);
      },
      [],
      1,
      r.dispatch,
    );
    expect(out.ok).toBe(false);
    const error = r.state().error;
    expect(error).toEqual({ kind: 'problem', problem, status: 409 });
    expect(actionErrorText(error, 'mạng')).toBe(problem.detail);
    expect(actionErrorCode(error)).toBe('payment-not-required');
    expect(r.state().busy).toBe(false);
  });

  it('a failure without an answer is a network error', () => {
    expect(toActionError(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(toActionError(new ApiError(null, 502))).toEqual({ kind: 'network', status: 502 });
    expect(toActionError(problem)).toEqual({ kind: 'problem', problem, status: 409 });
    expect(actionErrorText({ kind: 'network' }, 'Không kết nối được máy chủ.')).toBe('Không kết nối được máy chủ.');
    expect(actionErrorCode({ kind: 'network' })).toBe('');
    expect(actionErrorText(null, 'x')).toBeNull();
  });

  it('a new run clears the last error; retry has the last arguments', () => {
    let s = actionReducer(initialActionState<[string]>(), { type: 'start', args: ['a'] });
    s = actionReducer(s, { type: 'fail', run: 1, error: { kind: 'network' } });
    expect(s).toMatchObject({ busy: false, error: { kind: 'network' }, last: ['a'] });
    s = actionReducer(s, { type: 'start', args: ['a'] });
    expect(s).toMatchObject({ busy: true, error: null, run: 2 });
  });

  it('a late answer of an earlier run does not overwrite the current one', () => {
    let s = actionReducer(initialActionState<[]>(), { type: 'start', args: [] });
    s = actionReducer(s, { type: 'start', args: [] });
    const late = actionReducer(s, { type: 'fail', run: 1, error: { kind: 'network' } });
    expect(late).toBe(s);
    expect(actionReducer(s, { type: 'succeed', run: 2 }).busy).toBe(false);
  });

  it('reset forgets the error', () => {
    let s = actionReducer(initialActionState<[]>(), { type: 'start', args: [] });
    s = actionReducer(s, { type: 'fail', run: 1, error: { kind: 'network' } });
    expect(actionReducer(s, { type: 'reset' }).error).toBeNull();
  });
});

describe('the page’s own checks and retrying', () => {
  it('a refusal thrown inside the action is shown like the server’s, without a code or status', async () => {
    const r = recorder<[string]>();
    const out = await runAction(
      async (name: string) => {
        if (!name) refuse('Nhập họ tên.');
        return name;
      },
      [''],
      1,
      r.dispatch,
    );
    expect(out).toEqual({ ok: false, error: { kind: 'refused', text: 'Nhập họ tên.' } });
    expect(r.seen.map((s) => s.busy)).toEqual([true, false]);
    const error = r.state().error;
    expect(actionErrorText(error, 'mạng')).toBe('Nhập họ tên.');
    expect(actionErrorCode(error)).toBe('');
    expect(actionErrorStatus(error)).toBeUndefined();
  });

  it('refuse outside a run shows the text and keeps a running call running', () => {
    let s = actionReducer(initialActionState<[]>(), { type: 'start', args: [] });
    s = actionReducer(s, { type: 'refuse', text: 'Tệp quá lớn.' });
    expect(s).toMatchObject({ busy: true, error: { kind: 'refused', text: 'Tệp quá lớn.' }, run: 1 });
    expect(actionReducer(s, { type: 'succeed', run: 1 })).toMatchObject({ busy: false, error: null });
  });

  it('the status of a failed call, for pages that word a 403 or 404 themselves', () => {
    expect(actionErrorStatus(toActionError(new ApiError(problem, 409)))).toBe(409);
    expect(actionErrorStatus(toActionError(new ApiError(null, 502)))).toBe(502);
    expect(actionErrorStatus({ kind: 'network' })).toBeUndefined();
    expect(actionErrorStatus(null)).toBeUndefined();
  });

  it('retry is offered when the call got no answer or the server failed, not for a rule’s refusal', () => {
    expect(retryable({ kind: 'network' })).toBe(true);
    expect(retryable({ kind: 'network', status: 502 })).toBe(true);
    expect(retryable({ kind: 'problem', problem: { ...problem, status: 503 }, status: 503 })).toBe(true);
    expect(retryable({ kind: 'problem', problem: { ...problem, status: 429 }, status: 429 })).toBe(true);
    expect(retryable({ kind: 'problem', problem, status: 409 })).toBe(false);
    expect(retryable({ kind: 'problem', problem: { ...problem, status: 403 }, status: 403 })).toBe(false);
    expect(retryable({ kind: 'refused', text: 'x' })).toBe(false);
  });
});
