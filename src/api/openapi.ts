// What the OpenAPI document says beyond the routes' zod schemas, so that tools accept it: an operationId, tags and
// `security` on every operation (src/api/access.ts), and a description and problem+json body for its 4xx answers.
import { z } from 'zod';
import { securityOf } from './access';
import { ProblemSchema } from './http';

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid (problem+json naming the rule or field: validation-failed, malformed-json, …)',
  401: 'No valid credentials: not signed in, the session expired, or the bearer token is missing, invalid or expired',
  403: 'Not allowed: the role, the unit, a missing scope of the API client, or a missing x-csrf-token',
  404: 'Not found, or not visible to the caller (another unit’s or citizen’s)',
  409: 'Conflicts with the current state (problem+json names the rule)',
  410: 'Gone: no longer available',
  413: 'The request body is too large',
  415: 'Unsupported content type',
  422: 'Breaks a rule of the law or of the data (problem+json names the rule)',
  429: 'Too many requests (rate limit; see Retry-After)',
};

const problemJson = (() => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(ProblemSchema, { io: 'output' }) as Record<string, unknown>;
  return rest;
})();

/** "GET /api/dossiers/{id}/actions/{action}" → "getDossiersByIdActionsByAction". */
export function operationIdOf(key: string): string {
  const [method = '', path = ''] = key.split(' ');
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[/.-]+/)
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      const w = param ? `by-${param[1]}` : seg;
      return w.replace(/(^|[-_])([a-z0-9])/gi, (_m, _s, c: string) => c.toUpperCase());
    });
  return method.toLowerCase() + words.join('');
}

export const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness',
  auth: 'Staff sign-in, sessions and password',
  oauth: 'API clients: the OAuth 2.0 client-credentials token endpoint',
  'api-clients': 'Registering, rotating and revoking API clients (administrators)',
  webhooks: 'API clients’ webhooks: subscriptions, the delivery log and replay (Standard Webhooks signatures)',
  units: 'Communes, wards, provinces and their reception points',
  staff: 'Staff accounts and roles',
  audit: 'The audit log',
  calendar: 'Working days, holidays and legal deadlines',
  catalogue: 'The procedure catalogue',
  dossiers: 'Dossiers: intake, processing, results, papers',
  drafts: 'Counter intake drafts',
  feedback: 'Citizens’ feedback (phản ánh, kiến nghị)',
  public: 'Public lookups, feedback, queue and figures (no sign-in)',
  portal: 'The citizen portal',
  uploads: 'Resumable uploads and files',
  payments: 'Fees and the payment gateway',
  background: 'The outbox, alerts and the national portal sync',
  queue: 'The waiting room: tickets, counters, appointments, ratings',
  indicators: 'Oversight: Decision 766 indicators, compliance, reports',
  simulators: 'Simulated national systems (demo and tests only)',
};

function tagOf(key: string): string {
  const path = key.split(' ')[1] ?? '';
  const seg = /^\/api\/([a-z-]+)/.exec(path)?.[1] ?? 'health';
  const map: Record<string, string> = {
    'intake-drafts': 'drafts',
    procedures: 'catalogue',
    'procedure-versions': 'catalogue',
    files: 'uploads',
    registry: 'dossiers',
    forms: 'dossiers',
    me: 'staff',
    'reception-points': 'units',
    sim: 'simulators',
    admin: 'background',
    alerts: 'background',
    capacity: 'queue',
    compliance: 'indicators',
    reports: 'indicators',
    assisted: 'portal',
  };
  return map[seg] ?? seg;
}

/** The route's schema with the document's additions (called by @fastify/swagger's transform). */
export function describeOperation(key: string, schema: Record<string, unknown>): Record<string, unknown> {
  const security = securityOf(key);
  const response = { ...((schema.response as Record<string, Record<string, unknown>> | undefined) ?? {}) };
  const needs = new Set<number>([400]);
  if (security.length && !security.some((s) => Object.keys(s).length === 0)) needs.add(401).add(403);
  for (const st of needs) if (!(st in response) && !(String(st) in response)) response[st] = { ...problemJson };
  // Answers that are no JSON (PDFs, files, CSV, pages, redirects) have no response schema on their route; say what they are.
  if (!Object.keys(response).some((k) => /^[23]/.test(k))) {
    if (/\/api\/portal\/auth\//.test(key))
      response[302] = { description: 'A redirect (to the identity provider, or back to the portal)', type: 'null' };
    else
      response[200] = {
        description: 'The file, document or page itself (not JSON; see the Content-Type)',
        type: 'string',
        format: 'binary',
      };
  }
  for (const k of Object.keys(response)) {
    const st = Number(k);
    if (st >= 400 && st < 500) response[k] = { ...response[k], description: STATUS_TEXT[st] ?? 'Refused (problem+json names the rule)' };
  }
  return {
    ...schema,
    operationId: (schema.operationId as string | undefined) ?? operationIdOf(key),
    tags: (schema.tags as string[] | undefined)?.length ? schema.tags : [tagOf(key)],
    security,
    response,
  };
}
