// The SMS gateway (a telecom's brand-name SMS API), behind one adapter: a JSON POST with a bearer token and
// the message's idempotency key, so a redelivery after a lost answer sends no second text.
import { defaultFetch, postJson, type DeliveryResult } from './delivery';
import type { FetchLike } from './registry.adapter';

export const SMS_TOPIC = 'sms.send';

export type SmsMessage = { to: string; text: string };

export class SmsGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const to = typeof payload.to === 'string' ? payload.to : '';
    const text = typeof payload.text === 'string' ? payload.text : '';
    if (!to || !text) return { ok: false, reason: 'message without a recipient or text' };
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/messages`,
      JSON.stringify({ to, text } satisfies SmsMessage),
      { authorization: `Bearer ${this.token}`, 'idempotency-key': idempotencyKey },
      this.timeoutMs,
    );
  }
}
