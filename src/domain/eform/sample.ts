// An example e-form definition: the builder's tests, the API tests and the demo use it.
import type { FormDefinition } from './builder';

/** A form with every kind of field, a conditional field, a repeating group and registry-mapped fields. */
export const SAMPLE: FormDefinition = {
  title: 'Tờ khai đăng ký thường trú',
  sections: [
    {
      key: 'nguoiKhai',
      title: 'Người kê khai',
      help: 'Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư',
      fields: [
        { key: 'hoTen', kind: 'text', label: 'Họ và tên', required: true, registry: 'fullName' },
        { key: 'ngaySinh', kind: 'date', label: 'Ngày sinh', required: true, registry: 'dateOfBirth' },
        { key: 'soDinhDanh', kind: 'idNumber', label: 'Số định danh cá nhân', required: true, registry: 'idNumber' },
        { key: 'soDienThoai', kind: 'phone', label: 'Số điện thoại', required: true, help: '10 chữ số' },
        { key: 'ngheNghiep', kind: 'text', label: 'Nghề nghiệp', required: false, minLength: 2, maxLength: 100, pattern: '^[^0-9]*$' },
      ],
    },
    {
      key: 'noiDung',
      title: 'Nội dung đề nghị',
      fields: [
        { key: 'diaChiMoi', kind: 'address', label: 'Địa chỉ đăng ký', required: true },
        { key: 'soNguoi', kind: 'number', label: 'Số người', required: true, integer: true, minimum: 1, maximum: 20 },
        { key: 'ngayDen', kind: 'date', label: 'Ngày chuyển đến', required: true, beforeToday: true },
        { key: 'quanHe', kind: 'choice', label: 'Quan hệ với chủ hộ', required: true, options: ['Chủ hộ', 'Vợ/chồng', 'Con', 'Khác'] },
        { key: 'quanHeKhac', kind: 'text', label: 'Ghi rõ quan hệ', required: true, showWhen: { field: 'quanHe', equals: 'Khác' } },
        { key: 'coConNho', kind: 'yesno', label: 'Có con dưới 14 tuổi đi cùng', required: false },
        {
          key: 'con',
          kind: 'group',
          label: 'Con dưới 14 tuổi',
          required: false,
          showWhen: { field: 'coConNho', equals: true },
          minItems: 1,
          maxItems: 10,
          fields: [
            { key: 'hoTen', kind: 'text', label: 'Họ và tên', required: true, maxLength: 100 },
            { key: 'ngaySinh', kind: 'date', label: 'Ngày sinh', required: true, beforeToday: true },
          ],
        },
      ],
    },
  ],
};
