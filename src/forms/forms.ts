// The seven forms of the one-stop mechanism (TT 01/2018/TT-VPCP templates as carried into TT 03/2025):
// one definition per kind, drawn from the blocks in layout.ts. Wording follows the templates.
import {
  CHANNEL_LABEL,
  RESULT_LABEL,
  dateLine,
  formatDate,
  formatMoney,
  formatShortTime,
  formatTime,
  placeOf,
  sentence,
  upper,
} from './format';
import { isoDayToVn, processingTimeText } from '../domain/calendar/display';
import { Sheet, bold, italic, type PageKind, type Run } from './layout';
import type { FormDossier, FormInput, FormKind, SignMeta } from './types';

type Definition<I extends FormInput> = {
  /** The form's name in sentence case: PDF title, default reason of its signature. */
  name: string;
  /** Title and subtitle printed on the form; by default the name in capitals. */
  heading?: (input: I) => [title: string, subtitle: string];
  page: PageKind;
  /** Must fit on one page: the body is set a point smaller (down to 10 pt) until it does. */
  onePage?: boolean;
  /** Who signs the form, by default also the name in its digital signature. */
  signer: (input: I) => string;
  body: (sheet: Sheet, input: I) => void;
};

type Definitions = { [K in FormKind]: Definition<Extract<FormInput, { kind: K }>> };

const SIGN_HINT = '(Ký và ghi rõ họ tên)';
const HEAD_SIGN_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';
const RECIPIENTS = ['Như trên;', 'Lưu: VT.'];

