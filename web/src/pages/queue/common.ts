// Shared helpers of the waiting-room pages: plain fetch (no client library) and a QR code as SVG.
import { ApiError, isProblem } from '../../api/problem';

export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status, problem: await r.json().catch(() => null) });
  return (await r.json()) as T;
}

/** What the waiting-room pages say when the server cannot be reached (both languages: a kiosk serves anyone). */
export const NETWORK_TEXT = 'Không kết nối được máy chủ / Cannot reach the server';

/**
 * A POST for `useAction`: the data, or a thrown ApiError carrying the server's problem (a failed fetch throws as
 * fetch does, which useAction shows as NETWORK_TEXT).
 */
export async function postOrThrow<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const j = (await r.json().catch(() => null)) as unknown;
  if (!r.ok) throw new ApiError(isProblem(j) ? j : null, r.status);
  return j as T;
}

/** A QR code as SVG markup (the qrcode library, loaded with the page that shows one). */
export async function qrSvg(text: string): Promise<string> {
  const QR = await import('qrcode');
  return QR.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export const PRIORITIES = ['elderly', 'disability', 'pregnant', 'young-child', 'veteran'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

export function newKey(): string {
  return crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
}
