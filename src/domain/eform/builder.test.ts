import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import demo from '../../seed/demo-procedures.json' with { type: 'json' };
import { registryValues } from '../portal/form';
import { checkDefinition, fromSchema, newField, toSchema, type FormDefinition } from './builder';
import { SAMPLE } from './sample';

const units = ['Phường Hạc Thành', 'Xã Nguyệt Viên', 'Phường Đông Tiến'];

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

describe('builder → JSON Schema → builder', () => {
  test('the sample round-trips exactly, with the province’s units', () => {
    const schema = toSchema(SAMPLE, { units });
    const back = fromSchema(JSON.parse(JSON.stringify(schema)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.definition).toEqual(SAMPLE);
    expect(back.context.units).toEqual(units);
  });

  test('key order lost in storage (jsonb) does not matter: x-order keeps the order', () => {
    const schema = toSchema(SAMPLE, { units });
    const shuffle = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(shuffle);
      if (v && typeof v === 'object')
        return Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, shuffle(x)]),
        );
      return v;
    };
    const back = fromSchema(shuffle(schema));
    expect(back.ok && back.definition).toEqual(SAMPLE);
  });

  test('every kind of new field round-trips', () => {
    const kinds = ['text', 'number', 'date', 'choice', 'yesno', 'address', 'idNumber', 'phone', 'group'] as const;
    const def: FormDefinition = { title: 'T', sections: [{ key: 's', title: 'S', fields: kinds.map((k, i) => newField(k, `f${i}`)) }] };
    expect(checkDefinition(def)).toEqual([]);
    const back = fromSchema(toSchema(def, { units }));
    expect(back.ok && back.definition).toEqual(def);
  });

  test('the schema compiles, and validates as the portal expects: the condition asks its field only when shown', () => {
    const validate = ajv.compile(toSchema(SAMPLE, { units }));
    const base = {
      nguoiKhai: { hoTen: 'Lê Thị Hoa', ngaySinh: '1950-03-04', soDinhDanh: '038012345678', soDienThoai: '0912345678' },
      noiDung: { diaChiMoi: { unit: 'Xã Nguyệt Viên', detail: 'Thôn 3' }, soNguoi: 2, ngayDen: '2026-01-02', quanHe: 'Con' },
    };
    expect(validate(base), JSON.stringify(validate.errors)).toBe(true);
    const other = { ...base, noiDung: { ...base.noiDung, quanHe: 'Khác' } };
    expect(validate(other)).toBe(false);
    expect(validate.errors!.some((e) => (e.params as { missingProperty?: string }).missingProperty === 'quanHeKhac')).toBe(true);
    expect(validate({ ...other, noiDung: { ...other.noiDung, quanHeKhac: 'Cháu' } })).toBe(true);
    // The repeating group holds records with their own required fields; the unit must be one of the province's.
    expect(validate({ ...base, noiDung: { ...base.noiDung, coConNho: true, con: [{ hoTen: 'Bé An' }] } })).toBe(false);
    expect(validate({ ...base, noiDung: { ...base.noiDung, coConNho: true, con: [{ hoTen: 'Bé An', ngaySinh: '2020-05-06' }] } })).toBe(
      true,
    );
    expect(validate({ ...base, noiDung: { ...base.noiDung, diaChiMoi: { unit: 'Hà Nội', detail: 'x' } } })).toBe(false);
    expect(validate({ ...base, nguoiKhai: { ...base.nguoiKhai, soDienThoai: '12345' } })).toBe(false);
  });

  test('registry-mapped fields are filled by the portal’s registry prefill (shown, not asked)', () => {
    const schema = toSchema(SAMPLE, { units });
    const r = registryValues(schema, { idNumber: '038012345678', fullName: 'Lê Thị Hoa', dateOfBirth: '1950-03-04', phone: '0912345678' });
    expect(r).toEqual({ 'nguoiKhai.hoTen': 'Lê Thị Hoa', 'nguoiKhai.ngaySinh': '1950-03-04', 'nguoiKhai.soDinhDanh': '038012345678' });
  });

  test('the mapping, not the key, says what the registry fills', () => {
    const def: FormDefinition = {
      title: 'T',
      sections: [
        {
          key: 'benThu',
          title: 'Bên thứ nhất',
          fields: [
            { key: 'ten', kind: 'text', label: 'Tên', required: true, registry: 'fullName' },
            { key: 'dienThoai', kind: 'phone', label: 'Điện thoại', required: false, registry: 'phone' },
            { key: 'hoTen', kind: 'text', label: 'Họ tên người khác', required: false },
          ],
        },
      ],
    };
    expect(registryValues(toSchema(def), { idNumber: '038012345678', fullName: 'Lê Thị Hoa', phone: '0912345678' })).toEqual({
      'benThu.ten': 'Lê Thị Hoa',
      'benThu.dienThoai': '0912345678',
    });
  });

  test('a schema the builder cannot represent opens read-only with a message: the demo e-forms, odd shapes', () => {
    const hand = (demo as { formSchema?: unknown }[]).find((p) => p.formSchema)!.formSchema;
    const r = fromSchema(hand);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.vi).toMatch(/chỉ xem/);
    expect(fromSchema(null).ok).toBe(false);
    expect(fromSchema([]).ok).toBe(false);
    // Built, then edited by hand (a keyword the builder does not write): no longer representable.
    const edited = toSchema(SAMPLE, { units }) as { properties: { noiDung: { properties: { soNguoi: Record<string, unknown> } } } };
    edited.properties.noiDung.properties.soNguoi.multipleOf = 2;
    expect(fromSchema(edited).ok).toBe(false);
  });
});

