// The online payment gateway (cổng thanh toán trực tuyến), behind one adapter. Vietnamese gateways (VNPay,
// MoMo, the national portal's payment platform) share a shape: the merchant creates a transaction
// server-to-server and sends the citizen's browser to the gateway's checkout page; the gateway then tells the
// merchant the outcome by a server-to-server notification (IPN) and answers status queries. Every message
// either way is JSON signed with HMAC-SHA256 over its exact bytes with the merchant's secret, which this
// adapter checks in constant time. The shipped simulator implements this API.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Problem } from '../domain/problems';
import { defaultFetch } from './delivery';
import type { FetchLike } from './registry.adapter';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` on every message, both directions. */
export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';
export const PAYMENT_MERCHANT_HEADER = 'x-merchant-id';

export type CreatePaymentInput = {
  /** Motcua's own reference, unique per transaction (the payment's id): the gateway refuses a second transaction under it. */
  merchantRef: string;
  /** Whole đồng (VND has no minor unit). */
  amount: number;
  description: string;
  /** Where the gateway sends the citizen's browser afterwards (absolute, or a path on Motcua's origin). */
  returnUrl: string;
  /** Where the gateway POSTs the signed outcome, server-to-server. */
  callbackUrl: string;
};

export type CreatedPayment = { gatewayRef: string; redirectUrl: string };

export type GatewayPaymentStatus = 'pending' | 'paid' | 'failed';

export type PaymentQueryResult =
  | { status: GatewayPaymentStatus; amount: number; gatewayRef: string; merchantRef: string; paidAt?: Date }
  /** The gateway holds no transaction under that reference (the create call never reached it). */
  | { status: 'not-found' };

/** The gateway's notification of a transaction's outcome, as signed by the gateway. */
export const CallbackPayload = z
  .object({
    merchantId: z.string().min(1).max(100),
    merchantRef: z.string().min(1).max(100),
    gatewayRef: z.string().min(1).max(100),
    amount: z.number().int().positive(),
    status: z.enum(['paid', 'failed']),
    paidAt: z.string().max(40).nullable().optional(),
  })
  .loose();
export type CallbackPayload = z.infer<typeof CallbackPayload>;

const Created = z.object({ gatewayRef: z.string().min(1).max(100), redirectUrl: z.string().min(1).max(2000) });
const Queried = z.object({
  status: z.enum(['pending', 'paid', 'failed']),
  amount: z.number().int(),
  gatewayRef: z.string().min(1),
  merchantRef: z.string().min(1),
  paidAt: z.string().nullable().optional(),
});

export function signPaymentBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Whether `header` (`sha256=<hex>` or bare hex) is the HMAC of `body` under `secret`; compared in constant time. */
export function paymentSignatureValid(secret: string, body: string, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(
    header
      .trim()
      .replace(/^sha256=/i, '')
      .toLowerCase(),
  );
  const want = Buffer.from(signPaymentBody(secret, body));
  return given.length === want.length && timingSafeEqual(given, want);
}

const unavailable = (reason: string) => new Problem('service-unavailable', { system: 'payment-gateway', reason });

const dateOrUndefined = (v: string | null | undefined): Date | undefined => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export class PaymentGateway {
  constructor(
    private readonly baseUrl: string,
    readonly merchantId: string,
    private readonly secret: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly timeoutMs = 10_000,
  ) {}

  /** One signed server-to-server call. Throws 503 `service-unavailable` when the gateway cannot be used. */
  private async call(path: string, message: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify({ merchantId: this.merchantId, ...message });
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [PAYMENT_MERCHANT_HEADER]: this.merchantId,
          [PAYMENT_SIGNATURE_HEADER]: `sha256=${signPaymentBody(this.secret, body)}`,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw unavailable(e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    const answer: unknown = await res.json().catch(() => undefined);
    return { status: res.status, body: answer };
  }

  /** Registers a transaction; the citizen's browser then goes to `redirectUrl`. Idempotent per merchantRef at the gateway. */
  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const { status, body } = await this.call('/v1/payments', {
      merchantRef: input.merchantRef,
      amount: input.amount,
      currency: 'VND',
      description: input.description,
      returnUrl: input.returnUrl,
      callbackUrl: input.callbackUrl,
    });
    if (status < 200 || status >= 300) throw unavailable(`HTTP ${status}`);
    const parsed = Created.safeParse(body);
    if (!parsed.success) throw unavailable('malformed answer');
    return parsed.data;
  }

  /** Asks the gateway about one transaction, by its reference or by ours. */
  async queryPayment(ref: { gatewayRef: string } | { merchantRef: string }): Promise<PaymentQueryResult> {
    const { status, body } = await this.call('/v1/payments/query', ref);
    if (status === 404) return { status: 'not-found' };
    if (status !== 200) throw unavailable(`HTTP ${status}`);
    const parsed = Queried.safeParse(body);
    if (!parsed.success) throw unavailable('malformed answer');
    const { paidAt, ...rest } = parsed.data;
    const at = dateOrUndefined(paidAt);
    return at ? { ...rest, paidAt: at } : rest;
  }

  /**
   * Checks a notification's signature over the exact bytes received, then its shape. Throws 401
   * `payment-signature-invalid` for a missing or wrong signature and 400 `validation-failed` for a signed
   * body that is not a notification for this merchant.
   */
  verifyCallback(rawBody: string, signatureHeader: unknown): CallbackPayload {
    if (!paymentSignatureValid(this.secret, rawBody, signatureHeader)) throw new Problem('payment-signature-invalid');
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new Problem('validation-failed', { summary: 'the notification is not JSON' });
    }
    const parsed = CallbackPayload.safeParse(json);
    if (!parsed.success) throw new Problem('validation-failed', { summary: 'the notification is not a payment notification' });
    if (parsed.data.merchantId !== this.merchantId)
      throw new Problem('validation-failed', { summary: 'the notification is for another merchant' });
    return parsed.data;
  }
}
