import { checkDefinition, toSchema } from '@domain/eform/builder';
import { SAMPLE } from '@domain/eform/sample';
import { describe, expect, test } from 'vitest';
import { builderReducer, EMPTY_FORM, initialState, selPath, type BuilderAction, type BuilderState } from './state';

const run = (st: BuilderState, ...actions: BuilderAction[]) => actions.reduce(builderReducer, st);
const units = ['Phường Hạc Thành'];

describe('the e-form builder’s reducer', () => {
  test('opens a builder schema for editing, a hand-made one read-only, none as an empty form', () => {
    expect(initialState(toSchema(SAMPLE, { units }))).toMatchObject({ readOnly: null, sel: { s: 0 } });
    expect(initialState(toSchema(SAMPLE, { units })).def.sections.map((s) => s.key)).toEqual(['nguoiKhai', 'noiDung']);
    const hand = initialState({ type: 'object', properties: { a: { type: 'string' } } });
    expect(hand.readOnly?.vi).toBeTruthy();
    expect(initialState(null)).toMatchObject({ def: EMPTY_FORM, readOnly: null });
  });

  test('adds fields with free keys and selects the new one; a group’s field goes into the group', () => {
    let st = run(initialState(null), { type: 'addField', kind: 'text' }, { type: 'addField', kind: 'text' });
    expect(st.def.sections[0]!.fields.map((f) => f.key)).toEqual(['truong1', 'truong2']);
    expect(st.sel).toEqual({ s: 0, f: 1 });
    st = run(st, { type: 'addField', kind: 'group' });
    expect(st.def.sections[0]!.fields[2]).toMatchObject({ kind: 'group', key: 'nhom3' });
    // Select a field inside the group: a new field (even "group") lands in the group as a text field.
    st = run(st, { type: 'select', sel: { s: 0, f: 2, g: 0 } }, { type: 'addField', kind: 'group' });
    const group = st.def.sections[0]!.fields[2]!;
    expect(group.fields!.at(-1)).toMatchObject({ kind: 'text' });
    expect(st.sel).toEqual({ s: 0, f: 2, g: group.fields!.length - 1 });
  });

  test('edits the selected field, dropping emptied properties; a group’s field too', () => {
    let st = run(
      initialState(null),
      { type: 'addField', kind: 'text' },
      { type: 'updateField', patch: { label: 'Họ và tên', maxLength: 100 } },
    );
    expect(st.def.sections[0]!.fields[0]).toMatchObject({ label: 'Họ và tên', maxLength: 100 });
    st = run(st, { type: 'updateField', patch: { maxLength: undefined, pattern: '' } });
    expect(st.def.sections[0]!.fields[0]).not.toHaveProperty('maxLength');
    expect(st.def.sections[0]!.fields[0]).not.toHaveProperty('pattern');
    st = run(st, { type: 'addField', kind: 'group' }, { type: 'select', sel: { s: 0, f: 1, g: 0 } });
    st = run(st, { type: 'updateField', patch: { label: 'Ngày sinh của con' } });
    expect(st.def.sections[0]!.fields[1]!.fields![0]!.label).toBe('Ngày sinh của con');
  });

  test('moves and removes fields and sections; moving past the ends changes nothing', () => {
    let st = initialState(toSchema(SAMPLE, { units }));
    const keys = () => st.def.sections[0]!.fields.map((f) => f.key);
    const before = keys();
    st = run(st, { type: 'moveField', s: 0, f: 0, by: -1 });
    expect(keys()).toEqual(before);
    st = run(st, { type: 'moveField', s: 0, f: 0, by: 1 });
    expect(keys().slice(0, 2)).toEqual([before[1], before[0]]);
    st = run(st, { type: 'removeField', s: 0, f: 0 });
    expect(keys()).toHaveLength(before.length - 1);
    expect(st.sel).toEqual({ s: 0 });
    st = run(st, { type: 'moveSection', s: 1, by: -1 });
    expect(st.def.sections.map((s) => s.key)).toEqual(['noiDung', 'nguoiKhai']);
    st = run(st, { type: 'addSection', title: 'Phần mới' });
    expect(st.def.sections.at(-1)).toMatchObject({ key: 'phan3', title: 'Phần mới' });
    expect(st.sel).toEqual({ s: 2 });
    st = run(st, { type: 'removeSection', s: 2 }, { type: 'setSection', s: 0, patch: { title: 'Nội dung' } });
    expect(st.def.sections.map((s) => s.title)).toEqual(['Nội dung', 'Người kê khai']);
  });

  test('a change clears the server’s findings; an import replaces the form or opens read-only', () => {
    let st = run(initialState(null), {
      type: 'serverIssues',
      issues: [{ path: 'sections.0', key: 'x', code: 'duplicate-key', vi: 'trùng', en: 'duplicate' }] as never,
    });
    expect(st.serverIssues).toHaveLength(1);
    st = run(st, { type: 'setTitle', title: 'Tờ khai mới' });
    expect(st.serverIssues).toEqual([]);
    st = run(st, { type: 'imported', schema: toSchema(SAMPLE, { units }) });
    expect(st.def.title).toBe(SAMPLE.title);
    expect(checkDefinition(st.def)).toEqual([]);
    st = run(st, { type: 'imported', schema: { type: 'object', properties: { a: { type: 'string' } } } });
    expect(st.readOnly).not.toBeNull();
    expect(st.def.title).toBe(SAMPLE.title);
    expect(run(st, { type: 'startNew' }).readOnly).toBeNull();
  });

  test('the selection’s path as the checks name it', () => {
    expect(selPath({ s: 1 })).toBe('sections.1');
    expect(selPath({ s: 1, f: 2 })).toBe('sections.1.fields.2');
    expect(selPath({ s: 1, f: 2, g: 0 })).toBe('sections.1.fields.2.fields.0');
  });
});
