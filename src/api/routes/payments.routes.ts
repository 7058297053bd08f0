// Online payment: the gateway's signed notification (server-to-server, no session), the citizen's view of a
// payment and its electronic receipt.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAYMENT_SIGNATURE_HEADER } from '../../adapters/payment.adapter';
import type { App } from '../../app';
import { citizenOf, ctxOf, IdParams, problems, vnIso } from '../http';

const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired']);

const PaymentView = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.string(),
  amount: z.number().int().describe('VND'),
  description: z.string(),
  status: PaymentStatus,
  redirectUrl: z.string().nullable().describe("The gateway's checkout page while the payment is pending"),
  receiptNo: z.string().nullable().describe('Electronic receipt number, e.g. BL-2026-000123, once paid'),
  receiptUrl: z.string().nullable(),
  paidAt: z.string().nullable(),
  paidVia: z.enum(['callback', 'reconciliation']).nullable(),
  gatewayRef: z.string().nullable(),
  createdAt: z.string(),
});

export const paymentRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    // The notification is verified over its exact bytes: in this nested plugin only, JSON (and anything
    // else) arrives as the raw string; the rest of the server parses JSON as usual.
    const callbackPlugin: FastifyPluginAsyncZod = async (callback) => {
      callback.removeAllContentTypeParsers();
      callback.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));
      callback.post(
        '/api/payments/callback',
        {
          bodyLimit: 64 * 1024,
          // Server-to-server and signed: no session, nothing for a CSRF token to protect.
          config: { csrf: false },
          schema: {
            tags: ['payments'],
            summary:
              "Payment gateway's notification of a transaction's outcome (IPN): JSON signed with HMAC-SHA256 over the raw body in x-payment-signature; repeated notifications change nothing",
            headers: z
              .object({ [PAYMENT_SIGNATURE_HEADER]: z.string().optional().describe('sha256=<hex HMAC-SHA256 of the raw body>') })
              .loose(),
            body: z
              .string()
              .max(64 * 1024)
              .nullish()
              .describe('{merchantId, merchantRef, gatewayRef, amount, status: paid|failed, paidAt}, exactly as signed'),
            response: {
              200: z.object({ received: z.literal(true), paymentId: z.uuid(), status: PaymentStatus, duplicate: z.boolean() }),
              ...problems(400, 401, 404, 409, 413, 415, 422, 503),
            },
          },
        },
        async (req) => {
          const sig = req.headers[PAYMENT_SIGNATURE_HEADER];
          const r = await app.services.payments.handleCallback(req.body ?? '', typeof sig === 'string' ? sig : undefined, String(req.id));
          return { received: true as const, ...r };
        },
      );
    };
    await server.register(callbackPlugin);

    server.get(
      '/api/portal/payments/:id',
      {
        schema: {
          tags: ['portal'],
          summary: "A payment's status, for the citizen who pays it",
          params: IdParams,
          response: { 200: PaymentView, ...problems(400, 401, 404) },
        },
      },
      async (req) => {
        const p = await app.services.payments.get(citizenOf(req), req.params.id);
        return {
          ...p,
          receiptUrl: p.status === 'paid' ? `/api/portal/payments/${p.id}/receipt.pdf` : null,
          paidAt: vnIso(p.paidAt),
          createdAt: vnIso(p.createdAt),
        };
      },
    );

    server.get(
      '/api/portal/payments/:id/receipt.pdf',
      {
        schema: {
          tags: ['portal'],
          summary: 'The electronic receipt (biên lai điện tử) of a paid payment as a signed PDF: the paying citizen, or staff of its unit',
          params: IdParams,
          response: { 200: z.unknown().describe('The signed PDF (application/pdf)'), ...problems(400, 401, 404, 422) },
        },
      },
      async (req, reply) => {
        const pdf = await app.services.payments.receiptPdf(ctxOf(req), req.params.id);
        return reply
          .type('application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `inline; filename="bien-lai-${req.params.id}.pdf"`)
          .send(pdf);
      },
    );
  };
