// Machine clients of the API: registration by a unit's administrators, the OAuth 2.0 client-credentials grant
// (RFC 6749 §4.4), bearer tokens, rotation with two valid secrets, revocation, IP allow-lists and a rate per client
// (calls per minute, counted in PostgreSQL so that every server process shares it).
//
// Tokens are opaque (32 random bytes), stored as their SHA-256 like staff sessions, and live 10 minutes. Why not
// signed JWTs: every call must load the client anyway (its units, its allow-list, whether it was revoked), so a
// self-contained token saves no query, while a row makes revocation immediate and needs no signing keys to manage.
// Secrets are argon2id hashes (the staff passwords' parameters).
import { createHash, randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { verify as argonVerify } from '@node-rs/argon2';
import { policies, unitsWhere, type Actor } from '../domain/access';
import { clientActor, grantedScopes, isApiScope, type ApiScope } from '../domain/api-clients';
import { Problem } from '../domain/problems';
import { relaxedOf, type Db } from '../db/database';
import {
  countClientCall,
  findApiClient,
  findToken,
  insertApiClient,
  insertToken,
  listApiClients,
  liveSecrets,
  revokeApiClient,
  rotateSecret,
  type ApiClientRow,
} from '../db/repositories/api-client.repository';
import { appendAudit } from '../db/repositories/audit.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { hashPassword } from './auth.service';
import { requireActor, roleIn, type ServiceContext } from './context';

/** Seconds a bearer token lives (RFC 6749 `expires_in`). */
export const TOKEN_TTL_SECONDS = 600;
/** Hours the previous secret stays valid after a rotation unless the administrator says otherwise. */
export const DEFAULT_OVERLAP_HOURS = 24;

const randomToken = () => randomBytes(32).toString('base64url');
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ApiClientView = {
  id: string;
  name: string;
  unitId: string;
  scopes: ApiScope[];
  unitIds: string[];
  ipAllow: string[];
  ratePerMinute: number;
  createdAt: Date;
  revokedAt: Date | null;
  secrets: { createdAt: Date; expiresAt: Date | null }[];
};

export type ClientRegistration = {
  unitId: string;
  name: string;
  scopes: string[];
  unitIds?: string[];
  ipAllow?: string[];
  ratePerMinute?: number;
};

/** The principal of a bearer request. */
export type ClientPrincipal = { clientId: string; name: string; scopes: ApiScope[]; actor: Actor };

export type TokenFailure = 'invalid' | 'expired' | 'ip' | 'rate';

/** An address or CIDR block as the allow-list takes it, or null. */
function parseAllowed(entry: string): { addr: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [addr = '', bits] = entry.trim().split('/');
  const v = isIP(addr);
  if (!v) return null;
  const max = v === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) return null;
  return { addr, prefix, family: v === 4 ? 'ipv4' : 'ipv6' };
}

export function ipAllowed(allow: readonly string[], ip: string): boolean {
  if (!allow.length) return true;
  const list = new BlockList();
  for (const e of allow) {
    const p = parseAllowed(e);
    if (p) list.addSubnet(p.addr, p.prefix, p.family);
  }
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const fam = isIP(plain);
  return fam ? list.check(plain, fam === 4 ? 'ipv4' : 'ipv6') : false;
}

