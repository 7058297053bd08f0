// The lifecycle actions on a dossier.
import { z } from 'zod';
import type { App } from '../../../app';
import { ACTIONS, STATUSES } from '../../../domain/dossier/lifecycle';
import { Problem } from '../../../domain/problems';

import { actorOf, problems, vnIso } from '../../http';
import { ActionBodies } from './schemas';
import type { ZodServer } from './server';

/** POST /api/dossiers/:id/actions/:action. */
export function actionRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.post(
    '/api/dossiers/:id/actions/:action',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Takes a lifecycle action; 409 action-not-allowed lists allowedActions, 422 names the broken rule',
        description: Object.entries(ActionBodies)
          .map(([a]) => `- ${a}`)
          .join('\n'),
        params: z.object({ id: z.uuid(), action: z.enum(ACTIONS) }).strict(),
        body: z.record(z.string(), z.unknown()).optional(),
        response: {
          200: z.object({ id: z.string(), status: z.enum(STATUSES), nationalStatus: z.number(), dueAt: z.string().nullable() }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req) => {
      const parsed = ActionBodies[req.params.action].safeParse(req.body ?? {});
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message }));
        throw new Problem('validation-failed', { summary: errors.map((e) => `${e.field}: ${e.message}`).join('; ') }, { errors });
      }
      const r = await dossiers.act(actorOf(req), req.params.id, req.params.action, parsed.data);
      return { id: req.params.id, status: r.status, nationalStatus: r.nationalStatus, dueAt: vnIso(r.dueAt) };
    },
  );
}
