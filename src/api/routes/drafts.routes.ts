import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, IdParams, INT4_MAX, problems, vnIso } from '../http';

const Draft = z.object({
  id: z.string(),
  unitId: z.string(),
  data: z.record(z.string(), z.unknown()),
  revision: z.number(),
  updatedAt: z.string(),
  dossierId: z.string().nullable(),
});

export const draftRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { drafts } = app.services;
    const present = (d: Awaited<ReturnType<typeof drafts.save>>) => ({ ...d, updatedAt: vnIso(d.updatedAt) });
    server.put(
      '/api/intake-drafts/:id',
      {
        bodyLimit: 256 * 1024,
        schema: {
          tags: ['dossiers'],
          summary: 'Saves the counter form as the officer types; a higher revision wins, a late older one is ignored',
          params: IdParams,
          body: z
            .object({ unitId: z.uuid(), revision: z.number().int().min(1).max(INT4_MAX), data: z.record(z.string(), z.unknown()) })
            .strict(),
          response: { 200: Draft, ...problems(400, 401, 403, 404, 413) },
        },
      },
      async (req) => present(await drafts.save(actorOf(req), req.params.id, req.body.unitId, req.body.revision, req.body.data)),
    );
    server.get(
      '/api/intake-drafts',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Your unfinished intake drafts, newest first',
          response: { 200: z.object({ items: z.array(Draft) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await drafts.list(actorOf(req))).map(present) }),
    );
    server.delete(
      '/api/intake-drafts/:id',
      { schema: { tags: ['dossiers'], summary: 'Discards a draft', params: IdParams, response: { 204: z.null(), ...problems(401) } } },
      async (req, reply) => {
        await drafts.remove(actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
