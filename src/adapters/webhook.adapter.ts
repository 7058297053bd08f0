// Webhook receivers of API clients: signing (Standard Webhooks, https://www.standardwebhooks.com) and one POST.
//
// Headers: `webhook-id` (the event id: the same on every retry, so the receiver acts once), `webhook-timestamp`
// (Unix seconds of this attempt) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 over "id.timestamp.body" with
// the subscription's `whsec_` key), signed by the `standardwebhooks` library, the specification's own reference
// implementation, which receivers can use to verify. The older names of Motcua's API contract are sent too:
// `Motcua-Event-Id`, `Motcua-Timestamp` and `Motcua-Signature: sha256=<hex HMAC over "timestamp.body">`, same key.
//
// The receiver's address is checked where the connection is made (the `lookup` of the socket), not only when the
// webhook was registered: a name that resolved to a public address then and to 10.0.0.5 now (DNS rebinding) is
// refused. No redirects are followed; the answer's body is not read.
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { addressRefusal } from '../domain/webhooks';

export const WEBHOOK_TOPIC = 'webhook';

/** The signing key's bytes: `whsec_` + base64. */
function keyBytes(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

/** The headers of one attempt. */
export function signWebhook(secret: string, eventId: string, at: Date, body: string): Record<string, string> {
  const ts = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(ts),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
    'motcua-event-id': eventId,
    'motcua-timestamp': String(ts),
    'motcua-signature': `sha256=${createHmac('sha256', keyBytes(secret)).update(`${ts}.${body}`).digest('hex')}`,
  };
}

export class WebhookAddressRefused extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`address refused: ${address} (${reason})`);
  }
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/** Every address a host name resolves to (a literal address is itself). */
export async function resolveHost(host: string): Promise<string[]> {
  const h = bare(host);
  if (isIP(h)) return [h];
  return new Promise((resolve, reject) =>
    dnsLookup(h, { all: true, verbatim: true } satisfies LookupAllOptions, (err, addrs: LookupAddress[]) =>
      err ? reject(err) : resolve(addrs.map((a) => a.address)),
    ),
  );
}

/** The first address of `addresses` a webhook may not reach, with why. */
export function firstRefused(addresses: readonly string[]): { address: string; reason: string } | null {
  for (const address of addresses) {
    const reason = addressRefusal(address);
    if (reason) return { address, reason };
  }
  return null;
}

/** A socket `lookup` that refuses private, loopback and link-local answers: checked at connection time. */
function guardedLookup(allowPrivate: boolean): RequestOptions['lookup'] {
  return ((hostname: string, options: object, callback: (...a: unknown[]) => void) => {
    dnsLookup(hostname, options as LookupAllOptions, (err: NodeJS.ErrnoException | null, address: unknown, family?: number) => {
      if (err) return callback(err, address, family);
      const list = Array.isArray(address) ? (address as LookupAddress[]).map((a) => a.address) : [String(address)];
      const bad = allowPrivate ? null : firstRefused(list);
      if (bad) return callback(new WebhookAddressRefused(bad.address, bad.reason), address, family);
      callback(null, address, family);
    });
  }) as RequestOptions['lookup'];
}

export type AttemptOutcome = { statusCode: number | null; error: string | null; refused: boolean; durationMs: number };

/** One POST to a receiver; never throws. 2xx is delivered. */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (o: Omit<AttemptOutcome, 'durationMs'>): AttemptOutcome => ({ ...o, durationMs: Math.round(performance.now() - started) });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return done({ statusCode: null, error: 'not a URL', refused: true });
  }
  // A literal address never reaches `lookup`: judged here.
  if (!opts.allowPrivate && isIP(bare(u.hostname))) {
    const bad = firstRefused([bare(u.hostname)]);
    if (bad) return done({ statusCode: null, error: `address refused: ${bad.address} (${bad.reason})`, refused: true });
  }
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve(done(o));
    };
    const req = send(
      u,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Motcua-Webhooks/1',
          ...headers,
        },
        lookup: guardedLookup(opts.allowPrivate),
        timeout: opts.timeoutMs,
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        finish({ statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}`, refused: false });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      if (e instanceof WebhookAddressRefused) return finish({ statusCode: null, error: e.message, refused: true });
      const msg = e.name === 'AbortError' || e.message === 'timeout' ? 'timeout' : ((e as NodeJS.ErrnoException).code ?? 'unreachable');
      finish({ statusCode: null, error: msg, refused: false });
    });
    req.end(body);
  });
}
