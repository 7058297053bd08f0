// Randomness that also works on plain-http intranet addresses (crypto.randomUUID needs a secure context).
import { passwordAcceptable } from '@domain/password';

function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  crypto.getRandomValues(b);
  return b;
}

/** An Idempotency-Key for one create form: a retry or double click creates nothing new. */
export function newIdempotencyKey(): string {
  return Array.from(bytes(16), (x) => x.toString(16).padStart(2, '0')).join('');
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGIT = '23456789';
const ALL = LOWER + UPPER + DIGIT;

/** A 12-character temporary password that passes the server's rules (no look-alike characters: easy to read aloud). */
export function temporaryPassword(username = ''): string {
  for (;;) {
    const b = bytes(12);
    const pw = Array.from(
      b,
      (x, i) =>
        (i === 0 ? UPPER : i === 1 ? LOWER : i === 2 ? DIGIT : ALL)[
          x % (i === 0 ? UPPER.length : i === 1 ? LOWER.length : i === 2 ? DIGIT.length : ALL.length)
        ],
    ).join('');
    // Shuffle so the classes are not always in front.
    const arr = pw.split('');
    const s = bytes(arr.length);
    for (let i = arr.length - 1; i > 0; i--) {
      const j = s[i]! % (i + 1);
      [arr[i], arr[j]] = [arr[j]!, arr[i]!];
    }
    const out = arr.join('');
    if (passwordAcceptable(out, username || '\u0000')) return out;
  }
}

/** A random (version 4) UUID, also on plain-http intranet addresses. */
export function uuid(): string {
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
