// Citizens' sign-in with VNeID: a browser navigation to /api/portal/auth/vneid starts the OpenID Connect flow,
// VNeID sends the browser back to /api/portal/auth/callback, which opens a portal session (own cookie).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { Problem } from '../../domain/problems';
import { CITIZEN_COOKIE, citizenOf, problems, sendProblem, vnIso } from '../http';

const CitizenView = z.object({
  id: z.uuid(),
  idNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  loa: z.union([z.literal(1), z.literal(2)]).describe('VNeID level of assurance of this session'),
  assistedBy: z
    .object({ userId: z.uuid(), fullName: z.string(), method: z.string() })
    .nullable()
    .describe('The officer filing for the citizen at the counter, when this is an assisted session'),
});

export const portalAuthRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const secure = (app.config.publicUrl ?? '').startsWith('https:');

    server.get(
      '/api/portal/auth/vneid',
      {
        schema: {
          tags: ['portal'],
          summary: 'Starts a VNeID sign-in (browser navigation): redirects to VNeID with PKCE, state, nonce and acr_values',
          querystring: z
            .object({
              level: z.coerce.number().int().min(1).max(2).default(2).describe('Level of assurance asked for'),
              returnTo: z.string().max(300).optional().describe('A portal path to come back to'),
            })
            .strict(),
          response: { 302: z.null().describe('Redirect to VNeID'), ...problems(400, 503) },
        },
      },
      async (req, reply) => {
        const url = await app.services.citizenAuth.beginSignIn(req.query.level as 1 | 2, req.query.returnTo);
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      },
    );

    server.get(
      '/api/portal/auth/callback',
      {
        schema: {
          tags: ['portal'],
          summary: 'VNeID redirects here; opens the portal session and returns to the page the citizen came from',
          querystring: z
            .object({
              code: z.string().max(2000).optional(),
              state: z.string().max(200).optional(),
              error: z.string().max(200).optional(),
              error_description: z.string().max(2000).optional(),
              iss: z.string().max(500).optional(),
            })
            .loose(),
          response: { 303: z.null(), ...problems(400, 503) },
        },
      },
      async (req, reply) => {
        const url = new URL(req.url, 'http://callback.invalid');
        // Only the query matters to the OIDC checks; the redirect URI itself is configuration.
        const base = new URL(app.config.publicUrl ?? `http://localhost:${app.config.port}`);
        const callbackUrl = new URL(`/api/portal/auth/callback${url.search}`, base);
        try {
          const { token, session, returnTo } = await app.services.citizenAuth.completeSignIn(callbackUrl, {
            ip: req.ip,
            userAgent: req.headers['user-agent'],
            requestId: String(req.id),
          });
          reply.setCookie(CITIZEN_COOKIE, token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure,
            expires: session.expiresAt,
          });
          return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
        } catch (e) {
          // A browser lands on the portal's sign-in page with the reason; an API client gets problem+json.
          if (e instanceof Problem && (req.headers.accept ?? '').includes('text/html'))
            return reply.redirect(`/cong-dan/dang-nhap?loi=${encodeURIComponent(e.code)}`, 303);
          if (e instanceof Problem) return sendProblem(req, reply, e);
          throw e;
        }
      },
    );

    server.get(
      '/api/portal/me',
      {
        schema: {
          tags: ['portal'],
          summary: 'The signed-in citizen and the CSRF token of the portal session',
          response: { 200: z.object({ citizen: CitizenView, csrfToken: z.string(), expiresAt: z.string() }), ...problems(401) },
        },
      },
      async (req) => {
        const ctx = citizenOf(req);
        const c = await app.services.citizenAuth.me(ctx.citizen!.citizenId);
        return {
          citizen: {
            id: c.id,
            idNumber: c.id_number,
            fullName: c.full_name,
            dateOfBirth: c.date_of_birth,
            address: c.address,
            phone: c.phone,
            email: c.email,
            loa: ctx.citizen!.loa,
            assistedBy: ctx.citizen!.assistedBy ?? null,
          },
          csrfToken: req.citizen!.csrfToken,
          expiresAt: vnIso(req.citizen!.expiresAt),
        };
      },
    );

    server.post(
      '/api/portal/auth/logout',
      {
        schema: { tags: ['portal'], summary: 'Ends the portal session', response: { 204: z.null(), ...problems(401, 403) } },
      },
      async (req, reply) => {
        const ctx = citizenOf(req);
        await app.services.citizenAuth.logout(ctx.citizen!.sessionId);
        reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );
  };
