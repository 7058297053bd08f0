// The SMS gateway simulator: accepts text messages as a brand-name SMS API would (bearer token,
// Idempotency-Key), keeps each once per key in `sim_sms_message` (simulator data), can be told to be down
// or slow, and lists what it "sent" to a number, newest first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, problems, vnIso } from '../api/http';
import type { Db } from '../db/database';
import { acceptOnce, AcceptedAnswers, requireSystemAdmin, type SimulatorModes } from './modes';

export const smsSimulator =
  (modes: SimulatorModes, token: string, db: Db): FastifyPluginAsyncZod =>
  async (server) => {
    server.post(
      '/api/sim/sms/v1/messages',
      {
        schema: {
          tags: ['simulators'],
          summary: 'SMS gateway simulator: sends a text message (bearer token, Idempotency-Key)',
          body: z.object({ to: z.string().regex(/^[0-9+ ().-]{3,20}$/), text: z.string().min(1).max(1000) }).strict(),
          response: AcceptedAnswers,
        },
      },
      async (req) =>
        acceptOnce(req, token, modes, 'sms', (key) =>
          db
            .insertInto('sim_sms_message')
            .values({ idempotency_key: key, to_number: req.body.to, text: req.body.text })
            .onConflict((oc) => oc.column('idempotency_key').doNothing())
            .returning('id')
            .executeTakeFirst(),
        ),
    );

    server.get(
      '/api/sim/sms/messages',
      {
        schema: {
          tags: ['simulators'],
          summary: 'Text messages the SMS simulator sent (to one number when `to` is given), newest first (system-admin)',
          querystring: z.object({ to: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }).strict(),
          response: {
            200: z.object({ items: z.array(z.object({ to: z.string(), text: z.string(), at: z.string() })) }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        let q = db.selectFrom('sim_sms_message').select(['to_number', 'text', 'at']).orderBy('id', 'desc').limit(req.query.limit);
        if (req.query.to) q = q.where('to_number', '=', req.query.to);
        const rows = await q.execute();
        return { items: rows.map((r) => ({ to: r.to_number, text: r.text, at: vnIso(r.at) })) };
      },
    );
  };
