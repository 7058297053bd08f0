// POST /api/admin/payments/reconcile: a system administrator runs the reconciliation now (over every pending
// payment, as the daily job does) instead of waiting for the next quarter-hour; nobody else may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import { paymentKit } from '../support/payment';

let t: TestApi;
let admin: Session;
let officer: Session;
let alice: CitizenSession;

beforeAll(async () => {
  t = await createTestApi();
  [admin, officer, alice] = await Promise.all([t.login('admin'), t.login('hacthanh.reception-officer'), citizenSession(t, 1)]);
});
afterAll(() => t.close());

describe('reconciliation on demand', () => {
  it('marks a payment whose notification was lost paid at once, for a system administrator only', async () => {
    const pay = paymentKit(t);
    await pay.dropCallbacks(admin, true);
    try {
      const s = await pay.start(alice);
      expect((await pay.checkout(s.redirectUrl!, 'paid', alice.cookie)).statusCode).toBe(303);
      // The notification was lost and the payment is younger than the 15-minute job's two minutes.
      expect((await pay.row(s.paymentId)).status).toBe('pending');

      const refused = await t.req(officer, { method: 'POST', url: '/api/admin/payments/reconcile' });
      expect(refused.statusCode).toBe(403);
      expect((await t.req(null, { method: 'POST', url: '/api/admin/payments/reconcile' })).statusCode).toBe(401);
      expect((await pay.row(s.paymentId)).status).toBe('pending');

      const r = await t.req(admin, { method: 'POST', url: '/api/admin/payments/reconcile' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ gatewayUnavailable: false });
      expect(r.json().paid).toBeGreaterThanOrEqual(1);
      expect(await pay.row(s.paymentId)).toMatchObject({ status: 'paid', paid_via: 'reconciliation' });

      // Running it again changes nothing.
      const again = await t.req(admin, { method: 'POST', url: '/api/admin/payments/reconcile' });
      expect(again.statusCode).toBe(200);
      expect((await pay.row(s.paymentId)).status).toBe('paid');
    } finally {
      await pay.dropCallbacks(admin, false);
    }
  });
});
