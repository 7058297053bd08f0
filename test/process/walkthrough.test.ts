// The security walk-through of issue 10, redone the way the review did it: against a real demo server process
// (`motcua start` in demo mode, with its year of history), over HTTP, as an outsider, as two citizens signed in
// through the VNeID simulator's real OpenID Connect flow, and as every staff account of the province and its
// wards. Every answer is recorded; the test fails on any 5xx, on a missing security header, on an error that
// is not problem+json, on any cross-unit read or write, and on any upward account management. The in-process
// authorization matrix and fuzz tests (test/api/authz-matrix.scopes.test.ts, test/api/fuzz.test.ts) cover every
// operation × role × unit with generated bodies; this one checks that the server as shipped, with its demo data,
// holds the same line.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { citizen as syntheticCitizen } from '../../src/simulators/citizens';
import { freshDatabase, type TestDb } from '../support/db';
import { TEST_PASSWORD } from '../support/global-setup';
import { call, login, START_MS, startInstance, stopInstance, type Instance, type Session } from '../support/instance';

const STEP = { timeout: 300_000 };
type Answer = { who: string; method: string; url: string; status: number; type: string };

let t: TestDb;
let srv: Instance;
let dataDir: string;
const answers: Answer[] = [];

/** Every request of the walk-through goes through here, so no answer escapes the checks at the end. */
async function req(who: string, s: Session | null, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await call(srv, s, method, url, body, headers);
  const type = r.headers.get('content-type') ?? '';
  answers.push({ who, method, url, status: r.status, type });
  const text = await r.text();
  if (r.status >= 400 && text)
    expect(type, `${who} ${method} ${url.slice(0, 120)} → ${r.status} ${text.slice(0, 200)}`).toContain('application/problem+json');
  return { status: r.status, headers: r.headers, json: () => JSON.parse(text) as Record<string, unknown>, text };
}

const DENIED = [401, 403, 404];

