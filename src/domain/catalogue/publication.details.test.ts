// Publication of a procedure: the elements the law requires, the deciding document, and the e-form's field diff (pure).
import { describe, expect, test } from 'vitest';
import { checkDecision, diffFormFields, formFields, missingElements, type ElementSource } from './publication';

const complete: ElementSource = {
  name: 'Đăng ký khai sinh',
  steps: ['s'],
  channels: ['in-person'],
  components: ['c'],
  processingDays: 0,
  unitIds: ['u'],
  resultType: 'Giấy khai sinh',
  fee: { kind: 'free' },
  legalBasis: ['Luật Hộ tịch'],
};

describe('elements of a published procedure', () => {
  test('complete; a same-day procedure (0 days) has its time', () => {
    expect(missingElements(complete)).toEqual([]);
  });

  test('time: a finite number of days, not negative', () => {
    expect(missingElements({ ...complete, processingDays: -1 })).toEqual(['time']);
    expect(missingElements({ ...complete, processingDays: Number.POSITIVE_INFINITY })).toEqual(['time']);
    expect(missingElements({ ...complete, processingDays: Number.NaN })).toEqual(['time']);
    expect(missingElements({ ...complete, processingDays: null })).toEqual(['time']);
    expect(missingElements({ ...complete, processingDays: '3' as never })).toEqual(['time']);
  });

  test('fee: free, per unit, or fixed with an amount', () => {
    expect(missingElements({ ...complete, fee: { kind: 'per-unit' } })).toEqual([]);
    expect(missingElements({ ...complete, fee: { kind: 'fixed', amount: 0 } })).toEqual([]);
    expect(missingElements({ ...complete, fee: { kind: 'fixed' } })).toEqual(['fee']);
    expect(missingElements({ ...complete, fee: { kind: 'other', amount: 5 } })).toEqual(['fee']);
    expect(missingElements({ ...complete, fee: null })).toEqual(['fee']);
  });

  test('names and results must be text with something in it; lists must hold something', () => {
    expect(missingElements({ ...complete, name: '  ', resultType: 5 as never })).toEqual(['name', 'result']);
    expect(missingElements({})).toEqual(['name', 'sequence', 'manner', 'components', 'time', 'who', 'result', 'fee', 'legalBasis']);
    expect(missingElements({ ...complete, steps: [], legalBasis: 'x' as never })).toEqual(['sequence', 'legalBasis']);
  });
});

describe('the deciding document', () => {
  test('each problem named at its field, in both languages', () => {
    expect(checkDecision({ decisionNumber: ' ', decisionDate: '2026-3-1', effectiveDate: 'soon' })).toEqual([
      { field: 'decisionNumber', vi: 'Chưa có số quyết định công bố.', en: 'The number of the deciding document is missing.' },
      { field: 'decisionDate', vi: 'Ngày quyết định không hợp lệ.', en: 'The decision date is not a valid date.' },
      { field: 'effectiveDate', vi: 'Ngày có hiệu lực không hợp lệ.', en: 'The effective date is not a valid date.' },
    ]);
    expect(checkDecision({ decisionNumber: '12/QĐ-UBND', decisionDate: '2026-03-10', effectiveDate: '2026-03-09' })).toEqual([
      {
        field: 'effectiveDate',
        vi: 'Ngày có hiệu lực (2026-03-09) trước ngày quyết định (2026-03-10).',
        en: 'The effective date (2026-03-09) is before the decision date (2026-03-10).',
      },
    ]);
    expect(checkDecision({ decisionNumber: '12/QĐ-UBND', decisionDate: '2026-03-10', effectiveDate: '2026-03-10' })).toEqual([]);
    expect(checkDecision({ decisionNumber: '12/QĐ-UBND', decisionDate: '2026-03-10', effectiveDate: 'x2026-03-11' })).toHaveLength(1);
  });
});

describe('e-form fields and their diff', () => {
  const schema = {
    type: 'object',
    required: ['ten'],
    properties: {
      ten: { type: 'string', title: 'Họ tên', minLength: 1, maxLength: 100 },
      gioi: { type: 'string', enum: ['Nam', 'Nữ'] },
      ngay: { type: 'string', format: 'date', 'x-beforeToday': true },
      so: { type: 'number', minimum: 0, maximum: 9, 'x-showWhen': { field: 'gioi', equals: 'Nam' } },
      dinhDanh: { type: 'string', pattern: '^[0-9]{12}$', 'x-registry': 'idNumber' },
      diaChi: { type: 'object', 'x-kind': 'address', title: 'Địa chỉ', properties: { unit: { type: 'string' } } },
      nhom: { type: 'object', title: 'Nhóm', properties: { a: { type: 'string', title: '' } } },
      con: { type: 'array', title: 'Con', items: { type: 'object', required: ['b'], properties: { b: { type: 'string', title: 'B' } } } },
      rong: { type: 'array' },
      bad: null,
      khac: {},
    },
  };

  test('each field with its label path and its rules in one line', () => {
    expect(formFields(schema)).toEqual([
      { path: 'ten', label: 'Họ tên', describe: 'string, required, minLength: 1, maxLength: 100' },
      { path: 'gioi', label: 'gioi', describe: 'choice, options: Nam | Nữ' },
      { path: 'ngay', label: 'ngay', describe: 'date, x-beforeToday: true' },
      { path: 'so', label: 'so', describe: 'number, minimum: 0, maximum: 9, shown when gioi = Nam' },
      { path: 'dinhDanh', label: 'dinhDanh', describe: 'string, pattern: ^[0-9]{12}$, x-registry: idNumber' },
      { path: 'diaChi', label: 'Địa chỉ', describe: 'address' },
      { path: 'nhom', label: 'Nhóm', describe: 'object' },
      { path: 'nhom.a', label: 'Nhóm › a', describe: 'string' },
      { path: 'con', label: 'Con', describe: 'array' },
      { path: 'con[].b', label: 'Con › B', describe: 'string, required' },
      { path: 'rong', label: 'rong', describe: 'array' },
      { path: 'khac', label: 'khac', describe: '' },
    ]);
    expect(formFields(null)).toEqual([]);
    expect(formFields('schema')).toEqual([]);
  });

  test('added, removed and changed fields; a label change alone is a change', () => {
    const before = {
      type: 'object',
      properties: { a: { type: 'string', title: 'A' }, b: { type: 'string' }, c: { type: 'string', title: 'C' } },
    };
    const after = {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string', title: 'A' }, c: { type: 'string', title: 'Cee' }, d: { type: 'number' } },
    };
    expect(diffFormFields(before, after)).toEqual([
      { change: 'changed', path: 'a', label: 'A', before: 'A: string', now: 'A: string, required' },
      { change: 'changed', path: 'c', label: 'Cee', before: 'C: string', now: 'Cee: string' },
      { change: 'added', path: 'd', label: 'd', now: 'number' },
      { change: 'removed', path: 'b', label: 'b', before: 'string' },
    ]);
    expect(diffFormFields(before, before)).toEqual([]);
  });
});