const FORMS: Definitions = {
  receipt: {
    name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    page: 'A4',
    onePage: true,
    signer: (f) => f.dossier.receivedBy,
    body: (s, { unit, dossier: d }) => {
      codeLine(s, d);
      s.para([`${unit.name} tiếp nhận hồ sơ của:`]);
      applicant(s, d);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), ` (mã thủ tục: ${d.procedureCode}).`]);
      s.para([`Hình thức nộp: ${CHANNEL_LABEL[d.channel]}. Nơi tiếp nhận: ${sentence(d.receptionPoint)}`]);
      s.para(['1. Thành phần hồ sơ nộp gồm:']);
      s.list([
        ...(d.formAnswers
          ? [[`${d.formAnswers.title}: tờ khai điện tử (bản in kèm theo, ${d.formAnswers.items.length} mục đã khai).`]]
          : []),
        ...d.components.map(component),
      ]);
      s.para(['2. Số lượng hồ sơ: 01 (bộ).']);
      s.para([`3. Thời gian giải quyết hồ sơ theo quy định: ${processingTimeText(d.processingDays)}.`]);
      const counted =
        d.countedFrom.getTime() === d.receivedAt.getTime() ? '' : ` (thời gian giải quyết tính từ ${formatTime(d.countedFrom)})`;
      s.para([`4. Thời gian nhận hồ sơ: ${formatTime(d.receivedAt)}${counted}.`]);
      s.para(['5. Thời gian trả kết quả giải quyết hồ sơ: ', bold(due(d)), '.']);
      s.para([`6. Đăng ký nhận kết quả tại: ${sentence(d.returnPoint)}`]);
      s.para([`7. Phí, lệ phí: ${formatMoney(d.fee)}.`]);
      s.signatures(
        [
          { title: 'Người nộp hồ sơ', hint: SIGN_HINT, name: d.applicant.fullName },
          { title: 'Người tiếp nhận hồ sơ', hint: SIGN_HINT, name: d.receivedBy },
        ],
        { qr: d.statusUrl },
      );
    },
  },

  declaration: {
    name: 'Tờ khai điện tử',
    heading: (f) => [upper(f.dossier.formAnswers.title), '(Tờ khai điện tử nộp trên Cổng dịch vụ công)'],
    page: 'A4',
    signer: (f) => f.dossier.applicant.fullName,
    body: (s, { dossier: d }) => {
      codeLine(s, d);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), ` (mã thủ tục: ${d.procedureCode}).`]);
      s.para([
        `Nộp trực tuyến lúc ${formatTime(d.receivedAt)}. Người khai: `,
        bold(d.applicant.fullName),
        `, số định danh ${d.applicant.idNumber}.`,
      ]);
      s.space(0.3);
      for (const item of d.formAnswers.items) {
        const indent = s.base * 1.2 * item.depth;
        if (item.value === null) s.para([bold(item.label)], { indent });
        else s.para([`${item.label}: `, bold(item.value)], { indent });
      }
      s.space(0.3);
      s.para([
        italic(
          'Tôi cam đoan những nội dung khai trên là đúng sự thật. Tờ khai được xác thực bằng tài khoản định danh điện tử và mã xác nhận gửi tới người khai.',
        ),
      ]);
      s.signatures([{ title: 'Người khai', hint: '(Đã xác thực điện tử)', name: d.applicant.fullName }], { qr: d.statusUrl });
    },
  },

  'supplement-request': {
    name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    page: 'A4',
    signer: (f) => f.officer,
    body: (s, { unit, dossier: d, reason, items, officer }) => {
      codeLine(s, d);
      s.para(['Hồ sơ của: ', bold(d.applicant.fullName)]);
      applicant(s, d, false);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), '.']);
      s.para([`Thời gian nhận hồ sơ: ${formatTime(d.receivedAt)}.`]);
      s.para(['Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:']);
      s.list(items.map((item) => [bold(item.componentName), `: ${sentence(item.reason)}`]));
      s.para([`Lý do: ${sentence(reason)}`]);
      s.para([
        `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ${officer}, ${unit.name}, ` +
          `số điện thoại ${unit.phone} để được hướng dẫn.`,
      ]);
      s.signatures([{ title: 'Người hướng dẫn', hint: SIGN_HINT, name: officer }], { qr: d.statusUrl });
    },
  },

  refusal: {
    name: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    page: 'A4',
    signer: (f) => f.officer,
    body: (s, { unit, dossier: d, reason, officer }) => {
      codeLine(s, d);
      s.para([`${unit.name} tiếp nhận hồ sơ của:`]);
      applicant(s, d);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), '.']);
      s.para([`Thời gian nhận hồ sơ: ${formatTime(d.receivedAt)}.`]);
      s.para([
        `Sau khi nghiên cứu, đối chiếu với các quy định hiện hành, ${unit.name} từ chối tiếp nhận, giải quyết hồ sơ này ` +
          'với lý do cụ thể như sau: ',
        bold(sentence(reason)),
      ]);
      s.para(['Xin thông báo để ông/bà được biết và thực hiện./.']);
      s.signatures([{ title: 'Người tiếp nhận hồ sơ', hint: SIGN_HINT, name: officer }], { qr: d.statusUrl });
    },
  },

  apology: {
    name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    page: 'A4',
    signer: (f) => f.signer.fullName,
    body: (s, { unit, dossier: d, reason, originalDueAt, newDueAt, afterDeadline, signer }) => {
      s.centeredLine(['Kính gửi: Ông/bà ', bold(d.applicant.fullName), '.']);
      s.space(0.3);
      s.para([`Ngày ${formatDate(d.receivedAt)}, ${unit.name} tiếp nhận giải quyết hồ sơ của ông/bà ${d.applicant.fullName}.`]);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), '.']);
      s.para(['Mã hồ sơ: ', bold(d.code), '.']);
      s.para(['Thời hẹn trả kết quả giải quyết hồ sơ: ', bold(originalDueAt ? formatTime(originalDueAt) : due(d)), '.']);
      s.para([`Tuy nhiên đến nay, ${unit.name} chưa trả kết quả giải quyết hồ sơ của ông/bà, lý do: ${sentence(reason)}`]);
      if (afterDeadline) s.para([italic('Phiếu này được ban hành sau thời hạn trả kết quả đã hẹn (xin lỗi muộn, đã được ghi nhận).')]);
      s.para([
        `Sự chậm trễ này đã gây phiền hà cho ông/bà. ${unit.name} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào `,
        bold(formatTime(newDueAt)),
        '.',
      ]);
      s.para(['Mong nhận được sự thông cảm của ông/bà vì sự chậm trễ này./.']);
      s.signatures([{ title: signer.title, hint: HEAD_SIGN_HINT, name: signer.fullName }], { recipients: RECIPIENTS, qr: d.statusUrl });
    },
  },

  'stop-notice': {
    name: 'Thông báo dừng giải quyết hồ sơ',
    heading: () => ['THÔNG BÁO', 'Về việc dừng giải quyết hồ sơ'],
    page: 'A4',
    signer: (f) => f.signer.fullName,
    body: (s, { unit, dossier: d, reason, withdrawal, signer }) => {
      s.centeredLine(['Kính gửi: Ông/bà ', bold(d.applicant.fullName), '.']);
      s.space(0.3);
      s.para([`Ngày ${formatDate(d.receivedAt)}, ${unit.name} tiếp nhận hồ sơ của ông/bà ${d.applicant.fullName}:`]);
      s.para(['Mã hồ sơ: ', bold(d.code), '.'], { indent: s.base });
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), '.'], { indent: s.base });
      s.para([`Thời hẹn trả kết quả giải quyết hồ sơ: ${due(d)}.`], { indent: s.base });
      s.para([`${unit.name} đã nhận được đề nghị rút hồ sơ của ông/bà:`]);
      s.para([`Thời gian nhận đề nghị: ${formatTime(withdrawal.receivedAt)}.`], { indent: s.base });
      s.para([`Hình thức gửi đề nghị: ${CHANNEL_LABEL[withdrawal.channel]}.`], { indent: s.base });
      s.para([`Lý do rút hồ sơ: ${sentence(withdrawal.reason)}`], { indent: s.base });
      s.para([`Theo đề nghị của ông/bà, ${unit.name} thông báo `, bold('dừng giải quyết hồ sơ'), ` nêu trên. Lý do: ${sentence(reason)}`]);
      s.para(['Xin thông báo để ông/bà được biết./.']);
      s.signatures([{ title: signer.title, hint: HEAD_SIGN_HINT, name: signer.fullName }], { recipients: RECIPIENTS, qr: d.statusUrl });
    },
  },

  'control-slip': {
    name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    page: 'A4',
    signer: (f) => f.unit.name,
    body: (s, { dossier: d, handoffs }) => {
      codeLine(s, d);
      s.para(['Người nộp hồ sơ: ', bold(d.applicant.fullName), `. Số định danh cá nhân: ${d.applicant.idNumber}.`]);
      s.para(['Nội dung yêu cầu giải quyết: ', bold(d.procedureName), '.']);
      s.para([`Thời gian nhận hồ sơ: ${formatTime(d.receivedAt)}. Nơi tiếp nhận: ${sentence(d.receptionPoint)}`]);
      s.para(['Thời hẹn trả kết quả: ', bold(due(d)), '.']);
      s.space(0.3);
      s.table(
        [
          { header: 'STT', weight: 5, align: 'center' },
          { header: 'Bên giao', weight: 15 },
          { header: 'Bên nhận', weight: 15 },
          { header: 'Thời gian giao, nhận', weight: 11, align: 'center' },
          { header: 'Hạn xử lý', weight: 11, align: 'center' },
          { header: 'Kết quả', weight: 11, align: 'center' },
          { header: 'Ghi chú', weight: 10 },
        ],
        handoffs.map((h, i) => [
          String(i + 1),
          h.giver,
          h.receiver,
          formatShortTime(h.at),
          h.dueAt ? formatShortTime(h.dueAt) : '',
          RESULT_LABEL[h.result],
          h.note ?? '',
        ]),
      );
      s.para([italic('Kết quả: Trước hạn, Đúng hạn hoặc Quá hạn so với hạn xử lý của từng bước; ghi tự động khi giao, nhận hồ sơ.')]);
      s.qr(d.statusUrl, [
        ['Mã hồ sơ: ', bold(d.code)],
        ['Quét mã QR hoặc truy cập: ', d.statusUrl],
      ]);
    },
  },

  'tracking-book': {
    name: 'Sổ theo dõi hồ sơ',
    heading: (f) => ['SỔ THEO DÕI HỒ SƠ', `Năm ${f.year}`],
    page: 'A4-landscape',
    signer: (f) => f.unit.name,
    body: (s, { rows }) => {
      checkNumbering(rows);
      const time = (t: Date | null) => (t ? formatShortTime(t) : '');
      s.table(
        [
          { header: 'STT', weight: 4.5, align: 'center' },
          { header: 'Mã hồ sơ', weight: 16.5 },
          { header: 'Tên thủ tục hành chính', weight: 15 },
          { header: 'Tên cá nhân, tổ chức', weight: 12 },
          { header: 'Nhận hồ sơ', weight: 7.5, align: 'center' },
          { header: 'Hẹn trả kết quả', weight: 7.5, align: 'center' },
          { header: 'Giải quyết xong', weight: 7.5, align: 'center' },
          { header: 'Trả kết quả', weight: 7.5, align: 'center' },
          { header: 'Tình trạng', weight: 9 },
          { header: 'Ghi chú', weight: 9 },
        ],
        rows.map((r) => [
          String(r.no),
          r.code,
          r.procedure,
          r.applicant,
          time(r.receivedAt),
          time(r.dueAt),
          time(r.finishedAt),
          time(r.returnedAt),
          r.status,
          r.note ?? '',
        ]),
        s.base - 3,
      );
    },
  },

  'form-06': {
    name: 'Biểu số II.06a - Tình hình, kết quả giải quyết TTHC',
    heading: (f) => [
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      `Kỳ báo cáo: từ ngày ${dmy(f.from)} đến ngày ${dmy(f.to)} (Biểu số II.06a, Thông tư 01/2020/TT-VPCP)`,
    ],
    page: 'A4-landscape',
    signer: (f) => f.unit.name,
    body: (s, f) => {
      s.para([italic('Đơn vị tính: hồ sơ.')]);
      const n = (x: number) => String(x);
      const cols = [
        'Tổng số tiếp nhận',
        'Trực tuyến',
        'Trực tiếp, bưu chính',
        'Từ kỳ trước',
        'Tổng số đã giải quyết',
        'Trước hạn',
        'Đúng hạn',
        'Quá hạn',
        'Tổng số đang giải quyết',
        'Trong hạn',
        'Quá hạn',
      ];
      s.table(
        [
          { header: 'STT (1)', weight: 4.5, align: 'center' },
          { header: 'Lĩnh vực (2)', weight: 18 },
          ...cols.map((header, i) => ({ header: `${header} (${i + 3})`, weight: 7, align: 'center' as const })),
        ],
        [...f.rows.map((r, i) => [String(i + 1), r.field, ...r.cols.map(n)]), ['', 'Tổng cộng', ...f.total.map(n)]],
        s.base - 3,
      );
      const { received, synced, unsynced } = f.reconciliation;
      s.para([
        bold('Đối chiếu với Cổng Dịch vụ công quốc gia: '),
        `tiếp nhận ${received}, đã đồng bộ ${synced}, chênh lệch ${received - synced}.`,
      ]);
      if (unsynced.length) s.para([`Hồ sơ chưa đồng bộ: ${unsynced.join(', ')}.`]);
    },
  },
};

