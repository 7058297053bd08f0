// Outbox delivery. Every message to an outside system was written in the transaction of the change that
// caused it; this sweep delivers them, at least once, each with its idempotency key so the receiver's
// effect happens once.
//
// Schedule: a loop in every worker process, every MOTCUA_OUTBOX_SWEEP_SECONDS (default 5 s), not a pg-boss
// job. Cron's resolution is a minute, and the sweep needs no coordination: rows are claimed with
// FOR UPDATE SKIP LOCKED and a lease, so any number of workers share the work without taking a row twice.
// Retry: per message, exponential back-off with jitter (MOTCUA_OUTBOX_BACKOFF_SECONDS doubling up to
// MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS); after MOTCUA_OUTBOX_MAX_ATTEMPTS attempts the message is dead, listed
// for an administrator (GET /api/admin/outbox?state=dead) who may replay it.
// Webhooks (topic 'webhook'): one subscription's messages go one at a time, oldest first, so a receiver that is
// down holds one message (backing off) and no batch slots; other subscriptions' messages go on. A receiver that
// hangs delays only the batch it is in, by at most its time-out (MOTCUA_WEBHOOK_TIMEOUT_SECONDS).
import type { App } from '../app';
import type { DeliveryResult } from '../adapters/delivery';
import { FEEDBACK_PORTAL_TOPIC, PORTAL_TOPIC } from '../adapters/national-portal.adapter';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import { VNEID_PUSH_TOPIC } from '../adapters/vneid-push.adapter';
import { deliverToSimulator } from '../simulators/training-sink';
import { WEBHOOK_TOPIC } from '../adapters/webhook.adapter';
import { claimOutbox, markDelivered, markFailed, type OutboxMessage } from '../db/repositories/outbox.repository';

/** `message` is the whole row (the webhook deliverer logs each attempt against its id). */
export type Deliver = (payload: Record<string, unknown>, idempotencyKey: string, message?: OutboxMessage) => Promise<DeliveryResult>;

export const outboxJob = {
  name: 'outbox-sweep',
  /** A loop in each worker (see above), every `config.outbox.sweepSeconds`. */
  loop: true,
  /** At most this many batches per sweep, so one sweep ends even while messages keep arriving. */
  maxBatches: 20,
  /** A claimed row is not taken by another sweep for this long (longer than any delivery's time-out). */
  leaseMs: 60_000,
} as const;

/** The adapter for each topic. */
export function deliverers(app: App): Record<string, Deliver> {
  return {
    [PORTAL_TOPIC]: (p, k) => app.adapters.portal.sendStatus(p, k),
    [FEEDBACK_PORTAL_TOPIC]: (p, k) => app.adapters.portal.sendFeedback(p, k),
    [SMS_TOPIC]: (p, k) => app.adapters.sms.send(p, k),
    [EMAIL_TOPIC]: (p, k) => app.adapters.email.send(p, k),
    [VNEID_PUSH_TOPIC]: (p, k) => app.adapters.vneidPush.send(p, k),
    // API clients' webhooks: one subscription's messages one at a time (claimOutbox), each attempt logged.
    [WEBHOOK_TOPIC]: async (_p, _k, m) => (m ? app.services.webhooks.deliver(m) : { ok: false, reason: 'no outbox row' }),
  };
}

/** Milliseconds to wait before attempt `attempts + 1`: base × 2^(attempts−1), capped, with jitter in [½, 1]. */
export function backoffMs(attempts: number, baseSeconds: number, maxSeconds: number, random: () => number = Math.random): number {
  const full = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1)) * 1000;
  return Math.round(full * (0.5 + random() / 2));
}

export type SweepResult = { claimed: number; delivered: number; failed: number; dead: number };

export type SweepOptions = {
  now?: Date;
  /** Replaces the adapters (tests wrap them to fail after the receiver accepted). */
  deliver?: Record<string, Deliver>;
  random?: () => number;
};

async function deliverOne(
  app: App,
  m: OutboxMessage,
  deliver: Record<string, Deliver>,
  now: Date,
  random: () => number,
): Promise<keyof SweepResult> {
  const { maxAttempts, backoffSeconds, backoffMaxSeconds } = app.config.outbox;
  let result: DeliveryResult;
  try {
    // Training mode's one gate: a message from a training unit goes to the simulators, never to a real system.
    const send = m.trainingUnitId ? (p: Record<string, unknown>, k: string) => deliverToSimulator(app.db, m.topic, p, k) : deliver[m.topic];
    result = send ? await send(m.payload, m.idempotencyKey, m) : { ok: false, reason: `no adapter for topic ${m.topic}` };
  } catch (e) {
    result = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  if (result.ok) {
    await markDelivered(app.db, m.id, now);
    return 'delivered';
  }
  // m.attempts already counts this attempt (the claim counted it).
  const dead = m.attempts >= maxAttempts || result.permanent === true;
  await markFailed(
    app.db,
    m.id,
    now,
    result.reason,
    dead ? null : new Date(now.getTime() + backoffMs(m.attempts, backoffSeconds, backoffMaxSeconds, random)),
  );
  return dead ? 'dead' : 'failed';
}

/** One sweep: claim due messages in small batches and deliver each batch concurrently. */
export async function sweepOutbox(app: App, opts: SweepOptions = {}): Promise<SweepResult> {
  const deliver = opts.deliver ?? deliverers(app);
  const random = opts.random ?? Math.random;
  const total: SweepResult = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
  for (let i = 0; i < outboxJob.maxBatches; i++) {
    const now = opts.now ?? new Date();
    const batch = await claimOutbox(app.db, now, app.config.outbox.batch, outboxJob.leaseMs);
    total.claimed += batch.length;
    const outcomes = await Promise.all(batch.map((m) => deliverOne(app, m, deliver, now, random)));
    for (const o of outcomes) total[o]++;
    // Go on while messages are being delivered (a dossier's next change becomes due when its previous one is delivered).
    if (batch.length === 0 || !outcomes.includes('delivered')) break;
  }
  return total;
}
