// API clients: registration, the client-credentials grant (client_secret_basic and client_secret_post), bearer calls
// without cookies or CSRF under the same scoping, audit and personal-data log, and every refusal: a wrong secret, an
// expired or revoked token, a scope the client lacks, an operation for people only, a unit outside its reach, an
// address outside its allow-list, its rate (shared by every server process); secret rotation with two valid secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientService } from '../../src/services/api-client.service';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let director: Session; // hacthanh.centre-director
let nvDirector: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;

beforeAll(async () => {
  t = await createTestApi();
  director = await t.login('hacthanh.centre-director');
  nvDirector = await t.login('nguyetvien.centre-director');
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
});
afterAll(() => t.close());

const register = (as: Session, body: Record<string, unknown>) => t.req(as, { method: 'POST', url: '/api/api-clients', payload: body });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const tokenPost = (fields: Record<string, string>, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.server.inject({
    method: 'POST',
    url: '/api/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const token = async (id: string, secret: string, scope?: string): Promise<string> => {
  const r = await tokenPost({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { authorization: basic(id, secret) });
  if (r.statusCode !== 200) throw new Error(`token: ${r.statusCode} ${r.body}`);
  return r.json().access_token as string;
};
const bearer = (tok: string, opts: { method: 'GET' | 'POST'; url: string; payload?: unknown }) =>
  t.server.inject({ ...opts, payload: opts.payload as never, headers: { authorization: `Bearer ${tok}` } });
const intakeBody = (unitId = t.units.hacthanh, point = pointId) => ({
  procedureId: marital.id,
  competentUnitId: unitId,
  receptionPointId: point,
  channel: 'in-person',
  applicant: { idNumber: citizen(43).idNumber, fullName: 'Người nộp qua hệ thống khác' },
  components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
});
const newClient = async (over: Record<string, unknown> = {}) => {
  const r = await register(director, {
    unitId: t.units.hacthanh,
    name: 'LGSP Thanh Hóa',
    scopes: ['dossiers:read', 'dossiers:write'],
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { clientId: string; clientSecret: string; client: { secrets: unknown[] } };
};

describe('registration', () => {
  it('a director registers a client for the unit: the secret is shown once and kept as an argon2id hash', async () => {
    const c = await newClient();
    expect(c.clientSecret.length).toBeGreaterThanOrEqual(40);
    const stored = await t.database.db.selectFrom('api_client_secret').select('secret_hash').where('client_id', '=', c.clientId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.secret_hash).toMatch(/^\$argon2id\$/);
    expect(stored[0]!.secret_hash).not.toContain(c.clientSecret);
    const got = await t.req(director, { method: 'GET', url: `/api/api-clients/${c.clientId}` });
    expect(got.json()).not.toHaveProperty('clientSecret');
    const listed = (await t.req(director, { method: 'GET', url: '/api/api-clients' })).json().items as { id: string }[];
    expect(listed.map((x) => x.id)).toContain(c.clientId);
    // Another ward's director neither sees it nor lists it.
    expect((await t.req(nvDirector, { method: 'GET', url: `/api/api-clients/${c.clientId}` })).statusCode).toBe(404);
    const theirs = (await t.req(nvDirector, { method: 'GET', url: '/api/api-clients' })).json().items as { id: string }[];
    expect(theirs.map((x) => x.id)).not.toContain(c.clientId);
    // Its acting identity is no staff member.
    const staff = (await t.req(director, { method: 'GET', url: '/api/staff' })).json();
    expect(JSON.stringify(staff)).not.toContain('LGSP');
  });

  it('nobody gives a client more reach than they administer; reception officers register none', async () => {
    const r = await register(director, { unitId: t.units.hacthanh, name: 'x', scopes: ['dossiers:read'], unitIds: [t.units.nguyetvien] });
    expect(r.statusCode).toBe(403);
    const officer = await t.login('hacthanh.reception-officer');
    expect((await register(officer, { unitId: t.units.hacthanh, name: 'x', scopes: ['dossiers:read'] })).statusCode).toBe(403);
    const badIp = await register(director, { unitId: t.units.hacthanh, name: 'x', scopes: ['dossiers:read'], ipAllow: ['10.0.0.0/99'] });
    expect(badIp.statusCode).toBe(400);
    expect(badIp.json().code).toBe('validation-failed');
  });
});

describe('client credentials grant', () => {
  it('client_secret_basic and client_secret_post give a short-lived bearer token, not cached', async () => {
    const c = await newClient();
    const a = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'dossiers:read dossiers:write' });
    expect(a.headers['cache-control']).toBe('no-store');
    const b = await tokenPost({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      scope: 'dossiers:read',
    });
    expect(b.statusCode).toBe(200);
    expect(b.json().scope).toBe('dossiers:read');
    const rows = await t.database.db.selectFrom('api_token').select('id').where('client_id', '=', c.clientId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.id)).not.toContain(a.json().access_token);
  });

  it('a wrong secret, an unknown client and a scope it was not given are refused as problem+json, and audited', async () => {
    const c = await newClient();
    const wrong = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, 'not-the-secret') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ code: 'invalid-client', error: 'invalid_client' });
    const unknown = await tokenPost({
      grant_type: 'client_credentials',
      client_id: '00000000-0000-4000-8000-000000000000',
      client_secret: 'x',
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const scope = await tokenPost(
      { grant_type: 'client_credentials', scope: 'feedback:read' },
      { authorization: basic(c.clientId, c.clientSecret) },
    );
    expect(scope.statusCode).toBe(400);
    expect(scope.json()).toMatchObject({ code: 'invalid-scope', error: 'invalid_scope' });
    const grant = await tokenPost({ grant_type: 'password' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(grant.json()).toMatchObject({ code: 'unsupported-grant-type' });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', c.clientId).execute();
    expect(audit.map((a) => a.action)).toContain('api-client.token-refused');
  });
});

describe('bearer calls', () => {
  it('a counter intake and its reading with a bearer token, no cookie, no CSRF; audit and personal-data log name the client', async () => {
    const c = await newClient();
    const tok = await token(c.clientId, c.clientSecret);
    const r = await bearer(tok, { method: 'POST', url: '/api/dossiers', payload: intakeBody() });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const page = await bearer(tok, { method: 'GET', url: `/api/dossiers/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().applicant.idNumber).toBe(citizen(43).idNumber);
    const user = await t.database.db.selectFrom('api_client').select('user_id').where('id', '=', c.clientId).executeTakeFirstOrThrow();
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'actor_name']).where('subject_id', '=', id).execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.actor_id === user.user_id && a.actor_name.startsWith('api-'))).toBe(true);
    const reads = await t.database.db.selectFrom('personal_data_access').select('actor_id').where('subject_id', '=', id).execute();
    expect(reads.some((x) => x.actor_id === user.user_id)).toBe(true);
  });

  it('a unit outside the client’s reach is refused like for a person (403/404), and its dossiers are not listed', async () => {
    const c = await newClient();
    const tok = await token(c.clientId, c.clientSecret);
    const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
      slug: string;
      receptionPoints: { id: string }[];
    }[];
    const nvPoint = units.find((u) => u.slug === 'nguyetvien')!.receptionPoints[0]!.id;
    const r = await bearer(tok, { method: 'POST', url: '/api/dossiers', payload: intakeBody(t.units.nguyetvien, nvPoint) });
    expect([403, 404]).toContain(r.statusCode);
    const list = await bearer(tok, { method: 'GET', url: `/api/dossiers?unitId=${t.units.nguyetvien}` });
    expect([200, 403, 404]).toContain(list.statusCode);
    if (list.statusCode === 200) expect(list.json().items).toEqual([]);
  });

  it('a scope the token lacks is 403 scope-missing; an operation for people only is 403 not-for-clients; both audited', async () => {
    const c = await newClient();
    const tok = await token(c.clientId, c.clientSecret, 'dossiers:read');
    const w = await bearer(tok, { method: 'POST', url: '/api/dossiers', payload: intakeBody() });
    expect(w.statusCode).toBe(403);
    expect(w.json()).toMatchObject({ code: 'scope-missing', scope: 'dossiers:write' });
    const staff = await bearer(tok, { method: 'GET', url: '/api/staff' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().code).toBe('not-for-clients');
    const ind = await bearer(tok, { method: 'GET', url: `/api/indicators?unitId=${t.units.hacthanh}` });
    expect(ind.statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', c.clientId).execute();
    expect(audit.filter((a) => a.action === 'api-client.denied').length).toBeGreaterThanOrEqual(3);
    // Public operations stay public.
    expect((await bearer(tok, { method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('an invalid, an expired and a revoked token are 401 with WWW-Authenticate; revocation also ends the secret', async () => {
    const c = await newClient();
    const bad = await bearer('nonsense', { method: 'GET', url: '/api/dossiers' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('token-invalid');
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
    const tok = await token(c.clientId, c.clientSecret);
    await t.database.db
      .updateTable('api_token')
      .set({ expires_at: new Date('2001-01-02'), created_at: new Date('2001-01-01') })
      .where('client_id', '=', c.clientId)
      .execute();
    const expired = await bearer(tok, { method: 'GET', url: '/api/dossiers' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('token-expired');
    const live = await token(c.clientId, c.clientSecret);
    expect((await bearer(live, { method: 'GET', url: '/api/dossiers' })).statusCode).toBe(200);
    const rev = await t.req(director, { method: 'POST', url: `/api/api-clients/${c.clientId}/revoke` });
    expect(rev.statusCode).toBe(200);
    expect(rev.json().revokedAt).not.toBeNull();
    const after = await bearer(live, { method: 'GET', url: '/api/dossiers' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('token-invalid');
    const again = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(again.statusCode).toBe(401);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', c.clientId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['api-client.registered', 'api-client.revoked']));
  });

  it('cookies are not read on a bearer call: a staff cookie beside a bad token does not rescue it', async () => {
    const r = await t.server.inject({
      method: 'GET',
      url: '/api/dossiers',
      headers: { cookie: director.cookie, authorization: 'Bearer nonsense' },
    });
    expect(r.statusCode).toBe(401);
  });
});

describe('rotation, allow-list and rate', () => {
  it('rotation keeps the previous secret valid during the overlap; a rotation without overlap ends it', async () => {
    const c = await newClient();
    const r1 = await t.req(director, { method: 'POST', url: `/api/api-clients/${c.clientId}/rotate`, payload: { overlapHours: 2 } });
    expect(r1.statusCode, r1.body).toBe(200);
    const s2 = r1.json().clientSecret as string;
    expect(s2).not.toBe(c.clientSecret);
    expect(r1.json().client.secrets).toHaveLength(2);
    await token(c.clientId, c.clientSecret);
    await token(c.clientId, s2);
    const r2 = await t.req(director, { method: 'POST', url: `/api/api-clients/${c.clientId}/rotate`, payload: { overlapHours: 0 } });
    const s3 = r2.json().clientSecret as string;
    await token(c.clientId, s3);
    for (const old of [c.clientSecret, s2]) {
      const r = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, old) });
      expect(r.statusCode).toBe(401);
    }
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', c.clientId).execute();
    expect(audit.filter((a) => a.action === 'api-client.secret-rotated')).toHaveLength(2);
  });

  it('an address outside the allow-list gets no token and its token does not work from there', async () => {
    const c = await newClient({ ipAllow: ['10.1.0.0/16'] });
    const r = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) }, '192.0.2.7');
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ip-not-allowed');
    const ok = await tokenPost({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) }, '10.1.2.3');
    expect(ok.statusCode).toBe(200);
    const tok = ok.json().access_token as string;
    const elsewhere = await t.server.inject({
      method: 'GET',
      url: '/api/dossiers',
      headers: { authorization: `Bearer ${tok}` },
      remoteAddress: '192.0.2.7',
    });
    expect(elsewhere.statusCode).toBe(403);
    const inside = await t.server.inject({
      method: 'GET',
      url: '/api/dossiers',
      headers: { authorization: `Bearer ${tok}` },
      remoteAddress: '10.1.9.9',
    });
    expect(inside.statusCode).toBe(200);
  });

  it('the rate is shared by every server process: two processes together let through only the client’s calls per minute', async () => {
    const c = await newClient({ ratePerMinute: 3 });
    const tok = await token(c.clientId, c.clientSecret);
    // Two services over the same database stand for two server processes; one fixed minute, so no boundary falls between calls.
    const [a, b] = [new ApiClientService(t.database.db), new ApiClientService(t.database.db)];
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1_000);
    const answers = [];
    for (const s of [a, b, a, b, a]) answers.push(await s.resolveToken(tok, '127.0.0.1', now));
    expect(answers.map((r) => (typeof r === 'string' ? r : 'ok'))).toEqual(['ok', 'ok', 'ok', 'rate', 'rate']);
    // The next minute starts afresh, and the counts of earlier minutes are cleared away.
    expect(typeof (await b.resolveToken(tok, '127.0.0.1', new Date(now.getTime() + 60_000)))).toBe('object');
    const rows = await t.database.db.selectFrom('api_client_rate').select('minute').where('client_id', '=', c.clientId).execute();
    expect(rows).toHaveLength(2);
  });

  it('calls beyond the client’s rate per minute are 429 with Retry-After', async () => {
    const c = await newClient({ ratePerMinute: 3 });
    const tok = await token(c.clientId, c.clientSecret);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await bearer(tok, { method: 'GET', url: '/api/dossiers' })).statusCode);
    // Three in one minute, then refused (a minute boundary between calls could let one more through: at most 4 pass).
    expect(codes.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    const last = await bearer(tok, { method: 'GET', url: '/api/dossiers' });
    if (last.statusCode === 429) {
      expect(last.json().code).toBe('rate-limited');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(codes).toContain(429);
  });
});
