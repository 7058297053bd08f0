// The HTTP server: Fastify 5 with zod validation, OpenAPI 3.1, problem+json errors, sessions and CSRF.
// Handlers stay thin (validate → authorize in the service → present); every rule lives in src/services or src/domain.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { App } from '../app';
import { allProblemCodes, Problem } from '../domain/problems';
import { csrfMatches } from '../services/auth.service';
import { accessOf, operationKey } from './access';
import { describeOperation, TAG_DESCRIPTIONS } from './openapi';
import { API_SCOPES, SCOPE_LABELS } from '../domain/api-clients';
import { compressJson } from './compress';
import { CITIZEN_COOKIE, ctxOf, langOf, SESSION_COOKIE, sendProblem } from './http';
import { assertStorable, clientRequestId } from './hygiene';
import { idempotency } from './idempotency';
import { registerRoutes } from './routes/index';
import { trainingBoundary } from './training-boundary';

// PostgreSQL classes 08 (connection), 53 (insufficient resources), 57P0x (shutdown, starting up), 58 (system).
const PG_UNAVAILABLE = /^(08|53|57P0|58)/;
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// What node-postgres says, without a code, about a connection lost mid-use or not available in time.
const PG_LOST =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection error|Connection ended/i;

/**
 * The Content-Security-Policy of every answer (the web app, Swagger UI at /api/docs, the simulators' pages): scripts
 * only from the site itself, never inline. Styles allow 'unsafe-inline': antd's CSS-in-JS writes <style> elements at
 * run time and React and Swagger UI set `style` attributes, which a nonce cannot cover; an injected style can restyle a
 * page but not run code. No one may frame any page (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-src': ["'self'", 'blob:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The router's limit on one path parameter (find-my-way's default, which the server keeps). */
const MAX_PARAM_LENGTH = 100;

