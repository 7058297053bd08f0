import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { pendingMigrations } from '../../db/migrate';

export const healthRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    server.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );
    server.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'Ready to serve: the database answers and every migration is applied',
          response: {
            200: z.object({ status: z.literal('ready') }),
            503: z.object({ status: z.literal('not-ready'), reason: z.string() }),
          },
        },
      },
      async (_req, reply) => {
        try {
          await sql`SELECT 1`.execute(app.db);
          const pending = await pendingMigrations(app.db);
          if (pending.length)
            return reply.code(503).send({ status: 'not-ready' as const, reason: `migrations pending: ${pending.join(', ')}` });
          return { status: 'ready' as const };
        } catch {
          return reply.code(503).send({ status: 'not-ready' as const, reason: 'database unreachable' });
        }
      },
    );
  };
