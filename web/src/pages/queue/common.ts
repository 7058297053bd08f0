// Shared helpers of the waiting-room pages: plain fetch (no client library) and a QR code as SVG.
export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status, problem: await r.json().catch(() => null) });
  return (await r.json()) as T;
}

export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ ok: true; data: T } | { ok: false; status: number; detail: string; code: string }> {
  try {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const j = (await r.json().catch(() => ({}))) as { detail?: string; code?: string };
    if (r.ok) return { ok: true, data: j as T };
    return { ok: false, status: r.status, detail: j.detail ?? `HTTP ${r.status}`, code: j.code ?? '' };
  } catch {
    return { ok: false, status: 0, detail: 'Không kết nối được máy chủ / Cannot reach the server', code: 'network' };
  }
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
