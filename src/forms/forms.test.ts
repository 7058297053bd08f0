import { beforeAll, describe, expect, it } from 'vitest';
import { parseVnDate } from '../domain/calendar/time';
import { renderForm } from './index';
import { titleLines } from './layout';
import { dossier, pdfText, samples } from './test-support';
import type { FormInput, FormKind } from './types';

type Rendered = Awaited<ReturnType<typeof pdfText>> & { pdf: Buffer; text: string };

const A4 = { width: 595.28, height: 841.89 };

const TITLES: Record<FormKind, string> = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  declaration: 'TỜ KHAI ĐĂNG KÝ LẠI KHAI SINH',
  'supplement-request': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  apology: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  'stop-notice': 'THÔNG BÁO Về việc dừng giải quyết hồ sơ',
  'control-slip': 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  'tracking-book': 'SỔ THEO DÕI HỒ SƠ Năm 2026',
  'form-06': 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
};

const KINDS = Object.keys(samples) as FormKind[];
const DOSSIER_KINDS = KINDS.filter((k) => k !== 'tracking-book' && k !== 'form-06');

async function render(input: FormInput): Promise<Rendered> {
  const pdf = await renderForm(input);
  const extracted = await pdfText(pdf);
  return { ...extracted, pdf, text: extracted.pages.map((p) => p.text).join(' ') };
}

const rendered = {} as Record<FormKind, Rendered>;

beforeAll(async () => {
  for (const kind of KINDS) rendered[kind] = await render(samples[kind]);
});

describe('every form', () => {
  it.each(KINDS)('%s: carries the national header, the unit, its title and its metadata', (kind) => {
    const { text, info } = rendered[kind];
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND PHƯỜNG HẠC THÀNH');
    expect(text).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠC THÀNH');
    expect(text).toContain(TITLES[kind]);
    expect(text).toMatch(/Hạc Thành, ngày \d\d tháng \d\d? năm 2026/);
    expect(info.Author).toBe('Trung tâm Phục vụ hành chính công phường Hạc Thành');
    expect(info.Title).toBeTruthy();
    expect(info.CreationDate).toMatch(/^D:\d{14}/);
  });

  it.each(DOSSIER_KINDS)('%s: names its number, the dossier, the applicant and the status QR code', (kind) => {
    const { text } = rendered[kind];
    const input = samples[kind];
    expect(text).toContain(`Số: ${input.number}`);
    expect(text).toContain('000.01.00.H56-261126-0001');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('Đăng ký lại khai sinh');
    expect(text).toContain('Tra cứu tình trạng hồ sơ');
  });

  // A supplement request or a refusal ends the intake without an appointment; the others keep the due time.
  it.each(['receipt', 'apology', 'stop-notice', 'control-slip'] as const)('%s: gives the due time', (kind) => {
    expect(rendered[kind].text).toContain('09 giờ 15 phút, ngày 03/12/2026');
  });

  it.each(KINDS)('%s: renders the same bytes twice', async (kind) => {
    const again = await renderForm(samples[kind]);
    expect(again.equals(rendered[kind].pdf)).toBe(true);
  });

  it('puts the creation time of the input, not the clock, in the metadata', () => {
    // issuedAt 09:20 in Vietnam is 02:20 UTC.
    expect(rendered.receipt.info.CreationDate).toMatch(/^D:20261126022000/);
  });

  it('prints A4 portrait except the tracking book (A4 landscape)', () => {
    for (const kind of KINDS) {
      const expected = kind === 'tracking-book' || kind === 'form-06' ? { width: A4.height, height: A4.width } : A4;
      for (const page of rendered[kind].pages) {
        expect(page.width).toBeCloseTo(expected.width, 1);
        expect(page.height).toBeCloseTo(expected.height, 1);
      }
    }
  });
});

