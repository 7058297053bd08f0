// The payment gateway simulator: the same API as the adapter speaks (signed server-to-server create and
// query calls), its own checkout page where a tester presses "Thanh toán" or "Hủy", and the signed
// notification (IPN) it then POSTs to the merchant's callback URL before sending the browser back. Every
// transaction is kept in `sim_payment` (simulator data only). For demos and tests of reconciliation an
// administrator can make it lose its notifications (`drop-callbacks`); the gateway API can be set down or
// slow like every simulator. No money moves: the page says so in large letters.
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAYMENT_MERCHANT_HEADER, PAYMENT_SIGNATURE_HEADER, paymentSignatureValid, signPaymentBody } from '../adapters/payment.adapter';
import type { FetchLike } from '../adapters/registry.adapter';
import { defaultFetch } from '../adapters/delivery';
import { actorOf, problems, vnIso } from '../api/http';
import type { Db } from '../db/database';
import type { SimPaymentTable } from '../db/schema';
import { Problem } from '../domain/problems';
import { gate, requireSystemAdmin, type SimulatorModes } from './modes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a JSON body, for the simulator's signature check. */
    rawBody?: string;
  }
}

export const PAYMENT_SIM_PREFIX = '/api/sim/payment';

type SimPayment = Selectable<SimPaymentTable>;

