// How values are written on the forms, in Vietnamese civil time (UTC+7, from domain/calendar/time).
import { toVnLocalMs } from '../domain/calendar/time';
import type { Channel, FormUnit, HandoffResult } from './types';

const pad2 = (n: number) => String(n).padStart(2, '0');

function vnParts(instant: Date) {
  const local = new Date(toVnLocalMs(instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "26/11/2026" */
export function formatDate(instant: Date): string {
  const p = vnParts(instant);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "09 giờ 15 phút, ngày 26/11/2026": the wording of the official templates, to the minute. */
export function formatTime(instant: Date): string {
  const p = vnParts(instant);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${formatDate(instant)}`;
}

/** "09:15 26/11/2026": the compact form for table cells. */
export function formatShortTime(instant: Date): string {
  const p = vnParts(instant);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${formatDate(instant)}`;
}

/**
 * "Hạc Thành, ngày 05 tháng 3 năm 2026". Decree 30/2020/NĐ-CP (document format): days below 10 and the
 * months 1 and 2 take a leading zero, other months do not (so "tháng 01", "tháng 02", "tháng 3").
 */
export function dateLine(place: string, instant: Date): string {
  const p = vnParts(instant);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  const date = `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
  return place ? `${place}, ${date}` : `N${date.slice(1)}`;
}

/** "10.000 đồng" (Vietnamese groups thousands with a dot). */
export function formatMoney(vnd: number): string {
  return `${formatNumber(vnd)} đồng`;
}

/** "1.250", "0,5": Vietnamese separators (dot for thousands, comma for decimals). */
export function formatNumber(n: number): string {
  const [int = '0', frac] = Math.abs(n).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

const LOCALITY = /(?:phường|xã|thị trấn|đặc khu|thành phố|tỉnh)\s+(.+)$/iu;

/**
 * The place in the date line: the unit's own `place`, else the locality named in the unit's name or its
 * parent's ("UBND PHƯỜNG HẠC THÀNH" → "Hạc Thành"), else none (the line then starts with "Ngày").
 */
export function placeOf(unit: FormUnit): string {
  if (unit.place) return unit.place;
  const m = LOCALITY.exec(unit.name.trim()) ?? LOCALITY.exec(unit.parentName.trim());
  return m?.[1] ? titleCase(m[1]) : '';
}

function titleCase(text: string): string {
  return text
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
}

/** Free text closed with a full stop, unless it already ends a sentence: "lý do: …." never doubles. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

export const upper = (text: string) => text.toLocaleUpperCase('vi');

export const CHANNEL_LABEL = {
  'in-person': 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua dịch vụ bưu chính',
} as const satisfies Record<Channel, string>;

export const RESULT_LABEL = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Quá hạn',
  pending: 'Đang xử lý',
} as const satisfies Record<HandoffResult, string>;
