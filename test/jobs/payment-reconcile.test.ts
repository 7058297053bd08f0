// Payment reconciliation: a notification the gateway lost leaves the payment pending until the job asks the
// gateway, which marks it paid exactly once (onPaid once, receipt number, paid via reconciliation); a late
// notification afterwards changes nothing; a gateway that is down leaves everything pending without an
// error; cancelled payments close as failed and abandoned ones expire after a day.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentReconcileDailyJob, paymentReconcileJob, runPaymentReconcile } from '../../src/jobs/payment-reconcile';
import { SCHEDULED_JOBS } from '../../src/jobs/worker';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import { paymentKit } from '../support/payment';
import { HOUR, later } from './helpers';

const MINUTE = 60_000;

let t: TestApi;
let pay: ReturnType<typeof paymentKit>;
let alice: CitizenSession;
let admin: Session;
let paid: ReturnType<ReturnType<typeof paymentKit>['countPaid']>;

beforeAll(async () => {
  t = await createTestApi();
  pay = paymentKit(t);
  [alice, admin] = await Promise.all([citizenSession(t, 3), t.login('admin')]);
  paid = pay.countPaid();
});
afterAll(() => t.close());

/** A payment paid on the gateway whose notification the gateway lost. */
async function paidButNotified(): Promise<string> {
  expect((await pay.dropCallbacks(admin, true)).statusCode).toBe(200);
  try {
    const s = await pay.start(alice);
    const r = await pay.checkout(s.redirectUrl!, 'paid');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toContain('result=paid');
    return s.paymentId;
  } finally {
    await pay.dropCallbacks(admin, false);
  }
}

describe('the schedule', () => {
  it('runs every 15 minutes and fully once a day, both registered with the worker', () => {
    expect(paymentReconcileJob.cron).toBe('*/15 * * * *');
    expect(paymentReconcileDailyJob.cron).toBe('30 1 * * *');
    expect(SCHEDULED_JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(['payment-reconcile', 'payment-reconcile-daily']));
  });
});

describe('a lost notification', () => {
  it('stays pending; reconciliation marks it paid via reconciliation and calls onPaid exactly once; a late notification changes nothing', async () => {
    const id = await paidButNotified();
    expect((await pay.row(id)).status).toBe('pending');
    expect((await pay.transactions(admin, id))[0]).toMatchObject({ status: 'paid', callbackStatus: 'dropped' });
    expect(paid.of(id)).toBe(0);

    // The 15-minute run leaves payments younger than two minutes to their notification.
    const young = await runPaymentReconcile(t.app, new Date());
    expect((await pay.row(id)).status).toBe('pending');
    expect(young.gatewayUnavailable).toBe(false);

    const r = await runPaymentReconcile(t.app, later(new Date(), 3 * MINUTE));
    expect(r.paid).toBeGreaterThanOrEqual(1);
    const row = await pay.row(id);
    expect(row).toMatchObject({ status: 'paid', paid_via: 'reconciliation', checks: 1 });
    expect(row.receipt_no).toMatch(/^BL-20\d\d-\d{6}$/);
    expect(row.last_checked_at).toBeInstanceOf(Date);
    expect(paid.of(id)).toBe(1);
    const actions = (await pay.audit(id)).map((a) => a.action);
    expect(actions).toEqual(['payment.start', 'payment.paid']);
    expect((await pay.audit(id))[1]!.details).toMatchObject({ via: 'reconciliation', receiptNo: row.receipt_no });

    // Running again, and the gateway's notification arriving late after all: nothing changes.
    await runPaymentReconcile(t.app, later(new Date(), 20 * MINUTE), { full: true });
    const late = await pay.callback(pay.notification(row));
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ duplicate: true, status: 'paid' });
    expect(await pay.row(id)).toEqual(row);
    expect(paid.of(id)).toBe(1);
  });

  it('the daily full run takes young payments too', async () => {
    const id = await paidButNotified();
    const r = await paymentReconcileDailyJob.run(t.app);
    expect(r.gatewayUnavailable).toBe(false);
    expect(await pay.row(id)).toMatchObject({ status: 'paid', paid_via: 'reconciliation' });
    expect(paid.of(id)).toBe(1);
  });

  it('reconciliation and the notification racing: one marking, one onPaid call', async () => {
    const id = await paidButNotified();
    const row = await pay.row(id);
    const [r] = await Promise.all([
      runPaymentReconcile(t.app, new Date(), { full: true }),
      pay.callback(pay.notification(row)),
      pay.callback(pay.notification(row)),
    ]);
    expect(r.errors).toBe(0);
    expect((await pay.row(id)).status).toBe('paid');
    expect(paid.of(id)).toBe(1);
    expect((await pay.audit(id)).filter((a) => a.action === 'payment.paid')).toHaveLength(1);
  });
});

