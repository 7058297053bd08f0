// The e-form builder's checks, message by message (the administrator reads them, in Vietnamese or English), and the
// defaults of a new field (pure).
import { describe, expect, test } from 'vitest';
import { checkDefinition, newField, type BuilderField, type FormDefinition } from './builder';

const field = (key: string, over: Partial<BuilderField> = {}): BuilderField => ({
  key,
  kind: 'text',
  label: key.toUpperCase(),
  required: false,
  ...over,
});
const form = (...fields: BuilderField[]): FormDefinition => ({ title: 'T', sections: [{ key: 's', title: 'S', fields }] });
const one = (...fields: BuilderField[]) => checkDefinition(form(...fields));

describe('checkDefinition: the form and its sections', () => {
  test('a form without sections', () => {
    expect(checkDefinition({ title: 'T', sections: [] })).toEqual([
      { path: 'sections', key: '', code: 'form-empty', vi: 'Biểu mẫu chưa có phần nào.', en: 'The form has no sections.' },
    ]);
  });

  test('section keys, duplicates and titles', () => {
    const issues = checkDefinition({
      title: 'T',
      sections: [
        { key: 'a', title: 'A', fields: [] },
        { key: '1x', title: 'B', fields: [] },
        { key: 'a', title: '  ', fields: [] },
      ],
    });
    expect(issues).toEqual([
      { path: 'sections.1', key: '1x', code: 'key-invalid', vi: 'Mã phần "1x" không hợp lệ.', en: 'Section key "1x" is not valid.' },
      {
        path: 'sections.2',
        key: 'a',
        code: 'key-duplicate',
        vi: 'Mã phần "a" đã dùng cho phần thứ 1.',
        en: 'Section key "a" is already used by section 1.',
      },
      { path: 'sections.2', key: 'a', code: 'label-missing', vi: 'Phần chưa có tiêu đề.', en: 'The section has no title.' },
    ]);
  });

  test('a clean form has no issue', () => {
    expect(one(field('a'), field('b', { kind: 'yesno' }), field('c', { showWhen: { field: 'b', equals: true } }))).toEqual([]);
  });
});

describe('checkDefinition: fields', () => {
  test('key, duplicate, label', () => {
    expect(one(field('ok'), field('_x'), field('ok', { label: ' ' }))).toEqual([
      {
        path: 'sections.0.fields.1',
        key: '_x',
        code: 'key-invalid',
        vi: 'Mã trường "_x" phải bắt đầu bằng chữ cái, chỉ gồm chữ không dấu, số và "_".',
        en: 'Field key "_x" must start with a letter and hold only letters without diacritics, digits and "_".',
      },
      {
        path: 'sections.0.fields.2',
        key: 'ok',
        code: 'key-duplicate',
        vi: 'Mã trường "ok" đã dùng cho trường thứ 1.',
        en: 'Field key "ok" is already used by field 1.',
      },
      { path: 'sections.0.fields.2', key: 'ok', code: 'label-missing', vi: 'Trường chưa có nhãn.', en: 'The field has no label.' },
    ]);
  });

  test('a choice needs two options that are not blank', () => {
    const miss = { code: 'options-missing', vi: 'Trường lựa chọn cần ít nhất 2 phương án.', en: 'A choice needs at least 2 options.' };
    expect(one(field('c', { kind: 'choice' }))).toEqual([{ path: 'sections.0.fields.0', key: 'c', ...miss }]);
    expect(one(field('c', { kind: 'choice', options: ['a', '  '] }))).toEqual([{ path: 'sections.0.fields.0', key: 'c', ...miss }]);
    expect(one(field('c', { kind: 'choice', options: ['a', 'b'] }))).toEqual([]);
  });

  test('a minimum greater than its maximum, for numbers, lengths and entries; equal is fine', () => {
    const range = (key: string) => ({
      path: expect.any(String),
      key,
      code: 'range-invalid',
      vi: 'Giá trị nhỏ nhất lớn hơn giá trị lớn nhất.',
      en: 'The minimum is greater than the maximum.',
    });
    expect(one(field('n', { kind: 'number', minimum: 5, maximum: 4 }))).toEqual([range('n')]);
    expect(one(field('n', { kind: 'number', minimum: 5, maximum: 5 }))).toEqual([]);
    expect(one(field('n', { kind: 'number', minimum: 5 }))).toEqual([]);
    expect(one(field('n', { kind: 'number', maximum: -5 }))).toEqual([]);
    expect(one(field('t', { minLength: 3, maxLength: 2 }))).toEqual([range('t')]);
    expect(one(field('t', { minLength: 3, maxLength: 3 }))).toEqual([]);
    expect(one(field('t', { minLength: 3 }))).toEqual([]);
    expect(one(field('t', { maxLength: 0 }))).toEqual([]);
    const g = (over: Partial<BuilderField>) => field('g', { kind: 'group', fields: [field('x')], ...over });
    expect(one(g({ minItems: 2, maxItems: 1 }))).toEqual([range('g')]);
    expect(one(g({ minItems: 2, maxItems: 2 }))).toEqual([]);
    expect(one(g({ minItems: 2 }))).toEqual([]);
    expect(one(g({ maxItems: 0 }))).toEqual([]);
  });

  test('a pattern must be a regular expression (unicode mode)', () => {
    expect(one(field('p', { pattern: '^[0-9]+$' }))).toEqual([]);
    expect(one(field('p', { pattern: '\\p{L}+' }))).toEqual([]);
    expect(one(field('p', { pattern: '\\-' }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'p',
        code: 'pattern-invalid',
        vi: 'Mẫu kiểm tra (biểu thức chính quy) không hợp lệ.',
        en: 'The pattern (regular expression) is not valid.',
      },
    ]);
  });

  test('a registry attribute must exist and fit the kind of field', () => {
    expect(one(field('r', { registry: 'religion' as never }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'r',
        code: 'registry-unknown',
        vi: 'Cơ sở dữ liệu dân cư không có thông tin "religion"; chọn một trong: Họ và tên, Ngày sinh, Số định danh cá nhân, Nơi cư trú, Số điện thoại.',
        en: 'The population registry holds no attribute "religion"; choose one of: fullName, dateOfBirth, idNumber, address, phone.',
      },
    ]);
    expect(one(field('r', { kind: 'number', registry: 'fullName' }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'r',
        code: 'registry-kind',
        vi: 'Thông tin "fullName" không điền được vào loại trường này.',
        en: 'The registry attribute "fullName" cannot fill a field of this kind.',
      },
    ]);
    expect(one(field('r', { kind: 'idNumber', registry: 'idNumber' }))).toEqual([]);
  });

  test('a repeating group needs fields, and its fields are checked at their place', () => {
    expect(one(field('g', { kind: 'group' }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'g',
        code: 'group-empty',
        vi: 'Nhóm lặp lại chưa có trường nào.',
        en: 'The repeating group has no fields.',
      },
    ]);
    expect(one(field('g', { kind: 'group', fields: [field('a'), field('a')] })).map((i) => [i.path, i.code])).toEqual([
      ['sections.0.fields.0.fields.1', 'key-duplicate'],
    ]);
  });
});

