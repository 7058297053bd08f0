// Checking a Motcua webhook on the receiving side. Motcua signs as Standard Webhooks specifies
// (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256
// of "id.timestamp.body">`; this is that specification's reference library. Verify the body exactly as received
// (the raw bytes, before any JSON parsing), and act once per `webhook-id`: a retry or a replay sends the same id.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { WebhookVerificationError };

export type WebhookEventType = 'dossier.status-changed' | 'dossier.result-issued' | 'feedback.published' | 'indicator.threshold-crossed';

export type MotcuaWebhookEvent = {
  /** `webhook-id`: the same on every retry and replay of this event. */
  id: string;
  type: WebhookEventType;
  /** When it happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
};

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(h: Headers, name: string): string {
  const v =
    typeof (h as { get?: unknown }).get === 'function'
      ? (h as { get(n: string): string | null }).get(name)
      : (h as Record<string, unknown>)[name];
  return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
}

/**
 * The event, when the signature is the subscription's (`whsec_…`) and the timestamp within five minutes of now (the
 * replay window); otherwise throws WebhookVerificationError.
 */
export function verifyWebhook(secret: string, body: string, headers: Headers): MotcuaWebhookEvent {
  const h = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  const payload = new Webhook(secret).verify(body, h) as Omit<MotcuaWebhookEvent, 'id'>;
  return { id: h['webhook-id'], ...payload };
}