/** A minimal cookie jar for the OpenID Connect round trip (the server and the simulator share one origin). */
class Jar {
  private cookies = new Map<string, string>();
  take(h: Headers) {
    for (const c of h.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

/** Signs a synthetic citizen in through the VNeID simulator, as a browser would: redirects, the sign-in form, back. */
async function citizenSignIn(index: number): Promise<Session & { idNumber: string }> {
  const c = syntheticCitizen(index);
  const jar = new Jar();
  const local = (u: string) => new URL(u.replace('//localhost:', '//127.0.0.1:'), srv.base).toString();
  let url = local(`${srv.base}/api/portal/auth/vneid?level=2&returnTo=/cong-dan`);
  let form: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const r = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    });
    jar.take(r.headers);
    form = undefined;
    const next = r.headers.get('location');
    if (r.status >= 300 && r.status < 400 && next) {
      url = local(next);
      if (new URL(url).pathname === '/cong-dan') break;
      continue;
    }
    expect(r.status, `VNeID step ${url}`).toBe(200);
    const action = /<form method="post" action="([^"]+)"/.exec(await r.text());
    expect(action, `no sign-in form at ${url}`).not.toBeNull();
    url = local(action![1]!);
    form = new URLSearchParams({ idNumber: c.idNumber, passcode: '123456' }).toString();
  }
  const token = jar.get('motcua_citizen');
  expect(token, 'no portal session after the VNeID round trip').toBeTruthy();
  const cookie = `motcua_citizen=${token}`;
  const me = await fetch(`${srv.base}/api/portal/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  return { cookie, csrf: ((await me.json()) as { csrfToken: string }).csrfToken, idNumber: c.idNumber };
}

type Account = { id: string; username: string; units: string[]; province: boolean; admin: boolean };
let units: { id: string; slug: string; type: string }[];
let accounts: Account[];
let wards: { id: string; slug: string }[];
/** A dossier, a file and a staff account of each unit, read straight from the database. */
const owned = new Map<string, { dossier?: string; file?: string; staff: string[] }>();

beforeAll(async () => {
  t = await freshDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-walk-'));
  srv = await startInstance(t.url, {
    MOTCUA_DEMO: 'true',
    MOTCUA_DEMO_PASSWORD: TEST_PASSWORD,
    MOTCUA_DATA_DIR: dataDir,
  });
  units = await t.db.selectFrom('unit').select(['id', 'slug', 'type']).execute();
  wards = units.filter((u) => u.type !== 'province');
  const roles = await t.db
    .selectFrom('user_role')
    .innerJoin('staff_user', 'staff_user.id', 'user_role.user_id')
    .innerJoin('unit', 'unit.id', 'user_role.unit_id')
    .select(['staff_user.id', 'staff_user.username', 'user_role.role', 'user_role.unit_id', 'unit.type'])
    .where('staff_user.active', '=', true)
    .execute();
  const byId = new Map<string, Account>();
  for (const r of roles) {
    const a = byId.get(r.id) ?? { id: r.id, username: r.username, units: [], province: false, admin: false };
    a.units.push(r.unit_id);
    if (r.role === 'system-admin') a.admin = true;
    if (r.type === 'province' && (r.role === 'province-admin' || r.role === 'system-admin')) a.province = true;
    byId.set(r.id, a);
  }
  accounts = [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  for (const u of units) {
    const d = await t.db.selectFrom('dossier').select('id').where('unit_id', '=', u.id).limit(1).executeTakeFirst();
    const f = await t.db.selectFrom('stored_file').select('id').where('unit_id', '=', u.id).limit(1).executeTakeFirst();
    owned.set(u.id, { dossier: d?.id, file: f?.id, staff: accounts.filter((a) => a.units.includes(u.id)).map((a) => a.id) });
  }
}, START_MS + 120_000);

afterAll(async () => {
  await stopInstance(srv);
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  // What the walk-through tried, for the record in the test output.
  const by = new Map<string, number>();
  for (const a of answers) by.set(String(a.status), (by.get(String(a.status)) ?? 0) + 1);
  console.log(`walk-through: ${answers.length} requests; answers by status: ${JSON.stringify(Object.fromEntries(by))}`);
}, 120_000);

// Each test's own requests: none may get a 5xx. Checked after each test, so the check holds whatever runs alone or
// first.
let firstOfTest = 0;
beforeEach(() => {
  firstOfTest = answers.length;
});
afterEach(() => {
  const mine = answers.slice(firstOfTest);
  expect(mine.filter((a) => a.status >= 500)).toEqual([]);
});

describe('the demo server, walked through as everyone', () => {
  it('the demo shows the real shape: one system administrator, province roles only in the province', STEP, async () => {
    expect(accounts.filter((a) => a.admin).map((a) => a.username)).toEqual(['admin']);
    const provinceUnits = new Set(units.filter((u) => u.type === 'province').map((u) => u.id));
    const roles = await t.db.selectFrom('user_role').select(['role', 'unit_id']).where('role', '=', 'province-admin').execute();
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect(provinceUnits.has(r.unit_id)).toBe(true);
    // The walk needs something to reach for in each ward.
    for (const w of wards) expect(owned.get(w.id)?.dossier, `no dossier in ${w.slug}`).toBeTruthy();
  });

  it('every answer carries the security headers', STEP, async () => {
    for (const url of ['/healthz', '/api/units', '/api/dossiers', '/api/nowhere', '/', '/cong-dan']) {
      const r = await req('outsider', null, 'GET', url);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(/script-src[^;]*'unsafe-inline'/.test(csp), `${url}: inline script allowed`).toBe(false);
      expect(r.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), url).toBe('DENY');
      expect(r.headers.get('referrer-policy'), url).toBeTruthy();
    }
  });

  it('an outsider: every operation answers without a 500, and nothing but the public ones succeed', STEP, async () => {
    const doc = (await req('outsider', null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    let tried = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (p.startsWith('/api/sim/') || p === '/api/portal/auth/vneid' || p === '/api/portal/auth/callback') continue;
        const url = p.replace(/\{[^}]+\}/g, () => randomUUID());
        const r = await req('outsider', null, method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
        tried++;
        // No requirement, or an empty one among the alternatives, is public (OpenAPI 3.1 §4.8.10).
        const isPublic = !op.security || op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0);
        if (!isPublic) expect(r.status, `${method} ${p} without credentials`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(tried).toBeGreaterThan(100);
  });

  it(
    "the review's hostile values from outside: NUL characters, numbers beyond their column, a 414, a forged request id",
    STEP,
    async () => {
      expect((await req('outsider', null, 'POST', '/api/auth/login', { username: 'admin\u0000', password: 'x' })).status).toBe(400);
      expect((await req('outsider', null, 'GET', '/api/public/dossiers/H56%00X')).status).toBe(400);
      expect((await req('outsider', null, 'GET', '/api/procedures?q=a%00b')).status).toBe(400);
      expect((await req('outsider', null, 'GET', '/api/procedures?cursor=9999999999999999999')).status).toBe(400);
      // A path segment beyond the router's limit is 414; a head beyond Node's 16 KiB is 431 from the HTTP parser.
      expect((await req('outsider', null, 'GET', `/api/public/dossiers/${'A'.repeat(300)}`)).status).toBe(414);
      expect((await req('outsider', null, 'GET', `/api/procedures?q=${'a'.repeat(20_000)}`)).status).toBe(431);
      const forgedId = `forged-${'<script>'.repeat(100)}`;
      const forged = await req('outsider', null, 'GET', '/api/dossiers', undefined, { 'x-request-id': forgedId });
      expect(forged.status).toBe(401);
      expect(forged.headers.get('x-request-id') ?? '').not.toContain('forged');
      expect(forged.json().requestId).not.toContain('forged');
      const director = await login(srv, `${wards[0]!.slug}.centre-director`);
      const audit = await req('director', director, 'GET', `/api/audit?unitId=${wards[0]!.id}&cursor=9999999999999999999`);
      expect(audit.status).toBe(400);
      const officer = await login(srv, `${wards[0]!.slug}.reception-officer`);
      const draft = { unitId: wards[0]!.id, revision: 2147483648, data: {} };
      expect((await req('officer', officer, 'PUT', `/api/intake-drafts/${randomUUID()}`, draft)).status).toBe(400);
      // A locked account answers exactly like an unknown one and like a wrong password.
      const wrong = await req('outsider', null, 'POST', '/api/auth/login', { username: 'admin', password: 'not-the-password-1A' });
      const unknown = await req('outsider', null, 'POST', '/api/auth/login', { username: 'nobody-here', password: 'not-the-password-1A' });
      expect(wrong.status).toBe(unknown.status);
      expect(wrong.json().code).toBe(unknown.json().code);
    },
  );

  it("every staff account: no other ward's dossiers, files or accounts, and no account above its own reach", STEP, async () => {
    // An account that is province-admin of the province and also holds a ward role: the shape of the review's takeover.
    const admin = await login(srv, 'admin');
    const province = units.find((u) => u.type === 'province')!;
    const made = await req('admin', admin, 'POST', '/api/staff', {
      username: 'walk.dual',
      fullName: 'Cán bộ hai đơn vị',
      password: 'Walk-through-2026',
      roles: [
        { unitId: province.id, role: 'province-admin' },
        { unitId: wards[0]!.id, role: 'specialist' },
      ],
    });
    expect(made.status).toBe(201);
    const dual = String(made.json().id);
    const adminId = accounts.find((a) => a.username === 'admin')!.id;
    const upward = [adminId, dual, ...accounts.filter((a) => a.province).map((a) => a.id)];

    let checked = 0;
    for (const a of accounts.filter((x) => !x.province && !x.admin)) {
      const s = await login(srv, a.username);
      for (const w of wards.filter((u) => !a.units.includes(u.id))) {
        const theirs = owned.get(w.id)!;
        expect((await req(a.username, s, 'GET', `/api/dossiers?unitId=${w.id}`)).status, `${a.username} lists ${w.slug}`).toBe(403);
        if (theirs.dossier) {
          const d = theirs.dossier;
          expect(DENIED, `${a.username} reads a dossier of ${w.slug}`).toContain(
            (await req(a.username, s, 'GET', `/api/dossiers/${d}`)).status,
          );
          const act = await req(a.username, s, 'POST', `/api/dossiers/${d}/actions/assign`, { assigneeId: a.id });
          expect(DENIED, `${a.username} acts on a dossier of ${w.slug}`).toContain(act.status);
          const pdf = await req(a.username, s, 'GET', `/api/dossiers/${d}/forms/receipt.pdf`);
          expect(DENIED, `${a.username} prints a receipt of ${w.slug}`).toContain(pdf.status);
        }
        if (theirs.file) expect(DENIED).toContain((await req(a.username, s, 'GET', `/api/files/${theirs.file}`)).status);
        for (const other of theirs.staff.slice(0, 2)) {
          expect(DENIED).toContain((await req(a.username, s, 'GET', `/api/staff/${other}`)).status);
          expect(DENIED).toContain(
            (await req(a.username, s, 'POST', `/api/staff/${other}/password-reset`, { password: 'Taken-over-2026' })).status,
          );
        }
        checked++;
      }
      for (const target of upward) {
        const tries = [
          await req(a.username, s, 'PATCH', `/api/staff/${target}`, { active: false }),
          await req(a.username, s, 'POST', `/api/staff/${target}/password-reset`, { password: 'Taken-over-2026' }),
          await req(a.username, s, 'PUT', `/api/staff/${target}/roles`, { roles: [{ unitId: a.units[0], role: 'specialist' }] }),
          await req(a.username, s, 'POST', `/api/staff/${target}/sessions/revoke`, {}),
        ];
        for (const r of tries) expect(DENIED, `${a.username} manages an account above it: ${r.status} ${r.text}`).toContain(r.status);
      }
    }
    expect(checked).toBeGreaterThan(10);
    // Nobody took the dual account over: it still signs in with its own password.
    await login(srv, 'walk.dual', 'Walk-through-2026');
  });

  it("two citizens signed in through VNeID: neither reaches the other's application, nor anything of staff", STEP, async () => {
    const a = await citizenSignIn(3);
    const b = await citizenSignIn(5);
    const ward = wards[0]!;
    const proc = await t.db
      .selectFrom('unit_procedure')
      .select('procedure_id')
      .where('unit_id', '=', ward.id)
      .limit(1)
      .executeTakeFirstOrThrow();
    const appId = randomUUID();
    const draft = { procedureId: proc.procedure_id, unitId: ward.id, form: {}, components: [] };
    const created = await req('citizen A', a, 'PUT', `/api/portal/applications/${appId}`, draft);
    expect(created.status, created.text).toBeLessThan(300);
    expect((await req('citizen A', a, 'GET', `/api/portal/applications/${appId}`)).status).toBe(200);
    for (const [method, url, body] of [
      ['GET', `/api/portal/applications/${appId}`, undefined],
      ['PUT', `/api/portal/applications/${appId}`, draft],
      ['DELETE', `/api/portal/applications/${appId}`, undefined],
      ['POST', `/api/portal/applications/${appId}/submit`, {}],
      ['GET', `/api/portal/applications/${appId}/otp`, undefined],
    ] as const) {
      const r = await req('citizen B', b, method, url, body);
      expect(DENIED, `citizen B ${method} ${url}: ${r.status}`).toContain(r.status);
    }
    const dossier = owned.get(ward.id)!.dossier!;
    for (const s of [a, b]) {
      expect(DENIED).toContain((await req('citizen', s, 'GET', `/api/portal/dossiers/${dossier}`)).status);
      expect((await req('citizen', s, 'GET', `/api/dossiers/${dossier}`)).status).toBe(401);
      expect((await req('citizen', s, 'GET', `/api/staff`)).status).toBe(401);
      expect((await req('citizen', s, 'GET', `/api/registry/citizens/${b.idNumber}?unitId=${ward.id}&purpose=intake`)).status).toBe(401);
    }
    // A's application is untouched by B's attempts.
    expect((await req('citizen A', a, 'GET', `/api/portal/applications/${appId}`)).status).toBe(200);
  });
});
