// API clients: the OAuth 2.0 token endpoint (client credentials, RFC 6749 §4.4) and the administrators' registration,
// rotation and revocation. Thin: the service authorizes and decides.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { API_SCOPES } from '../../domain/api-clients';
import { Problem } from '../../domain/problems';
import type { ApiClientView } from '../../services/api-client.service';
import { actorOf, ctxOf, IdParams, IdempotencyHeaders, problems, vnIso } from '../http';

const ApiClientSchema = z.object({
  id: z.string().describe('The client_id'),
  name: z.string(),
  unitId: z.string().describe('The unit the client was registered for'),
  scopes: z.array(z.enum(API_SCOPES)),
  unitIds: z.array(z.string()).describe('The units the client may reach'),
  ipAllow: z.array(z.string()).describe('Addresses or CIDR blocks it may call from; empty = anywhere'),
  ratePerMinute: z.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  secrets: z
    .array(z.object({ createdAt: z.string(), expiresAt: z.string().nullable() }))
    .describe('Secrets valid now (two during a rotation)'),
});

const present = (c: ApiClientView) => ({
  ...c,
  createdAt: vnIso(c.createdAt),
  revokedAt: vnIso(c.revokedAt),
  secrets: c.secrets.map((s) => ({ createdAt: vnIso(s.createdAt), expiresAt: vnIso(s.expiresAt) })),
});

const WithSecret = z.object({
  client: ApiClientSchema,
  clientId: z.string(),
  clientSecret: z.string().describe('Shown once: only its hash is kept'),
});

const TokenBody = z
  .object({
    grant_type: z.string().max(100),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(500).optional(),
    scope: z.string().max(500).optional(),
  })
  .strict();

/** client_secret_basic: `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) return null;
  try {
    return {
      id: decodeURIComponent(text.slice(0, i).replace(/\+/g, ' ')),
      secret: decodeURIComponent(text.slice(i + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return null;
  }
}

export const apiClientRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { apiClients } = app.services;
    // The token request is form-encoded (RFC 6749 §4.4.2); the parser is this plugin's own.
    server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    server.post(
      '/api/oauth/token',
      {
        config: { csrf: false, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['oauth'],
          summary: 'A bearer token for an API client (OAuth 2.0 client credentials; client_secret_basic or client_secret_post)',
          description:
            'Form-encoded `grant_type=client_credentials` with the credentials in `Authorization: Basic` or as `client_id` and ' +
            '`client_secret`; `scope` may narrow the client’s scopes. Errors are problem+json with the RFC 6749 `error` member.',
          consumes: ['application/x-www-form-urlencoded'],
          body: TokenBody,
          response: {
            200: z.object({
              access_token: z.string(),
              token_type: z.literal('Bearer'),
              expires_in: z.number().int().describe('Seconds'),
              scope: z.string(),
            }),
            ...problems(400, 401, 403, 429),
          },
        },
      },
      async (req, reply) => {
        const basic = basicCredentials(req.headers.authorization);
        const b = req.body;
        if (basic && (b.client_id || b.client_secret))
          throw new Problem('validation-failed', { summary: 'credentials given twice (Basic and body)' }, { error: 'invalid_request' });
        const id = basic?.id ?? b.client_id;
        const secret = basic?.secret ?? b.client_secret;
        if (!id || !secret) {
          reply.header('www-authenticate', 'Basic realm="motcua"');
          throw new Problem('invalid-client', {}, { error: 'invalid_client' });
        }
        if (b.grant_type !== 'client_credentials') throw new Problem('unsupported-grant-type', {}, { error: 'unsupported_grant_type' });
        const t = await apiClients.issueToken(ctxOf(req), { clientId: id, clientSecret: secret, scope: b.scope });
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        return { access_token: t.accessToken, token_type: 'Bearer' as const, expires_in: t.expiresIn, scope: t.scope };
      },
    );

    server.get(
      '/api/api-clients',
      {
        schema: {
          tags: ['api-clients'],
          summary: 'The API clients of the units the caller administers',
          response: { 200: z.object({ items: z.array(ApiClientSchema) }), ...problems(401, 403) },
        },
      },
      async (req) => ({ items: (await apiClients.list(actorOf(req))).map(present) }),
    );
    server.get(
      '/api/api-clients/:id',
      {
        schema: {
          tags: ['api-clients'],
          summary: 'One API client',
          params: IdParams,
          response: { 200: ApiClientSchema, ...problems(401, 404) },
        },
      },
      async (req) => present(await apiClients.get(actorOf(req), req.params.id)),
    );
    server.post(
      '/api/api-clients',
      {
        schema: {
          tags: ['api-clients'],
          summary: 'Registers an API client for a unit; the secret is in this answer only',
          headers: IdempotencyHeaders,
          body: z
            .object({
              unitId: z.uuid(),
              name: z.string().trim().min(1).max(200),
              scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
              unitIds: z.array(z.uuid()).max(500).optional().describe('Units it may reach (default: the unit)'),
              ipAllow: z.array(z.string().max(60)).max(50).optional(),
              ratePerMinute: z.number().int().min(1).max(100_000).optional(),
            })
            .strict(),
          response: { 201: WithSecret, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await apiClients.register(actorOf(req), req.body);
        return reply.code(201).send({ client: present(r.client), clientId: r.client.id, clientSecret: r.clientSecret });
      },
    );
    server.post(
      '/api/api-clients/:id/rotate',
      {
        schema: {
          tags: ['api-clients'],
          summary: 'A new secret; the previous one stays valid for overlapHours (default 24) so the integrator can switch',
          params: IdParams,
          body: z
            .object({ overlapHours: z.number().min(0).max(168).optional() })
            .strict()
            .optional(),
          response: { 200: WithSecret, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => {
        const r = await apiClients.rotate(actorOf(req), req.params.id, req.body?.overlapHours);
        return { client: present(r.client), clientId: r.client.id, clientSecret: r.clientSecret };
      },
    );
    server.post(
      '/api/api-clients/:id/revoke',
      {
        schema: {
          tags: ['api-clients'],
          summary: 'Revokes an API client: its secrets and tokens stop working at once',
          params: IdParams,
          response: { 200: ApiClientSchema, ...problems(401, 404) },
        },
      },
      async (req) => present(await apiClients.revoke(actorOf(req), req.params.id)),
    );
  };
