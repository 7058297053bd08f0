// E-form paths, the applicant's object, prefill order and the printed answers (pure).
import { describe, expect, test } from 'vitest';
import {
  answerText,
  applicantKey,
  concernedKey,
  concernedValues,
  getPath,
  prefill,
  readableAnswers,
  registryValues,
  setPath,
} from './form';

const person = {
  idNumber: '001203004567',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-01',
  address: 'Hạc Thành',
  phone: '0912345678',
};
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const text = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });

describe('the applicant object', () => {
  test('marked x-applicant wins over a conventional name', () => {
    const s = obj({ nguoiYeuCau: obj({}), ban: obj({}, { 'x-applicant': true }) });
    expect(applicantKey(s)).toBe('ban');
  });

  test('a conventional name, in the order of the names, when none is marked', () => {
    expect(applicantKey(obj({ x: obj({}), chuHo: obj({}) }))).toBe('chuHo');
    expect(applicantKey(obj({ chuHo: obj({}), nguoiYeuCau: obj({}) }))).toBe('nguoiYeuCau');
    // A conventional name that is not an object does not count.
    expect(applicantKey(obj({ nguoiYeuCau: text() }))).toBeNull();
  });

  test('else the object with a registry-held ID, else one with a mapped registry field', () => {
    const withId = obj({ a: obj({ soDinhDanh: text() }), b: obj({ soDinhDanh: text({ 'x-fromRegistry': true }) }) });
    expect(applicantKey(withId)).toBe('b');
    const mapped = obj({
      a: obj({ ten: text({ 'x-registry': 'fullName' }) }),
      b: obj({ ten: text({ 'x-fromRegistry': true, 'x-registry': 'fullName' }) }),
    });
    expect(applicantKey(mapped)).toBe('b');
    expect(applicantKey(obj({ a: obj({ ten: text({ 'x-fromRegistry': true }) }) }))).toBeNull();
    expect(applicantKey({})).toBeNull();
    expect(applicantKey({ properties: 'not an object' })).toBeNull();
    expect(applicantKey({ properties: null })).toBeNull();
  });

  test('registry values: only fields marked from the registry, mapped or by conventional name, and non-empty', () => {
    const s = obj({
      nguoiYeuCau: obj({
        hoTen: text({ 'x-fromRegistry': true }),
        ngaySinh: text(),
        dienThoai: text({ 'x-fromRegistry': true, 'x-registry': 'phone' }),
        la: text({ 'x-fromRegistry': true, 'x-registry': 'unknownKey' }),
        noiCuTru: text({ 'x-fromRegistry': true }),
      }),
    });
    expect(registryValues(s, person)).toEqual({
      'nguoiYeuCau.hoTen': 'Nguyễn Văn An',
      'nguoiYeuCau.dienThoai': '0912345678',
      'nguoiYeuCau.noiCuTru': 'Hạc Thành',
    });
    expect(registryValues(s, { idNumber: '001203004567', fullName: '' })).toEqual({});
    expect(registryValues(obj({ x: text() }), person)).toEqual({});
  });
});

describe('the person concerned', () => {
  const s = obj({
    nguoiYeuCau: obj({ hoTen: text({ 'x-fromRegistry': true }), laNguoiYeuCau: { type: 'boolean' } }),
    nguoiDuocXacNhan: obj({ laNguoiYeuCau: { type: 'boolean' }, hoTen: text(), soDinhDanh: text(), ghiChu: text() }),
  });

  test("the object offering the choice, never the applicant's", () => {
    expect(concernedKey(s)).toBe('nguoiDuocXacNhan');
    expect(concernedKey(obj({ nguoiYeuCau: obj({ hoTen: text() }), x: obj({ laNguoiYeuCau: text() }) }))).toBeNull();
    expect(concernedKey(obj({ nguoiYeuCau: obj({}), laNguoiYeuCau: { type: 'boolean' } }))).toBeNull();
  });

  test("filled with the applicant's registry data only when the choice is yes", () => {
    const yes = { nguoiDuocXacNhan: { laNguoiYeuCau: true, hoTen: 'typed' } };
    expect(concernedValues(s, yes, person)).toEqual({
      'nguoiDuocXacNhan.hoTen': 'Nguyễn Văn An',
      'nguoiDuocXacNhan.soDinhDanh': '001203004567',
    });
    expect(concernedValues(s, { nguoiDuocXacNhan: { laNguoiYeuCau: false } }, person)).toEqual({});
    expect(concernedValues(s, { nguoiDuocXacNhan: { laNguoiYeuCau: 'true' } }, person)).toEqual({});
    expect(concernedValues(s, yes, null)).toEqual({});
    expect(concernedValues(s, yes, { idNumber: '', fullName: '' })).toEqual({});
  });
});