describe('the gateway down during reconciliation', () => {
  it('leaves the payments pending and does not throw; the next run settles them', async () => {
    const id = await paidButNotified();
    expect((await pay.mode(admin, 'down')).statusCode).toBe(200);
    try {
      const r = await runPaymentReconcile(t.app, later(new Date(), 3 * MINUTE));
      expect(r).toMatchObject({ gatewayUnavailable: true, paid: 0, errors: 0 });
      expect(await pay.row(id)).toMatchObject({ status: 'pending', checks: 0, last_checked_at: null });
      await expect(paymentReconcileDailyJob.run(t.app)).resolves.toMatchObject({ gatewayUnavailable: true });
    } finally {
      await pay.mode(admin, 'up');
    }
    const r = await runPaymentReconcile(t.app, later(new Date(), 3 * MINUTE));
    expect(r.gatewayUnavailable).toBe(false);
    expect(await pay.row(id)).toMatchObject({ status: 'paid', paid_via: 'reconciliation' });
    expect(paid.of(id)).toBe(1);
  });
});

describe('payments that are not paid', () => {
  it('cancelled on the gateway with the notification lost: closed as failed', async () => {
    expect((await pay.dropCallbacks(admin, true)).statusCode).toBe(200);
    let id: string;
    try {
      const s = await pay.start(alice);
      id = s.paymentId;
      await pay.checkout(s.redirectUrl!, 'cancelled');
    } finally {
      await pay.dropCallbacks(admin, false);
    }
    expect((await pay.row(id)).status).toBe('pending');
    await runPaymentReconcile(t.app, new Date(), { full: true });
    expect((await pay.row(id)).status).toBe('failed');
    expect((await pay.audit(id)).map((a) => a.action)).toContain('payment.failed');
    expect(paid.of(id)).toBe(0);
  });

  it('still pending at the gateway after a day, or never registered there: expired', async () => {
    const open = await pay.start(alice);
    // Never reached the gateway: created while it was down.
    const subjectId = randomUUID();
    await pay.mode(admin, 'down');
    await pay.start(alice, { subjectId }).catch(() => undefined);
    await pay.mode(admin, 'up');
    const lost = await t.database.db.selectFrom('payment').selectAll().where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
    expect(lost.gateway_ref).toBeNull();

    const soon = await runPaymentReconcile(t.app, later(new Date(), 2 * HOUR));
    expect(soon.stillPending).toBeGreaterThanOrEqual(2);
    expect((await pay.row(open.paymentId)).status).toBe('pending');
    expect((await pay.row(lost.id)).status).toBe('pending');

    await runPaymentReconcile(t.app, later(new Date(), 25 * HOUR));
    expect((await pay.row(open.paymentId)).status).toBe('expired');
    expect((await pay.row(lost.id)).status).toBe('expired');
    expect((await pay.audit(lost.id)).map((a) => a.action)).toContain('payment.expired');

    // Paid at the gateway after it expired here: the money was taken, so it is marked paid after all.
    await pay.checkout(open.redirectUrl!, 'paid');
    expect(await pay.row(open.paymentId)).toMatchObject({ status: 'paid', paid_via: 'callback' });
    expect(paid.of(open.paymentId)).toBe(1);
  });
});