/** DD/MM/YYYY of a YYYY-MM-DD day. */
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Name, ID number and, when known, date of birth, address and phone of the applicant. */
function applicant(s: Sheet, d: FormDossier, withName = true): void {
  const a = d.applicant;
  if (withName) s.para(['Ông/bà: ', bold(a.fullName)]);
  s.para([`Số định danh cá nhân: ${a.idNumber}${a.dateOfBirth ? `. Ngày sinh: ${isoDayToVn(a.dateOfBirth)}` : ''}.`]);
  if (a.address) s.para([`Địa chỉ: ${sentence(a.address)}`]);
  if (a.phone) s.para([`Số điện thoại: ${sentence(a.phone)}`]);
}

/** "Tờ khai …: 1 bản chính, 1 bản sao (chỉ xuất trình)". Registry data is taken, not asked for (Decree 104/2022). */
function component(c: FormDossier['components'][number]): Run[] {
  const counts = [c.originals > 0 ? `${c.originals} bản chính` : '', c.copies > 0 ? `${c.copies} bản sao` : ''].filter(Boolean).join(', ');
  const notes = [
    c.fromRegistry ? '(lấy từ CSDL quốc gia về dân cư)' : '',
    c.registryFailed ? '(nộp giấy vì tra cứu CSDL quốc gia về dân cư không thành công)' : '',
    c.presented ? '(chỉ xuất trình)' : '',
  ].filter(Boolean);
  // The catalogue's instruction in a registry-held paper's name ("…: khai thác từ CSDL …; chỉ xuất trình khi tra cứu
  // không được") is for the officer; the receipt says what happened instead.
  const name = c.fromRegistry || c.registryFailed ? c.name.replace(/:[^:]*CSDL quốc gia về dân cư[^:]*$/u, '') : c.name;
  return [name, counts ? `: ${counts}` : '', ...notes.map((n) => ` ${n}`), '.'];
}

