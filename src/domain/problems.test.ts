// The problem catalogue: every code answers in both languages, says what it was given, and the law's rules keep
// the status the contract promises (422 for a rule broken, 409 for an action the status does not allow).
import { describe, expect, it } from 'vitest';
import { allProblemCodes, Problem, problemDefinition, PROBLEMS } from './problems';

/** Parameters that answer any name with a marker naming it. */
const marked = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? `«${k}»` : undefined) }) as Record<string, unknown>;

describe('problem catalogue', () => {
  it('every code has a status from 400 to 599 and a message in Vietnamese and in English, different from each other', () => {
    expect(allProblemCodes()).toEqual(Object.keys(PROBLEMS).sort());
    expect(allProblemCodes()[0]! < allProblemCodes().at(-1)!).toBe(true);
    for (const code of allProblemCodes()) {
      const def = problemDefinition(code)!;
      expect(def.status, code).toBeGreaterThanOrEqual(400);
      expect(def.status, code).toBeLessThan(600);
      for (const params of [{}, marked]) {
        const vi = def.vi(params);
        const en = def.en(params);
        expect(vi.trim().length, code).toBeGreaterThan(8);
        expect(en.trim().length, code).toBeGreaterThan(8);
        expect(vi, code).not.toBe(en);
        expect(vi, code).not.toContain('undefined');
        expect(en, code).not.toContain('undefined');
      }
    }
  });

  it('a message that takes parameters shows each one it is given, in both languages', () => {
    for (const code of allProblemCodes()) {
      const def = problemDefinition(code)!;
      const vi = def.vi(marked);
      const en = def.en(marked);
      const used = (m: string) => [...m.matchAll(/«([^»]+)»/g)].map((x) => x[1]).sort();
      // Both languages say the same things (a parameter `xEn` is the English wording of `x`).
      expect(used(vi), code).toEqual(
        used(en)
          .map((k) => (k ?? '').replace(/En$/, ''))
          .sort(),
      );
      // A message that reads its parameters (p) => … shows at least one of them.
      if (def.vi.length > 0 && /\bp\./.test(def.vi.toString())) expect(used(vi).length, code).toBeGreaterThan(0);
    }
  });

  it('the law’s rules answer 422 with their own code; an action the status does not allow is 409', () => {
    for (const code of [
      'supplement-already-requested',
      'withdrawal-request-missing',
      'extension-already-used',
      'extension-date-invalid',
      'signature-required',
      'components-missing',
      'component-not-in-procedure',
    ])
      expect(problemDefinition(code)?.status, code).toBe(422);
    expect(problemDefinition('action-not-allowed')?.status).toBe(409);
    expect(problemDefinition('forbidden')?.status).toBe(403);
    expect(problemDefinition('not-found')?.status).toBe(404);
    expect(problemDefinition('no-such-code')).toBeUndefined();
  });
});

describe('Problem', () => {
  it('carries code, status, parameters and extensions; detail in the language asked', () => {
    const p = new Problem('not-found', { what: 'hồ sơ' }, { allowedActions: ['x'] });
    expect(p).toBeInstanceOf(Error);
    expect(p.code).toBe('not-found');
    expect(p.status).toBe(404);
    expect(p.params).toEqual({ what: 'hồ sơ' });
    expect(p.extensions).toEqual({ allowedActions: ['x'] });
    expect(p.detail('vi')).toBe('Không tìm thấy hồ sơ.');
    expect(p.detail('en')).toBe('hồ sơ was not found.');
    expect(p.message).toBe('hồ sơ was not found.');
  });

  it('an empty or missing parameter reads naturally; null and undefined are not printed', () => {
    expect(new Problem('not-found').detail('vi')).toBe('Không tìm thấy tài nguyên.');
    expect(new Problem('not-found', { what: null }).detail('en')).toBe('The resource was not found.');
    expect(new Problem('validation-failed', { summary: 0 }).detail('en')).toBe('The request is not valid: 0');
    expect(new Problem('validation-failed', {}).detail('en')).toBe('The request is not valid: ');
  });

  it('an action refused in a final status says that no action is left', () => {
    const p = new Problem('action-not-allowed', { action: 'stop', status: 'refused', allowed: '' });
    expect(p.detail('vi')).toContain('Các thao tác được phép: không có.');
    expect(p.detail('en')).toContain('Available actions: none.');
    expect(new Problem('action-not-allowed', { action: 'stop', status: 'received', allowed: 'refuse' }).detail('en')).toContain(
      'Available actions: refuse.',
    );
  });

  it('an unknown code is a 400 whose detail is the code itself', () => {
    const p = new Problem('made-up-code');
    expect(p.status).toBe(400);
    expect(p.detail('vi')).toBe('made-up-code');
    expect(p.message).toBe('made-up-code');
    expect(p.params).toEqual({});
    expect(p.extensions).toEqual({});
  });
});
