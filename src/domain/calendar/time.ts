// Vietnamese civil time, computed without the process's time zone.
//
// Asia/Ho_Chi_Minh has been UTC+7 with no daylight saving since 1975, so a fixed
// offset is exact for every date this system handles (1990–2100) and needs no tz
// database. Everything here works on UTC milliseconds shifted by that offset, so
// results are the same whatever TZ the process runs under.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const VN_OFFSET_MS = 7 * HOUR_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws RangeError on anything else. */
export function dayNumberOf(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return civilDayNumber(Number(m[1]), Number(m[2]), Number(m[3]), date);
}

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a calendar date given as numbers (month 1–12). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  return civilDayNumber(year, month, day, `${year}-${month}-${day}`);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Year of a day number. */
export function yearOfDayNumber(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Milliseconds on a clock that reads Vietnamese wall time as if it were UTC. */
export function toVnLocalMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms + VN_OFFSET_MS;
}

export function fromVnLocalMs(localMs: number): Date {
  return new Date(localMs - VN_OFFSET_MS);
}

/** The Vietnamese calendar date of an instant, 'YYYY-MM-DD'. */
export function formatVnDate(instant: Date): string {
  return dateOfDayNumber(Math.floor(toVnLocalMs(instant) / DAY_MS));
}

/**
 * ISO 8601 with the +07:00 offset, e.g. `2026-03-02T07:30:00+07:00`, the form the
 * HTTP contract answers in. Milliseconds are written only when not zero.
 */
export function formatVnIso(instant: Date): string {
  const iso = new Date(toVnLocalMs(instant)).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const millis = iso.slice(19, 23);
  return `${iso.slice(0, 19)}${millis === '.000' ? '' : millis}+07:00`;
}

/**
 * Parses 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM', 'YYYY-MM-DDTHH:MM:SS[.sss]' as Vietnamese
 * wall time; an explicit 'Z' or '±HH:MM' suffix is honoured instead.
 */
export function parseVnDate(text: string): Date {
  const m = DATE_TIME_RE.exec(text);
  if (!m) throw new RangeError(`not an ISO date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`time out of range: ${JSON.stringify(text)}`);
  }
  const day = civilDayNumber(Number(y), Number(mo), Number(d), text);
  const wallMs = day * DAY_MS + hour * HOUR_MS + minute * 60_000 + second * 1000 + Number(frac.padEnd(3, '0'));
  return new Date(wallMs - zoneOffsetMs(zone));
}

/** 'HH:MM' (00:00–24:00) → milliseconds after midnight. */
export function parseTimeOfDay(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) {
    throw new RangeError(`not an HH:MM time of day: ${JSON.stringify(text)}`);
  }
  return hour * HOUR_MS + minute * 60_000;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return VN_OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * HOUR_MS + Number(zone.slice(4, 6)) * 60_000);
}

function civilDayNumber(year: number, month: number, day: number, shown: string): number {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 31 Feb over into March and maps years 0–99 to 1900–1999: reject both.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${JSON.stringify(shown)}`);
  }
  return ms / DAY_MS;
}
