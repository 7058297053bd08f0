// VNeID simulator: a real OpenID Connect provider (oidc-provider, certified by the OpenID Foundation) with the
// synthetic citizens of the registry simulator as accounts, at level of assurance 1 or 2. It speaks the same
// authorization-code flow (PKCE, state, nonce, acr_values) as the real VNeID; only the sign-in page is ours,
// and it says on every page that it is a simulator. Served under /api/sim/vneid/oidc in demo mode and tests.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import { CITIZEN_COUNT, citizen, citizenById, type Citizen } from './citizens';
import { gate, type SimulatorModes } from './modes';

export const VNEID_SIM_PREFIX = '/api/sim/vneid/oidc';
export const ACR = { 1: 'urn:vneid:loa:1', 2: 'urn:vneid:loa:2' } as const;
/** The passcode every synthetic account accepts (shown on the simulator's sign-in page). */
export const SIM_PASSCODE = '123456';

/** Synthetic citizens whose index ends in 4 or 9 hold a level-1 account; the others level 2. */
export function simulatedLoa(idNumber: string): 1 | 2 {
  const last = idNumber.at(-1);
  return last === '4' || last === '9' ? 1 : 2;
}

/** VNeID's subject is opaque and stable per citizen (not the ID number). */
export function simulatedSub(secret: string, idNumber: string): string {
  return createHmac('sha256', secret).update(`vneid-sub:${idNumber}`).digest('base64url').slice(0, 32);
}

export type VneidSimOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  secret: string;
  modes: SimulatorModes;
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PAGE_STYLE = `body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#f4f6fa;color:#111}
main{max-width:32rem;margin:0 auto;padding:1rem}
.sim{background:#fff3cd;border:2px solid #b58100;padding:.5rem .75rem;border-radius:6px;font-weight:600}
h1{font-size:1.5rem;color:#a50e0e}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box;border:2px solid #555;border-radius:6px}
button{font-size:1.1rem;padding:.7rem 1.2rem;margin-top:1rem;border-radius:6px;border:0;background:#a50e0e;color:#fff;cursor:pointer}
button:focus,input:focus{outline:3px solid #1d4ed8;outline-offset:2px}.err{color:#a50e0e;font-weight:600}
table{border-collapse:collapse;margin-top:1rem;font-size:.95rem}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}`;

