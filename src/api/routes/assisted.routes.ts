// Filing online with the citizen at the counter: the reception officer checks who the citizen is, then works in
// the portal as the citizen for this visit (the portal cookie is set on the officer's browser, for 30 minutes).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import type { CitizenSessionInfo } from '../../services/citizen-auth.service';
import { actorOf, CITIZEN_COOKIE, IdParams, problems, Uuid, vnIso } from '../http';

const Answer = z.object({
  verificationId: Uuid,
  status: z.enum(['verified', 'awaiting-otp']),
  otp: z.object({ prefix: z.string(), destination: z.string(), expiresAt: z.string(), resendAt: z.string() }).nullable(),
  citizen: z.object({ idNumber: z.string(), fullName: z.string() }).nullable(),
  expiresAt: z.string().nullable().describe('When the assisted portal session ends'),
});

export const assistedRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const secure = (app.config.publicUrl ?? '').startsWith('https:');
    const open = (reply: FastifyReply, token: string, session: CitizenSessionInfo) =>
      reply.setCookie(CITIZEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });

    server.post(
      '/api/assisted/verifications',
      {
        schema: {
          tags: ['portal'],
          summary:
            'Reception officer: checks a citizen’s identity (chip ID read, VNeID QR code, or a code to the registry’s phone) to file online with them; verified opens a 30-minute portal session as the citizen',
          body: z
            .object({
              idNumber: z.string().regex(/^[0-9]{12}$/),
              unitId: Uuid,
              method: z.enum(['chip-id', 'vneid-qr', 'otp']),
              evidence: z.string().max(500).optional().describe('What was checked (required for chip-id and vneid-qr)'),
            })
            .strict(),
          response: { 201: Answer, ...problems(400, 401, 403, 404, 422, 429, 503) },
        },
      },
      async (req, reply) => {
        const r = await app.services.assisted.start(actorOf(req), req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
        if (r.status === 'verified') {
          open(reply, r.token, r.session);
          return reply.code(201).send({
            verificationId: r.verificationId,
            status: r.status,
            otp: null,
            citizen: { idNumber: r.session.idNumber, fullName: r.session.fullName },
            expiresAt: vnIso(r.session.expiresAt),
          });
        }
        return reply.code(201).send({
          verificationId: r.verificationId,
          status: r.status,
          otp: { prefix: r.otp.prefix, destination: r.otp.destination, expiresAt: vnIso(r.otp.expiresAt), resendAt: vnIso(r.otp.resendAt) },
          citizen: null,
          expiresAt: null,
        });
      },
    );

    server.post(
      '/api/assisted/verifications/:id/confirm',
      {
        schema: {
          tags: ['portal'],
          summary: 'Reception officer: the code the citizen reads from their phone; opens the portal session as the citizen',
          params: IdParams,
          body: z.object({ code: z.string().min(1).max(20) }).strict(),
          response: { 200: Answer, ...problems(400, 401, 404, 409, 422, 429) },
        },
      },
      async (req, reply) => {
        const r = await app.services.assisted.confirm(actorOf(req), req.params.id, req.body.code, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        open(reply, r.token, r.session);
        return {
          verificationId: r.verificationId,
          status: r.status,
          otp: null,
          citizen: { idNumber: r.session.idNumber, fullName: r.session.fullName },
          expiresAt: vnIso(r.session.expiresAt),
        };
      },
    );
  };
