// Background work seen from the API: the outbox for administrators, the deadline watch's alerts, the
// director's view of a unit, and the unit's national portal sync rate.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import type { OutboxMessage } from '../../services/outbox.service';
import { actorOf, IdParams, problems, vnIso } from '../http';
import { requireSystemAdmin } from '../../services/context';

const OutboxItem = z.object({
  id: z.string(),
  topic: z.string(),
  idempotencyKey: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number(),
  createdAt: z.string(),
  availableAt: z.string(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
});

const presentOutbox = (m: OutboxMessage) => ({
  ...m,
  createdAt: vnIso(m.createdAt),
  availableAt: vnIso(m.availableAt),
  deliveredAt: vnIso(m.deliveredAt),
  deadAt: vnIso(m.deadAt),
});

const WatchItem = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  assigneeName: z.string().nullable(),
  dueAt: z.string(),
  workingHoursLeft: z.number().describe('Working hours until due; negative when late'),
  extended: z.boolean().describe('An apology with a new date was issued'),
});

const When = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
/** A date alone is that day's start in Vietnam time. */
const when = (v: string | undefined) => (v === undefined ? undefined : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+07:00` : v));

export const backgroundRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { outbox, watch } = app.services;

    server.get(
      '/api/admin/outbox',
      {
        schema: {
          tags: ['background'],
          summary: 'Messages to outside systems by state: pending (with attempts and next try), dead, delivered (system-admin)',
          querystring: z
            .object({
              state: z.enum(['pending', 'dead', 'delivered']).default('pending'),
              limit: z.coerce.number().int().min(1).max(500).default(50),
              cursor: z
                .string()
                .regex(/^[0-9]{1,18}$/)
                .optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(OutboxItem), nextCursor: z.string().nullable() }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        const r = await outbox.list(actorOf(req), req.query.state, req.query.limit, req.query.cursor);
        return { items: r.items.map(presentOutbox), nextCursor: r.nextCursor };
      },
    );

    server.post(
      '/api/admin/outbox/:id/replay',
      {
        schema: {
          tags: ['background'],
          summary: 'Sends a dead message again: back to pending with a fresh count of attempts (system-admin)',
          params: z.object({ id: z.string().regex(/^[0-9]{1,18}$/, 'an outbox message id') }).strict(),
          response: { 200: OutboxItem, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => presentOutbox(await outbox.replay(actorOf(req), req.params.id)),
    );

    server.post(
      '/api/admin/payments/reconcile',
      {
        schema: {
          tags: ['background'],
          summary:
            'Runs the payment reconciliation now over every pending payment, as the daily job does (system-admin): for a lost gateway notification that should not wait for the next run',
          response: {
            200: z.object({
              examined: z.number().int(),
              paid: z.number().int(),
              failed: z.number().int(),
              expired: z.number().int(),
              stillPending: z.number().int(),
              mismatched: z.number().int(),
              errors: z.number().int(),
              gatewayUnavailable: z.boolean(),
            }),
            ...problems(401, 403),
          },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        return app.services.payments.reconcile(new Date(), { full: true });
      },
    );

    server.get(
      '/api/alerts',
      {
        schema: {
          tags: ['background'],
          summary: "The deadline watch's alerts in your units (or one of them), newest first",
          querystring: z
            .object({
              unitId: z.uuid().optional(),
              limit: z.coerce.number().int().min(1).max(500).default(50),
              cursor: z
                .string()
                .regex(/^[0-9]{1,18}$/)
                .optional(),
            })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  dossierId: z.string(),
                  code: z.string(),
                  status: z.string(),
                  unitId: z.string(),
                  kind: z.string().describe('due-soon-<h>h, apology-prompt, overdue, breach, online-not-accepted, supplement-reminder'),
                  at: z.string(),
                  dueAt: z.string().nullable(),
                  forMe: z.boolean(),
                  recipients: z.array(z.object({ name: z.string(), role: z.string() })),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await watch.alerts(actorOf(req), req.query);
        return { nextCursor: r.nextCursor, items: r.items.map((i) => ({ ...i, at: vnIso(i.at), dueAt: vnIso(i.dueAt) })) };
      },
    );

    server.get(
      '/api/units/:id/watch',
      {
        schema: {
          tags: ['background'],
          summary:
            "The director's view: the unit's open dossiers due soon, overdue, and overdue with no apology (centre director, leader, province)",
          params: IdParams,
          response: {
            200: z.object({ dueSoon: z.array(WatchItem), overdue: z.array(WatchItem), breaches: z.array(WatchItem) }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await watch.watch(actorOf(req), req.params.id);
        const present = (xs: typeof r.dueSoon) => xs.map((x) => ({ ...x, dueAt: vnIso(x.dueAt) }));
        return { dueSoon: present(r.dueSoon), overdue: present(r.overdue), breaches: present(r.breaches) };
      },
    );

    server.get(
      '/api/units/:id/sync-rate',
      {
        schema: {
          tags: ['background'],
          summary: 'National portal sync rate: dossiers received in [from, to) and how many the portal has every change of',
          params: IdParams,
          querystring: z.object({ from: When.optional(), to: When.optional() }).strict(),
          response: {
            200: z.object({
              unitId: z.string(),
              from: z.string(),
              to: z.string(),
              dossiers: z.number(),
              synced: z.number(),
              rate: z.number().nullable().describe('synced ÷ dossiers; null when no dossier was received'),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await watch.syncRate(actorOf(req), req.params.id, { from: when(req.query.from), to: when(req.query.to) });
        return { ...r, from: vnIso(r.from), to: vnIso(r.to) };
      },
    );
  };
