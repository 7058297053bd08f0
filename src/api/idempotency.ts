// Idempotency-Key for create calls: the same key with the same body replays the first answer and creates
// nothing new; the same key with another body is refused. A placeholder row taken before the handler runs
// makes two concurrent retries wait for one another instead of both creating. The placeholder names the
// process holding it (its liveness session, src/db/liveness.ts): a retry whose first attempt died with its
// process is let through at once, while one whose first attempt is still running answers 409.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app';
import { canonicalJson } from '../db/repositories/audit.repository';
import { ProcessLiveness } from '../db/liveness';
import { Problem } from '../domain/problems';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { actor: string; key: string } | null;
  }
}

const PENDING = 0;
const STALE_MS = 60_000;

function actorKey(req: FastifyRequest): string {
  if (req.auth) return `user:${req.auth.user.id}`;
  if (req.client) return `user:${req.client.actor.userId}`;
  return req.citizen ? `citizen:${req.citizen.citizenId}` : `anon:${req.ip}`;
}

export function idempotency(server: FastifyInstance, app: App): void {
  const { db } = app;
  server.decorateRequest('idempotency', null);
  server.addHook('onClose', async () => app.liveness.close());

  server.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.url.startsWith('/api/')) return;
    // The simulated outside systems keep their own record of the keys they saw, as the real ones do.
    if (req.url.startsWith('/api/sim/')) return;
    if (key.length < 1 || key.length > 200) throw new Problem('validation-failed', { summary: 'Idempotency-Key: 1 to 200 characters' });
    const actor = actorKey(req);
    const path = req.url.split('?')[0]!;
    const bodyHash = createHash('sha256')
      .update(`${path}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');
    const holder = await app.liveness.holder();
    const inserted = await db
      .insertInto('idempotency_key')
      .values({ actor, key, method: req.method, path, body_hash: bodyHash, status_code: PENDING, response: 'null', holder })
      .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      req.idempotency = { actor, key };
      return;
    }
    const prior = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('actor', '=', actor)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.body_hash !== bodyHash) throw new Problem('idempotency-key-reused');
    if (prior.status_code === PENDING) {
      // The first request is still running — unless the process that took the key is gone (killed, crashed):
      // then its work was rolled back with its transactions and this retry runs now. A placeholder without a
      // holder (written before holders were recorded) is given up after a minute. Creates that must never
      // double (dossier intake) also keep the key in their own transaction.
      const gone = prior.holder
        ? prior.holder !== holder && !(await ProcessLiveness.alive(db, prior.holder))
        : Date.now() - prior.created_at.getTime() > STALE_MS;
      if (!gone) throw new Problem('conflict', { reason: 'the first request with this Idempotency-Key is still running' });
      // Taken over by exactly one retry: the update matches only while the dead holder's mark is still there.
      const taken = await db
        .updateTable('idempotency_key')
        .set({ created_at: new Date(), holder })
        .where('actor', '=', actor)
        .where('key', '=', key)
        .where('status_code', '=', PENDING)
        .where((eb) => (prior.holder ? eb('holder', '=', prior.holder) : eb('holder', 'is', null)))
        .returning('key')
        .executeTakeFirst();
      if (!taken) throw new Problem('conflict', { reason: 'the first request with this Idempotency-Key is still running' });
      req.idempotency = { actor, key };
      return;
    }
    return reply.code(prior.status_code).header('idempotent-replayed', 'true').send(prior.response);
  });

  server.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await db
        .updateTable('idempotency_key')
        .set({ status_code: reply.statusCode, response: payload })
        .where('actor', '=', idem.actor)
        .where('key', '=', idem.key)
        .execute();
    } else {
      // A refused request created nothing: the client may fix it and retry with the same key.
      await db.deleteFrom('idempotency_key').where('actor', '=', idem.actor).where('key', '=', idem.key).execute();
    }
    return payload;
  });
}
