import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import {
  actionErrorCode,
  actionErrorText,
  actionReducer,
  initialActionState,
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
