// The e-mail gateway (the province's mail relay's HTTP API), behind one adapter: a JSON POST with a bearer
// token and the message's idempotency key, so a redelivery after a lost answer sends no second e-mail.
import { defaultFetch, postJson, type DeliveryResult } from './delivery';
import type { FetchLike } from './registry.adapter';

export const EMAIL_TOPIC = 'email.send';

export type EmailMessage = { to: string; subject: string; text: string };

export class EmailGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const { to, subject, text } = payload;
    if (typeof to !== 'string' || typeof subject !== 'string' || typeof text !== 'string' || !to || !text)
      return { ok: false, reason: 'e-mail without a recipient, subject or text' };
    const m: EmailMessage = { to, subject, text };
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/messages`,
      JSON.stringify(m),
      { authorization: `Bearer ${this.token}`, 'idempotency-key': idempotencyKey },
      this.timeoutMs,
    );
  }
}
