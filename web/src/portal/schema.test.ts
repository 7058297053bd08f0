// The e-form checks the citizen sees before sending: the same rules as the server, in plain words.
import { describe, expect, it } from 'vitest';
import { checkForm, digitsOnly, fieldId, isRequired, kindOf, propertiesOf, titlePath, withValue, type SchemaNode } from './schema';
import { toSchema } from '@domain/eform/builder';
import { SAMPLE } from '@domain/eform/sample';

const schema: SchemaNode = {
  type: 'object',
  required: ['nguoiYeuCau', 'tinhTrang', 'soBanSao'],
  properties: {
    ghiChu: { type: 'string', title: 'Ghi chú', maxLength: 10 },
    soBanSao: { type: 'integer', title: 'Số bản sao', minimum: 1, maximum: 5 },
    tinhTrang: { type: 'string', title: 'Tình trạng', enum: ['Chưa kết hôn', 'Đã ly hôn'] },
    nguoiYeuCau: {
      type: 'object',
      title: 'Người yêu cầu',
      required: ['hoTen', 'ngaySinh', 'soDienThoai'],
      properties: {
        hoTen: { type: 'string', title: 'Họ tên' },
        ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh' },
        soDienThoai: { type: 'string', title: 'Số điện thoại', pattern: '^0[0-9]{9}$' },
        soDinhDanh: { type: 'string', title: 'Số định danh', pattern: '^[0-9]{12}$' },
      },
    },
    nguoiLamChung: {
      type: 'object',
      title: 'Người làm chứng',
      required: ['hoTen'],
      properties: { hoTen: { type: 'string', title: 'Họ tên' }, diaChi: { type: 'string', title: 'Địa chỉ' } },
    },
  },
};

const good = {
  tinhTrang: 'Chưa kết hôn',
  soBanSao: 2,
  nguoiYeuCau: { hoTen: 'Lê Văn An', ngaySinh: '1990-01-02', soDienThoai: '0912345678' },
};

describe('checkForm', () => {
  it('a complete form has no issues', () => {
    expect([...checkForm(schema, good, new Set())]).toEqual([]);
  });

  it('names each missing required field by path; a choice says so', () => {
    const issues = checkForm(schema, {}, new Set());
    expect(Object.fromEntries(issues)).toEqual({
      tinhTrang: { kind: 'required', choice: true },
      soBanSao: { kind: 'required', choice: false },
      'nguoiYeuCau.hoTen': { kind: 'required', choice: false },
      'nguoiYeuCau.ngaySinh': { kind: 'required', choice: false },
      'nguoiYeuCau.soDienThoai': { kind: 'required', choice: false },
    });
  });

  it('blank text counts as missing', () => {
    const issues = checkForm(schema, { ...good, nguoiYeuCau: { ...good.nguoiYeuCau, hoTen: '   ' } }, new Set());
    expect(issues.get('nguoiYeuCau.hoTen')).toEqual({ kind: 'required', choice: false });
  });

  it('fields the registry fills are not checked here', () => {
    const issues = checkForm(
      schema,
      { ...good, nguoiYeuCau: { soDienThoai: '0912345678' } },
      new Set(['nguoiYeuCau.hoTen', 'nguoiYeuCau.ngaySinh']),
    );
    expect([...issues.keys()]).toEqual([]);
  });

  it('an optional group left empty is not checked inside; once started, its required fields are', () => {
    expect(checkForm(schema, { ...good, nguoiLamChung: {} }, new Set()).size).toBe(0);
    const started = checkForm(schema, { ...good, nguoiLamChung: { diaChi: 'Thanh Hóa' } }, new Set());
    expect(Object.fromEntries(started)).toEqual({ 'nguoiLamChung.hoTen': { kind: 'required', choice: false } });
  });

  it('phone, ID digits, dates, numbers, choices and lengths, each with its own message', () => {
    const bad = {
      tinhTrang: 'Khác',
      soBanSao: 9,
      ghiChu: 'quá mười ký tự',
      nguoiYeuCau: { hoTen: 'An', ngaySinh: '1990-02-30', soDienThoai: '912345678', soDinhDanh: '0380' },
    };
    expect(Object.fromEntries(checkForm(schema, bad, new Set()))).toEqual({
      tinhTrang: { kind: 'required', choice: true },
      soBanSao: { kind: 'max', n: 5 },
      ghiChu: { kind: 'max-length', n: 10 },
      'nguoiYeuCau.ngaySinh': { kind: 'date' },
      'nguoiYeuCau.soDienThoai': { kind: 'phone' },
      'nguoiYeuCau.soDinhDanh': { kind: 'digits', n: 12 },
    });
    expect(checkForm(schema, { ...good, soBanSao: 0 }, new Set()).get('soBanSao')).toEqual({ kind: 'min', n: 1 });
    expect(checkForm(schema, { ...good, soBanSao: 1.5 }, new Set()).get('soBanSao')).toEqual({ kind: 'number' });
    expect(checkForm(schema, { ...good, soBanSao: '2' }, new Set()).get('soBanSao')).toEqual({ kind: 'number' });
    expect(checkForm(schema, { ...good, soBanSao: 1 }, new Set()).get('soBanSao')).toBeUndefined();
    expect(checkForm(schema, { ...good, soBanSao: 5 }, new Set()).get('soBanSao')).toBeUndefined();
  });

  it('a birth date in the future is refused', () => {
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const issues = checkForm(schema, { ...good, nguoiYeuCau: { ...good.nguoiYeuCau, ngaySinh: next } }, new Set());
    expect(issues.get('nguoiYeuCau.ngaySinh')).toEqual({ kind: 'future-date' });
  });
});