describe('checkDefinition: conditions', () => {
  test('on itself', () => {
    expect(one(field('a', { showWhen: { field: 'a', equals: 'x' } }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'a',
        code: 'condition-loop',
        vi: 'Điều kiện hiển thị không được dựa vào chính trường này.',
        en: 'A field cannot be shown on a condition on itself.',
      },
    ]);
  });

  test('on its own key used twice: the last field of that key is the one conditions refer to', () => {
    const last = one(field('a'), field('a', { showWhen: { field: 'a', equals: 'x' } }));
    expect(last.map((i) => i.code)).toEqual(['key-duplicate', 'condition-loop']);
    const first = one(field('a', { showWhen: { field: 'a', equals: 'x' } }), field('a'));
    expect(first.map((i) => i.code)).toEqual(['key-duplicate', 'condition-later']);
  });

  test('on a field not in the same list', () => {
    expect(one(field('a', { showWhen: { field: 'zz', equals: 'x' } }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'a',
        code: 'condition-unknown',
        vi: 'Điều kiện hiển thị dựa vào trường "zz" không có trong cùng phần.',
        en: 'The condition refers to "zz", which is not in the same section.',
      },
    ]);
  });

  test('a loop of two', () => {
    const issues = one(field('a', { showWhen: { field: 'b', equals: 'x' } }), field('b', { showWhen: { field: 'a', equals: 'y' } }));
    expect(issues).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'a',
        code: 'condition-loop',
        vi: 'Điều kiện hiển thị tạo vòng lặp: "a" và "b" phụ thuộc lẫn nhau.',
        en: 'The conditions form a loop: "a" and "b" depend on each other.',
      },
      {
        path: 'sections.0.fields.1',
        key: 'b',
        code: 'condition-loop',
        vi: 'Điều kiện hiển thị tạo vòng lặp: "b" và "a" phụ thuộc lẫn nhau.',
        en: 'The conditions form a loop: "b" and "a" depend on each other.',
      },
    ]);
  });

  test('a chain that ends is not a loop; one that runs into a loop elsewhere is not this field’s loop', () => {
    const chain = one(
      field('a'),
      field('b', { showWhen: { field: 'a', equals: 'x' } }),
      field('c', { showWhen: { field: 'b', equals: 'y' } }),
    );
    expect(chain).toEqual([]);
    const into = one(
      field('a', { showWhen: { field: 'b', equals: 'x' } }),
      field('b', { showWhen: { field: 'a', equals: 'x' } }),
      field('c', { showWhen: { field: 'a', equals: 'x' } }),
    );
    expect(into.map((i) => [i.key, i.code])).toEqual([
      ['a', 'condition-loop'],
      ['b', 'condition-loop'],
    ]);
  });

  test('on a later field: named by its label, else its key', () => {
    expect(one(field('a', { showWhen: { field: 'b', equals: 'x' } }), field('b', { label: 'Bee' }))).toEqual([
      {
        path: 'sections.0.fields.0',
        key: 'a',
        code: 'condition-later',
        vi: 'Điều kiện hiển thị dựa vào trường "Bee" nằm phía sau; chỉ dựa vào trường phía trước.',
        en: 'The condition refers to "Bee", which comes later; refer only to an earlier field.',
      },
    ]);
    const unnamed = one(field('a', { showWhen: { field: 'b', equals: 'x' } }), field('b', { label: '' }));
    expect(unnamed.find((i) => i.code === 'condition-later')?.en).toBe(
      'The condition refers to "b", which comes later; refer only to an earlier field.',
    );
  });

  test('a value the field cannot have, for each kind', () => {
    const value = (target: BuilderField, equals: string | number | boolean) =>
      one(target, field('c', { showWhen: { field: target.key, equals } })).map((i) => i.code);
    expect(value(field('y', { kind: 'yesno' }), true)).toEqual([]);
    expect(value(field('y', { kind: 'yesno' }), 'true')).toEqual(['condition-value']);
    expect(value(field('o', { kind: 'choice', options: ['a', 'b'] }), 'a')).toEqual([]);
    expect(value(field('o', { kind: 'choice', options: ['a', 'b'] }), 'c')).toEqual(['condition-value']);
    expect(value(field('o', { kind: 'choice', options: ['1', 'b'] }), 1)).toEqual(['condition-value']);
    expect(value(field('n', { kind: 'number' }), 3)).toEqual([]);
    expect(value(field('n', { kind: 'number' }), '3')).toEqual(['condition-value']);
    expect(value(field('t'), 'x')).toEqual([]);
    expect(value(field('t'), 3)).toEqual(['condition-value']);
    expect(value(field('t'), false)).toEqual(['condition-value']);
    const msg = one(field('y', { kind: 'yesno', label: 'Đã kết hôn' }), field('c', { showWhen: { field: 'y', equals: 'x' } }))[0]!;
    expect(msg.vi).toBe('Giá trị điều kiện không phải là một câu trả lời của trường "Đã kết hôn".');
    expect(msg.en).toBe('The condition\'s value is not an answer the field "Đã kết hôn" can have.');
    const bare = one(field('y', { kind: 'yesno', label: '' }), field('c', { showWhen: { field: 'y', equals: 'x' } }));
    expect(bare.find((i) => i.code === 'condition-value')?.vi).toBe('Giá trị điều kiện không phải là một câu trả lời của trường "y".');
    expect(bare.find((i) => i.code === 'condition-value')?.en).toBe('The condition\'s value is not an answer the field "y" can have.');
  });
});