function codeLine(s: Sheet, d: FormDossier): void {
  s.centeredLine(['Mã hồ sơ: ', bold(d.code)]);
}

function due(d: FormDossier): string {
  return d.dueAt ? formatTime(d.dueAt) : 'không hẹn ngày (thủ tục không quy định thời hạn)';
}

/**
 * Continuous numbering is what makes a paper book trustworthy: a gap or a repeat means a lost or a
 * duplicated entry, so such a book is refused rather than printed.
 */
function checkNumbering(rows: { no: number }[]): void {
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    if (previous && row.no !== previous.no + 1) {
      throw new RangeError(`tracking book numbering is not continuous: ${previous.no} is followed by ${row.no}`);
    }
  });
}

function definitionOf<I extends FormInput>(input: I): Definition<I> {
  // FORMS is keyed by kind, so the entry for input.kind takes exactly this input; TypeScript cannot
  // correlate the two through the union, hence the cast.
  return FORMS[input.kind] as unknown as Definition<I>;
}

/**
 * What the digital signature of a form says unless told otherwise: the form's name as the reason, its
 * signer (officer or head of unit), the unit's locality, and the time the form was issued.
 */
export function signatureMeta(input: FormInput, meta: Partial<SignMeta> = {}): SignMeta {
  const def = definitionOf(input);
  return {
    reason: meta.reason ?? def.name,
    signerName: meta.signerName ?? def.signer(input),
    location: meta.location ?? (placeOf(input.unit) || input.unit.name),
    signedAt: meta.signedAt ?? input.issuedAt,
  };
}

