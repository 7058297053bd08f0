import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { ROLES } from '../../domain/roles';
import type { SessionInfo, SessionUser } from '../../services/auth.service';
import { actorOf, ctxOf, problems, SESSION_COOKIE, vnIso } from '../http';

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ unitId: z.string(), role: z.enum(ROLES) })),
});
const SessionSchema = z.object({ expiresAt: z.string(), idleExpiresAt: z.string() });
const MeSchema = z.object({ user: UserSchema, csrfToken: z.string(), session: SessionSchema });

const presentSession = (s: SessionInfo) => ({ expiresAt: vnIso(s.expiresAt), idleExpiresAt: vnIso(s.idleExpiresAt) });
const presentMe = (user: SessionUser, s: SessionInfo) => ({ user, csrfToken: s.csrfToken, session: presentSession(s) });

export const authRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { auth } = app.services;
    server.post(
      '/api/auth/login',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Staff sign-in with username and password; sets the session cookie',
          body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
          response: { 200: MeSchema, ...problems(400, 401, 429) },
        },
      },
      async (req, reply) => {
        const r = await auth.login(ctxOf(req), req.body.username, req.body.password, { userAgent: req.headers['user-agent'] ?? '' });
        reply.setCookie(SESSION_COOKIE, r.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: req.protocol === 'https',
          expires: r.session.expiresAt,
        });
        return presentMe(r.user, r.session);
      },
    );
    server.post(
      '/api/auth/logout',
      {
        config: { duringPasswordChange: true },
        schema: { tags: ['auth'], summary: 'Ends this session', response: { 204: z.null(), ...problems(401, 403) } },
      },
      async (req, reply) => {
        const ctx = actorOf(req);
        await auth.logout(ctx, req.auth!.session.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );
    server.get(
      '/api/auth/me',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, the CSRF token and when the session ends',
          response: { 200: MeSchema, ...problems(401) },
        },
      },
      async (req) => {
        actorOf(req);
        return presentMe(req.auth!.user, req.auth!.session);
      },
    );
    server.post(
      '/api/auth/keepalive',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Answer to the expiry warning: resets the idle timeout',
          response: { 200: SessionSchema, ...problems(401, 403) },
        },
      },
      async (req) => {
        actorOf(req);
        await auth.touch(req.auth!.session.id);
        const r = await auth.resolve(req.cookies[SESSION_COOKIE] ?? '');
        return presentSession(typeof r === 'string' ? req.auth!.session : r.session);
      },
    );
    server.get(
      '/api/auth/sessions',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: "The signed-in user's open sessions",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  createdAt: z.string(),
                  lastSeenAt: z.string(),
                  expiresAt: z.string(),
                  ip: z.string(),
                  userAgent: z.string(),
                }),
              ),
            }),
            ...problems(401),
          },
        },
      },
      async (req) => {
        const items = await auth.listSessions(actorOf(req), req.auth?.session.id);
        return {
          items: items.map((s) => ({
            ...s,
            createdAt: vnIso(s.createdAt),
            lastSeenAt: vnIso(s.lastSeenAt),
            expiresAt: vnIso(s.expiresAt),
          })),
        };
      },
    );
    server.delete(
      '/api/auth/sessions/:id',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Revokes one of your sessions (e.g. one left open on another computer)',
          params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
          response: { 204: z.null(), ...problems(401, 403, 404) },
        },
      },
      async (req, reply) => {
        await auth.revokeOwn(actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    server.put(
      '/api/auth/password',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Changes your password',
          body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).strict(),
          response: { 204: z.null(), ...problems(400, 401, 403, 422, 429) },
        },
      },
      async (req, reply) => {
        await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword, req.auth!.session.id);
        return reply.code(204).send(null);
      },
    );
  };
