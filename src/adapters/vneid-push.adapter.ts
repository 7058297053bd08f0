// Notifications to the citizen's VNeID app (the national electronic identity app's push API), behind one
// adapter: a JSON POST with a bearer token and the message's idempotency key, so a redelivery after a lost
// answer shows no second notification. Used as the fallback channel of confirmation codes when SMS is late.
import { defaultFetch, postJson, type DeliveryResult } from './delivery';
import type { FetchLike } from './registry.adapter';

export const VNEID_PUSH_TOPIC = 'vneid.push';

/** The app is addressed by the citizen's personal ID number (12 digits). */
export type VneidPushMessage = { idNumber: string; text: string };

export class VneidPushGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const idNumber = typeof payload.idNumber === 'string' ? payload.idNumber : '';
    const text = typeof payload.text === 'string' ? payload.text : '';
    if (!/^[0-9]{12}$/.test(idNumber) || !text) return { ok: false, reason: 'notification without a personal ID number or text' };
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/notifications`,
      JSON.stringify({ idNumber, text } satisfies VneidPushMessage),
      { authorization: `Bearer ${this.token}`, 'idempotency-key': idempotencyKey },
      this.timeoutMs,
    );
  }
}
