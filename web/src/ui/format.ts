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
