// Webhooks of API clients: subscribing (by the client itself or by an administrator of its unit), the delivery log
// and replay, and delivering one outbox message (called by the outbox sweep, src/jobs/outbox.ts).
//
// Who may do what: a client manages its own subscriptions only; a person manages those of the clients of the units
// they administer (as for the clients themselves). A subscription covers only events the client's scopes let it
// read (dossier events need dossiers:read…) in units it reaches. The events carry ids, codes and statuses, never a
// citizen's personal data: a receiver that wants the dossier reads it through the API, where the access is logged.
import { randomBytes } from 'node:crypto';
import { unitsWhere, type Actor } from '../domain/access';
import { Problem } from '../domain/problems';
import { checkWebhookUrl, EVENT_SCOPES, isWebhookEvent, type WebhookEvent } from '../domain/webhooks';
import type { Db } from '../db/database';
import { findApiClient, findApiClientByUser, listApiClients, type ApiClientRow } from '../db/repositories/api-client.repository';
import { appendAudit } from '../db/repositories/audit.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import {
  deliveryTarget,
  disableSubscription,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  recordAttempt,
  replayDelivery,
  type DeliveryRow,
  type SubscriptionRow,
} from '../db/repositories/webhook.repository';
import type { DeliveryResult } from '../adapters/delivery';
import { firstRefused, postWebhook, resolveHost, signWebhook } from '../adapters/webhook.adapter';
import { requireActor, roleIn, type ServiceContext } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookOptions = {
  /** Demo mode: http receivers allowed. */
  demo: boolean;
  timeoutMs: number;
  /** Receivers on private, loopback and link-local addresses allowed (tests and local trials only). */
  allowPrivate: boolean;
};

export type SubscriptionView = Omit<SubscriptionRow, 'clientUnitId' | 'events'> & { events: WebhookEvent[] };
export type DeliveryView = DeliveryRow & { state: 'pending' | 'delivered' | 'dead' };

const view = (s: SubscriptionRow): SubscriptionView => ({
  id: s.id,
  clientId: s.clientId,
  url: s.url,
  events: s.events.filter(isWebhookEvent),
  unitIds: s.unitIds,
  createdAt: s.createdAt,
  disabledAt: s.disabledAt,
});

const deliveryView = (d: DeliveryRow): DeliveryView => ({ ...d, state: d.deliveredAt ? 'delivered' : d.deadAt ? 'dead' : 'pending' });