function loginPage(uid: string, error?: string, requested?: string): string {
  const examples = [0, 1, 2, 3, 4].map((i) => citizen(i));
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>VNeID (mô phỏng) — Đăng nhập</title><style>${PAGE_STYLE}</style></head><body><main>
<p class="sim" role="note">MÔ PHỎNG — đây là trình mô phỏng VNeID đi kèm Motcua để chạy thử, không phải VNeID thật.</p>
<h1>Đăng nhập tài khoản định danh điện tử</h1>
${requested ? `<p>Dịch vụ yêu cầu mức độ: <strong>${esc(requested)}</strong></p>` : ''}
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/api/sim/vneid/login/${esc(uid)}">
<label for="idNumber">Số định danh cá nhân</label>
<input id="idNumber" name="idNumber" inputmode="numeric" autocomplete="username" pattern="[0-9]{12}" required>
<label for="passcode">Mật khẩu (mô phỏng: ${SIM_PASSCODE})</label>
<input id="passcode" name="passcode" type="password" inputmode="numeric" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>
<table><caption>Tài khoản mẫu</caption><tr><th>Số định danh</th><th>Họ tên</th><th>Mức</th></tr>
${examples.map((c) => `<tr><td>${c.idNumber}</td><td>${esc(c.fullName)}</td><td>${simulatedLoa(c.idNumber)}</td></tr>`).join('')}
</table></main></body></html>`;
}

/**
 * The simulator's storage of sessions, codes and grants: in this process's memory, which is what a simulator
 * needs (a restart signs simulated citizens out of VNeID, not out of Motcua).
 */
class SimulatorStore {
  private static items = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  private live(k: string) {
    const v = SimulatorStore.items.get(k);
    if (!v) return undefined;
    if (v.expiresAt < Date.now()) {
      SimulatorStore.items.delete(k);
      return undefined;
    }
    return v.payload;
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    SimulatorStore.items.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    return this.live(this.key(id));
  }
  async findByUid(uid: string) {
    for (const [k] of SimulatorStore.items) if (k.startsWith(`${this.model}:`) && this.live(k)?.uid === uid) return this.live(k);
    return undefined;
  }
  async findByUserCode(userCode: string) {
    for (const [k] of SimulatorStore.items) if (k.startsWith(`${this.model}:`) && this.live(k)?.userCode === userCode) return this.live(k);
    return undefined;
  }
  async consume(id: string) {
    const v = this.live(this.key(id));
    if (v) v.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    SimulatorStore.items.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [k, v] of SimulatorStore.items) if (v.payload.grantId === grantId) SimulatorStore.items.delete(k);
  }
}

export function createVneidProvider(o: VneidSimOptions): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'motcua-vneid-sim-1', use: 'sig', alg: 'RS256' };
  let bySub: Map<string, Citizen> | undefined;
  const configuration: Configuration = {
    clients: [
      {
        client_id: o.clientId,
        client_secret: o.clientSecret,
        redirect_uris: o.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    adapter: SimulatorStore as never,
    pkce: { required: () => true, methods: ['S256'] },
    acrValues: [ACR[1], ACR[2]],
    scopes: ['openid', 'profile', 'phone', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'address', 'personal_id', 'gender'],
      phone: ['phone_number'],
      email: ['email'],
    },
    // The ID token carries the claims (VNeID's RPs read them there); the userinfo endpoint has them too.
    conformIdTokenClaims: false,
    cookies: { keys: [o.secret] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/api/sim/vneid/login/${interaction.uid}` },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, sub) {
      bySub ??= new Map([...Array(CITIZEN_COUNT).keys()].map((i) => citizen(i)).map((x) => [simulatedSub(o.secret, x.idNumber), x]));
      const c = bySub.get(sub);
      if (!c) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: c.fullName,
          birthdate: c.dateOfBirth,
          gender: c.sex,
          address: { formatted: c.address },
          personal_id: c.idNumber,
          phone_number: c.phone,
        }),
      };
    },
    // First-party client: the grant is given with the sign-in (no consent page), as VNeID does for public services.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const client = ctx.oidc.client!;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid profile phone email');
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>VNeID (mô phỏng) — Lỗi</title><style>${PAGE_STYLE}</style></head><body><main><p class="sim">MÔ PHỎNG VNeID</p><h1>Có lỗi</h1><p>${esc(String(out.error_description ?? out.error))}</p></main></body></html>`;
    },
  };
  const provider = new Provider(o.issuer, configuration);
  provider.proxy = true;
  return provider;
}

/** The provider's own routes (discovery, authorize, token, JWKS, userinfo) and the simulator's sign-in page. */
export const vneidSimulator =
  (o: VneidSimOptions): FastifyPluginAsyncZod =>
  async (server) => {
    let provider: Provider | undefined;
    const get = () => (provider ??= createVneidProvider(o));

    const handOver = async (req: FastifyRequest, reply: FastifyReply) => {
      await gate(o.modes, 'vneid');
      reply.hijack();
      const raw = req.raw as typeof req.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '').slice(VNEID_SIM_PREFIX.length) || '/';
      void get().callback()(raw, reply.raw);
    };
    await server.register(async (s) => {
      // The provider reads its own request bodies: leave the stream untouched for it.
      s.removeAllContentTypeParsers();
      s.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
      s.route({
        method: ['GET', 'POST', 'HEAD', 'OPTIONS'],
        url: `${VNEID_SIM_PREFIX}/*`,
        schema: { hide: true },
        config: { csrf: false },
        handler: handOver,
      });
    });
    // The sign-in page posts an ordinary HTML form.
    server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    const Params = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();
    const requestedLevel = (acr: unknown) => (typeof acr === 'string' && acr.includes(ACR[2]) ? 'mức 2' : undefined);

    server.get('/api/sim/vneid/login/:uid', { schema: { hide: true, params: Params } }, async (req, reply) => {
      const details = await get().interactionDetails(req.raw, reply.raw);
      reply.header('x-motcua-simulator', 'true').header('cache-control', 'no-store');
      return reply.type('text/html').send(loginPage(details.uid, undefined, requestedLevel(details.params.acr_values)));
    });

    server.post('/api/sim/vneid/login/:uid', { schema: { hide: true, params: Params }, config: { csrf: false } }, async (req, reply) => {
      const details = await get().interactionDetails(req.raw, reply.raw);
      const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
      const idNumber = (form.get('idNumber') ?? '').trim();
      const c = citizenById(idNumber);
      if (!c || form.get('passcode') !== SIM_PASSCODE) {
        reply.header('x-motcua-simulator', 'true');
        return reply
          .code(401)
          .type('text/html')
          .send(loginPage(details.uid, 'Số định danh hoặc mật khẩu không đúng.', requestedLevel(details.params.acr_values)));
      }
      const loa = simulatedLoa(idNumber);
      reply.hijack();
      await get().interactionFinished(
        req.raw,
        reply.raw,
        { login: { accountId: simulatedSub(o.secret, idNumber), acr: ACR[loa], amr: ['pwd'], remember: false } },
        { mergeWithLastSubmission: false },
      );
    });
  };
