// The VNeID app push simulator: accepts notifications to a citizen's VNeID app as the push API would (bearer
// token, Idempotency-Key), keeps each once per key in `sim_vneid_push` (simulator data), follows the mode of
// the simulated VNeID system (up, down, slow), and lists what a citizen's app "received", newest first.
// The VNeID sign-in simulator lives elsewhere, under /api/sim/vneid/oidc.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, problems, vnIso } from '../api/http';
import type { Db } from '../db/database';
import { acceptOnce, AcceptedAnswers, requireSystemAdmin, type SimulatorModes } from './modes';

export const vneidPushSimulator =
  (modes: SimulatorModes, token: string, db: Db): FastifyPluginAsyncZod =>
  async (server) => {
    server.post(
      '/api/sim/vneid/push/v1/notifications',
      {
        schema: {
          tags: ['simulators'],
          summary: "VNeID app push simulator: notifies a citizen's VNeID app (bearer token, Idempotency-Key)",
          body: z.object({ idNumber: z.string().regex(/^[0-9]{12}$/), text: z.string().min(1).max(2000) }).strict(),
          response: AcceptedAnswers,
        },
      },
      async (req) =>
        acceptOnce(req, token, modes, 'vneid', (key) =>
          db
            .insertInto('sim_vneid_push')
            .values({ idempotency_key: key, id_number: req.body.idNumber, text: req.body.text })
            .onConflict((oc) => oc.column('idempotency_key').doNothing())
            .returning('id')
            .executeTakeFirst(),
        ),
    );

    server.get(
      '/api/sim/vneid/push/notifications',
      {
        schema: {
          tags: ['simulators'],
          summary:
            'Notifications the VNeID app push simulator received (for one citizen when `idNumber` is given), newest first (system-admin)',
          querystring: z
            .object({
              idNumber: z
                .string()
                .regex(/^[0-9]{12}$/)
                .optional(),
              limit: z.coerce.number().int().min(1).max(500).default(50),
            })
            .strict(),
          response: {
            200: z.object({ items: z.array(z.object({ idNumber: z.string(), text: z.string(), at: z.string() })) }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        let q = db.selectFrom('sim_vneid_push').select(['id_number', 'text', 'at']).orderBy('id', 'desc').limit(req.query.limit);
        if (req.query.idNumber) q = q.where('id_number', '=', req.query.idNumber);
        const rows = await q.execute();
        return { items: rows.map((r) => ({ idNumber: r.id_number, text: r.text, at: vnIso(r.at) })) };
      },
    );
  };
