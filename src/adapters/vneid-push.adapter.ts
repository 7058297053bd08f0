// Notifications to the citizen's VNeID app (the national electronic identity app's push API), behind one
// adapter: a JSON POST with a bearer token and the message's idempotency key, so a redelivery after a lost
// answer shows no second notification. Used as the fallback channel of confirmation codes when SMS is late.
import { BearerJsonGateway, type DeliveryResult } from './delivery';

export const VNEID_PUSH_TOPIC = 'vneid.push';

/** The app is addressed by the citizen's personal ID number (12 digits). */
export type VneidPushMessage = { idNumber: string; text: string };

export class VneidPushGateway extends BearerJsonGateway {
  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const idNumber = typeof payload.idNumber === 'string' ? payload.idNumber : '';
    const text = typeof payload.text === 'string' ? payload.text : '';
    if (!/^[0-9]{12}$/.test(idNumber) || !text) return { ok: false, reason: 'notification without a personal ID number or text' };
    return this.post('/v1/notifications', { idNumber, text } satisfies VneidPushMessage, idempotencyKey);
  }
}
