import { describe, expect, test } from 'vitest';
import demo from '../../seed/demo-procedures.json' with { type: 'json' };
import { applicantKey, concernedKey, concernedValues, prefill, registryValues, requiredLevel, setPath } from './form';

const person = { idNumber: '038012345678', fullName: 'Lê Thị Hoa', dateOfBirth: '1950-03-04', address: 'Phường Hạc Thành, Thanh Hóa' };
const schemas = (demo as { code: string; formSchema?: Record<string, unknown> }[]).filter((p) => p.formSchema);

describe('e-form prefill from the registry', () => {
  test('every demo e-form has an applicant whose registry fields are filled', () => {
    for (const p of schemas) {
      const key = applicantKey(p.formSchema!);
      expect(key, p.code).not.toBeNull();
      const r = registryValues(p.formSchema!, person);
      expect(Object.keys(r).length, p.code).toBeGreaterThan(0);
    }
  });

  test('registry values win over what was typed; typed over the earlier application', () => {
    const schema = schemas.find((p) => p.code === '1.004873')!.formSchema!;
    const reg = registryValues(schema, person);
    expect(reg['nguoiYeuCau.hoTen']).toBe('Lê Thị Hoa');
    const typed = setPath(setPath({}, 'nguoiYeuCau.hoTen', 'Someone else'), 'mucDichSuDung', 'Kết hôn');
    const earlier = setPath(setPath({}, 'mucDichSuDung', 'Vay vốn'), 'tinhTrangHonNhan', 'Chưa kết hôn');
    const out = prefill(schema, typed, reg, earlier) as Record<string, Record<string, unknown>>;
    expect(out.nguoiYeuCau!.hoTen).toBe('Lê Thị Hoa');
    expect(out.mucDichSuDung).toBe('Kết hôn');
    expect(out.tinhTrangHonNhan).toBe('Chưa kết hôn');
  });

  test('other people in the form are not filled with the applicant’s data', () => {
    const schema = schemas.find((p) => p.code === '1.001193')!.formSchema!;
    const reg = registryValues(schema, person);
    expect(Object.keys(reg).every((k) => k.startsWith('nguoiYeuCau.'))).toBe(true);
  });

  test('the applicant who is the person concerned: that person is filled from the registry, typed text does not count', () => {
    const schema = schemas.find((p) => p.code === '1.004873')!.formSchema!;
    expect(concernedKey(schema)).toBe('nguoiDuocXacNhan');
    const typed = setPath(setPath({}, 'nguoiDuocXacNhan.laNguoiYeuCau', true), 'nguoiDuocXacNhan.hoTen', 'Typed');
    const c = concernedValues(schema, typed, person);
    expect(c).toEqual({
      'nguoiDuocXacNhan.hoTen': 'Lê Thị Hoa',
      'nguoiDuocXacNhan.ngaySinh': '1950-03-04',
      'nguoiDuocXacNhan.soDinhDanh': '038012345678',
      'nguoiDuocXacNhan.noiCuTru': 'Phường Hạc Thành, Thanh Hóa',
    });
    const out = prefill(schema, typed, { ...registryValues(schema, person), ...c }) as Record<string, Record<string, unknown>>;
    expect(out.nguoiDuocXacNhan!.hoTen).toBe('Lê Thị Hoa');
    // Not chosen, or no registry answer: the person concerned is what was typed.
    expect(concernedValues(schema, setPath({}, 'nguoiDuocXacNhan.hoTen', 'Typed'), person)).toEqual({});
    expect(concernedValues(schema, typed, null)).toEqual({});
    // A form about someone else (the child of a birth registration) does not offer the choice.
    expect(concernedKey(schemas.find((p) => p.code === '1.001193')!.formSchema!)).toBeNull();
  });

  test('fully online procedures need a level-2 account', () => {
    expect(requiredLevel({ onlineLevel: 'full' })).toBe(2);
    expect(requiredLevel({ onlineLevel: 'partial' })).toBe(1);
  });
});
