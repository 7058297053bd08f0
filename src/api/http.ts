// Shared HTTP pieces: the request context, problem+json rendering, language, and common schemas.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/access';
import { formatVnIso } from '../domain/calendar/index';
import { Problem, type Lang } from '../domain/problems';
import type { CitizenPrincipal, ServiceContext } from '../services/context';
import type { SessionInfo, SessionUser } from '../services/auth.service';
import type { ClientPrincipal } from '../services/api-client.service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route takes no session's authority (a simulator's own form, a signed server-to-server callback). */
    csrf?: boolean;
    /** true: the route answers a staff session that must still change its password (the change itself, me, logout). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    lang: Lang;
    auth: { actor: Actor; user: SessionUser; session: SessionInfo } | null;
    /** Why there is no session although a cookie came: lets 401 say "expired" rather than "not signed in". */
    authFailure: 'expired' | 'none' | null;
    /** The citizen signed in to the portal (a separate cookie and session from staff's). */
    citizen: (CitizenPrincipal & { csrfToken: string; expiresAt: Date }) | null;
    /** An API client calling with `Authorization: Bearer` (then no cookie session is read). */
    client: ClientPrincipal | null;
  }
}

export const SESSION_COOKIE = 'motcua_session';
export const CITIZEN_COOKIE = 'motcua_citizen';

export function langOf(header: string | undefined): Lang {
  return header && /^\s*en\b/i.test(header) ? 'en' : 'vi';
}

/** A staff session that must change its password first carries no authority beyond the routes that allow it. */
function staffAuthority(req: FastifyRequest) {
  return req.auth && !(req.auth.user.mustChangePassword && !req.routeOptions.config.duringPasswordChange) ? req.auth : null;
}

export function ctxOf(req: FastifyRequest): ServiceContext {
  const c = req.citizen;
  return {
    actor: staffAuthority(req)?.actor ?? req.client?.actor ?? null,
    citizen: c
      ? {
          citizenId: c.citizenId,
          idNumber: c.idNumber,
          fullName: c.fullName,
          loa: c.loa,
          sessionId: c.sessionId,
          assistedBy: c.assistedBy ?? null,
        }
      : null,
    requestId: String(req.id),
    lang: req.lang,
    ip: req.ip,
  };
}

/** A portal request's signed-in citizen, or 401 `citizen-not-signed-in`. */
export function citizenOf(req: FastifyRequest): ServiceContext {
  if (!req.citizen) throw new Problem('citizen-not-signed-in');
  return ctxOf(req);
}

/** The signed-in actor, or a 401 that says whether the session expired. */
export function actorOf(req: FastifyRequest): ServiceContext {
  if (req.client) return ctxOf(req);
  if (!req.auth) throw new Problem(req.authFailure === 'expired' ? 'session-expired' : 'not-signed-in');
  // A forced password change is enforced here, not only by the UI: until it is done the session may only change the
  // password, read itself and sign out (routes marked `config.duringPasswordChange`).
  if (!staffAuthority(req)) throw new Problem('password-change-required');
  return ctxOf(req);
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, p: Problem): FastifyReply {
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send({
      type: `https://motcua.vn/problems/${p.code}`,
      title: p.code,
      status: p.status,
      code: p.code,
      detail: p.detail(req.lang),
      instance: req.url.split('?')[0],
      requestId: String(req.id),
      ...p.extensions,
    });
}

/** A file name for Content-Disposition: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string, kind: 'inline' | 'attachment' = 'inline'): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'tai-lieu';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Times leave the server as ISO 8601 with the +07:00 offset (Vietnam has no daylight saving time). */
export function vnIso(d: Date): string;
export function vnIso(d: Date | null | undefined): string | null;
export function vnIso(d: Date | null | undefined): string | null {
  return d ? formatVnIso(d) : null;
}

export const Uuid = z.uuid();

/** The largest value of a PostgreSQL `integer` column: integers a client sends are bounded to their column. */
export const INT4_MAX = 2_147_483_647;
const INT8_MAX = 9_223_372_036_854_775_807n;
/** A keyset cursor over a `bigint` id: digits, at most the column's largest value (a larger one is 400, not 500). */
export const BigintCursor = z
  .string()
  .regex(/^\d{1,19}$/, 'digits')
  .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= INT8_MAX, 'at most 9223372036854775807');
export const IdParams = z.object({ id: Uuid }).strict();

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine code; see the x-problem-codes list of this document'),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .loose()
  .describe('RFC 9457 problem details');

/** Standard error answers for the OpenAPI document. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<number, typeof ProblemSchema>;

/** Declares the Idempotency-Key header of create calls in the OpenAPI document (other headers pass through). */
export const IdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Retrying with the same key and body returns the first answer and creates nothing new'),
  })
  .loose();
