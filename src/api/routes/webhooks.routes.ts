// API clients' webhooks: subscribing (the client with its token, or an administrator of its unit), listing, ending,
// the delivery log and replaying a delivery. Thin: the service authorizes and decides.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { WEBHOOK_EVENTS } from '../../domain/webhooks';
import type { DeliveryView, SubscriptionView } from '../../services/webhook.service';
import { actorOf, IdParams, IdempotencyHeaders, problems, vnIso } from '../http';

const SubscriptionSchema = z.object({
  id: z.string(),
  clientId: z.string().describe('The API client the webhook belongs to'),
  url: z.string().describe('The receiver'),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  unitIds: z.array(z.string()).describe('The units whose events it hears'),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

const DeliverySchema = z.object({
  id: z.string().describe('The delivery (an outbox message)'),
  eventId: z.string().describe('`webhook-id`: the same on every attempt and replay'),
  type: z.enum(WEBHOOK_EVENTS),
  state: z.enum(['pending', 'delivered', 'dead']),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
  log: z
    .array(
      z.object({ at: z.string(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() }),
    )
    .describe('Every attempt, oldest first'),
});

const presentSub = (s: SubscriptionView) => ({ ...s, createdAt: vnIso(s.createdAt), disabledAt: vnIso(s.disabledAt) });
const presentDelivery = (d: DeliveryView) => ({
  id: d.id,
  eventId: d.eventId,
  type: d.type as (typeof WEBHOOK_EVENTS)[number],
  state: d.state,
  createdAt: vnIso(d.createdAt),
  nextAttemptAt: d.state === 'pending' ? vnIso(d.availableAt) : null,
  attempts: d.attempts,
  lastError: d.lastError,
  deliveredAt: vnIso(d.deliveredAt),
  deadAt: vnIso(d.deadAt),
  log: d.log.map((a) => ({ ...a, at: vnIso(a.at) })),
});

const DeliveryParams = z.object({ id: z.uuid(), deliveryId: z.string().regex(/^[0-9]{1,18}$/, 'a delivery id') }).strict();

export const webhookRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { webhooks } = app.services;

    server.post(
      '/api/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Subscribes an API client to events; the signing secret is in this answer only',
          description:
            'An API client subscribes for itself (clientId may be left out); an administrator of the client’s unit names the ' +
            'clientId. Each event needs the scope that reads what it is about (dossier events: dossiers:read, feedback: ' +
            'feedback:read, indicators: indicators:read), and unitIds must be among the units the client reaches (default: all ' +
            'of them). The URL must be https (http in demo mode only) and must not resolve to a private, loopback or ' +
            'link-local address (checked again at each delivery). Deliveries are signed as Standard Webhooks specifies.',
          headers: IdempotencyHeaders,
          body: z
            .object({
              clientId: z.uuid().optional(),
              url: z.string().trim().min(1).max(2000),
              events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
              unitIds: z.array(z.uuid()).max(500).optional(),
            })
            .strict(),
          response: {
            201: z.object({
              webhook: SubscriptionSchema,
              secret: z.string().describe('`whsec_…`: the HMAC-SHA256 key of the signatures, shown once'),
            }),
            ...problems(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (req, reply) => {
        const r = await webhooks.subscribe(actorOf(req), req.body);
        return reply.code(201).send({ webhook: presentSub(r.subscription), secret: r.secret });
      },
    );

    server.get(
      '/api/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Webhooks: a client’s own, or those of the clients of the units the caller administers',
          querystring: z.object({ clientId: z.uuid().optional() }).strict(),
          response: { 200: z.object({ items: z.array(SubscriptionSchema) }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: (await webhooks.list(actorOf(req), req.query.clientId)).map(presentSub) }),
    );

    server.delete(
      '/api/webhooks/:id',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Ends a webhook: no new deliveries; pending ones end in the dead list',
          params: IdParams,
          response: { 200: SubscriptionSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => presentSub(await webhooks.disable(actorOf(req), req.params.id)),
    );

    server.get(
      '/api/webhooks/:id/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'The delivery log of a webhook, newest first, with every attempt',
          params: IdParams,
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(500).default(50),
              cursor: z
                .string()
                .regex(/^[0-9]{1,18}$/)
                .optional(),
            })
            .strict(),
          response: {
            200: z.object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await webhooks.deliveries(actorOf(req), req.params.id, req.query.limit, req.query.cursor);
        return { items: r.items.map(presentDelivery), nextCursor: r.nextCursor };
      },
    );

    server.post(
      '/api/webhooks/:id/deliveries/:deliveryId/replay',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Sends a delivered or dead delivery again (same event id), with a fresh count of attempts',
          params: DeliveryParams,
          response: { 200: DeliverySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => presentDelivery(await webhooks.replay(actorOf(req), req.params.id, req.params.deliveryId)),
    );
  };