/**
 * Renders one form to PDF bytes; the same input always gives the same bytes. With `signature`, the PDF
 * carries an empty signature field with that reason, signer, place and time, ready for `signPdf`.
 */
export async function renderForm(input: FormInput, options: { signature?: SignMeta } = {}): Promise<Buffer> {
  const def = definitionOf(input);
  const draw = (base?: number) => {
    const sheet = new Sheet(
      def.page,
      {
        title: def.name,
        author: input.unit.name,
        subject: 'dossier' in input ? input.dossier.code : 'year' in input ? `Năm ${input.year}` : `${input.from} – ${input.to}`,
        keywords: input.kind,
        createdAt: input.issuedAt,
      },
      base,
    );
    sheet.header(input.unit, 'number' in input ? input.number : null, dateLine(placeOf(input.unit), input.issuedAt));
    const [title, subtitle] = def.heading?.(input) ?? [upper(def.name)];
    sheet.title(title, subtitle);
    def.body(sheet, input);
    return sheet;
  };
  let sheet = draw();
  // A one-page form (the receipt) is set smaller rather than let its signatures spill onto a second page.
  for (let base = sheet.base - 1; def.onePage && sheet.pageCount > 1 && base >= 10; base--) {
    void sheet.finish(); // discard the draft
    sheet = draw(base);
  }
  return sheet.finish(options.signature);
}
