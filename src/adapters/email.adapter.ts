// The e-mail gateway (the province's mail relay's HTTP API), behind one adapter: a JSON POST with a bearer
// token and the message's idempotency key, so a redelivery after a lost answer sends no second e-mail.
import { BearerJsonGateway, type DeliveryResult } from './delivery';

export const EMAIL_TOPIC = 'email.send';

export type EmailMessage = { to: string; subject: string; text: string };

export class EmailGateway extends BearerJsonGateway {
  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const { to, subject, text } = payload;
    if (typeof to !== 'string' || typeof subject !== 'string' || typeof text !== 'string' || !to || !text)
      return { ok: false, reason: 'e-mail without a recipient, subject or text' };
    const m: EmailMessage = { to, subject, text };
    return this.post('/v1/messages', m, idempotencyKey);
  }
}