/** A byte limit as people read it: "1 MiB (1048576 bytes)" in either language's problem message. */
export function limitText(bytes: number | undefined): string {
  if (!bytes) return '';
  const mib = bytes / (1024 * 1024);
  const kib = bytes / 1024;
  const human = mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Number(kib.toFixed(1))} KiB`;
  return `${human} = ${bytes}`;
}

function toProblem(err: FastifyError & { code?: string; constraint?: string }, bodyLimit?: number): Problem | null {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => ({
      field: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'invalid',
    }));
    return new Problem('validation-failed', { summary: errors.map((e) => `${e.field}: ${e.message}`).join('; ') }, { errors });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem('unsupported-media-type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // Fastify's message carries no number: the limit is the route's own (or the server's).
      return new Problem('body-too-large', { limit: limitText(bodyLimit) }, { limitBytes: bodyLimit ?? null });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem('uri-too-long');
    case 'FST_ERR_BAD_URL':
      return new Problem('validation-failed', { summary: 'the address is not a valid URL (bad percent-encoding)' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('malformed-json');
    case '22P02':
    case '22007':
    case '22008':
    case '22001':
      return new Problem('validation-failed', { summary: 'a value has the wrong form or length' });
    case '23505':
      return new Problem('conflict', { reason: err.constraint ?? 'duplicate' });
    case '23514':
    case '23502':
      return new Problem('validation-failed', { summary: `rule ${err.constraint ?? 'check'} is not met` });
    case '23503':
      return new Problem('not-found', { what: 'referenced record' });
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return new Problem('malformed-json');
  if (err.code && PG_UNAVAILABLE.test(err.code)) return new Problem('service-unavailable');
  if (NET_UNAVAILABLE.has(err.code ?? '') || PG_LOST.test(err.message)) return new Problem('service-unavailable');
  if (err.statusCode === 429) return new Problem('rate-limited');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new Problem('validation-failed', { summary: err.message });
  return null;
}

export async function buildServer(app: App, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const { config } = app;
  const server = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Request ids are the server's own: a client's x-request-id never names a log line or an audit row (it is logged
    // beside ours, bounded and sanitised, as clientRequestId).
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // Errors Fastify answers before any route (a malformed URL, a too-long path parameter) are problem+json too.
    frameworkErrors: (err, req, reply) => {
      req.lang = langOf(req.headers['accept-language']);
      const p = toProblem(err as FastifyError) ?? new Problem('validation-failed', { summary: err.message });
      return sendProblem(req, reply, p);
    },
    // Refuse unknown query parameters' types etc. through zod; keep Fastify's AJV out of the way.
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    // Errors Node's HTTP parser meets before Fastify sees a request (a head over 16 KiB, a malformed request line)
    // are problem+json too, with the security headers, and the connection is closed.
    clientErrorHandler: answerClientError,
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);

  // CSV arrives as text (catalogue import); the route validates and parses it.
  server.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Scans arrive as raw bytes; the file service checks what they really are.
  server.addContentTypeParser(
    ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );

  server.decorateRequest('lang', 'vi');
  server.decorateRequest('auth', null);
  server.decorateRequest('authFailure', null);
  server.decorateRequest('citizen', null);
  server.decorateRequest('client', null);

  await server.register(cookie);
  // Security headers on every answer: CSP (above), X-Frame-Options DENY, X-Content-Type-Options nosniff, a strict
  // Referrer-Policy, and HSTS when the request came over https (directly, or through a trusted proxy's header).
  // helmet's middleware is built once and run on every answer (the Fastify plugin built a new one for every
  // request: about 2 % of the server's time per dossier page under 16 clients).
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    // The OpenID Connect sign-in opens the simulator (or VNeID) in the same window; same-origin-allow-popups keeps it working.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  });
  server.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (e?: unknown) => done(e as Error | undefined)));
  server.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await server.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new Problem('rate-limited'), { statusCode: 429 }),
  });

  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Motcua API',
        version: '0.1.0',
        description:
          'Motcua: one-stop public administrative service centres. Errors are RFC 9457 problem+json with a stable `code`; ' +
          'cookie sessions send `x-csrf-token` on every non-GET request; API clients send `Authorization: Bearer` ' +
          '(a token from `POST /api/oauth/token`, see docs/integrators.md); create calls accept `Idempotency-Key`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
        contact: { name: 'Motcua', url: 'https://github.com/motcua/motcua' },
      },
      servers: [{ url: publicUrl, description: 'this installation (MOTCUA_PUBLIC_URL)' }],
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'A staff session (POST /api/auth/login)' },
          citizenSession: { type: 'apiKey', in: 'cookie', name: CITIZEN_COOKIE, description: 'A citizen session (VNeID sign-in)' },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: "The session's CSRF token, on every request of a cookie session that changes something",
          },
          apiClient: {
            type: 'oauth2',
            description:
              'A machine client: OAuth 2.0 client credentials (client_secret_basic or client_secret_post); send `Authorization: Bearer <token>`',
            flows: {
              clientCredentials: {
                tokenUrl: new URL('/api/oauth/token', publicUrl).toString(),
                scopes: Object.fromEntries(API_SCOPES.map((sc) => [sc, SCOPE_LABELS[sc].en])),
              },
            },
          },
        },
      },
      'x-problem-codes': allProblemCodes(),
    } as never,
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const key = operationKey(String(input.route.method), input.url);
      return { ...out, schema: describeOperation(key, out.schema as Record<string, unknown>) as typeof out.schema };
    },
    // Every tag the operations use, described.
    transformObject: (doc) => {
      const openapiObject = (doc as { openapiObject: { paths?: Record<string, Record<string, unknown>> } }).openapiObject;
      const used = new Set<string>();
      for (const item of Object.values(openapiObject.paths ?? {}))
        for (const op of Object.values(item ?? {})) for (const t of (op as { tags?: string[] }).tags ?? []) used.add(t);
      return { ...openapiObject, tags: [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })) };
    },
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });
  server.get('/api/openapi.json', { schema: { hide: true } }, async () => server.swagger());

  server.addHook('onRequest', async (req, reply) => {
    req.lang = langOf(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
    const theirs = clientRequestId(req.headers['x-request-id']);
    if (theirs) req.log = req.log.child({ clientRequestId: theirs });
    // An API client: `Authorization: Bearer` and no cookie session read at all (so no CSRF either). The simulated
    // outside systems under /api/sim take their own tokens.
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (bearer && req.url.startsWith('/api/') && !req.url.startsWith('/api/sim/')) {
      const r = await app.services.apiClients.resolveToken(bearer[1]!, req.ip);
      if (typeof r !== 'string') {
        req.client = r;
        return;
      }
      if (r === 'invalid' || r === 'expired')
        reply.header(
          'www-authenticate',
          `Bearer error="invalid_token", error_description="${r === 'expired' ? 'expired' : 'invalid or revoked'}"`,
        );
      if (r === 'rate') reply.header('retry-after', String(60 - (Math.floor(Date.now() / 1000) % 60)));
      throw r === 'invalid'
        ? new Problem('token-invalid', {}, { error: 'invalid_token' })
        : r === 'expired'
          ? new Problem('token-expired', {}, { error: 'invalid_token' })
          : r === 'ip'
            ? new Problem('ip-not-allowed')
            : new Problem('rate-limited');
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (raw && req.url.startsWith('/api/')) {
      const r = await app.services.auth.resolve(raw);
      if (typeof r === 'string') req.authFailure = r;
      else req.auth = r;
    }
    const citizenRaw = req.cookies[CITIZEN_COOKIE];
    if (citizenRaw && req.url.startsWith('/api/')) req.citizen = await app.services.citizenAuth.resolve(citizenRaw);
  });

  // An API client's call: the operation must be open to clients (src/api/access.ts) and the token carry its scope.
  // The services then apply the unit scoping and policies of the roles the scopes stand for. Checked before the body
  // is read or validated: a client learns nothing of an operation it may not call.
  server.addHook('onRequest', async (req) => {
    if (!req.client) return;
    const key = operationKey(req.method === 'HEAD' ? 'GET' : req.method, req.routeOptions.url ?? req.url);
    const { access, scope, anyClient } = accessOf(key);
    if (((access === 'public' || access === 'signed') && !scope) || anyClient) return;
    if (scope && req.client.scopes.includes(scope)) return;
    const ctx = ctxOf(req);
    await app.services.apiClients.auditDenied(ctx, req.client, { operation: key, scope: scope ?? null });
    throw scope ? new Problem('scope-missing', { scope }, { error: 'insufficient_scope', scope }) : new Problem('not-for-clients');
  });

  // CSRF: a cookie-authenticated request that changes something must carry the session's token.
  server.addHook('preHandler', async (req) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !req.url.startsWith('/api/')) return;
    if (req.url.startsWith('/api/auth/login') || req.routeOptions.config.csrf === false) return;
    // Without a live session there is nothing to forge: routes that need one answer 401 themselves. A request
    // carrying a staff and a citizen session (one browser, both signed in) passes with either session's token.
    const given = req.headers['x-csrf-token'] as string | undefined;
    const tokens = [req.auth?.session.csrfToken, req.citizen?.csrfToken].filter((t): t is string => !!t);
    if (tokens.length && !tokens.some((t) => csrfMatches(t, given))) throw new Problem('csrf-token-missing');
  });

  // Training and real data never meet: 403 `training-boundary` for a request reaching across (src/api/training-boundary.ts).
  trainingBoundary(server, app);

  // Strings PostgreSQL cannot store (NUL, lone surrogates) are refused at the edge, naming the field (src/api/hygiene.ts).
  server.addHook('preValidation', async (req) => {
    assertStorable({ body: req.body, query: req.query, params: req.params });
  });

  idempotency(server, app);
  // After the idempotency hook: it stores the plain JSON text.
  compressJson(server);

  server.setErrorHandler((err: FastifyError, req, reply) => {
    const p = toProblem(err, req.routeOptions.bodyLimit ?? config.bodyLimit);
    if (p) {
      if (p.status >= 500) req.log.warn({ err }, 'service unavailable');
      return sendProblem(req, reply, p);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, new Problem('internal-error'));
  });

  // The worker threads that inspect clients' files end with the server.
  server.addHook('onClose', async () => app.untrusted.close());

  await server.register(registerRoutes(app), { prefix: '' });

  // The web app: built files from web/dist, with index.html for every client-side route. The build writes .br and
  // .gz beside each text asset; `preCompressed` sends the one the browser accepts (a citizen on 3G downloads about a
  // quarter of the bytes) and falls back to the plain file. Files under /assets/ have a content hash in their name:
  // cached for a year without revalidation (no round trip per file on a return visit); index.html is always
  // revalidated so that a new release is picked up at once, and so is the staff app's service worker (sw.js).
  const webDist = path.resolve('web/dist');
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await server.register(fastifyStatic, {
      root: webDist,
      // Files are looked up when asked for, not listed at start: a web build written while the server runs (a
      // release copied in place, a test run rebuilding) is served without a restart. Paths that are no file reach
      // the not-found handler below, and so do folders ("/" included), which `send` would refuse with a 403.
      wildcard: true,
      allowedPath: (pathname) => !pathname.endsWith('/'),
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        // Caches must not give a brotli body to a browser that asked for none.
        res.setHeader('vary', 'accept-encoding');
        const rel = path.relative(webDist, file).split(path.sep);
        res.setHeader(
          'cache-control',
          rel[0] === 'assets'
            ? 'public, max-age=31536000, immutable'
            : rel[0]?.startsWith('index.html') || rel[0]?.startsWith('sw.js')
              ? 'no-cache'
              : 'public, max-age=3600',
        );
      },
    });
  }
  server.setNotFoundHandler((req, reply) => {
    // The router answers 414 itself only when no other route could have matched; a segment beyond its parameter
    // limit is too long whichever routes exist beside it.
    if (
      req.url
        .split('?')[0]!
        .split('/')
        .some((seg) => seg.length > MAX_PARAM_LENGTH)
    )
      return sendProblem(req, reply, new Problem('uri-too-long'));
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') return sendProblem(req, reply, new Problem('route-not-found'));
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });

  return server;
}

/**
 * Answers an error of Node's HTTP parser (the request never reached Fastify) on the raw socket: 431 for a head
 * over the limit, 408 for a request that timed out, 400 otherwise; problem+json in both languages (the request's
 * Accept-Language could not be read), with the headers every other answer carries.
 */
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const p = new Problem(status === 431 ? 'request-headers-too-large' : status === 408 ? 'request-timeout' : 'malformed-request');
  const body = JSON.stringify({
    type: `https://motcua.vn/problems/${p.code}`,
    title: p.code,
    status,
    code: p.code,
    detail: `${p.detail('vi')} / ${p.detail('en')}`,
    requestId: randomUUID(),
  });
  const csp = Object.entries(CONTENT_SECURITY_POLICY)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/problem+json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      `content-security-policy: ${csp}`,
      'x-content-type-options: nosniff',
      'x-frame-options: DENY',
      'referrer-policy: strict-origin-when-cross-origin',
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