export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly opts: WebhookOptions,
  ) {}

  /** The clients whose webhooks the actor manages: itself when it is a client, else those of units it administers. */
  private async reach(actor: Actor): Promise<{ self: ApiClientRow | undefined; units: Set<string> }> {
    const self = await findApiClientByUser(this.db, actor.userId);
    if (self) return { self, units: new Set() };
    const tree = await listUnitTree(this.db);
    return { self, units: unitsWhere(actor, tree, ['system-admin', 'province-admin', 'centre-director']) };
  }

  private async clientFor(ctx: ServiceContext, clientId: string | undefined): Promise<{ actor: Actor; client: ApiClientRow }> {
    const actor = requireActor(ctx);
    const { self, units } = await this.reach(actor);
    if (self) {
      if (clientId && clientId !== self.id) throw new Problem('not-found', { what: 'API client' });
      return { actor, client: self };
    }
    if (!clientId) throw new Problem('validation-failed', { summary: 'clientId: required' });
    const client = UUID.test(clientId) ? await findApiClient(this.db, clientId) : undefined;
    if (!client || !units.has(client.unitId)) throw new Problem('not-found', { what: 'API client' });
    return { actor, client };
  }

  private async visible(ctx: ServiceContext, id: string): Promise<{ actor: Actor; sub: SubscriptionRow; client: ApiClientRow }> {
    const sub = UUID.test(id) ? await findSubscription(this.db, id) : undefined;
    if (!sub) throw new Problem('not-found', { what: 'webhook' });
    try {
      const { actor, client } = await this.clientFor(ctx, sub.clientId);
      return { actor, sub, client };
    } catch (e) {
      if (e instanceof Problem && e.code === 'not-found') throw new Problem('not-found', { what: 'webhook' });
      throw e;
    }
  }

  /** The receiver's URL, checked as a subscription is made: its form, then every address its name resolves to. */
  async checkUrl(raw: string): Promise<URL> {
    const v = checkWebhookUrl(raw, this.opts.demo);
    if (!v.ok)
      throw v.reason === 'credentials in the URL'
        ? new Problem('validation-failed', { summary: 'url: no user name or password in a webhook URL' })
        : new Problem('webhook-url-not-https');
    let addresses: string[];
    try {
      addresses = await resolveHost(v.url.hostname);
    } catch {
      throw new Problem('webhook-url-unresolvable', { host: v.url.hostname });
    }
    const bad = this.opts.allowPrivate ? null : firstRefused(addresses);
    if (bad) throw new Problem('webhook-url-private', { address: `${bad.address}: ${bad.reason}` });
    return v.url;
  }

  async subscribe(
    ctx: ServiceContext,
    input: { clientId?: string; url: string; events: string[]; unitIds?: string[] },
  ): Promise<{ subscription: SubscriptionView; secret: string }> {
    const { actor, client } = await this.clientFor(ctx, input.clientId);
    if (client.revokedAt) throw new Problem('api-client-revoked');
    const events = [...new Set(input.events)];
    if (!events.length || !events.every(isWebhookEvent)) throw new Problem('validation-failed', { summary: 'events: unknown event' });
    for (const e of events)
      if (!client.scopes.includes(EVENT_SCOPES[e])) throw new Problem('webhook-event-not-allowed', { event: e, scope: EVENT_SCOPES[e] });
    const unitIds = [...new Set(input.unitIds?.length ? input.unitIds : client.unitIds)];
    if (unitIds.some((u) => !client.unitIds.includes(u))) throw new Problem('webhook-unit-out-of-reach');
    const url = await this.checkUrl(input.url);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await insertSubscription(trx, { clientId: client.id, url: url.href, events, unitIds, secret, createdBy: actor.userId });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, client.unitId) || 'api-client',
        unitId: client.unitId,
        action: 'webhook.subscribed',
        subjectType: 'webhook',
        subjectId: id,
        requestId: ctx.requestId,
        details: { clientId: client.id, url: url.href, events, unitIds },
      });
      return id;
    });
    return { subscription: view((await findSubscription(this.db, id))!), secret };
  }

  async list(ctx: ServiceContext, clientId?: string): Promise<SubscriptionView[]> {
    const actor = requireActor(ctx);
    if (clientId) {
      const { client } = await this.clientFor(ctx, clientId);
      return (await listSubscriptions(this.db, [client.id])).map(view);
    }
    const { self, units } = await this.reach(actor);
    const clients = self ? [self] : (await listApiClients(this.db, [...units])).filter((c) => units.has(c.unitId));
    return (
      await listSubscriptions(
        this.db,
        clients.map((c) => c.id),
      )
    ).map(view);
  }

  /** Ends a subscription: no new messages; those pending end as dead when their turn comes. */
  async disable(ctx: ServiceContext, id: string, now = new Date()): Promise<SubscriptionView> {
    const { actor, sub, client } = await this.visible(ctx, id);
    if (!sub.disabledAt)
      await this.db.transaction().execute(async (trx) => {
        await disableSubscription(trx, sub.id, now);
        await appendAudit(trx, {
          actorId: actor.userId,
          actorName: actor.username,
          actorRole: roleIn(actor, client.unitId) || 'api-client',
          unitId: client.unitId,
          action: 'webhook.disabled',
          subjectType: 'webhook',
          subjectId: sub.id,
          requestId: ctx.requestId,
        });
      });
    return view((await findSubscription(this.db, sub.id))!);
  }

  async deliveries(
    ctx: ServiceContext,
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const { sub } = await this.visible(ctx, id);
    const before = cursor && /^[0-9]{1,18}$/.test(cursor) ? cursor : undefined;
    const rows = await listDeliveries(this.db, sub.id, limit + 1, before);
    const items = rows.slice(0, limit).map(deliveryView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /** A delivered or dead delivery sent again with the same event id; audited. */
  async replay(ctx: ServiceContext, id: string, deliveryId: string, now = new Date()): Promise<DeliveryView> {
    const { actor, sub, client } = await this.visible(ctx, id);
    const d = /^[0-9]{1,18}$/.test(deliveryId) ? await findDelivery(this.db, deliveryId) : undefined;
    if (!d || d.subscriptionId !== sub.id) throw new Problem('not-found', { what: 'delivery' });
    await this.db.transaction().execute(async (trx) => {
      if (!(await replayDelivery(trx, d.id, now))) throw new Problem('webhook-delivery-pending');
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, client.unitId) || 'api-client',
        unitId: client.unitId,
        action: 'webhook.replayed',
        subjectType: 'webhook',
        subjectId: sub.id,
        requestId: ctx.requestId,
        details: { deliveryId: d.id, eventId: d.eventId },
      });
    });
    return deliveryView((await findDelivery(this.db, d.id))!);
  }

  /**
   * One attempt of one outbox message of topic `webhook`: signed now, POSTed with a time-out, logged. A subscription
   * that has ended, and a receiver whose name now resolves to a refused address, end the message at once (dead): an
   * administrator may replay it after fixing the cause.
   */
  async deliver(m: { id: string; payload: Record<string, unknown> }, now = new Date()): Promise<DeliveryResult> {
    const p = m.payload as { subscriptionId: string; eventId: string; type: string; timestamp: string; data: unknown };
    const target = await deliveryTarget(this.db, p.subscriptionId);
    const log = (statusCode: number | null, error: string | null, durationMs: number) =>
      recordAttempt(this.db, { outboxId: m.id, subscriptionId: p.subscriptionId, at: now, statusCode, error, durationMs });
    if (!target || target.disabledAt || target.clientRevokedAt) {
      if (target) await log(null, 'webhook disabled', 0);
      return { ok: false, reason: 'webhook disabled', permanent: true };
    }
    const form = checkWebhookUrl(target.url, this.opts.demo);
    if (!form.ok) {
      await log(null, 'URL not https', 0);
      return { ok: false, reason: 'URL not https', permanent: true };
    }
    const body = JSON.stringify({ type: p.type, timestamp: p.timestamp, data: p.data });
    const headers = signWebhook(target.secret, p.eventId, now, body);
    const r = await postWebhook(target.url, body, headers, { timeoutMs: this.opts.timeoutMs, allowPrivate: this.opts.allowPrivate });
    await log(r.statusCode, r.error, r.durationMs);
    if (r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300) return { ok: true, duplicate: false };
    return { ok: false, reason: r.error ?? 'failed', ...(r.refused ? { permanent: true } : {}) };
  }
}
