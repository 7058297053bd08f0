import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { Problem } from '../../domain/problems';
import { Readiness } from '../../services/health.service';
import { problems, sendProblem } from '../http';

export const healthRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    // Reading the migration list on every probe made /readyz a hundred times slower than /healthz: see Readiness.
    const readiness = new Readiness(app.db);
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
            ...problems(503),
          },
        },
      },
      async (req, reply) => {
        try {
          const pending = await readiness.pending();
          if (pending.length)
            return sendProblem(req, reply, new Problem('service-unavailable', {}, { reason: `migrations pending: ${pending.join(', ')}` }));
          return { status: 'ready' as const };
        } catch {
          // problem+json like every other error, so probes and clients read one format.
          return sendProblem(req, reply, new Problem('service-unavailable', {}, { reason: 'database unreachable' }));
        }
      },
    );
  };