describe('paths', () => {
  test('getPath reads nested values and stops at non-objects', () => {
    expect(getPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(getPath({ a: 'text' }, 'a.length')).toBeUndefined();
    expect(getPath({ a: null }, 'a.b')).toBeUndefined();
    expect(getPath({ a: [{ b: 2 }] }, 'a.0.b')).toBe(2);
  });

  test('setPath copies, creates objects, keeps lists as lists', () => {
    const before = { a: { b: 1 }, k: 'v' };
    const after = setPath(before, 'a.c', 2);
    expect(after).toEqual({ a: { b: 1, c: 2 }, k: 'v' });
    expect(before).toEqual({ a: { b: 1 }, k: 'v' });
    expect(setPath({ a: 'text' }, 'a.b', 1)).toEqual({ a: { b: 1 } });
    expect(setPath({}, '', 1)).toEqual({});
    const list = setPath({ g: [{ x: 1 }, { x: 2 }] }, 'g.1.x', 3);
    expect(list).toEqual({ g: [{ x: 1 }, { x: 3 }] });
    expect(Array.isArray(list.g)).toBe(true);
    expect(setPath({ g: [{ x: 1 }] }, 'g.0', 'whole')).toEqual({ g: ['whole'] });
    expect(setPath({ g: ['s'] }, 'g.0.y', 5)).toEqual({ g: [{ y: 5 }] });
    expect(setPath({ g: [] }, 'g.1.y', 5).g).toEqual([undefined, { y: 5 }]);
  });

  test('prefill: registry, then typed, then earlier; empty answers left out', () => {
    const s = obj({ a: obj({ x: text(), y: text(), z: text(), w: text() }), top: text() });
    const out = prefill(s, { a: { x: 'typed', y: '' }, top: 'T' }, { 'a.x': 'registry' }, { a: { y: 'earlier', z: 'old' } });
    expect(out).toEqual({ a: { x: 'registry', z: 'old' }, top: 'T' });
    expect(prefill(s, {}, {})).toEqual({});
  });
});

describe('answers as printed', () => {
  test('each kind of value', () => {
    expect(answerText(null)).toBe('');
    expect(answerText(undefined)).toBe('');
    expect(answerText(true)).toBe('Có');
    expect(answerText(false)).toBe('Không');
    expect(answerText(['2026-03-02', true, 'x'])).toBe('02/03/2026; Có; x');
    expect(answerText(1234567)).toBe('1.234.567');
    expect(answerText({ a: 1 })).toBe('{"a":1}');
    expect(answerText('2026-03-02')).toBe('02/03/2026');
    expect(answerText('2026-03-02', { format: 'date' })).toBe('02/03/2026');
    expect(answerText('2026-03-02', { format: 'text' })).toBe('2026-03-02');
    expect(answerText('x2026-03-02')).toBe('x2026-03-02');
    expect(answerText('plain')).toBe('plain');
  });

  test('readable answers: titles, groups with answers, repeating groups numbered', () => {
    const s = obj({
      nguoi: obj({ hoTen: text({ title: 'Họ và tên' }), ngay: text({ title: 'Ngày sinh', format: 'date' }) }, { title: 'Người yêu cầu' }),
      trong: obj({ a: text({ title: 'A' }) }, { title: 'Nhóm trống' }),
      con: { type: 'array', title: 'Con', items: obj({ ten: text({ title: 'Tên' }) }) },
      rong: { type: 'array', title: 'Rỗng', items: obj({ ten: text() }) },
      ghiChu: text({ title: '' }),
      dongY: { type: 'boolean', title: 'Đồng ý' },
    });
    const values = {
      nguoi: { hoTen: 'An', ngay: '1990-05-01' },
      trong: { a: '' },
      con: [{ ten: 'Bình' }, { ten: 'Chi' }],
      rong: [],
      ghiChu: 'note',
      dongY: false,
    };
    expect(readableAnswers(s, values)).toEqual([
      { path: 'nguoi', label: 'Người yêu cầu', value: null, depth: 0 },
      { path: 'nguoi.hoTen', label: 'Họ và tên', value: 'An', depth: 1 },
      { path: 'nguoi.ngay', label: 'Ngày sinh', value: '01/05/1990', depth: 1 },
      { path: 'con', label: 'Con', value: null, depth: 0 },
      { path: 'con.0', label: 'Con 1', value: null, depth: 1 },
      { path: 'con.0.ten', label: 'Tên', value: 'Bình', depth: 2 },
      { path: 'con.1', label: 'Con 2', value: null, depth: 1 },
      { path: 'con.1.ten', label: 'Tên', value: 'Chi', depth: 2 },
      { path: 'ghiChu', label: 'ghiChu', value: 'note', depth: 0 },
      { path: 'dongY', label: 'Đồng ý', value: 'Không', depth: 0 },
    ]);
    expect(readableAnswers(s, {})).toEqual([]);
    // An array without an item schema, or a value that is not a list, is printed as a value.
    expect(readableAnswers(obj({ l: { type: 'array', title: 'L' } }), { l: ['a', 'b'] })).toEqual([
      { path: 'l', label: 'L', value: 'a; b', depth: 0 },
    ]);
    expect(readableAnswers(obj({ l: { type: 'array', title: 'L', items: obj({}) } }), { l: 'x' })).toEqual([
      { path: 'l', label: 'L', value: 'x', depth: 0 },
    ]);
  });
});
