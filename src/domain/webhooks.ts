// Webhooks of API clients: the events, the scope each needs, and which addresses a receiver may not have.
// Pure: the service resolves names and loads clients; this decides.
import type { ApiScope } from './api-clients';

export const WEBHOOK_EVENTS = [
  'dossier.status-changed',
  'dossier.result-issued',
  'feedback.published',
  'indicator.threshold-crossed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The scope a client needs to hear an event: the same one that lets it read what the event is about. */
export const EVENT_SCOPES = {
  'dossier.status-changed': 'dossiers:read',
  'dossier.result-issued': 'dossiers:read',
  'feedback.published': 'feedback:read',
  'indicator.threshold-crossed': 'indicators:read',
} as const satisfies Record<WebhookEvent, ApiScope>;

export const EVENT_LABELS = {
  'dossier.status-changed': { vi: 'Hồ sơ đổi trạng thái', en: 'Dossier status changed' },
  'dossier.result-issued': { vi: 'Đã có kết quả hồ sơ', en: 'Dossier result issued' },
  'feedback.published': { vi: 'Công khai trả lời phản ánh', en: 'Feedback answer published' },
  'indicator.threshold-crossed': { vi: 'Chỉ số vượt ngưỡng', en: 'Indicator threshold crossed' },
} satisfies Record<WebhookEvent, { vi: string; en: string }>;

export function isWebhookEvent(v: string): v is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(v);
}

/** Seconds either side of now a receiver should accept a `webhook-timestamp` (Standard Webhooks' default tolerance). */
export const REPLAY_WINDOW_SECONDS = 300;

function ipv4Parts(a: string): number[] | null {
  const p = a.split('.');
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return null;
  return p.map(Number);
}

/** Why an IPv4 address may not receive webhooks, or null. */
function ipv4Refusal(a: string): string | null {
  const p = ipv4Parts(a);
  if (!p) return null;
  const [x = 0, y = 0] = p;
  if (x === 0) return 'unspecified';
  if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'private';
  if (x === 127) return 'loopback';
  if (x === 169 && y === 254) return 'link-local';
  if (x === 100 && y >= 64 && y <= 127) return 'shared (CGNAT)';
  if (x === 192 && y === 0 && p[2] === 0) return 'special';
  if (x === 198 && (y === 18 || y === 19)) return 'benchmarking';
  if (x >= 224) return 'multicast or reserved';
  return null;
}

/** Expands an IPv6 address to eight 16-bit groups, or null. */
function ipv6Groups(a: string): number[] | null {
  let s = a.toLowerCase().replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const p = ipv4Parts(v4[1]!);
    if (!p) return null;
    s = s.slice(0, -v4[1]!.length) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string) => (h ? h.split(':') : []);
  const head = part(halves[0] ?? '');
  const tail = halves.length === 2 ? part(halves[1] ?? '') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0) return null;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * Why an address may not receive webhooks (private, loopback, link-local, unique-local, multicast, unspecified…),
 * or null when it is a public address. IPv4-mapped and NAT64-embedded IPv4 addresses are judged as the IPv4 inside.
 */
export function addressRefusal(address: string): string | null {
  if (ipv4Parts(address)) return ipv4Refusal(address);
  const g = ipv6Groups(address);
  if (!g) return 'not an address';
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const embedded = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64)
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return ipv4Refusal(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b) return ipv4Refusal(embedded);
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  return null;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; code: 'webhook-url-not-https'; reason: string };

/** A receiver URL's form: https (http only when `allowHttp`, i.e. demo mode), no credentials in it. */
export function checkWebhookUrl(raw: string, allowHttp: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'webhook-url-not-https', reason: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    return { ok: false, code: 'webhook-url-not-https', reason: url.protocol };
  if (url.username || url.password) return { ok: false, code: 'webhook-url-not-https', reason: 'credentials in the URL' };
  return { ok: true, url };
}