export class ApiClientService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly db: Db) {}

  private view(c: ApiClientRow, secrets: { createdAt: Date; expiresAt: Date | null }[]): ApiClientView {
    return {
      id: c.id,
      name: c.name,
      unitId: c.unitId,
      scopes: c.scopes.filter(isApiScope),
      unitIds: c.unitIds,
      ipAllow: c.ipAllow,
      ratePerMinute: c.ratePerMinute,
      createdAt: c.createdAt,
      revokedAt: c.revokedAt,
      secrets,
    };
  }

  /** The units whose clients the actor manages: those it administers (a centre director's own, a province's all). */
  private async administered(actor: Actor) {
    const tree = await listUnitTree(this.db);
    return { tree, units: unitsWhere(actor, tree, ['system-admin', 'province-admin', 'centre-director']) };
  }

  private async visible(ctx: ServiceContext, id: string): Promise<{ actor: Actor; client: ApiClientRow }> {
    const actor = requireActor(ctx);
    const { units } = await this.administered(actor);
    const client = UUID.test(id) ? await findApiClient(this.db, id) : undefined;
    if (!client || !units.has(client.unitId)) throw new Problem('not-found', { what: 'API client' });
    return { actor, client };
  }

  async register(ctx: ServiceContext, input: ClientRegistration): Promise<{ client: ApiClientView; clientSecret: string }> {
    const actor = requireActor(ctx);
    const { tree } = await this.administered(actor);
    if (!tree.some((u) => u.id === input.unitId)) throw new Problem('not-found', { what: 'unit' });
    const unitIds = [...new Set(input.unitIds?.length ? input.unitIds : [input.unitId])];
    // Nobody gives a client more reach than they administer.
    for (const u of [input.unitId, ...unitIds]) {
      if (!tree.some((n) => n.id === u)) throw new Problem('not-found', { what: 'unit' });
      if (!policies.administerUnit(actor, tree, u)) throw new Problem('forbidden');
    }
    const scopes = [...new Set(input.scopes)];
    const bad = scopes.filter((s) => !isApiScope(s));
    if (!scopes.length || bad.length)
      throw new Problem('validation-failed', { summary: `scopes: unknown ${bad.join(', ') || '(none given)'}` });
    const ipAllow = (input.ipAllow ?? []).map((e) => e.trim());
    const badIp = ipAllow.filter((e) => !parseAllowed(e));
    if (badIp.length) throw new Problem('validation-failed', { summary: `ipAllow: not an address or CIDR block: ${badIp.join(', ')}` });
    const secret = randomToken();
    const secretHash = await hashPassword(secret);
    const created = await this.db.transaction().execute(async (trx) => {
      const ids = await insertApiClient(trx, {
        username: `api-${randomBytes(6).toString('hex')}`,
        name: input.name.trim(),
        unitId: input.unitId,
        scopes,
        unitIds,
        ipAllow,
        ratePerMinute: input.ratePerMinute ?? 600,
        createdBy: actor.userId,
        secretHash,
      });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, input.unitId),
        unitId: input.unitId,
        action: 'api-client.registered',
        subjectType: 'api-client',
        subjectId: ids.id,
        requestId: ctx.requestId,
        details: { name: input.name.trim(), scopes, unitIds, ipAllow },
      });
      return ids;
    });
    const client = await this.get(ctx, created.id);
    return { client, clientSecret: secret };
  }

  async list(ctx: ServiceContext): Promise<ApiClientView[]> {
    const actor = requireActor(ctx);
    const { units } = await this.administered(actor);
    const rows = (await listApiClients(this.db, [...units])).filter((c) => units.has(c.unitId));
    const now = new Date();
    return Promise.all(rows.map(async (c) => this.view(c, await this.secretsOf(c.id, now))));
  }

  async get(ctx: ServiceContext, id: string): Promise<ApiClientView> {
    const { client } = await this.visible(ctx, id);
    return this.view(client, await this.secretsOf(client.id, new Date()));
  }

  private async secretsOf(clientId: string, now: Date) {
    return (await liveSecrets(this.db, clientId, now)).map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt }));
  }

  /** A new secret; the previous ones stay valid for `overlapHours` (0 = end now), so the integrator can switch. */
  async rotate(
    ctx: ServiceContext,
    id: string,
    overlapHours = DEFAULT_OVERLAP_HOURS,
    now = new Date(),
  ): Promise<{ client: ApiClientView; clientSecret: string }> {
    const { actor, client } = await this.visible(ctx, id);
    if (client.revokedAt) throw new Problem('api-client-revoked');
    const secret = randomToken();
    const secretHash = await hashPassword(secret);
    const oldUntil = new Date(now.getTime() + overlapHours * 3_600_000);
    await this.db.transaction().execute(async (trx) => {
      await rotateSecret(trx, client.id, secretHash, now, oldUntil);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, client.unitId),
        unitId: client.unitId,
        action: 'api-client.secret-rotated',
        subjectType: 'api-client',
        subjectId: client.id,
        requestId: ctx.requestId,
        details: { previousValidUntil: oldUntil.toISOString() },
      });
    });
    return { client: await this.get(ctx, id), clientSecret: secret };
  }

  /** Ends the client: its secrets and tokens stop working at once. */
  async revoke(ctx: ServiceContext, id: string, now = new Date()): Promise<ApiClientView> {
    const { actor, client } = await this.visible(ctx, id);
    if (!client.revokedAt)
      await this.db.transaction().execute(async (trx) => {
        await revokeApiClient(trx, client.id, client.userId, now);
        await appendAudit(trx, {
          actorId: actor.userId,
          actorName: actor.username,
          actorRole: roleIn(actor, client.unitId),
          unitId: client.unitId,
          action: 'api-client.revoked',
          subjectType: 'api-client',
          subjectId: client.id,
          requestId: ctx.requestId,
        });
      });
    return this.get(ctx, id);
  }

  /**
   * The client-credentials grant. A wrong id, a wrong secret and a revoked client are one answer (401
   * `invalid-client`), each after one argon2 verification, so neither the answer nor its time tells which ids exist.
   */
  async issueToken(
    ctx: ServiceContext,
    req: { clientId: string; clientSecret: string; scope?: string },
    now = new Date(),
  ): Promise<{ accessToken: string; expiresIn: number; scope: string }> {
    const refused = new Problem('invalid-client', {}, { error: 'invalid_client' });
    const client = UUID.test(req.clientId) ? await findApiClient(this.db, req.clientId) : undefined;
    const secrets = client && !client.revokedAt ? await liveSecrets(this.db, client.id, now) : [];
    let ok = false;
    for (const s of secrets) if (await argonVerify(s.secretHash, req.clientSecret).catch(() => false)) ok = true;
    if (!secrets.length) {
      this.dummyHash ??= hashPassword(randomToken());
      await argonVerify(await this.dummyHash, req.clientSecret).catch(() => false);
    }
    if (!client || !ok) {
      if (client)
        await this.auditClient(ctx, client, 'api-client.token-refused', {
          reason: client.revokedAt ? 'revoked' : 'wrong-secret',
          ip: ctx.ip,
        });
      throw refused;
    }
    if (!ipAllowed(client.ipAllow, ctx.ip)) {
      await this.auditClient(ctx, client, 'api-client.token-refused', { reason: 'ip', ip: ctx.ip });
      throw new Problem('ip-not-allowed', {}, { error: 'invalid_client' });
    }
    const scopes = grantedScopes(client.scopes.filter(isApiScope), req.scope);
    if ('missing' in scopes) throw new Problem('invalid-scope', { scopes: scopes.missing.join(' ') }, { error: 'invalid_scope' });
    const token = randomToken();
    await insertToken(this.db, {
      id: sha256(token),
      clientId: client.id,
      scopes,
      now,
      expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000),
    });
    return { accessToken: token, expiresIn: TOKEN_TTL_SECONDS, scope: scopes.join(' ') };
  }

  /** The client behind a bearer token, or why there is none; counts the call against the client's rate. */
  async resolveToken(raw: string, ip: string, now = new Date()): Promise<ClientPrincipal | TokenFailure> {
    const t = await findToken(this.db, sha256(raw));
    if (!t || t.tokenRevokedAt || t.clientRevokedAt) return 'invalid';
    if (t.expiresAt <= now) return 'expired';
    if (!ipAllowed(t.ipAllow, ip)) return 'ip';
    // The rate is counted in PostgreSQL, so every server process counts against the same limit (a fixed window per
    // minute). On the relaxed pool: a count lost in a database crash only lets a few more calls through.
    const calls = await countClientCall(relaxedOf(this.db), t.clientId, Math.floor(now.getTime() / 60_000));
    if (calls > t.ratePerMinute) return 'rate';
    const scopes = t.scopes.filter(isApiScope);
    return {
      clientId: t.clientId,
      name: t.name,
      scopes,
      actor: clientActor({ userId: t.userId, username: t.username, name: t.name, scopes, unitIds: t.unitIds }),
    };
  }

  /** A refused bearer call (a scope it lacks, an operation for people only), in the audit log under the client's name. */
  async auditDenied(ctx: ServiceContext, p: ClientPrincipal, details: Record<string, unknown>): Promise<void> {
    const client = await findApiClient(this.db, p.clientId);
    if (client) await this.auditClient(ctx, client, 'api-client.denied', details);
  }

  private async auditClient(ctx: ServiceContext, c: ApiClientRow, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorId: c.userId,
        actorName: c.username,
        actorRole: 'api-client',
        unitId: c.unitId,
        action,
        subjectType: 'api-client',
        subjectId: c.id,
        requestId: ctx.requestId,
        details,
      }),
    );
  }
}
