// The training boundary at the edge, for every staff route at once: a trainee reaching a real unit or record, or a
// real account reaching a training one, is answered 403 `training-boundary` (problem+json naming the rule) before
// the handler runs. The ids a request names: the record in the path (dossier, feedback, unit) and unit ids in
// path, query or body. Services scope every query on their own as well (training units are outside real scopes
// and the other way round, src/domain/access.ts), so an id this misses is still not reachable, only less clearly.
import type { FastifyInstance } from 'fastify';
import type { App } from '../app';
import { ctxOf } from './http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_KEYS = ['unitId', 'competentUnitId', 'toUnitId', 'provinceId', 'hostUnitId'];

export function trainingBoundary(server: FastifyInstance, app: App): void {
  server.addHook('preHandler', async (req) => {
    const url = req.routeOptions.url ?? '';
    if (!url.startsWith('/api/') || /^\/api\/(training|auth|sim|public|portal)\b/.test(url)) return;
    const ctx = ctxOf(req);
    if (!ctx.actor) return;
    const ids = { unitIds: [] as string[], dossierIds: [] as string[], feedbackIds: [] as string[] };
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = typeof params.id === 'string' && UUID.test(params.id) ? params.id : null;
    if (id && url.startsWith('/api/dossiers/:id')) ids.dossierIds.push(id);
    if (id && url.startsWith('/api/feedback/:id')) ids.feedbackIds.push(id);
    if (id && url.startsWith('/api/units/:id')) ids.unitIds.push(id);
    for (const source of [params, req.query, req.body])
      if (source && typeof source === 'object')
        for (const k of UNIT_KEYS) {
          const v = (source as Record<string, unknown>)[k];
          if (typeof v === 'string' && UUID.test(v)) ids.unitIds.push(v);
        }
    if (ids.unitIds.length + ids.dossierIds.length + ids.feedbackIds.length === 0) return;
    await app.services.training.assertSameWorld(ctx, ids);
  });
}
