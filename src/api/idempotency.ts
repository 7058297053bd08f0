// The HTTP side of Idempotency-Key (rules in services/idempotency.service.ts): a POST under /api/ with the
// header claims the key before its handler runs and records the answer when it is sent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { actor: string; key: string } | null;
  }
}

function actorKey(req: FastifyRequest): string {
  if (req.auth) return `user:${req.auth.user.id}`;
  if (req.client) return `user:${req.client.actor.userId}`;
  return req.citizen ? `citizen:${req.citizen.citizenId}` : `anon:${req.ip}`;
}

export function idempotency(server: FastifyInstance, app: App): void {
  const keys = app.services.idempotency;
  server.decorateRequest('idempotency', null);
  server.addHook('onClose', async () => app.liveness.close());

  server.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.url.startsWith('/api/')) return;
    // The simulated outside systems keep their own record of the keys they saw, as the real ones do.
    if (req.url.startsWith('/api/sim/')) return;
    const actor = actorKey(req);
    const claim = await keys.claim(actor, key, req.method, req.url.split('?')[0]!, req.body);
    if (claim.kind === 'run') {
      req.idempotency = { actor, key };
      return;
    }
    return reply.code(claim.statusCode).header('idempotent-replayed', 'true').send(claim.response);
  });

  server.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    await keys.settle(idem.actor, idem.key, reply.statusCode, payload);
    return payload;
  });
}