// A path on Motcua's origin ("/cong-dan/…", not "//host") or an absolute http(s) URL.
const ReturnUrl = z
  .string()
  .max(2000)
  .refine((v) => /^\/(?!\/)/.test(v) || /^https?:\/\//i.test(v), 'a path starting with / or an http(s) URL');
const CallbackUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\//i.test(v), 'an absolute http(s) URL');

const CreateBody = z
  .object({
    merchantId: z.string().min(1).max(100),
    merchantRef: z.string().min(1).max(100),
    amount: z.number().int().positive().max(2_000_000_000),
    currency: z.literal('VND').default('VND'),
    description: z.string().min(1).max(500),
    returnUrl: ReturnUrl,
    callbackUrl: CallbackUrl,
  })
  .strict();

const QueryBody = z
  .object({
    merchantId: z.string().min(1).max(100),
    gatewayRef: z.string().min(1).max(100).optional(),
    merchantRef: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((b) => !!b.gatewayRef !== !!b.merchantRef, 'exactly one of gatewayRef and merchantRef');

const Transaction = z.object({
  gatewayRef: z.string(),
  merchantRef: z.string(),
  amount: z.number(),
  description: z.string(),
  status: z.enum(['pending', 'paid', 'cancelled']),
  dropCallback: z.boolean(),
  callbackStatus: z.enum(['delivered', 'refused', 'unreachable', 'dropped']).nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  callbackAt: z.string().nullable(),
});

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const vnd = (amount: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(amount);

const STYLE = `body{font:20px/1.6 system-ui,sans-serif;margin:0;background:#f4f6fa;color:#111}
main{max-width:34rem;margin:0 auto;padding:1rem}
.sim{background:#fff3cd;border:3px solid #8a6100;padding:.75rem 1rem;border-radius:8px;font-weight:700;font-size:1.1rem}
h1{font-size:1.6rem;margin:1rem 0 .5rem}dl{background:#fff;border:1px solid #ccc;border-radius:8px;padding:.75rem 1rem}
dt{font-weight:600;color:#333}dd{margin:0 0 .6rem 0}.amount{font-size:2rem;font-weight:700;color:#0b5d1e}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1rem}
button{font-size:1.25rem;min-height:3rem;padding:.6rem 1.6rem;border-radius:8px;border:2px solid #222;cursor:pointer}
.pay{background:#0b5d1e;color:#fff;border-color:#0b5d1e}.cancel{background:#fff;color:#111}
button:focus-visible,a:focus-visible{outline:4px solid #1d4ed8;outline-offset:3px}a{color:#1d4ed8}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — Cổng thanh toán mô phỏng</title><style>${STYLE}</style></head><body><main>
<p class="sim" role="note">Cổng thanh toán mô phỏng — không phải giao dịch thật. Không có tiền được chuyển; đừng nhập thông tin thẻ hay tài khoản thật.</p>
${body}
</main></body></html>`;
}

const STATUS_TEXT = { pending: 'Đang chờ thanh toán', paid: 'Đã thanh toán', cancelled: 'Đã hủy' } as const;

function checkoutPage(p: SimPayment): string {
  const details = `<dl>
<dt>Số tiền</dt><dd class="amount">${esc(vnd(p.amount))}</dd>
<dt>Nội dung</dt><dd>${esc(p.description)}</dd>
<dt>Mã giao dịch</dt><dd>${esc(p.id)}</dd>
<dt>Đơn vị nhận tiền</dt><dd>${esc(p.merchant_id || 'Motcua')}</dd>
</dl>`;
  if (p.status !== 'pending') {
    return page(
      STATUS_TEXT[p.status],
      `<h1>${esc(STATUS_TEXT[p.status])}</h1>${details}
<p><a href="${esc(returnWith(p, p.status === 'paid' ? 'paid' : 'cancelled'))}">Quay lại trang dịch vụ công</a></p>`,
    );
  }
  return page(
    'Thanh toán',
    `<h1>Thanh toán phí, lệ phí</h1>${details}
<form method="post" action="${PAYMENT_SIM_PREFIX}/checkout/${encodeURIComponent(p.id)}">
<div class="actions">
<button class="pay" type="submit" name="result" value="paid">Thanh toán</button>
<button class="cancel" type="submit" name="result" value="cancelled">Hủy</button>
</div>
</form>`,
  );
}

/** The return URL with `payment=<merchant ref>&result=…`; a path stays a path. */
function returnWith(p: SimPayment, result: 'paid' | 'cancelled'): string {
  const u = new URL(p.return_url, 'http://motcua.invalid');
  u.searchParams.set('payment', p.merchant_ref);
  u.searchParams.set('result', result);
  return p.return_url.startsWith('/') ? `${u.pathname}${u.search}${u.hash}` : u.toString();
}

function queryAnswer(p: SimPayment) {
  return {
    status: p.status === 'cancelled' ? ('failed' as const) : p.status,
    amount: p.amount,
    gatewayRef: p.id,
    merchantRef: p.merchant_ref,
    paidAt: vnIso(p.paid_at),
    simulator: true as const,
  };
}

export const paymentSimulator =
  (modes: SimulatorModes, secret: string, db: Db, fetchImpl: FetchLike = defaultFetch): FastifyPluginAsyncZod =>
  async (server) => {
    /** While set, the simulator "loses" the notifications of the transactions paid or cancelled. */
    let dropCallbacks = false;

    // This plugin only: JSON is kept raw for the signature check; the checkout form arrives URL-encoded.
    server.removeContentTypeParser('application/json');
    server.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      req.rawBody = String(body);
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(Object.assign(new SyntaxError('malformed JSON'), { statusCode: 400 }), undefined);
      }
    });
    server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    /** Server-to-server calls are signed by the merchant with the shared secret over the exact body. */
    const requireSigned = (req: { rawBody?: string; headers: Record<string, unknown> }, merchantId: string) => {
      if (req.headers[PAYMENT_MERCHANT_HEADER] !== merchantId) throw new Problem('not-signed-in');
      if (!paymentSignatureValid(secret, req.rawBody ?? '', req.headers[PAYMENT_SIGNATURE_HEADER])) throw new Problem('not-signed-in');
    };

    const byId = (id: string) => db.selectFrom('sim_payment').selectAll().where('id', '=', id).executeTakeFirst();

    /** The signed notification to the merchant; never throws (a lost notification is what reconciliation is for). */
    const notify = async (p: SimPayment, drop: boolean) => {
      let outcome: NonNullable<SimPayment['callback_status']> = 'dropped';
      if (!drop) {
        const body = JSON.stringify({
          merchantId: p.merchant_id,
          merchantRef: p.merchant_ref,
          gatewayRef: p.id,
          amount: p.amount,
          status: p.status === 'paid' ? 'paid' : 'failed',
          paidAt: vnIso(p.paid_at),
        });
        try {
          const res = await fetchImpl(p.callback_url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json',
              [PAYMENT_SIGNATURE_HEADER]: `sha256=${signPaymentBody(secret, body)}`,
            },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          outcome = res.status >= 200 && res.status < 300 ? 'delivered' : 'refused';
        } catch {
          outcome = 'unreachable';
        }
      }
      await db.updateTable('sim_payment').set({ callback_status: outcome, callback_at: new Date() }).where('id', '=', p.id).execute();
    };

    server.post(
      `${PAYMENT_SIM_PREFIX}/v1/payments`,
      {
        schema: {
          tags: ['simulators'],
          summary: 'Payment gateway simulator: creates a transaction (HMAC-SHA256 signed body); once per merchantRef',
          body: CreateBody,
          response: {
            200: z.object({ gatewayRef: z.string(), redirectUrl: z.string(), simulator: z.literal(true) }),
            ...problems(400, 401, 409, 503),
          },
        },
      },
      async (req) => {
        await gate(modes, 'payment');
        requireSigned(req, req.body.merchantId);
        const b = req.body;
        await db
          .insertInto('sim_payment')
          .values({
            id: `SIM${randomBytes(10).toString('hex').toUpperCase()}`,
            merchant_id: b.merchantId,
            merchant_ref: b.merchantRef,
            amount: b.amount,
            description: b.description,
            return_url: b.returnUrl,
            callback_url: b.callbackUrl,
            drop_callback: dropCallbacks,
          })
          .onConflict((oc) => oc.column('merchant_ref').doNothing())
          .execute();
        const p = await db.selectFrom('sim_payment').selectAll().where('merchant_ref', '=', b.merchantRef).executeTakeFirstOrThrow();
        if (p.amount !== b.amount || p.merchant_id !== b.merchantId)
          throw new Problem('conflict', { reason: 'this merchantRef already has a transaction with another amount' });
        return { gatewayRef: p.id, redirectUrl: `${PAYMENT_SIM_PREFIX}/checkout/${p.id}`, simulator: true as const };
      },
    );

    server.post(
      `${PAYMENT_SIM_PREFIX}/v1/payments/query`,
      {
        schema: {
          tags: ['simulators'],
          summary: "Payment gateway simulator: a transaction's status, by gatewayRef or merchantRef (HMAC-SHA256 signed body)",
          body: QueryBody,
          response: {
            200: z.object({
              status: z.enum(['pending', 'paid', 'failed']),
              amount: z.number(),
              gatewayRef: z.string(),
              merchantRef: z.string(),
              paidAt: z.string().nullable(),
              simulator: z.literal(true),
            }),
            ...problems(400, 401, 404, 503),
          },
        },
      },
      async (req) => {
        await gate(modes, 'payment');
        requireSigned(req, req.body.merchantId);
        const { gatewayRef, merchantRef } = req.body;
        let q = db.selectFrom('sim_payment').selectAll().where('merchant_id', '=', req.body.merchantId);
        q = gatewayRef ? q.where('id', '=', gatewayRef) : q.where('merchant_ref', '=', merchantRef!);
        const p = await q.executeTakeFirst();
        if (!p) throw new Problem('not-found', { what: 'transaction' });
        return queryAnswer(p);
      },
    );

    const CheckoutParams = z.object({ id: z.string().regex(/^SIM[0-9A-F]{20}$/) }).strict();

    server.get(
      `${PAYMENT_SIM_PREFIX}/checkout/:id`,
      {
        schema: {
          tags: ['simulators'],
          summary: "Payment gateway simulator: the checkout page the citizen's browser is sent to (HTML; says it is a simulator)",
          params: CheckoutParams,
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        const p = await byId(req.params.id);
        if (!p)
          return reply
            .code(404)
            .type('text/html; charset=utf-8')
            .send(page('Không tìm thấy', '<h1>Không tìm thấy giao dịch</h1><p>Giao dịch không tồn tại hoặc đường dẫn bị sai.</p>'));
        return reply.type('text/html; charset=utf-8').send(checkoutPage(p));
      },
    );

    server.post(
      `${PAYMENT_SIM_PREFIX}/checkout/:id`,
      {
        // The simulated gateway's own form: Motcua's session cookies carry no authority here.
        config: { csrf: false },
        schema: {
          tags: ['simulators'],
          summary:
            'Payment gateway simulator: the checkout form pays or cancels; the signed notification goes to the merchant, then the browser is sent back (303)',
          params: CheckoutParams,
          body: z.object({ result: z.enum(['paid', 'cancelled']) }).strict(),
          response: { ...problems(400, 404) },
        },
      },
      async (req, reply) => {
        const now = new Date();
        const paid = req.body.result === 'paid';
        // One transition per transaction: a second press (or a replayed form) notifies nobody again.
        const changed = await db
          .updateTable('sim_payment')
          .set(paid ? { status: 'paid', paid_at: now } : { status: 'cancelled' })
          .where('id', '=', req.params.id)
          .where('status', '=', 'pending')
          .returningAll()
          .executeTakeFirst();
        if (changed) await notify(changed, changed.drop_callback || dropCallbacks);
        const p = changed ?? (await byId(req.params.id));
        if (!p) throw new Problem('not-found', { what: 'transaction' });
        return reply.redirect(returnWith(p, p.status === 'paid' ? 'paid' : 'cancelled'), 303);
      },
    );

    server.put(
      `${PAYMENT_SIM_PREFIX}/drop-callbacks`,
      {
        schema: {
          tags: ['simulators'],
          summary: 'Payment gateway simulator: lose (or deliver again) the notifications of the next payments (system-admin)',
          body: z.object({ drop: z.boolean() }).strict(),
          response: { 200: z.object({ drop: z.boolean(), simulator: z.literal(true) }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        dropCallbacks = req.body.drop;
        return { drop: dropCallbacks, simulator: true as const };
      },
    );

    server.get(
      `${PAYMENT_SIM_PREFIX}/transactions`,
      {
        schema: {
          tags: ['simulators'],
          summary: 'Transactions of the payment gateway simulator (one merchantRef when given), newest first (system-admin)',
          querystring: z
            .object({ merchantRef: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) })
            .strict(),
          response: { 200: z.object({ items: z.array(Transaction) }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        let q = db.selectFrom('sim_payment').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(req.query.limit);
        if (req.query.merchantRef) q = q.where('merchant_ref', '=', req.query.merchantRef);
        const rows = await q.execute();
        return {
          items: rows.map((p) => ({
            gatewayRef: p.id,
            merchantRef: p.merchant_ref,
            amount: p.amount,
            description: p.description,
            status: p.status,
            dropCallback: p.drop_callback,
            callbackStatus: p.callback_status,
            createdAt: vnIso(p.created_at),
            paidAt: vnIso(p.paid_at),
            callbackAt: vnIso(p.callback_at),
          })),
        };
      },
    );
  };