describe('checks, each at its field', () => {
  const withFields = (fields: FormDefinition['sections'][number]['fields']): FormDefinition => ({
    title: 'T',
    sections: [{ key: 's', title: 'S', fields }],
  });
  test('the sample has no mistakes', () => expect(checkDefinition(SAMPLE)).toEqual([]));

  test('a condition on a later field', () => {
    const issues = checkDefinition(
      withFields([
        { key: 'a', kind: 'text', label: 'A', required: false, showWhen: { field: 'b', equals: true } },
        { key: 'b', kind: 'yesno', label: 'B', required: false },
      ]),
    );
    expect(issues).toMatchObject([{ path: 'sections.0.fields.0', key: 'a', code: 'condition-later' }]);
    expect(issues[0]!.vi).toMatch(/phía sau/);
  });

  test('a loop of conditions, and a condition on itself', () => {
    const issues = checkDefinition(
      withFields([
        { key: 'a', kind: 'text', label: 'A', required: false, showWhen: { field: 'b', equals: 'x' } },
        { key: 'b', kind: 'text', label: 'B', required: false, showWhen: { field: 'a', equals: 'y' } },
        { key: 'c', kind: 'text', label: 'C', required: false, showWhen: { field: 'c', equals: 'y' } },
      ]),
    );
    expect(issues.map((i) => [i.key, i.code])).toEqual([
      ['a', 'condition-loop'],
      ['b', 'condition-loop'],
      ['c', 'condition-loop'],
    ]);
  });

  test('a condition on an unknown field, or with a value the field cannot have', () => {
    const issues = checkDefinition(
      withFields([
        { key: 'q', kind: 'choice', label: 'Q', required: false, options: ['Có', 'Không'] },
        { key: 'a', kind: 'text', label: 'A', required: false, showWhen: { field: 'zz', equals: 'x' } },
        { key: 'b', kind: 'text', label: 'B', required: false, showWhen: { field: 'q', equals: 'Khác' } },
      ]),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['sections.0.fields.1', 'condition-unknown'],
      ['sections.0.fields.2', 'condition-value'],
    ]);
  });

  test('a duplicate key (fields, sections, inside a group) and an invalid key', () => {
    const def: FormDefinition = {
      title: 'T',
      sections: [
        {
          key: 's',
          title: 'S',
          fields: [
            { key: 'x', kind: 'text', label: 'X', required: false },
            { key: 'x', kind: 'number', label: 'X2', required: false },
            {
              key: 'g',
              kind: 'group',
              label: 'G',
              required: false,
              fields: [
                { key: 'k', kind: 'text', label: 'K', required: false },
                { key: 'k', kind: 'text', label: 'K', required: false },
              ],
            },
          ],
        },
        { key: 's', title: 'S again', fields: [{ key: 'họ tên', kind: 'text', label: 'H', required: false }] },
      ],
    };
    expect(checkDefinition(def).map((i) => [i.path, i.code])).toEqual([
      ['sections.0.fields.1', 'key-duplicate'],
      ['sections.0.fields.2.fields.1', 'key-duplicate'],
      ['sections.1', 'key-duplicate'],
      ['sections.1.fields.0', 'key-invalid'],
    ]);
  });

  test('a mapping to a registry attribute that does not exist, or that cannot fill the kind', () => {
    const issues = checkDefinition(
      withFields([
        { key: 'a', kind: 'text', label: 'A', required: false, registry: 'bloodType' as never },
        { key: 'b', kind: 'yesno', label: 'B', required: false, registry: 'fullName' },
      ]),
    );
    expect(issues.map((i) => [i.key, i.code])).toEqual([
      ['a', 'registry-unknown'],
      ['b', 'registry-kind'],
    ]);
    expect(issues[0]!.vi).toMatch(/Họ và tên/);
  });

  test('other mistakes: no label, a choice without options, min over max, a bad pattern, an empty group, no sections', () => {
    const issues = checkDefinition(
      withFields([
        { key: 'a', kind: 'text', label: ' ', required: false, pattern: '(' },
        { key: 'b', kind: 'choice', label: 'B', required: false, options: ['x'] },
        { key: 'c', kind: 'number', label: 'C', required: false, minimum: 5, maximum: 1 },
        { key: 'd', kind: 'group', label: 'D', required: false, fields: [] },
      ]),
    );
    expect(issues.map((i) => [i.key, i.code])).toEqual([
      ['a', 'label-missing'],
      ['a', 'pattern-invalid'],
      ['b', 'options-missing'],
      ['c', 'range-invalid'],
      ['d', 'group-empty'],
    ]);
    expect(checkDefinition({ title: 'T', sections: [] }).map((i) => i.code)).toEqual(['form-empty']);
  });
});
