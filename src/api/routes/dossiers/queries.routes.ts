// What is read about dossiers: work queues, the dossier page, the public status.
import { z } from 'zod';
import type { App } from '../../../app';
import { STATUSES } from '../../../domain/dossier/lifecycle';
import { Problem } from '../../../domain/problems';

import { actorOf, IdParams, problems, vnIso } from '../../http';
import { IdNumber, ListItem, DossierDetail } from './schemas';
import type { ZodServer } from './server';

/** GET /api/dossiers: work queues. */
export function workQueueRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.get(
    '/api/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Work queues: dossiers of the units you may see, due first',
        querystring: z
          .object({
            unitId: z.uuid().optional(),
            status: z.enum(STATUSES).optional(),
            queue: z
              .enum([
                'to-receive',
                'to-assign',
                'to-process',
                'to-approve',
                'to-issue',
                'awaiting-citizen',
                'to-return',
                'due-soon',
                'overdue',
                'mine',
              ])
              .optional(),
            q: z.string().max(200).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            received: z.enum(['true', 'false']).optional().describe('true: dossiers these units received for other units (returned here)'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(500).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ListItem), nextCursor: z.string().nullable() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      let cursorOk = true;
      if (req.query.cursor) {
        try {
          const c = JSON.parse(Buffer.from(req.query.cursor, 'base64url').toString()) as unknown;
          cursorOk = Array.isArray(c) && c.length === 2 && (c[0] === null || typeof c[0] === 'string') && z.uuid().safeParse(c[1]).success;
        } catch {
          cursorOk = false;
        }
      }
      if (!cursorOk) throw new Problem('validation-failed', { summary: 'cursor: use the nextCursor of a previous answer' });
      const r = await dossiers.list(actorOf(req), {
        ...req.query,
        overdue: req.query.overdue === 'true',
        received: req.query.received === 'true',
      });
      return {
        nextCursor: r.nextCursor,
        items: r.items.map((i) => ({ ...i, receivedAt: vnIso(i.receivedAt), dueAt: vnIso(i.dueAt), finishedAt: vnIso(i.finishedAt) })),
      };
    },
  );
}

/** GET /api/dossiers/:id: the dossier page. */
export function dossierPageRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.get(
    '/api/dossiers/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The dossier with its append-only history (events) and the actions you may take now',
        params: IdParams,
        response: { 200: DossierDetail, ...problems(400, 401, 404) },
      },
    },
    async (req) => {
      const d = await dossiers.get(actorOf(req), req.params.id);
      return {
        ...d,
        receivedAt: vnIso(d.receivedAt),
        countedFrom: vnIso(d.countedFrom),
        dueAt: vnIso(d.dueAt),
        finishedAt: vnIso(d.finishedAt),
        returnedAt: vnIso(d.returnedAt),
        events: d.events.map((e) => ({ ...e, at: vnIso(e.at) })),
        steps: d.steps.map((s) => ({ ...s, dueAt: vnIso(s.dueAt), doneAt: vnIso(s.doneAt) })),
        handoffs: d.handoffs.map((h) => ({
          giver: h.giver,
          receiver: h.receiver,
          result: h.result,
          at: vnIso(h.at),
          dueAt: vnIso(h.dueAt),
        })),
        portalSync: { ...d.portalSync, lastDeliveredAt: vnIso(d.portalSync.lastDeliveredAt) },
        actions: d.actions.map((a) => ({
          action: a.action,
          available: a.available,
          reason: a.rule ? { code: a.rule, message: new Problem(a.rule).detail(req.lang) } : null,
        })),
      };
    },
  );
}

/** GET /api/public/dossiers/:code: the public status lookup. */
export function publicStatusRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.get(
    '/api/public/dossiers/:code',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Public status by dossier code and personal ID number (rate limited)',
        params: z.object({ code: z.string().min(5).max(80) }).strict(),
        querystring: z.object({ idNumber: IdNumber }).strict(),
        response: {
          200: z.object({
            code: z.string(),
            status: z.enum(STATUSES),
            nationalStatus: z.number(),
            procedureName: z.string(),
            unitName: z.string(),
            handlingOfficer: z.string().nullable(),
            receivedAt: z.string(),
            appointmentAt: z.string().nullable(),
            finishedAt: z.string().nullable(),
            returnedAt: z.string().nullable(),
            returnPoint: z.string(),
          }),
          ...problems(400, 404, 429),
        },
      },
    },
    async (req) => {
      const r = await dossiers.publicStatus(req.params.code, req.query.idNumber);
      return {
        ...r,
        receivedAt: vnIso(r.receivedAt),
        appointmentAt: vnIso(r.appointmentAt),
        finishedAt: vnIso(r.finishedAt),
        returnedAt: vnIso(r.returnedAt),
      };
    },
  );
}
