// The electronic receipt (biên lai điện tử) of a fee paid online: drawn from the same blocks as the legal
// forms (Tinos, Decree 30/2020 header) and signed with the collecting unit's key. Pure: no database and no
// clock; every time comes in the input.
import { dateLine, formatMoney, formatTime, placeOf, sentence } from './format';
import { Sheet, bold, italic } from './layout';
import { signPdf } from './signing';
import type { FormUnit, SignMeta, UnitKey } from './types';

export const PAYMENT_RECEIPT_NAME = 'Biên lai thu phí, lệ phí';

export type PaymentReceiptInput = {
  /** e.g. BL-2026-000123 */
  receiptNo: string;
  /** The unit that collects the fee and signs the receipt. */
  unit: FormUnit;
  payer: { fullName: string; idNumber?: string; address?: string };
  /** Whole đồng. */
  amount: number;
  description: string;
  paidAt: Date;
  /** The gateway's transaction reference. */
  gatewayRef: string | null;
  /** Motcua's payment id (the merchant reference the gateway knows). */
  paymentId: string;
  issuedAt: Date;
};

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** A group of three digits; `full` reads a zero hundred and "linh" as inside a larger number ("không trăm linh năm"). */
function readGroup(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && out.length) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(DIGITS[t]!, 'mươi');
  if (u === 1 && t >= 2) out.push('mốt');
  else if (u === 5 && t >= 1) out.push('lăm');
  else if (u > 0) out.push(DIGITS[u]!);
  return out;
}

/** "Năm mươi nghìn đồng": an amount in Vietnamese words, as receipts write it beside the digits. */
export function amountInWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0) throw new RangeError(`not an amount of đồng: ${vnd}`);
  const groups: number[] = [];
  for (let n = vnd; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  if (groups.length > SCALES.length) throw new RangeError(`amount too large: ${vnd}`);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(...readGroup(g, i < groups.length - 1));
    if (SCALES[i]) words.push(SCALES[i]!);
  }
  const text = words.length ? words.join(' ') : 'không';
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)} đồng`;
}

/** What the receipt's digital signature says: the receipt's name, the collecting unit, its locality, the issue time. */
export function paymentReceiptSignature(input: PaymentReceiptInput): SignMeta {
  return {
    reason: PAYMENT_RECEIPT_NAME,
    signerName: input.unit.name,
    location: placeOf(input.unit) || input.unit.name,
    signedAt: input.issuedAt,
  };
}

/** The receipt as PDF bytes; with `signature`, an empty signature field ready for `signPdf`. */
export async function renderPaymentReceipt(input: PaymentReceiptInput, options: { signature?: SignMeta } = {}): Promise<Buffer> {
  const { unit, payer } = input;
  const s = new Sheet('A5', {
    title: PAYMENT_RECEIPT_NAME,
    author: unit.name,
    subject: input.receiptNo,
    keywords: 'payment-receipt',
    createdAt: input.issuedAt,
  });
  s.header(unit, input.receiptNo, dateLine(placeOf(unit), input.issuedAt));
  s.title('BIÊN LAI THU PHÍ, LỆ PHÍ', '(Biên lai điện tử)');
  s.para(['Đơn vị thu: ', bold(unit.name), '.']);
  s.para(['Họ và tên người nộp: ', bold(payer.fullName), '.']);
  if (payer.idNumber) s.para([`Số định danh cá nhân: ${payer.idNumber}.`]);
  if (payer.address) s.para([`Địa chỉ: ${sentence(payer.address)}`]);
  s.para([`Nội dung thu: ${sentence(input.description)}`]);
  s.para(['Số tiền: ', bold(formatMoney(input.amount)), '.']);
  s.para([italic(`(Viết bằng chữ: ${amountInWords(input.amount)}.)`)]);
  s.para(['Hình thức thanh toán: Trực tuyến, qua cổng thanh toán điện tử.']);
  if (input.gatewayRef) s.para([`Mã giao dịch tại cổng thanh toán: ${input.gatewayRef}.`]);
  s.para([`Mã thanh toán: ${input.paymentId}.`]);
  s.para([`Thời điểm thanh toán: ${formatTime(input.paidAt)} (giờ Việt Nam, UTC+07:00).`]);
  s.signatures([{ title: 'Đơn vị thu tiền', hint: '(Ký số)', name: unit.name }]);
  s.para([italic('Biên lai điện tử có chữ ký số của đơn vị thu tiền; người nộp lưu giữ để đối chiếu khi cần.')]);
  return s.finish(options.signature);
}

/** Renders the receipt and signs it with the unit's key: the one call servers make. */
export async function renderSignedPaymentReceipt(input: PaymentReceiptInput, key: UnitKey): Promise<Buffer> {
  const signature = paymentReceiptSignature(input);
  return signPdf(await renderPaymentReceipt(input, { signature }), key, signature);
}
