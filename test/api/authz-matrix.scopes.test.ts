// The authorization matrix, generated from the OpenAPI document: every operation × every principal (anonymous,
// citizen, another citizen, each ward role, province roles, staff holding roles in two units, a province role
// plus a ward role) × the resources of the caller's own unit and of another unit. What each operation allows is
// a small table below, by path; an operation the table does not cover fails the test, so a new route must say
// who may call it. Requests are valid by their schemas (test/support/operations.ts), so the answer is the
// authorization's, not the validator's. One server, one database; operations that end sessions run last.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles';
import { createTestApi, type DemoSlug, type TestApi } from '../support/api';
import { addStaff, createFixtures, operationsOf, requestFor, type Fixtures, type Operation, type Target } from '../support/operations';

/** Who may call an operation at all. */
type Access =
  | 'public' // anyone, signed in or not
  | 'staff' // a staff session: anonymous and citizens get 401
  | 'citizen' // a citizen session: anonymous and staff get 401
  | 'either' // a staff or a citizen session (files, uploads): anonymous gets 401
  | 'signed'; // a machine caller with its own signature or token (gateways, simulators): never 2xx without it

type Rule = {
  access: Access;
  /** Ids in the request belong to a unit: staff of another unit never succeed (403 or 404). */
  unit?: boolean;
  /** Only province roles (province-admin, system-admin held in the province) may succeed. */
  province?: boolean;
  /** Only system-admin may succeed. */
  admin?: boolean;
  /** Ids in the request belong to citizen A: another citizen never succeeds (404 or 403). */
  owned?: boolean;
  /** Open to every API client whatever its scopes (its own webhooks): a client is not refused, only scoped. */
  anyClient?: boolean;
  /** The scope an API client's bearer token needs; without one, staff operations refuse API clients (403). */
  scope?: 'dossiers:read' | 'dossiers:write' | 'catalogue:read' | 'indicators:read' | 'feedback:read';
};

