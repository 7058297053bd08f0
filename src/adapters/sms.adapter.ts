// The SMS gateway (a telecom's brand-name SMS API), behind one adapter: a JSON POST with a bearer token and
// the message's idempotency key, so a redelivery after a lost answer sends no second text.
import { BearerJsonGateway, type DeliveryResult } from './delivery';

export const SMS_TOPIC = 'sms.send';

export type SmsMessage = { to: string; text: string };

export class SmsGateway extends BearerJsonGateway {
  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const to = typeof payload.to === 'string' ? payload.to : '';
    const text = typeof payload.text === 'string' ? payload.text : '';
    if (!to || !text) return { ok: false, reason: 'message without a recipient or text' };
    return this.post('/v1/messages', { to, text } satisfies SmsMessage, idempotencyKey);
  }
}
