// Who may call each operation, by "METHOD /path" as the OpenAPI document names it: the kind of caller (the
// `security` of the operation in the document) and, for staff operations open to API clients, the scope a bearer
// token needs. First match wins. The services still decide per unit and per role; this table decides only which
// credentials an operation takes. An operation not listed takes a staff session and no bearer token, so a new
// route is closed to API clients until someone gives it a scope here. test/api/authz-matrix.scopes.test.ts checks
// the behaviour independently, from its own table.
import type { ApiScope } from '../domain/api-clients';

export type Access =
  | 'public' // anyone
  | 'staff' // a staff session (cookie + x-csrf-token on changes)
  | 'citizen' // a citizen session (cookie + x-csrf-token on changes)
  | 'either' // a staff or a citizen session
  | 'signed'; // an outside system proving itself in the request (payment callback signature, a simulated system's token)

export type OperationAccess = {
  access: Access;
  scope?: ApiScope;
  /** Open to every API client whatever its scopes: the service limits a client to what is its own (its webhooks). */
  anyClient?: true;
};

const ACCESS: [RegExp, OperationAccess][] = [
  [/^GET \/(healthz|readyz)$/, { access: 'public' }],
  [/^POST \/api\/oauth\/token$/, { access: 'public' }],
  [/^POST \/api\/auth\/login$/, { access: 'public' }],
  [/^GET \/api\/(procedures|procedure-versions)/, { access: 'public', scope: 'catalogue:read' }],
  [/^GET \/api\/units(\/\{id\})?$/, { access: 'public', scope: 'catalogue:read' }],
  [/^(POST \/api\/calendar\/deadline|GET \/api\/calendar\/years\/\{year\})$/, { access: 'public', scope: 'catalogue:read' }],
  [/^(GET|POST) \/api\/public\//, { access: 'public' }],
  [/^POST \/api\/forms\/verify$/, { access: 'public' }],
  [/^GET \/api\/portal\/auth\/(vneid|callback)$/, { access: 'public' }],
  [/^(GET|POST) \/api\/sim\/payment\/checkout\//, { access: 'public' }],
  [/^POST \/api\/payments\/callback$/, { access: 'signed' }],
  [/^(GET|POST) \/api\/sim\/[a-z-/]*v1\//, { access: 'signed' }],
  // Dossiers: reading them and their papers, and the counter's work (intake, actions, scans).
  [/^GET \/api\/dossiers/, { access: 'staff', scope: 'dossiers:read' }],
  [/^POST \/api\/dossiers/, { access: 'staff', scope: 'dossiers:write' }],
  [/^POST \/api\/files$/, { access: 'staff', scope: 'dossiers:write' }],
  [/^GET \/api\/files\/\{id\}$/, { access: 'either', scope: 'dossiers:read' }],
  [/^GET \/api\/units\/\{id\}\/tracking-book$/, { access: 'staff', scope: 'dossiers:read' }],
  [/^GET \/api\/(indicators|compliance|reports)\b/, { access: 'staff', scope: 'indicators:read' }],
  [/^GET \/api\/feedback(\/overview|\/\{id\})?$/, { access: 'staff', scope: 'feedback:read' }],
  [/^GET \/api\/portal\/(documents\/\{id\}\/file|payments\/\{id\}\/receipt\.pdf)$/, { access: 'either' }],
  [/^(GET|POST|PUT|DELETE) \/api\/portal\//, { access: 'citizen' }],
  [/^(GET|POST|PATCH) \/api\/uploads/, { access: 'either' }],
  // Webhooks: a client manages its own (any scope; each event still needs the scope that reads it), people those of
  // the clients of units they administer.
  [/^(GET|POST|DELETE) \/api\/webhooks/, { access: 'staff', anyClient: true }],
];

/** "GET /api/dossiers/{id}" for a Fastify route (`/api/dossiers/:id`). */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

export function accessOf(key: string): OperationAccess {
  return ACCESS.find(([re]) => re.test(key))?.[1] ?? { access: 'staff' };
}

/** The OpenAPI `security` of an operation: each alternative a caller may use. Public operations say so with `[]`. */
export function securityOf(key: string): Record<string, string[]>[] {
  const { access, scope, anyClient } = accessOf(key);
  const changes = !/^(GET|HEAD) /.test(key);
  const staff: Record<string, string[]> = changes ? { staffSession: [], csrfToken: [] } : { staffSession: [] };
  const citizen: Record<string, string[]> = changes ? { citizenSession: [], csrfToken: [] } : { citizenSession: [] };
  const client = scope ? [{ apiClient: [scope] }] : anyClient ? [{ apiClient: [] }] : [];
  switch (access) {
    case 'public':
    case 'signed':
      // Public operations also accept a client's token (then its scope is checked); signed ones carry their own proof.
      return access === 'public' && scope ? [{}, ...client] : [];
    case 'staff':
      return [staff, ...client];
    case 'citizen':
      return [citizen];
    case 'either':
      return [staff, citizen, ...client];
  }
}