describe('walking the schema', () => {
  it('asks required fields in the order of `required`, then the others in their order; x-order wins', () => {
    expect(propertiesOf(schema).map(([k]) => k)).toEqual(['nguoiYeuCau', 'tinhTrang', 'soBanSao', 'ghiChu', 'nguoiLamChung']);
    expect(propertiesOf({ ...schema, 'x-order': ['ghiChu', 'soBanSao'] } as SchemaNode).map(([k]) => k)).toEqual([
      'ghiChu',
      'soBanSao',
      'tinhTrang',
      'nguoiYeuCau',
      'nguoiLamChung',
    ]);
    expect(propertiesOf({ type: 'string' })).toEqual([]);
  });

  it('kinds of fields', () => {
    expect(kindOf({ type: 'object' })).toBe('object');
    expect(kindOf({ type: 'string', enum: ['a'] })).toBe('enum');
    expect(kindOf({ type: 'string', enum: [] })).toBe('text');
    expect(kindOf({ type: ['integer', 'null'] })).toBe('integer');
    expect(kindOf({ type: 'number' })).toBe('number');
    expect(kindOf({ type: 'boolean' })).toBe('boolean');
    expect(kindOf({ type: 'string', format: 'date' })).toBe('date');
    expect(kindOf({ type: 'string' })).toBe('text');
  });

  it('digit-only patterns get a numeric keyboard; others do not', () => {
    expect(digitsOnly('^[0-9]{12}$')).toBe(true);
    expect(digitsOnly('^0[0-9]{9}$')).toBe(true);
    expect(digitsOnly('^\\d+$')).toBe(true);
    expect(digitsOnly('^[A-Z]{2}$')).toBe(false);
    expect(digitsOnly(undefined)).toBe(false);
  });

  it('required only when every group on the way is required', () => {
    expect(isRequired(schema, 'nguoiYeuCau.hoTen')).toBe(true);
    expect(isRequired(schema, 'nguoiYeuCau.soDinhDanh')).toBe(false);
    expect(isRequired(schema, 'nguoiLamChung.hoTen')).toBe(false);
    expect(isRequired(schema, 'ghiChu')).toBe(false);
  });

  it('titles from the top, ids without dots, emptied values removed', () => {
    expect(titlePath(schema, 'nguoiYeuCau.soDienThoai')).toBe('Người yêu cầu › Số điện thoại');
    expect(titlePath(schema, 'nguoiYeuCau.khac')).toBe('Người yêu cầu › khac');
    expect(fieldId('nguoiYeuCau.hoTen')).toBe('f-nguoiYeuCau-hoTen');
    const v = withValue(good, 'nguoiYeuCau.hoTen', 'Trần Bình');
    expect((v.nguoiYeuCau as Record<string, unknown>).hoTen).toBe('Trần Bình');
    expect(good.nguoiYeuCau.hoTen).toBe('Lê Văn An');
    const cleared = withValue(good, 'nguoiYeuCau.hoTen', '  ');
    // Emptied: no value, and nothing of it in what is sent.
    expect((cleared.nguoiYeuCau as Record<string, unknown>).hoTen).toBeUndefined();
    expect(JSON.parse(JSON.stringify(cleared)).nguoiYeuCau).toEqual({ ngaySinh: '1990-01-02', soDienThoai: '0912345678' });
  });
});

describe('e-form builder forms: conditional fields and repeating groups', () => {
  const built: SchemaNode = toSchema(SAMPLE, { units: ['Xã Nguyệt Viên'] }) as SchemaNode;
  const base = {
    nguoiKhai: { soDienThoai: '0912345678' },
    noiDung: { diaChiMoi: { unit: 'Xã Nguyệt Viên', detail: 'Thôn 3' }, soNguoi: 2, ngayDen: '2020-01-02', quanHe: 'Con' },
  };
  const reg = new Set(['nguoiKhai.hoTen', 'nguoiKhai.ngaySinh', 'nguoiKhai.soDinhDanh']);
  it('a hidden field is not asked; shown, its condition makes it required (and marked so)', () => {
    expect([...checkForm(built, base, reg).keys()]).toEqual([]);
    const other = withValue(base, 'noiDung.quanHe', 'Khác');
    expect([...checkForm(built, other, reg).keys()]).toEqual(['noiDung.quanHeKhac']);
    expect(isRequired(built, 'noiDung.quanHeKhac')).toBe(true);
  });
  it('each entry of a repeating group is checked, by index; a date before today is enforced', () => {
    const withChild = withValue(withValue(base, 'noiDung.coConNho', true), 'noiDung.con', [{ hoTen: 'Bé An' }]);
    expect([...checkForm(built, withChild, reg).keys()]).toEqual(['noiDung.con.0.ngaySinh']);
    const future = withValue(withChild, 'noiDung.con.0.ngaySinh', '2199-01-01');
    expect(Array.isArray((future.noiDung as { con: unknown }).con)).toBe(true);
    expect(checkForm(built, future, reg).get('noiDung.con.0.ngaySinh')).toEqual({ kind: 'future-date' });
    expect([...checkForm(built, withValue(base, 'noiDung.coConNho', true), reg).keys()]).toEqual(['noiDung.con']);
  });
});
