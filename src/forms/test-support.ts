// Realistic inputs for every form and a text extractor, shared by the forms' tests.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseVnDate } from '../domain/calendar/time';
import type { FormDossier, FormInput, FormKind, FormUnit } from './types';

export const unit: FormUnit = {
  name: 'Trung tâm Phục vụ hành chính công phường Hạc Thành',
  parentName: 'UBND PHƯỜNG HẠC THÀNH',
  code: '000.01.00.H56',
  address: 'Số 25 đường Trần Phú, phường Hạc Thành, tỉnh Thanh Hóa',
  phone: '0237 3852 468',
};

export const otherUnit: FormUnit = {
  name: 'Trung tâm Phục vụ hành chính công xã Quảng Phú',
  parentName: 'UBND XÃ QUẢNG PHÚ',
  code: '000.02.00.H56',
  address: 'Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa',
  phone: '0237 3861 111',
};

export const dossier: FormDossier = {
  code: '000.01.00.H56-261126-0001',
  procedureName: 'Đăng ký lại khai sinh',
  procedureCode: '1.004884',
  applicant: {
    fullName: 'Nguyễn Thị Hường',
    idNumber: '038186001234',
    dateOfBirth: '15/03/1986',
    address: 'Số 12 ngõ 5 đường Trường Thi, phường Hạc Thành, tỉnh Thanh Hóa',
    phone: '0912 345 678',
  },
  channel: 'in-person',
  components: [
    { name: 'Tờ khai đăng ký lại khai sinh', originals: 1, copies: 0, presented: false, fromRegistry: false },
    {
      name: 'Bản sao giấy khai sinh cũ hoặc giấy tờ có thông tin khai sinh',
      originals: 0,
      copies: 1,
      presented: false,
      fromRegistry: false,
    },
    { name: 'Căn cước của người yêu cầu', originals: 1, copies: 0, presented: true, fromRegistry: false },
    { name: 'Thông tin về nơi cư trú', originals: 0, copies: 0, presented: false, fromRegistry: true },
  ],
  receivedAt: parseVnDate('2026-11-26T09:15'),
  countedFrom: parseVnDate('2026-11-26T09:15'),
  dueAt: parseVnDate('2026-12-03T09:15'),
  processingDays: 5,
  receivedBy: 'Lê Văn Đức',
  receptionPoint: 'Trung tâm Phục vụ hành chính công phường Hạc Thành, quầy số 3',
  returnPoint: 'Trung tâm Phục vụ hành chính công phường Hạc Thành',
  fee: 10_000,
  statusUrl: 'https://motcua.example.vn/tra-cuu/000.01.00.H56-261126-0001',
};

const issuedAt = parseVnDate('2026-11-26T09:20');
const head = { fullName: 'Phạm Quốc Hưng', title: 'Giám đốc' };

