// Online payment tests: a citizen's service context, the simulator's checkout as a browser would use it,
// notifications signed as the gateway signs them, and the rows and audit entries to look at.
import { randomUUID } from 'node:crypto';
import { PAYMENT_SIGNATURE_HEADER, signPaymentBody } from '../../src/adapters/payment.adapter';
import type { PaymentRow } from '../../src/services/payment.service';
import type { ServiceContext } from '../../src/services/context';
import type { TestApi, Session } from './api';
import type { CitizenSession } from './citizen';

export function citizenCtx(c: CitizenSession): ServiceContext {
  return {
    actor: null,
    citizen: { citizenId: c.citizenId, idNumber: c.idNumber, fullName: '', loa: 2, sessionId: 'test' },
    requestId: `test-${randomUUID()}`,
    lang: 'vi',
    ip: '127.0.0.1',
  };
}

export function paymentKit(t: TestApi) {
  const db = t.database.db;
  const start = (c: CitizenSession, over: { subjectType?: string; subjectId?: string; amount?: number; description?: string } = {}) =>
    t.app.services.payments.start(citizenCtx(c), {
      subjectType: over.subjectType ?? 'test-fee',
      subjectId: over.subjectId ?? randomUUID(),
      citizenId: c.citizenId,
      amount: over.amount ?? 50_000,
      description: over.description ?? 'Lệ phí đăng ký khai sinh',
      returnUrl: '/cong-dan/thanh-toan',
    });

  /** Presses a button on the simulator's checkout page, as the citizen's browser (their cookie, no CSRF header). */
  const checkout = (redirectUrl: string, result: 'paid' | 'cancelled', cookie?: string) =>
    t.server.inject({
      method: 'POST',
      url: redirectUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      payload: `result=${result}`,
    });

  /** POSTs a notification to Motcua; signed with the simulator's key unless `signature` is given. */
  const callback = (body: string, signature?: string | null, contentType = 'application/json') =>
    t.server.inject({
      method: 'POST',
      url: '/api/payments/callback',
      headers: {
        'content-type': contentType,
        ...(signature === null
          ? {}
          : { [PAYMENT_SIGNATURE_HEADER]: signature ?? `sha256=${signPaymentBody(t.app.simulators!.paymentSecret, body)}` }),
      },
      payload: body,
    });

  const notification = (p: PaymentRow, over: Record<string, unknown> = {}) =>
    JSON.stringify({
      merchantId: t.app.config.payment.merchantId,
      merchantRef: p.id,
      gatewayRef: p.gateway_ref,
      amount: p.amount,
      status: 'paid',
      paidAt: new Date().toISOString(),
      ...over,
    });

  const row = (id: string) => db.selectFrom('payment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const audit = (id: string) =>
    db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'payment').where('subject_id', '=', id).orderBy('id').execute();

  const dropCallbacks = (admin: Session, drop: boolean) =>
    t.req(admin, { method: 'PUT', url: '/api/sim/payment/drop-callbacks', payload: { drop } });
  const mode = (admin: Session, m: 'up' | 'down' | 'slow') =>
    t.req(admin, { method: 'PUT', url: '/api/sim/payment/mode', payload: { mode: m } });
  const transactions = async (admin: Session, merchantRef: string) =>
    (await t.req(admin, { method: 'GET', url: `/api/sim/payment/transactions?merchantRef=${merchantRef}` })).json().items as {
      gatewayRef: string;
      status: string;
      callbackStatus: string | null;
      dropCallback: boolean;
    }[];

  /** Counts the onPaid calls per payment for a subject type; `stop()` unregisters. */
  const countPaid = (subjectType = 'test-fee') => {
    const calls: { id: string; status: string; seenInTrx: string }[] = [];
    const stop = t.app.services.payments.onPaid(subjectType, async (trx, p) => {
      // Inside the marking transaction: the row already reads as paid there.
      const inTrx = await trx.selectFrom('payment').select('status').where('id', '=', p.id).executeTakeFirstOrThrow();
      calls.push({ id: p.id, status: p.status, seenInTrx: inTrx.status });
    });
    return { calls, of: (id: string) => calls.filter((c) => c.id === id).length, stop };
  };

  return { start, checkout, callback, notification, row, audit, dropCallbacks, mode, transactions, countPaid };
}
