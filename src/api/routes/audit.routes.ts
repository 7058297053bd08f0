import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, BigintCursor, problems, vnIso } from '../http';

export const auditRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { audit } = app.services;
    server.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: "A unit's audit log, newest first",
          querystring: z
            .object({
              unitId: z.uuid(),
              limit: z.coerce.number().int().min(1).max(500).default(50),
              cursor: BigintCursor.optional(),
            })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  at: z.string(),
                  actorName: z.string(),
                  actorRole: z.string(),
                  unitId: z.string().nullable(),
                  action: z.string(),
                  subjectType: z.string(),
                  subjectId: z.string(),
                  requestId: z.string(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await audit.list(actorOf(req), req.query.unitId, req.query.limit, req.query.cursor);
        return { ...r, items: r.items.map((i) => ({ ...i, at: vnIso(i.at) })) };
      },
    );
    server.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Verifies the hash chain of the whole audit log (system-admin)',
          response: {
            200: z.object({ ok: z.boolean(), rows: z.number(), problems: z.array(z.object({ id: z.string(), problem: z.string() })) }),
            ...problems(401, 403),
          },
        },
      },
      async (req) => audit.verify(actorOf(req)),
    );
  };
