// What the citizen is told, by SMS and e-mail, when their dossier changes status. Brand-name SMS in Vietnam are
// sent without diacritics (many handsets and gateways mangle them); e-mails keep them.
import { STATUS_LABELS, type Status } from './lifecycle';

export function withoutDiacritics(s: string): string {
  return s
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** What the citizen should do next, in plain words, for the statuses that ask something of them. */
const NEXT_STEP: Partial<Record<Status, string>> = {
  'awaiting-supplement': 'Vui lòng bổ sung giấy tờ theo yêu cầu (trực tuyến hoặc tại Trung tâm).',
  'awaiting-payment': 'Vui lòng thực hiện nghĩa vụ tài chính.',
  'result-ready': 'Đã có kết quả; mời nhận tại nơi đã chọn hoặc tải trên Cổng.',
  refused: 'Xem lý do trong thông báo của Trung tâm.',
};

export type StatusNotice = { sms: string; subject: string; text: string };

export function statusNotice(input: {
  code: string;
  procedureName: string;
  status: Status;
  dueAt?: string | null;
  trackUrl: string;
}): StatusNotice {
  const label = STATUS_LABELS[input.status].vi;
  const next = NEXT_STEP[input.status] ?? '';
  const due = input.dueAt && input.status !== 'returned' ? ` Hẹn trả: ${input.dueAt}.` : '';
  const text = `Hồ sơ ${input.code} (${input.procedureName}): ${label}.${due} ${next} Tra cứu: ${input.trackUrl}`
    .replace(/\s+/g, ' ')
    .trim();
  return {
    sms: withoutDiacritics(`Motcua: HS ${input.code}: ${label}.${due} ${next} ${input.trackUrl}`).replace(/\s+/g, ' ').trim(),
    subject: `[Motcua] Hồ sơ ${input.code}: ${label}`,
    text,
  };
}
