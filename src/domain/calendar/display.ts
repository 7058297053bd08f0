// Dates and times as a person reads them in Vietnam (forms, SMS, e-mail): "14/04/1980" and "09:15 26/11/2026",
// in Vietnamese civil time (UTC+7) whatever the server's time zone.
import { toVnLocalMs } from './time';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "26/11/2026" */
export function vnDay(instant: Date): string {
  const l = new Date(toVnLocalMs(instant));
  return `${pad2(l.getUTCDate())}/${pad2(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

/** "09:15 26/11/2026" */
export function vnDateTime(instant: Date): string {
  const l = new Date(toVnLocalMs(instant));
  return `${pad2(l.getUTCHours())}:${pad2(l.getUTCMinutes())} ${vnDay(instant)}`;
}

/** A calendar date stored as "1980-04-14" (registry, e-form) written "14/04/1980"; anything else unchanged. */
export function isoDayToVn(text: string | undefined | null): string {
  if (!text) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : text;
}

/** The processing time as the citizen reads it: "trong ngày" for a same-day procedure, else "N ngày làm việc". */
export function processingTimeText(days: number): string {
  if (days <= 0) return 'trong ngày';
  const n = String(days).replace('.', ',');
  return `${n} ngày làm việc`;
}