describe('receipt (form 01)', () => {
  it('fits on one A4 page, signatures included, even with many long components and an e-form', async () => {
    expect(rendered.receipt.pages).toHaveLength(1);
    const long = {
      ...dossier,
      formAnswers: samples.declaration.dossier.formAnswers,
      applicant: { ...dossier.applicant, dateOfBirth: '1986-03-15' },
      components: Array.from({ length: 8 }, (_, i) => ({
        name: `Thành phần số ${i + 1}: giấy tờ, tài liệu chứng minh nội dung yêu cầu theo quy định của pháp luật về hộ tịch, có xác nhận của cơ quan có thẩm quyền`,
        originals: 1,
        copies: 1,
        presented: i % 2 === 0,
        fromRegistry: false,
      })),
    };
    const r = await render({ ...samples.receipt, dossier: long });
    expect(r.pages).toHaveLength(1);
    expect(r.text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(r.text).toContain('Ngày sinh: 15/03/1986');
    expect(r.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says "trong ngày" for a same-day procedure, never "0 ngày làm việc"', async () => {
    const r = await render({ ...samples.receipt, dossier: { ...dossier, processingDays: 0 } });
    expect(r.text).toContain('Thời gian giải quyết hồ sơ theo quy định: trong ngày.');
    expect(r.text).not.toContain('0 ngày làm việc');
  });

  it('lists the components, marking what is only shown and what comes from the population registry', () => {
    const { text } = rendered.receipt;
    expect(text).toContain('Tờ khai đăng ký lại khai sinh: 1 bản chính.');
    expect(text).toContain('Căn cước của người yêu cầu: 1 bản chính (chỉ xuất trình).');
    expect(text).toContain('Thông tin về nơi cư trú (lấy từ CSDL quốc gia về dân cư).');
  });

  it('prints a registry-held paper by its name and what happened, not the catalogue’s instruction to the officer', async () => {
    const name = 'Giấy tờ chứng minh nơi cư trú: khai thác từ CSDL quốc gia về dân cư; chỉ xuất trình khi tra cứu không được';
    const comp = { name, originals: 0, copies: 0, presented: false };
    const taken = await render({ ...samples.receipt, dossier: { ...dossier, components: [{ ...comp, fromRegistry: true }] } });
    expect(taken.text.replace(/\s+/g, ' ')).toContain('Giấy tờ chứng minh nơi cư trú (lấy từ CSDL quốc gia về dân cư).');
    expect(taken.text).not.toContain('chỉ xuất trình khi tra cứu không được');
    const paper = await render({
      ...samples.receipt,
      dossier: { ...dossier, components: [{ ...comp, originals: 1, fromRegistry: false, registryFailed: true }] },
    });
    expect(paper.text.replace(/\s+/g, ' ')).toContain(
      'Giấy tờ chứng minh nơi cư trú: 1 bản chính (nộp giấy vì tra cứu CSDL quốc gia về dân cư không thành công).',
    );
  });

  it('gives reception time, processing time, return time and place, fee and both signers', () => {
    const { text } = rendered.receipt;
    expect(text).toContain('Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 26/11/2026.');
    expect(text).toContain('Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc.');
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 03/12/2026.');
    expect(text).toContain('Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Hạc Thành.');
    expect(text).toContain('Phí, lệ phí: 10.000 đồng.');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Lê Văn Đức');
  });

  it('says when counting starts for a dossier received after the 15:00 cut-off, and when there is no due date', async () => {
    const late = {
      ...dossier,
      receivedAt: parseVnDate('2026-11-26T15:40'),
      countedFrom: parseVnDate('2026-11-27T07:30'),
      dueAt: null,
      processingDays: 0.5,
    };
    const { text } = await render({ ...samples.receipt, dossier: late });
    expect(text).toContain(
      'Thời gian nhận hồ sơ: 15 giờ 40 phút, ngày 26/11/2026 (thời gian giải quyết tính từ 07 giờ 30 phút, ngày 27/11/2026).',
    );
    expect(text).toContain('0,5 ngày làm việc');
    expect(text).toContain('không hẹn ngày');
  });
});

describe('forms 02–06', () => {
  it('supplement request (02) lists each component with its reason and who to call', () => {
    const { text } = rendered['supplement-request'];
    expect(text).toContain('Tờ khai đăng ký lại khai sinh: ghi thiếu quê quán của người mẹ; đề nghị bổ sung.');
    expect(text).toContain('Bản sao giấy khai sinh cũ: bản sao không rõ chữ, đề nghị nộp bản sao có chứng thực.');
    expect(text).toContain('Lý do: Hồ sơ chưa đủ thông tin');
    expect(text).toContain('số điện thoại 0237 3852 468');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });

  it('refusal (03) states the reason', () => {
    expect(rendered.refusal.text).toContain(
      'từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: Việc khai sinh đã được đăng ký và sổ hộ tịch còn lưu',
    );
  });

  it('declaration: every e-form answer with its label, groups in bold order', () => {
    const { text } = rendered.declaration;
    expect(text).toContain('Người yêu cầu');
    expect(text).toContain('Họ, chữ đệm, tên: Nguyễn Thị Hường');
    expect(text).toContain('Ngày, tháng, năm sinh: 15/03/1986');
    expect(text).toContain('Nơi đăng ký khai sinh trước đây: UBND xã Quảng Phú, huyện Quảng Xương');
    expect(text.indexOf('Người yêu cầu')).toBeLessThan(text.indexOf('Quan hệ với người được khai sinh'));
  });

  it('apology (04) quotes the original due time, not the new one, and flags a late apology', async () => {
    expect(rendered.apology.text).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 03/12/2026.');
    expect(rendered.apology.text).not.toContain('ban hành sau thời hạn');
    const late = await render({ ...samples.apology, afterDeadline: true });
    expect(late.text).toContain('ban hành sau thời hạn trả kết quả đã hẹn');
  });

  it('apology (04) gives the reason and the new date, signed by the head of the unit', () => {
    const { text } = rendered.apology;
    expect(text).toContain('Kính gửi: Ông/bà Nguyễn Thị Hường.');
    expect(text).toContain('lý do: cần xác minh thông tin khai sinh tại nơi đăng ký trước đây.');
    expect(text).toContain('sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào 16 giờ 00 phút, ngày 08/12/2026.');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).toContain('Phạm Quốc Hưng');
    expect(text).toContain('Nơi nhận:');
  });

  it('a long signer title breaks before the committee, never inside the place’s name', async () => {
    const r = await render({ ...samples.apology, signer: { fullName: 'Nguyễn Thị Lan', title: 'Phó Chủ tịch UBND phường Hạc Thành' } });
    expect(r.text).toContain('PHÓ CHỦ TỊCH UBND PHƯỜNG HẠC THÀNH');
    const fits = (max: number) => (line: string) => line.length <= max;
    expect(titleLines('PHÓ CHỦ TỊCH UBND PHƯỜNG HẠC THÀNH', fits(30))).toBe('PHÓ CHỦ TỊCH\nUBND PHƯỜNG HẠC THÀNH');
    expect(titleLines('GIÁM ĐỐC TRUNG TÂM', fits(30))).toBe('GIÁM ĐỐC TRUNG TÂM');
    expect(titleLines('CÔNG CHỨC TƯ PHÁP - HỘ TỊCH', fits(10))).toBe('CÔNG CHỨC TƯ PHÁP - HỘ TỊCH');
  });

  it('stop notice (05) cites the citizen’s withdrawal request: when, how and why', () => {
    const { text } = rendered['stop-notice'];
    expect(text).toContain('đã nhận được đề nghị rút hồ sơ của ông/bà');
    expect(text).toContain('Thời gian nhận đề nghị: 08 giờ 05 phút, ngày 30/11/2026.');
    expect(text).toContain('Hình thức gửi đề nghị: Trực tuyến.');
    expect(text).toContain('Lý do rút hồ sơ: gia đình đã tìm được bản chính giấy khai sinh.');
    expect(text).toContain('dừng giải quyết hồ sơ');
  });

  it('control slip (06) has a row per hand-off with its result', () => {
    const { text } = rendered['control-slip'];
    for (const header of ['STT', 'Bên giao', 'Bên nhận', 'Thời gian giao, nhận', 'Hạn xử lý', 'Kết quả', 'Ghi chú'])
      expect(text).toContain(header);
    for (const result of ['Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đang xử lý']) expect(text).toContain(result);
    expect(text).toContain('Trần Thị Mai (công chức Tư pháp - Hộ tịch)');
    expect(text).toContain('08:30 03/12/2026 17:00 02/12/2026 Quá hạn Ký duyệt chậm 1 buổi');
  });
});

describe('tracking book (form 07)', () => {
  it('prints every row, numbered on from the book’s last entry, with the header on each page', () => {
    const { text, pages } = rendered['tracking-book'];
    expect(pages.length).toBeGreaterThan(1);
    for (const row of samples['tracking-book'].rows) {
      expect(text).toContain(`${row.no} ${row.code}`);
    }
    pages.forEach((page, i) => {
      expect(page.text).toContain('Mã hồ sơ Tên thủ tục hành chính Tên cá nhân, tổ chức');
      expect(page.text).toContain(`Trang ${i + 1}/${pages.length}`);
    });
  });

  it('refuses a book whose numbering skips or repeats an entry', async () => {
    const [first, second] = samples['tracking-book'].rows;
    if (!first || !second) throw new Error('the sample book has rows');
    const book = samples['tracking-book'];
    await expect(renderForm({ ...book, rows: [first, { ...second, no: 1203 }] })).rejects.toThrow(
      /not continuous: 1201 is followed by 1203/,
    );
    await expect(renderForm({ ...book, rows: [first, { ...second, no: 1201 }] })).rejects.toThrow(/not continuous/);
  });
});

describe('form 06 (II.06a)', () => {
  it('prints each field with columns 3–13, the total, and the reconciliation with the national portal', () => {
    const { text } = rendered['form-06'];
    expect(text).toContain('Kỳ báo cáo: từ ngày 15/06/2026 đến ngày 14/09/2026');
    expect(text).toContain('1 Hộ tịch 120 70 40 10 100 30 60 10 20 18 2');
    expect(text).toContain('2 Chứng thực 55 5 50 0 54 20 34 0 1 1 0');
    expect(text).toContain('Tổng cộng 175 75 90 10 154 50 94 10 21 19 2');
    expect(text).toContain('tiếp nhận 165, đã đồng bộ 163, chênh lệch 2');
    expect(text).toContain('000.01.00.H56-260701-0001');
  });
});