/** One realistic input per form kind. */
export const samples: { [K in FormKind]: Extract<FormInput, { kind: K }> } = {
  receipt: { kind: 'receipt', number: '0001/TNHS', unit, dossier, issuedAt },
  declaration: {
    kind: 'declaration',
    number: '0001/TK',
    unit,
    dossier: {
      ...dossier,
      channel: 'online',
      formAnswers: {
        title: 'Tờ khai đăng ký lại khai sinh',
        items: [
          { label: 'Người yêu cầu', value: null, depth: 0 },
          { label: 'Họ, chữ đệm, tên', value: 'Nguyễn Thị Hường', depth: 1 },
          { label: 'Ngày, tháng, năm sinh', value: '15/03/1986', depth: 1 },
          { label: 'Quan hệ với người được khai sinh', value: 'Bản thân', depth: 0 },
          { label: 'Nơi đăng ký khai sinh trước đây', value: 'UBND xã Quảng Phú, huyện Quảng Xương', depth: 0 },
        ],
      },
    },
    issuedAt,
  },
  'supplement-request': {
    kind: 'supplement-request',
    number: '0002/YCBS',
    unit,
    dossier,
    issuedAt,
    reason: 'Hồ sơ chưa đủ thông tin để xác định nội dung khai sinh cần đăng ký lại.',
    items: [
      { componentName: 'Tờ khai đăng ký lại khai sinh', reason: 'ghi thiếu quê quán của người mẹ; đề nghị bổ sung' },
      { componentName: 'Bản sao giấy khai sinh cũ', reason: 'bản sao không rõ chữ, đề nghị nộp bản sao có chứng thực' },
    ],
    officer: 'Lê Văn Đức',
  },
  refusal: {
    kind: 'refusal',
    number: '0003/TCHS',
    unit,
    dossier,
    issuedAt,
    reason: 'Việc khai sinh đã được đăng ký và sổ hộ tịch còn lưu; không thuộc trường hợp đăng ký lại khai sinh.',
    officer: 'Lê Văn Đức',
  },
  apology: {
    kind: 'apology',
    number: '0004/PXL',
    unit,
    dossier: { ...dossier, dueAt: parseVnDate('2026-12-08T16:00') },
    issuedAt: parseVnDate('2026-12-02T14:00'),
    reason: 'cần xác minh thông tin khai sinh tại nơi đăng ký trước đây',
    // The dossier's due time is already the new one when the letter is printed; the letter quotes the original.
    originalDueAt: parseVnDate('2026-12-03T09:15'),
    newDueAt: parseVnDate('2026-12-08T16:00'),
    signer: head,
  },
  'stop-notice': {
    kind: 'stop-notice',
    number: '0005/TB-DGQ',
    unit,
    dossier,
    issuedAt: parseVnDate('2026-11-30T10:30'),
    reason: 'hồ sơ chưa có kết quả giải quyết',
    withdrawal: { channel: 'online', receivedAt: parseVnDate('2026-11-30T08:05'), reason: 'gia đình đã tìm được bản chính giấy khai sinh' },
    signer: head,
  },
  'control-slip': {
    kind: 'control-slip',
    number: '0006/PKS',
    unit,
    dossier,
    issuedAt: parseVnDate('2026-12-03T09:00'),
    handoffs: [
      {
        giver: 'Lê Văn Đức (Trung tâm PVHCC)',
        receiver: 'Trần Thị Mai (công chức Tư pháp - Hộ tịch)',
        at: parseVnDate('2026-11-26T10:00'),
        dueAt: parseVnDate('2026-11-27T10:00'),
        result: 'early',
      },
      {
        giver: 'Trần Thị Mai (công chức Tư pháp - Hộ tịch)',
        receiver: 'Phạm Quốc Hưng (Chủ tịch UBND phường)',
        at: parseVnDate('2026-12-01T15:30'),
        dueAt: parseVnDate('2026-12-01T17:00'),
        result: 'on-time',
      },
      {
        giver: 'Phạm Quốc Hưng (Chủ tịch UBND phường)',
        receiver: 'Lê Văn Đức (Trung tâm PVHCC)',
        at: parseVnDate('2026-12-03T08:30'),
        dueAt: parseVnDate('2026-12-02T17:00'),
        result: 'late',
        note: 'Ký duyệt chậm 1 buổi',
      },
      {
        giver: 'Lê Văn Đức (Trung tâm PVHCC)',
        receiver: 'Nguyễn Thị Hường (người nộp)',
        at: parseVnDate('2026-12-03T09:00'),
        dueAt: null,
        result: 'pending',
      },
    ],
  },
  'tracking-book': {
    kind: 'tracking-book',
    unit,
    year: 2026,
    issuedAt: parseVnDate('2026-12-31T16:00'),
    rows: Array.from({ length: 40 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const receivedAt = parseVnDate(`2026-11-${day}T08:${String(10 + i).padStart(2, '0')}`);
      return {
        no: 1201 + i,
        code: `000.01.00.H56-2611${day}-${String(i + 1).padStart(4, '0')}`,
        applicant: ['Nguyễn Thị Hường', 'Trần Văn Ước', 'Lê Thị Ánh Tuyết', 'Đặng Quốc Bảo'][i % 4] ?? '',
        procedure: ['Đăng ký lại khai sinh', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Đăng ký kết hôn'][i % 3] ?? '',
        receivedAt,
        dueAt: new Date(receivedAt.getTime() + 3 * 86_400_000),
        finishedAt: i % 5 === 4 ? null : new Date(receivedAt.getTime() + 2 * 86_400_000),
        returnedAt: i % 5 >= 3 ? null : new Date(receivedAt.getTime() + 2 * 86_400_000 + 3_600_000),
        status: i % 5 === 4 ? 'Đang xử lý' : i % 5 === 3 ? 'Chờ trả kết quả' : 'Đã trả kết quả',
        note: i === 7 ? 'Bổ sung hồ sơ một lần' : undefined,
      };
    }),
  },
  'form-06': {
    kind: 'form-06',
    unit,
    from: '2026-06-15',
    to: '2026-09-14',
    issuedAt: parseVnDate('2026-09-15T09:00'),
    rows: [
      { field: 'Hộ tịch', cols: [120, 70, 40, 10, 100, 30, 60, 10, 20, 18, 2] },
      { field: 'Chứng thực', cols: [55, 5, 50, 0, 54, 20, 34, 0, 1, 1, 0] },
    ],
    total: [175, 75, 90, 10, 154, 50, 94, 10, 21, 19, 2],
    reconciliation: { received: 165, synced: 163, unsynced: ['000.01.00.H56-260701-0001', '000.01.00.H56-260702-0003'] },
  },
};

/** The text of every page, whitespace collapsed to single spaces, so a wrapped line reads as one. */
export async function pdfText(
  pdf: Buffer,
): Promise<{ pages: { text: string; width: number; height: number }[]; info: Record<string, unknown> }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
      const [, , width = 0, height = 0] = page.view;
      pages.push({ text: text.replace(/\s+/g, ' ').trim(), width, height });
    }
    const { info } = await doc.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