// First match wins. Keys are "METHOD /path" as in the OpenAPI document.
const RULES: [RegExp, Rule][] = [
  [/^GET \/(healthz|readyz)$/, { access: 'public' }],
  [/^POST \/api\/auth\/login$/, { access: 'public' }],
  [/^POST \/api\/oauth\/token$/, { access: 'public' }],
  // API clients: registered, rotated and revoked by the administrators of their unit.
  [/^GET \/api\/api-clients$/, { access: 'staff' }],
  [/^(GET|POST) \/api\/api-clients/, { access: 'staff', unit: true }],
  // Webhooks: a client's own (any client), or those of the clients of the units a person administers.
  // Listing, and subscribing (the generated body names no client: a person gets 400, a client subscribes itself).
  [/^(GET|POST) \/api\/webhooks$/, { access: 'staff', anyClient: true }],
  [/^(GET|POST|DELETE) \/api\/webhooks/, { access: 'staff', unit: true, anyClient: true }],
  [/^(GET|POST|PUT|DELETE) \/api\/auth\//, { access: 'staff' }],
  [/^GET \/api\/units(\/\{id\})?$/, { access: 'public', scope: 'catalogue:read' }],
  [/^POST \/api\/units$/, { access: 'staff', province: true }],
  [
    /^(PATCH \/api\/units\/\{id\}|POST \/api\/units\/\{id\}\/reception-points|PATCH \/api\/reception-points\/\{id\})$/,
    { access: 'staff', unit: true },
  ],
  [/^(GET|PATCH|PUT|POST) \/api\/staff/, { access: 'staff', unit: true }],
  [/^GET \/api\/units\/\{id\}\/tracking-book$/, { access: 'staff', unit: true, scope: 'dossiers:read' }],
  [/^GET \/api\/units\/\{id\}\/(assignees|watch|sync-rate)$/, { access: 'staff', unit: true }],
  [/^PUT \/api\/me\/contact$/, { access: 'staff' }],
  // The public side: lookups, feedback from anyone, kiosk tickets and check-in, the rating after service.
  [/^(GET|POST) \/api\/public\//, { access: 'public' }],
  // Feedback handled by staff of the unit; the province's step limits by province roles.
  [/^PUT \/api\/feedback\/settings\/\{provinceId\}$/, { access: 'staff', province: true }],
  [/^GET \/api\/feedback(\/overview|\/\{id\})?$/, { access: 'staff', unit: true, scope: 'feedback:read' }],
  [/^(GET|POST) \/api\/feedback/, { access: 'staff', unit: true }],
  // Counters and queue figures of a unit.
  [/^(GET|POST) \/api\/queue\//, { access: 'staff', unit: true }],
  [/^GET \/api\/capacity$/, { access: 'staff', unit: true }],
  // Oversight figures (Decision 766 indicators, compliance, form 06): staff, scoped by the service.
  // Compliance thresholds: set by province roles; thresholds and open alerts read, and alerts closed, by the
  // unit's oversight roles (the service's scope check).
  [/^PUT \/api\/compliance\/thresholds$/, { access: 'staff', province: true }],
  [/^GET \/api\/compliance\/(thresholds|alerts)$/, { access: 'staff', unit: true, scope: 'indicators:read' }],
  [/^POST \/api\/compliance\/alerts\/acknowledge$/, { access: 'staff', unit: true }],
  // TT 01/2018 citizen-rating report (officer and unit scores per quarter): the same oversight roles, scoped by the service.
  [/^GET \/api\/reports\/citizen-ratings$/, { access: 'staff', scope: 'indicators:read' }],
  [/^GET \/api\/(indicators|compliance|reports)\b/, { access: 'staff', scope: 'indicators:read' }],
  [/^GET \/api\/audit\/verify$/, { access: 'staff', admin: true }],
  [/^GET \/api\/audit$/, { access: 'staff', unit: true }],
  [/^(POST \/api\/calendar\/deadline|GET \/api\/calendar\/years\/\{year\})$/, { access: 'public', scope: 'catalogue:read' }],
  [/^PUT \/api\/calendar\/years\/\{year\}$/, { access: 'staff', province: true }],
  // Publication of procedure versions (issue 17): drafts, review, publish, the field diff — province roles only.
  [/^GET \/api\/procedures\/\{id\}\/publication$/, { access: 'staff', province: true }],
  [/^GET \/api\/procedure-versions\/\{id\}\/changes$/, { access: 'staff', province: true }],
  [/^POST \/api\/procedures\/\{id\}\/drafts$/, { access: 'staff', province: true }],
  [/^POST \/api\/procedure-versions\/\{id\}\/(review|publish)$/, { access: 'staff', province: true }],
  // The catalogue review (issue 17): the list, the law's time, the sign-off — province roles only.
  [/^GET \/api\/catalogue\/review$/, { access: 'staff', province: true }],
  [/^PUT \/api\/procedures\/\{id\}\/legal-time$/, { access: 'staff', province: true }],
  [/^POST \/api\/procedures\/\{id\}\/review-sign-offs$/, { access: 'staff', province: true }],
  [/^GET \/api\/(procedures|procedure-versions)/, { access: 'public', scope: 'catalogue:read' }],
  [/^(POST|PUT) \/api\/procedures/, { access: 'staff', province: true }],
  [/^PUT \/api\/units\/\{id\}\/procedures\/\{procedureId\}$/, { access: 'staff', unit: true }],
  [/^GET \/api\/dossiers/, { access: 'staff', unit: true, scope: 'dossiers:read' }],
  [/^POST \/api\/dossiers/, { access: 'staff', unit: true, scope: 'dossiers:write' }],
  [/^GET \/api\/registry\/citizens\/\{idNumber\}$/, { access: 'staff', unit: true }],
  [/^POST \/api\/files$/, { access: 'staff', unit: true, scope: 'dossiers:write' }],
  [/^GET \/api\/files\/\{id\}$/, { access: 'either', unit: true, owned: true, scope: 'dossiers:read' }],
  [/^POST \/api\/forms\/verify$/, { access: 'public' }],
  // An intake draft is its officer's own: others' deletes touch nothing (checked at the end).
  [/^(GET|DELETE) \/api\/intake-drafts/, { access: 'staff' }],
  [/^PUT \/api\/intake-drafts\/\{id\}$/, { access: 'staff', unit: true }],
  [/^GET \/api\/portal\/auth\/(vneid|callback)$/, { access: 'public' }],
  [/^GET \/api\/portal\/procedures\/\{id\}\/form$/, { access: 'citizen' }],
  // An application's id is chosen by the browser: a PUT with a new id creates the caller's own.
  [/^PUT \/api\/portal\/applications\/\{id\}$/, { access: 'citizen' }],
  // Receipts and the data store's files: the citizen's, or staff of a unit they are visible to.
  [/^GET \/api\/portal\/(documents\/\{id\}\/file|payments\/\{id\}\/receipt\.pdf)$/, { access: 'either', owned: true }],
  [/^(GET|POST|PUT|DELETE) \/api\/portal\//, { access: 'citizen', owned: true }],
  [/^POST \/api\/assisted\/verifications/, { access: 'staff', unit: true }],
  [/^(GET|POST|PATCH) \/api\/uploads/, { access: 'either', owned: true }],
  [/^POST \/api\/payments\/callback$/, { access: 'signed' }],
  // Training mode (issue 16): training units are created, given trainees and reset by province roles of their real
  // province; the list shows each caller its own. Exercises are for trainees, who hold roles in training units only:
  // every principal here works in real units, so none may succeed (403 training-boundary) — not even a province's.
  [/^GET \/api\/training\/units$/, { access: 'staff' }],
  [/^POST \/api\/training\/units(\/\{id\}\/(trainees|reset))?$/, { access: 'staff', province: true }],
  [/^(GET \/api\/training\/exercises|POST \/api\/training\/attempts(\/\{id\}\/check)?)$/, { access: 'staff', admin: true }],
  [/^(GET|POST) \/api\/admin\//, { access: 'staff', admin: true }],
  [/^GET \/api\/alerts$/, { access: 'staff', unit: true }],
  // The simulators of outside systems (demo and tests only): their APIs take the system's token, their
  // inspection and switches are for the system administrator; the payment checkout page is the gateway's own.
  [/^(GET|POST) \/api\/sim\/payment\/checkout\//, { access: 'public' }],
  // Fixing the waiting room's clock (browser tests play a day at the counter) is the system administrator's.
  [/^PUT \/api\/sim\/queue-clock$/, { access: 'staff', admin: true }],
  [/^(GET|POST) \/api\/sim\/[a-z-/]*v1\//, { access: 'signed' }],
  [/^(GET|PUT) \/api\/sim\//, { access: 'staff', admin: true }],
];

const ruleFor = (op: Operation): Rule | undefined => RULES.find(([re]) => re.test(op.key))?.[1];

type Principal = {
  name: string;
  kind: 'anonymous' | 'citizen' | 'staff' | 'client';
  session: { cookie: string; csrf: string } | null;
  /** An API client's bearer token (no cookie) and its scopes; it reaches Hạc Thành only. */
  bearer?: { token: string; scopes: string[] };
  /** Province-wide reach (a province role held in the province unit). */
  province?: boolean;
  admin?: boolean;
  /** Citizen B: citizen A's resources are another citizen's. */
  otherCitizen?: boolean;
};

/** Staff accounts of the matrix: each ward role in hacthanh, province roles, and the mixed ones. */
const STAFF: { username: string; grants: { slug: DemoSlug; role: Role }[]; province?: boolean; admin?: boolean }[] = [
  ...(['centre-director', 'reception-officer', 'specialist', 'leader', 'feedback-officer'] as const).map((role) => ({
    username: `mx.${role}`,
    grants: [{ slug: 'hacthanh' as const, role }],
  })),
  { username: 'mx.province-admin', grants: [{ slug: 'tinh', role: 'province-admin' }], province: true },
  { username: 'mx.system-admin', grants: [{ slug: 'tinh', role: 'system-admin' }], province: true, admin: true },
  {
    username: 'mx.two-units',
    grants: [
      { slug: 'hacthanh', role: 'reception-officer' },
      { slug: 'dongtien', role: 'specialist' },
    ],
  },
  {
    username: 'mx.province-and-ward',
    grants: [
      { slug: 'tinh', role: 'province-admin' },
      { slug: 'hacthanh', role: 'reception-officer' },
    ],
    province: true,
  },
];

let t: TestApi;
let f: Fixtures;
let ops: Operation[];
const principals: Principal[] = [];

beforeAll(async () => {
  t = await createTestApi();
  f = await createFixtures(t);
  ops = operationsOf(t.server.swagger() as never);
  for (const s of STAFF) await addStaff(t, s.username, s.grants);
  principals.push(
    { name: 'anonymous', kind: 'anonymous', session: null },
    { name: 'citizen', kind: 'citizen', session: f.citizenA },
    { name: 'other citizen', kind: 'citizen', session: f.citizenB, otherCitizen: true },
  );
  for (const s of STAFF)
    principals.push({ name: s.username, kind: 'staff', session: await t.login(s.username), province: s.province, admin: s.admin });
  // API clients of Hạc Thành: one with every scope, one with the catalogue only.
  const director = principals.find((p) => p.name === 'mx.centre-director')!.session!;
  for (const [name, scopes] of [
    ['client (all scopes)', ['dossiers:read', 'dossiers:write', 'catalogue:read', 'indicators:read', 'feedback:read']],
    ['client (catalogue:read)', ['catalogue:read']],
  ] as const) {
    const reg = await t.req(
      { ...director, userId: '' },
      {
        method: 'POST',
        url: '/api/api-clients',
        payload: { unitId: t.units.hacthanh, name, scopes, ratePerMinute: 100_000 },
      },
    );
    const { clientId, clientSecret } = reg.json() as { clientId: string; clientSecret: string };
    const tok = await t.server.inject({
      method: 'POST',
      url: '/api/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    // The matrix takes longer than a token lives on a loaded machine: this one lives a day.
    await t.database.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where('client_id', '=', clientId)
      .execute();
    principals.push({ name, kind: 'client', session: null, bearer: { token: tok.json().access_token as string, scopes: [...scopes] } });
  }
});
afterAll(() => t.close());

type Cell = { op: Operation; who: Principal; side: 'own' | 'other'; res: LightMyRequestResponse };

/** What must hold for one answer; a message for each thing that does not. */
function check({ op, who, side, res }: Cell, rule: Rule): string[] {
  const status = res.statusCode;
  const code = status >= 400 ? (res.json() as { code?: string }).code : undefined;
  const where = `${op.key} as ${who.name} on ${side} unit's ids → ${status}${code ? ` ${code}` : ''}`;
  const bad: string[] = [];
  const ok = status >= 200 && status < 300;
  if (status >= 500) bad.push(`${where}: a server error`);
  if (status >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) bad.push(`${where}: not problem+json`);
  const needs401 =
    (who.kind === 'anonymous' && ['staff', 'citizen', 'either'].includes(rule.access)) ||
    (who.kind === 'citizen' && rule.access === 'staff') ||
    (who.kind === 'staff' && rule.access === 'citizen');
  if (needs401 && status !== 401) bad.push(`${where}: expected 401`);
  if (rule.access === 'signed' && ok) bad.push(`${where}: an unsigned call succeeded`);
  if (who.kind === 'staff' && status < 500) {
    if (rule.admin && !who.admin && ok) bad.push(`${where}: only system-admin may`);
    if (rule.province && !who.province && ok) bad.push(`${where}: only province roles may`);
    if (rule.unit && side === 'other' && !who.province && ![403, 404].includes(status))
      bad.push(`${where}: another unit's ids must answer 403 or 404`);
  }
  if (who.bearer && status < 500) {
    const forPeople = !rule.scope && !rule.anyClient && !['public', 'signed'].includes(rule.access);
    // 403 not-for-clients; the simulators under /api/sim never read a client's token (401 there).
    if (forPeople && ![401, 403].includes(status)) bad.push(`${where}: an operation for people only must refuse an API client (401/403)`);
    if (rule.scope && !who.bearer.scopes.includes(rule.scope) && status !== 403)
      bad.push(`${where}: a client without ${rule.scope} must get 403`);
    if ((rule.admin || rule.province) && ok) bad.push(`${where}: an API client holds no province role`);
    if (rule.unit && side === 'other' && ![403, 404].includes(status)) bad.push(`${where}: another unit's ids must answer 403 or 404`);
  }
  const namesOwned = op.path.includes('{') || op.key === 'POST /api/portal/documents';
  if (who.otherCitizen && rule.owned && namesOwned && ![401, 403, 404].includes(status))
    bad.push(`${where}: another citizen's resource must answer 404`);
  return bad;
}

// Operations that end the caller's session or change who they are run after all others.
const LAST = /^(POST \/api\/auth\/logout|POST \/api\/portal\/auth\/logout|PUT \/api\/auth\/password|DELETE \/api\/auth\/sessions)/;

describe('authorization matrix from the OpenAPI document', () => {
  it('has an expectation for every operation', () => {
    expect(ops.length).toBeGreaterThan(80);
    expect(ops.filter((op) => !ruleFor(op)).map((op) => op.key)).toEqual([]);
  });

  it('every operation × principal × own/other unit answers as the table says: 401 without the right session, never another unit’s or citizen’s data, never 500', async () => {
    const failures: string[] = [];
    let cells = 0;
    const ordered = [...ops.filter((op) => !LAST.test(op.key)), ...ops.filter((op) => LAST.test(op.key))];
    for (const op of ordered) {
      const rule = ruleFor(op);
      if (!rule) continue;
      for (const who of principals) {
        // Citizens have no unit: their "other" side is citizen B's principal, not another unit.
        for (const side of who.kind === 'staff' || who.kind === 'client' ? (['own', 'other'] as const) : (['own'] as const)) {
          const target: Target = f[side];
          const request = requestFor(op, f, target);
          const res = who.bearer
            ? await t.server.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${who.bearer.token}` } })
            : await t.req(who.session ? { ...who.session, userId: '' } : null, request);
          cells++;
          failures.push(...check({ op, who, side, res }, rule));
        }
      }
    }
    expect(cells).toBeGreaterThan(ops.length * principals.length);
    expect(failures).toEqual([]);
    // Two API-client principals made the matrix a fifth larger; it takes ~9 minutes on a loaded 2-core machine.
  }, 1_200_000);

  it('nothing of the other unit or of citizen A was taken over: fixtures are where they were', async () => {
    const db = t.database.db;
    const drafts = await db.selectFrom('intake_draft').select('id').where('id', 'in', [f.own.draftId, f.other.draftId]).execute();
    expect(drafts).toHaveLength(2);
    const d = await db.selectFrom('dossier').select(['id', 'unit_id']).where('id', '=', f.other.dossierId).executeTakeFirstOrThrow();
    expect(d.unit_id).toBe(f.other.unitId);
  });
});