describe('newField', () => {
  test('defaults of each kind', () => {
    expect(newField('text', 'a')).toEqual({ key: 'a', kind: 'text', label: 'Trường mới', required: false, maxLength: 200 });
    expect(newField('choice', 'c')).toEqual({
      key: 'c',
      kind: 'choice',
      label: 'Lựa chọn',
      required: false,
      options: ['Phương án 1', 'Phương án 2'],
    });
    expect(newField('group', 'g')).toEqual({
      key: 'g',
      kind: 'group',
      label: 'Nhóm lặp lại',
      required: false,
      fields: [{ key: 'hoTen', kind: 'text', label: 'Họ và tên', required: true, maxLength: 100 }],
    });
    expect(newField('number', 'n')).toEqual({ key: 'n', kind: 'number', label: 'Số', required: false });
    expect(newField('date', 'd').label).toBe('Ngày');
    expect(newField('yesno', 'y').label).toBe('Có/Không');
    expect(newField('address', 'x').label).toBe('Địa chỉ');
    expect(newField('idNumber', 'i').label).toBe('Số định danh cá nhân');
    expect(newField('phone', 'p').label).toBe('Số điện thoại');
    for (const k of ['text', 'choice', 'group', 'number'] as const) expect(checkDefinition(form(newField(k, 'k')))).toEqual([]);
  });
});
