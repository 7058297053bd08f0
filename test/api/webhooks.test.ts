// Webhooks of API clients, end to end on a real PostgreSQL and a real HTTP receiver (test/support/webhook-receiver.ts,
// which verifies signatures with the client package): signing (Standard Webhooks and Motcua's own headers), the
// replay window, retries with back-off into the dead list, replay with the same event id, one subscription's
// receiver being down or hanging not holding up another's, and refused receivers (not https, private addresses at
// subscription and at delivery, events beyond the client's scopes, units beyond its reach).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../clients/typescript/src/webhooks';
import { signWebhook } from '../../src/adapters/webhook.adapter';
import { backoffMs, sweepOutbox } from '../../src/jobs/outbox';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { dossierKit, HOUR, later } from '../jobs/helpers';

let t: TestApi;
let rx: Receiver;
let director: Session;
let kit: Awaited<ReturnType<typeof dossierKit>>;

const register = async (scopes: string[], as: Session = director) => {
  const r = await t.req(as, {
    method: 'POST',
    url: '/api/api-clients',
    payload: { unitId: t.units.hacthanh, name: `LGSP ${Math.random()}`, scopes, ratePerMinute: 100_000 },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json() as { clientId: string; clientSecret: string };
};
const tokenOf = async (c: { clientId: string; clientSecret: string }) =>
  (
    await t.server.inject({
      method: 'POST',
      url: '/api/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }).toString(),
    })
  ).json().access_token as string;
const subscribe = (as: Session, payload: Record<string, unknown>) => t.req(as, { method: 'POST', url: '/api/webhooks', payload });
const deliveries = async (id: string) =>
  (await t.req(director, { method: 'GET', url: `/api/webhooks/${id}/deliveries` })).json().items as {
    id: string;
    eventId: string;
    type: string;
    state: string;
    attempts: number;
    nextAttemptAt: string | null;
    log: { statusCode: number | null; error: string | null }[];
  }[];

beforeAll(async () => {
  // Demo mode (http receivers) and private addresses allowed: the receiver is on 127.0.0.1. The refusals are tested
  // on a second server below, configured as in production.
  t = await createTestApi({
    MOTCUA_DEMO: 'true',
    MOTCUA_WEBHOOK_ALLOW_PRIVATE: 'true',
    MOTCUA_WEBHOOK_TIMEOUT_SECONDS: '2',
    MOTCUA_OUTBOX_MAX_ATTEMPTS: '3',
    MOTCUA_OUTBOX_BACKOFF_SECONDS: '60',
  });
  rx = await startReceiver();
  director = await t.login('hacthanh.centre-director');
  kit = await dossierKit(t);
}, 240_000);
afterAll(async () => {
  await rx?.close();
  await t?.close();
});

describe('subscribing and delivering', () => {
  it('a dossier received and moved is delivered signed, verifiable with the package, without personal data', async () => {
    const c = await register(['dossiers:read']);
    const r = await subscribe(director, { clientId: c.clientId, url: rx.url('/a'), events: ['dossier.status-changed'] });
    expect(r.statusCode, r.body).toBe(201);
    const { webhook, secret } = r.json() as { webhook: { id: string; unitIds: string[] }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.unitIds).toEqual([t.units.hacthanh]);
    rx.secret('/a', secret);

    const d = await kit.intake();
    await sweepOutbox(t.app);
    const got = rx.got('/a');
    expect(got).toHaveLength(1);
    const g = got[0]!;
    expect(g.event).toMatchObject({ type: 'dossier.status-changed', data: { dossierId: d.id, code: d.code, unitId: t.units.hacthanh } });
    // Motcua's own header names carry the same timestamp and an HMAC over "timestamp.body" with the same key.
    expect(g.headers['motcua-event-id']).toBe(g.headers['webhook-id']);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const ts = String(g.headers['webhook-timestamp']);
    expect(g.headers['motcua-signature']).toBe(`sha256=${createHmac('sha256', key).update(`${ts}.${g.body}`).digest('hex')}`);
    // Ids and statuses only: the applicant is read through the API, where the access is logged.
    const dossier = (await t.req(kit.officer, { method: 'GET', url: `/api/dossiers/${d.id}` })).json() as {
      applicant: { idNumber: string };
    };
    expect(g.body).not.toContain(dossier.applicant.idNumber);
    expect((await deliveries(webhook.id))[0]).toMatchObject({ state: 'delivered', attempts: 1, log: [{ statusCode: 200, error: null }] });
  });

  it('a wrong key, a changed body and a timestamp outside the replay window do not verify', () => {
    const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    const body = JSON.stringify({ type: 'dossier.status-changed', timestamp: new Date().toISOString(), data: { code: 'X' } });
    const fresh = signWebhook(secret, 'evt_1', new Date(), body);
    expect(verifyWebhook(secret, body, fresh).id).toBe('evt_1');
    expect(() => verifyWebhook(`whsec_${Buffer.alloc(24, 8).toString('base64')}`, body, fresh)).toThrow();
    expect(() => verifyWebhook(secret, body.replace('"X"', '"Y"'), fresh)).toThrow();
    // By hand, as docs/integrators.md shows it.
    const [id, timestamp, signatureHeader] = [fresh['webhook-id']!, fresh['webhook-timestamp']!, fresh['webhook-signature']!];
    const rawBody = body;
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64');
    const ok =
      Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300 &&
      signatureHeader.split(' ').some((s) => s.startsWith('v1,') && timingSafeEqual(Buffer.from(s.slice(3)), Buffer.from(expected)));
    expect(ok).toBe(true);
    const old = signWebhook(secret, 'evt_1', new Date(Date.now() - 10 * 60_000), body);
    expect(() => verifyWebhook(secret, body, old)).toThrow(/timestamp/i);
  });

  it('a receiver that is down: retries with back-off, the same event id each time, then the dead list; a replay delivers it once', async () => {
    const c = await register(['dossiers:read', 'dossiers:write']);
    const { webhook, secret } = (
      await subscribe(director, { clientId: c.clientId, url: rx.url('/down'), events: ['dossier.status-changed'] })
    ).json();
    rx.secret('/down', secret);
    rx.mode('/down', 'down');
    await kit.intake();
    const t0 = new Date();
    await sweepOutbox(t.app, { now: t0, random: () => 1 });
    let [first] = await deliveries(webhook.id);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, log: [{ statusCode: 503, error: 'HTTP 503' }] });
    // Back-off: base 60 s for the first retry (random 1 = the full delay), doubling after.
    expect(new Date(first!.nextAttemptAt!).getTime() - t0.getTime()).toBe(backoffMs(1, 60, 1800, () => 1));
    // Not due yet: nothing is attempted.
    await sweepOutbox(t.app, { now: later(t0, 30_000) });
    expect((await deliveries(webhook.id))[0]!.attempts).toBe(1);
    await sweepOutbox(t.app, { now: later(t0, HOUR), random: () => 1 });
    await sweepOutbox(t.app, { now: later(t0, 3 * HOUR), random: () => 1 });
    [first] = await deliveries(webhook.id);
    expect(first).toMatchObject({ state: 'dead', attempts: 3 });
    expect(first!.log.map((l) => l.statusCode)).toEqual([503, 503, 503]);
    const ids = new Set(rx.got('/down').map((g) => g.headers['webhook-id']));
    expect(ids).toEqual(new Set([first!.eventId]));

    // The receiver is back; the administrator replays the dead delivery: same event id, delivered, acted on once.
    rx.mode('/down', 'up');
    const rp = await t.req(director, { method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${first!.id}/replay` });
    expect(rp.statusCode, rp.body).toBe(200);
    expect(rp.json()).toMatchObject({ state: 'pending', attempts: 0 });
    const again = await t.req(director, { method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${first!.id}/replay` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('webhook-delivery-pending');
    await sweepOutbox(t.app);
    expect((await deliveries(webhook.id))[0]).toMatchObject({ state: 'delivered', eventId: first!.eventId });
    // A second replay of the delivered message: the receiver sees the id again and acts once.
    await t.req(director, { method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${first!.id}/replay` });
    await sweepOutbox(t.app);
    expect(rx.handled('/down')).toEqual([first!.eventId]);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', webhook.id).execute();
    expect(audit.filter((a) => a.action === 'webhook.replayed')).toHaveLength(2);
  }, 120_000);

  it('a receiver that hangs holds one message of its own; another subscription gets every event in the same sweep', async () => {
    const c1 = await register(['dossiers:read']);
    const c2 = await register(['dossiers:read']);
    const slow = (await subscribe(director, { clientId: c1.clientId, url: rx.url('/hang'), events: ['dossier.status-changed'] })).json();
    const fine = (await subscribe(director, { clientId: c2.clientId, url: rx.url('/fine'), events: ['dossier.status-changed'] })).json();
    rx.secret('/hang', slow.secret);
    rx.secret('/fine', fine.secret);
    rx.mode('/hang', 'hang');
    for (let i = 0; i < 3; i++) await kit.intake();
    await sweepOutbox(t.app);
    expect(rx.got('/fine').filter((g) => g.event)).toHaveLength(3);
    const hung = await deliveries(slow.webhook.id);
    expect(hung).toHaveLength(3);
    // Only the oldest was tried (and timed out); the two behind it wait their turn, untouched.
    expect(hung.map((h) => h.attempts).sort()).toEqual([0, 0, 1]);
    expect(hung.find((h) => h.attempts === 1)!.log[0]).toMatchObject({ statusCode: null, error: 'timeout' });
  }, 120_000);

  it('a client subscribes with its own token, sees only its own webhooks, and gets 404 for another’s', async () => {
    const c = await register(['dossiers:read']);
    const other = await register(['dossiers:read']);
    const tok = await tokenOf(c);
    const r = await t.server.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { authorization: `Bearer ${tok}` },
      payload: { url: rx.url('/self'), events: ['dossier.result-issued'] },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().webhook.clientId).toBe(c.clientId);
    const theirs = (
      await subscribe(director, { clientId: other.clientId, url: rx.url('/theirs'), events: ['dossier.status-changed'] })
    ).json();
    const list = await t.server.inject({ method: 'GET', url: '/api/webhooks', headers: { authorization: `Bearer ${tok}` } });
    expect(list.json().items.map((w: { clientId: string }) => w.clientId)).toEqual([c.clientId]);
    for (const req of [
      { method: 'GET' as const, url: `/api/webhooks/${theirs.webhook.id}/deliveries` },
      { method: 'DELETE' as const, url: `/api/webhooks/${theirs.webhook.id}` },
    ]) {
      const res = await t.server.inject({ ...req, headers: { authorization: `Bearer ${tok}` } });
      expect(res.statusCode).toBe(404);
    }
    // Another ward's director does not see this ward's clients' webhooks either.
    const nv = await t.login('nguyetvien.centre-director');
    expect((await t.req(nv, { method: 'GET', url: `/api/webhooks/${theirs.webhook.id}/deliveries` })).statusCode).toBe(404);
    expect((await subscribe(nv, { clientId: other.clientId, url: rx.url('/x'), events: ['dossier.status-changed'] })).statusCode).toBe(404);
  });

  it('events beyond the client’s scopes or units beyond its reach are 422; an ended webhook gets nothing new', async () => {
    const c = await register(['dossiers:read']);
    const noScope = await subscribe(director, { clientId: c.clientId, url: rx.url('/n'), events: ['feedback.published'] });
    expect(noScope.statusCode).toBe(422);
    expect(noScope.json().code).toBe('webhook-event-not-allowed');
    const farUnit = await subscribe(director, {
      clientId: c.clientId,
      url: rx.url('/n'),
      events: ['dossier.status-changed'],
      unitIds: [t.units.nguyetvien],
    });
    expect(farUnit.statusCode).toBe(422);
    expect(farUnit.json().code).toBe('webhook-unit-out-of-reach');
    const ok = (await subscribe(director, { clientId: c.clientId, url: rx.url('/ended'), events: ['dossier.status-changed'] })).json();
    const del = await t.req(director, { method: 'DELETE', url: `/api/webhooks/${ok.webhook.id}` });
    expect(del.json().disabledAt).not.toBeNull();
    await kit.intake();
    expect(await deliveries(ok.webhook.id)).toEqual([]);
  });
});

describe('refused receivers (production settings: https only, no private addresses)', () => {
  let p: TestApi;
  let pDirector: Session;
  beforeAll(async () => {
    p = await createTestApi({ MOTCUA_WEBHOOK_TIMEOUT_SECONDS: '2' });
    pDirector = await p.login('hacthanh.centre-director');
  }, 240_000);
  afterAll(() => p?.close());

  const client = async () =>
    (
      await p.req(pDirector, {
        method: 'POST',
        url: '/api/api-clients',
        payload: { unitId: p.units.hacthanh, name: 'LGSP', scopes: ['dossiers:read'] },
      })
    ).json() as { clientId: string };

  it('http, and names or addresses that are private, loopback or link-local: 422 naming the rule, nothing stored', async () => {
    const c = await client();
    const sub = (url: string) =>
      p.req(pDirector, {
        method: 'POST',
        url: '/api/webhooks',
        payload: { clientId: c.clientId, url, events: ['dossier.status-changed'] },
      });
    const http = await sub('http://lgsp.example.gov.vn/hook');
    expect(http.statusCode).toBe(422);
    expect(http.headers['content-type']).toContain('application/problem+json');
    expect(http.json().code).toBe('webhook-url-not-https');
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.20.30.40/hook',
      'https://192.168.1.10:8443/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[fd00::5]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://localhost/hook',
    ]) {
      const r = await sub(url);
      expect(r.statusCode, url).toBe(422);
      expect(r.json().code, url).toBe('webhook-url-private');
    }
    const creds = await sub('https://user:pw@93.184.216.34/hook');
    expect(creds.statusCode).toBe(400);
    const stored = await p.database.db.selectFrom('webhook_subscription').select('id').where('client_id', '=', c.clientId).execute();
    expect(stored).toEqual([]);
  });

  it('a name that resolves to a private address at delivery (DNS rebinding) is refused where the connection is made: dead at once', async () => {
    const c = await client();
    const r = await p.req(pDirector, {
      method: 'POST',
      url: '/api/webhooks',
      payload: { clientId: c.clientId, url: 'https://93.184.216.34/hook', events: ['dossier.status-changed'] },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().webhook.id as string;
    // The name now answers with a loopback address: what a rebinding attacker's DNS would do after the check.
    await p.database.db.updateTable('webhook_subscription').set({ url: 'https://localhost:9/hook' }).where('id', '=', id).execute();
    const pk = await dossierKit(p);
    await pk.intake();
    await sweepOutbox(p.app);
    const items = (await p.req(pDirector, { method: 'GET', url: `/api/webhooks/${id}/deliveries` })).json().items as {
      state: string;
      attempts: number;
      log: { error: string }[];
    }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'dead', attempts: 1 });
    expect(items[0]!.log[0]!.error).toMatch(/address refused: (127\.0\.0\.1|::1) \(loopback\)/);
  }, 120_000);
});
