import type { Lang } from '../prefs';
import type { T } from '../i18n';

/** "Thứ Hai – Thứ Sáu" or a list when the days are not consecutive. */
export function weekdaysText(days: readonly number[], t: T): string {
  const d = [...days].sort((a, b) => a - b);
  const name = (n: number) => t(`wd.${n}` as Parameters<T>[0]);
  if (d.length === 0) return '—';
  const first = d[0]!;
  const last = d[d.length - 1]!;
  if (d.length > 2 && last - first === d.length - 1) return `${name(first)} – ${name(last)}`;
  return d.map(name).join(', ');
}

export function sessionsText(sessions: readonly { start: string; end: string }[]): string {
  return sessions.map((s) => `${s.start}–${s.end}`).join(', ');
}

/** A date-time the way people read it in Vietnam (dd/mm/yyyy hh:mm), in Vietnam's time zone. */
export function dateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

function vnParts(iso: string): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The appointment as the receipt says it: "14 giờ 30, ngày 28/11/2026" (Vietnam time). */
export function appointmentText(iso: string, lang: Lang): string {
  const p = vnParts(iso);
  if (!p) return iso;
  const date = `${p.day}/${p.month}/${p.year}`;
  return lang === 'vi' ? `${p.hour} giờ ${p.minute}, ngày ${date}` : `${p.hour}:${p.minute} on ${date}`;
}

/** A date only, dd/mm/yyyy, from an ISO date or date-time. */
export function dateOnly(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = vnParts(iso);
  return p ? `${p.day}/${p.month}/${p.year}` : iso;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
