// The e-mail gateway simulator: accepts messages as a mail relay's HTTP API would (bearer token,
// Idempotency-Key), keeps each once per key in `sim_email_message` (simulator data), can be told to be
// down or slow, and lists what it "sent" to an address, newest first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, problems, vnIso } from '../api/http';
import type { Db } from '../db/database';
import { acceptOnce, AcceptedAnswers, requireSystemAdmin, type SimulatorModes } from './modes';

export const emailSimulator =
  (modes: SimulatorModes, token: string, db: Db): FastifyPluginAsyncZod =>
  async (server) => {
    server.post(
      '/api/sim/email/v1/messages',
      {
        schema: {
          tags: ['simulators'],
          summary: 'E-mail gateway simulator: sends an e-mail (bearer token, Idempotency-Key)',
          body: z.object({ to: z.email(), subject: z.string().min(1).max(300), text: z.string().min(1).max(20_000) }).strict(),
          response: AcceptedAnswers,
        },
      },
      async (req) =>
        acceptOnce(req, token, modes, 'email', (key) =>
          db
            .insertInto('sim_email_message')
            .values({ idempotency_key: key, to_address: req.body.to, subject: req.body.subject, text: req.body.text })
            .onConflict((oc) => oc.column('idempotency_key').doNothing())
            .returning('id')
            .executeTakeFirst(),
        ),
    );

    server.get(
      '/api/sim/email/messages',
      {
        schema: {
          tags: ['simulators'],
          summary: 'E-mails the mail simulator sent (to one address when `to` is given), newest first (system-admin)',
          querystring: z
            .object({ to: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) })
            .strict(),
          response: {
            200: z.object({ items: z.array(z.object({ to: z.string(), subject: z.string(), text: z.string(), at: z.string() })) }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        let q = db
          .selectFrom('sim_email_message')
          .select(['to_address', 'subject', 'text', 'at'])
          .orderBy('id', 'desc')
          .limit(req.query.limit);
        if (req.query.to) q = q.where('to_address', '=', req.query.to);
        const rows = await q.execute();
        return { items: rows.map((r) => ({ to: r.to_address, subject: r.subject, text: r.text, at: vnIso(r.at) })) };
      },
    );
  };
