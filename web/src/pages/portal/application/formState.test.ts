import { describe, expect, it } from 'vitest';
import { errorSummary, formStepReducer, INITIAL_FORM_STEP, shownErrors, submitBlocker, type FormStepState } from './formState';
import type { Issue } from '../../../portal/schema';

const reduce = (...actions: Parameters<typeof formStepReducer>[1][]): FormStepState => actions.reduce(formStepReducer, INITIAL_FORM_STEP);
const required: Issue = { kind: 'required', choice: false };
const issues = new Map<string, Issue>([
  ['a.hoTen', required],
  ['b', required],
]);

describe('the e-form step’s state', () => {
  it('shows a field’s error once the citizen left it, and every error after a submit', () => {
    const left = reduce({ type: 'blur', path: 'a.hoTen' });
    expect([...shownErrors(left, issues, () => 'chưa điền').keys()]).toEqual(['a.hoTen']);
    const pressed = formStepReducer(left, { type: 'submit-pressed', missing: [], message: 'thiếu' });
    expect([...shownErrors(pressed, issues, () => 'chưa điền').keys()]).toEqual(['a.hoTen', 'b']);
  });

  it('leaving a field twice changes nothing', () => {
    const once = reduce({ type: 'blur', path: 'b' });
    expect(formStepReducer(once, { type: 'blur', path: 'b' })).toBe(once);
  });

  it('the server’s refusal marks fields until they are changed; its missing documents until a file is added', () => {
    const refused = reduce(
      { type: 'server-refused', fields: [{ field: 'c', message: 'sai định dạng' }], message: '' },
      { type: 'server-refused', components: ['k1', 'k2'], message: 'thiếu giấy tờ' },
    );
    expect(shownErrors(refused, new Map(), () => '').get('c')).toBe('sai định dạng');
    expect([...refused.componentErrors.keys()]).toEqual(['k1', 'k2']);
    const fixed = [{ type: 'field-changed', path: 'c' } as const, { type: 'file-added', componentId: 'k1' } as const].reduce(
      formStepReducer,
      refused,
    );
    expect(fixed.serverErrors.size).toBe(0);
    expect([...fixed.componentErrors.keys()]).toEqual(['k2']);
    // A change to a field without a server error keeps the same state.
    expect(formStepReducer(fixed, { type: 'field-changed', path: 'x' })).toBe(fixed);
  });

  it('a submit marks the missing documents and clears the last line', () => {
    const s = reduce({ type: 'submit-error', text: 'ngoại tuyến' }, { type: 'submit-pressed', missing: ['k1'], message: 'thiếu' });
    expect(s.submitError).toBeNull();
    expect(s.showAll).toBe(true);
    expect(s.componentErrors.get('k1')).toBe('thiếu');
  });

  it('a document still uploading stops the submit before errors do', () => {
    const busy = reduce({ type: 'upload-busy', componentId: 'k1', busy: true });
    expect(submitBlocker(busy, 3, 1)).toBe('uploading');
    const done = formStepReducer(busy, { type: 'upload-busy', componentId: 'k1', busy: false });
    expect(submitBlocker(done, 3, 0)).toBe('invalid');
    expect(submitBlocker(done, 0, 1)).toBe('invalid');
    expect(submitBlocker(done, 0, 0)).toBeNull();
  });

  it('the summary lists fields then documents, each linking to its place, only after a submit', () => {
    const s = reduce({ type: 'blur', path: 'b' }, { type: 'server-refused', components: ['k1'], message: 'thiếu' });
    const args = [(p: string) => `Trường ${p}`, (id: string) => `Giấy ${id}`, (p: string) => `f-${p}`] as const;
    expect(errorSummary(s, new Map([['b', 'chưa điền']]), ...args)).toEqual([]);
    const after = formStepReducer(s, { type: 'submit-pressed', missing: ['k1'], message: 'thiếu' });
    expect(errorSummary(after, new Map([['b', 'chưa điền']]), ...args)).toEqual([
      { href: '#f-b', text: 'Trường b: chưa điền' },
      { href: '#comp-k1', text: 'Giấy k1: thiếu' },
    ]);
  });
});
