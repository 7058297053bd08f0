// Online payment through the gateway simulator: start → checkout page → pay → the signed notification marks
// the payment paid once (receipt number, audit, onPaid in the same transaction); repeated notifications
// change nothing; a bad signature or another amount is refused, recorded and changes nothing; garbage never
// gives a 500; the electronic receipt is a signed Vietnamese PDF for the payer and the unit's staff only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import { pdfText } from '../../src/forms/test-support';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';
import { paymentKit } from '../support/payment';
import { dossierKit } from '../jobs/helpers';

let t: TestApi;
let pay: ReturnType<typeof paymentKit>;
let alice: CitizenSession;
let bob: CitizenSession;
let admin: Session;
let paid: ReturnType<ReturnType<typeof paymentKit>['countPaid']>;

beforeAll(async () => {
  t = await createTestApi();
  pay = paymentKit(t);
  [alice, bob, admin] = await Promise.all([citizenSession(t, 1), citizenSession(t, 2), t.login('admin')]);
  paid = pay.countPaid();
});
afterAll(() => t.close());

const problemCode = (r: { json: () => unknown }) => (r.json() as { code: string }).code;

describe('start → checkout → pay → notification', () => {
  it('marks the payment paid by the callback, with a receipt number, audit row and one onPaid call in the same transaction', async () => {
    const s = await pay.start(alice);
    expect(s).toMatchObject({ status: 'pending', receiptNo: null });
    expect(s.redirectUrl).toMatch(/^\/api\/sim\/payment\/checkout\/SIM[0-9A-F]{20}$/);
    // Starting again for the same subject gives the same payment and checkout page.
    const subjectId = (await pay.row(s.paymentId)).subject_id;
    expect(await pay.start(alice, { subjectId })).toEqual(s);

    const page = await t.server.inject({ method: 'GET', url: s.redirectUrl! });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Cổng thanh toán mô phỏng — không phải giao dịch thật');
    expect(page.body).toMatch(/50\.000\s₫/);
    expect(page.body).toContain('Lệ phí đăng ký khai sinh');
    expect(page.body).toMatch(/<button[^>]*type="submit"[^>]*value="paid"[^>]*>Thanh toán<\/button>/);
    expect(page.body).toMatch(/<button[^>]*value="cancelled"[^>]*>Hủy<\/button>/);
    expect(page.body).toContain('lang="vi"');

    // The browser carries the citizen's portal cookie to the simulator's form but no CSRF header: accepted.
    const done = await pay.checkout(s.redirectUrl!, 'paid', alice.cookie);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/cong-dan/thanh-toan?payment=${s.paymentId}&result=paid`);

    const row = await pay.row(s.paymentId);
    expect(row).toMatchObject({ status: 'paid', paid_via: 'callback', amount: 50_000 });
    expect(row.receipt_no).toMatch(/^BL-20\d\d-\d{6}$/);
    expect(row.paid_at).toBeInstanceOf(Date);
    expect(paid.of(s.paymentId)).toBe(1);
    expect(paid.calls.find((c) => c.id === s.paymentId)).toMatchObject({ status: 'paid', seenInTrx: 'paid' });
    expect((await pay.audit(s.paymentId)).map((a) => a.action)).toEqual(['payment.start', 'payment.paid']);
    expect((await pay.transactions(admin, s.paymentId))[0]).toMatchObject({ status: 'paid', callbackStatus: 'delivered' });

    // A paid subject says so; a second press on the gateway's page notifies nobody again.
    expect(await pay.start(alice, { subjectId })).toMatchObject({ paymentId: s.paymentId, status: 'paid', redirectUrl: null });
    expect((await pay.checkout(s.redirectUrl!, 'paid')).statusCode).toBe(303);
    expect(paid.of(s.paymentId)).toBe(1);

    // The citizen's view of it.
    const view = await t.req(null, { method: 'GET', url: `/api/portal/payments/${s.paymentId}`, headers: { cookie: alice.cookie } });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id: s.paymentId,
      status: 'paid',
      amount: 50_000,
      receiptNo: row.receipt_no,
      paidVia: 'callback',
      redirectUrl: null,
      receiptUrl: `/api/portal/payments/${s.paymentId}/receipt.pdf`,
    });
    expect(view.json().paidAt).toMatch(/\+07:00$/);
  });

  it('a repeated notification answers 200 and changes nothing', async () => {
    const s = await pay.start(alice);
    expect((await pay.checkout(s.redirectUrl!, 'paid')).statusCode).toBe(303);
    const before = await pay.row(s.paymentId);
    const auditBefore = await pay.audit(s.paymentId);
    for (let i = 0; i < 3; i++) {
      const r = await pay.callback(pay.notification(before));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ received: true, paymentId: s.paymentId, status: 'paid', duplicate: true });
    }
    expect(await pay.row(s.paymentId)).toEqual(before);
    expect(await pay.audit(s.paymentId)).toEqual(auditBefore);
    expect(paid.of(s.paymentId)).toBe(1);
  });

  it('cancelling on the gateway closes the payment as failed; starting again makes a new payment', async () => {
    const subjectId = randomUUID();
    const s = await pay.start(alice, { subjectId });
    const r = await pay.checkout(s.redirectUrl!, 'cancelled');
    expect(r.headers.location).toContain('result=cancelled');
    expect((await pay.row(s.paymentId)).status).toBe('failed');
    const again = await pay.start(alice, { subjectId });
    expect(again.paymentId).not.toBe(s.paymentId);
    expect(again.status).toBe('pending');
  });

  it('concurrent notifications for one payment: one marking, one receipt number, one onPaid call', async () => {
    const s = await pay.start(alice);
    const row = await pay.row(s.paymentId);
    const body = pay.notification(row);
    const answers = await Promise.all(Array.from({ length: 6 }, () => pay.callback(body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1);
    expect(paid.of(s.paymentId)).toBe(1);
    expect((await pay.audit(s.paymentId)).filter((a) => a.action === 'payment.paid')).toHaveLength(1);
  });

  it('receipt numbers follow each other without gaps within the year', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await pay.start(alice);
      await pay.checkout(s.redirectUrl!, 'paid');
      numbers.push(Number((await pay.row(s.paymentId)).receipt_no!.slice(-6)));
    }
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(numbers[2]).toBe(numbers[0]! + 2);
  });

  it('an onPaid handler that throws rolls the whole marking back: still pending, no receipt number used', async () => {
    const stop = t.app.services.payments.onPaid('test-fee-fails', async () => {
      throw new Problem('conflict', { reason: 'the application cannot be submitted now' });
    });
    try {
      const s = await pay.start(alice, { subjectType: 'test-fee-fails' });
      await pay.checkout(s.redirectUrl!, 'paid');
      const row = await pay.row(s.paymentId);
      expect(row).toMatchObject({ status: 'pending', receipt_no: null, paid_at: null });
      expect((await pay.transactions(admin, s.paymentId))[0]!.callbackStatus).toBe('refused');
      expect((await pay.audit(s.paymentId)).map((a) => a.action)).toEqual(['payment.start']);
    } finally {
      stop();
    }
  });
});

describe('refused notifications', () => {
  it('a wrong or missing signature: 401, recorded in the audit log, nothing changed', async () => {
    const s = await pay.start(alice);
    const before = await pay.row(s.paymentId);
    const body = pay.notification(before);
    const forged = await pay.callback(body, `sha256=${'0'.repeat(64)}`);
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problemCode(forged)).toBe('payment-signature-invalid');
    const unsigned = await pay.callback(body, null);
    expect(unsigned.statusCode).toBe(401);
    // Signed by someone holding another key.
    const otherKey = await pay.callback(body, `sha256=${'ab'.repeat(32)}`);
    expect(otherKey.statusCode).toBe(401);

    expect(await pay.row(s.paymentId)).toEqual(before);
    expect(paid.of(s.paymentId)).toBe(0);
    const refused = (await pay.audit(s.paymentId)).filter((a) => a.action === 'payment.callback-refused');
    expect(refused).toHaveLength(3);
    expect(refused[0]!.details).toMatchObject({
      reason: 'signature-invalid',
      claimedMerchantRef: s.paymentId,
      claimedAmount: 50_000,
      signaturePresent: true,
    });
    expect(refused[1]!.details).toMatchObject({ reason: 'signature-invalid', signaturePresent: false });
    expect(String(refused[0]!.details.bodySha256)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a signed notification of another amount: 422, recorded, nothing changed', async () => {
    const s = await pay.start(alice);
    const before = await pay.row(s.paymentId);
    const r = await pay.callback(pay.notification(before, { amount: 5_000 }));
    expect(r.statusCode).toBe(422);
    expect(problemCode(r)).toBe('payment-amount-mismatch');
    expect(r.json().detail).toContain('5000');
    expect(await pay.row(s.paymentId)).toEqual(before);
    expect(paid.of(s.paymentId)).toBe(0);
    const refused = (await pay.audit(s.paymentId)).filter((a) => a.action === 'payment.callback-refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.details).toMatchObject({ reason: 'amount-mismatch', claimedAmount: 5_000, expectedAmount: 50_000 });
  });

  it('a signed notification naming another gateway transaction or an unknown payment is refused', async () => {
    const s = await pay.start(alice);
    const before = await pay.row(s.paymentId);
    expect((await pay.callback(pay.notification(before, { gatewayRef: 'SIM00000000000000000000' }))).statusCode).toBe(409);
    expect((await pay.callback(pay.notification(before, { merchantRef: randomUUID() }))).statusCode).toBe(404);
    expect((await pay.callback(pay.notification(before, { merchantRef: 'not-a-uuid' }))).statusCode).toBe(404);
    expect(await pay.row(s.paymentId)).toEqual(before);
  });

  it('garbage never gives a 500', async () => {
    const bodies = [
      '',
      'not json',
      '{',
      '[]',
      'null',
      '42',
      '{"merchantRef":{"$ne":1}}',
      '\u0000\u0001\u0002',
      'x'.repeat(70_000),
      '{"a":'.repeat(2000),
    ];
    const types = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];
    for (const body of bodies)
      for (const type of types) {
        for (const sig of [undefined, null, 'garbage']) {
          const r = await pay.callback(body, sig === undefined ? undefined : sig, type);
          expect(r.statusCode, `${type} ${body.slice(0, 20)} ${String(sig)}`).toBeGreaterThanOrEqual(400);
          expect(r.statusCode, `${type} ${body.slice(0, 20)} ${String(sig)}`).toBeLessThan(500);
        }
      }
    // Correctly signed but not a notification: 400.
    const signedGarbage = await pay.callback('{"hello":"world"}');
    expect(signedGarbage.statusCode).toBe(400);
    const noType = await t.server.inject({ method: 'POST', url: '/api/payments/callback' });
    expect(noType.statusCode).toBe(401);
  });
});

describe('gateway down', () => {
  it('start answers 503 (not 500); the next start after the gateway is back registers the same payment', async () => {
    const subjectId = randomUUID();
    expect((await pay.mode(admin, 'down')).statusCode).toBe(200);
    try {
      const err = await pay.start(alice, { subjectId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Problem);
      expect((err as Problem).status).toBe(503);
    } finally {
      await pay.mode(admin, 'up');
    }
    const kept = await t.database.db.selectFrom('payment').selectAll().where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ status: 'pending', gateway_ref: null, redirect_url: null });
    const s = await pay.start(alice, { subjectId });
    expect(s.paymentId).toBe(kept.id);
    expect(s.redirectUrl).toMatch(/^\/api\/sim\/payment\/checkout\//);
  });

  it('refuses what needs no payment and return addresses off this site', async () => {
    await expect(pay.start(alice, { amount: 0 })).rejects.toMatchObject({ code: 'payment-not-required' });
    await expect(
      t.app.services.payments.start(
        { actor: null, citizen: null, requestId: 'x', lang: 'vi', ip: '' },
        {
          subjectType: 'test-fee',
          subjectId: randomUUID(),
          citizenId: null,
          amount: 1000,
          description: 'x',
          returnUrl: 'https://evil.example/',
        },
      ),
    ).rejects.toMatchObject({ code: 'validation-failed' });
  });
});

describe('electronic receipt and access', () => {
  let paymentId: string;
  let receiptNo: string;

  beforeAll(async () => {
    // A real dossier of Hạc Thành as the subject, so the unit's staff can be told apart from others.
    const kit = await dossierKit(t);
    const d = await kit.intake();
    const s = await pay.start(alice, {
      subjectType: 'dossier',
      subjectId: d.id,
      amount: 1_250_000,
      description: 'Lệ phí cấp giấy chứng nhận',
    });
    await pay.checkout(s.redirectUrl!, 'paid');
    paymentId = s.paymentId;
    receiptNo = (await pay.row(paymentId)).receipt_no!;
  });

  const receipt = (headers: Record<string, string>) =>
    t.req(null, { method: 'GET', url: `/api/portal/payments/${paymentId}/receipt.pdf`, headers });

  it('the payer reads a signed Vietnamese PDF with the number, payer, amount, time and gateway reference', async () => {
    const r = await receipt({ cookie: alice.cookie });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload;
    const { pages, info } = await pdfText(pdf);
    const text = pages.map((p) => p.text).join(' ');
    const row = await pay.row(paymentId);
    const citizen = await t.database.db.selectFrom('citizen').selectAll().where('id', '=', alice.citizenId).executeTakeFirstOrThrow();
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(receiptNo);
    expect(text).toContain('1.250.000 đồng');
    expect(text).toContain('Một triệu hai trăm năm mươi nghìn đồng');
    expect(text).toContain('Lệ phí cấp giấy chứng nhận');
    expect(text).toContain(citizen.full_name);
    expect(text).toContain(citizen.id_number);
    expect(text).toContain(row.gateway_ref!);
    expect(text).toContain('UTC+07:00');
    expect(text).toContain('Hạc Thành');
    expect(info.Title).toBe('Biên lai thu phí, lệ phí');
    const v = await t.app.services.forms.verify(pdf);
    expect(v).toMatchObject({ signed: true, intact: true });
  });

  it('the payment view and receipt are 404 for another citizen and 401 for nobody', async () => {
    expect((await receipt({ cookie: bob.cookie })).statusCode).toBe(404);
    expect(
      (await t.req(null, { method: 'GET', url: `/api/portal/payments/${paymentId}`, headers: { cookie: bob.cookie } })).statusCode,
    ).toBe(404);
    expect((await receipt({})).statusCode).toBe(401);
    expect((await t.req(null, { method: 'GET', url: `/api/portal/payments/${paymentId}` })).statusCode).toBe(401);
    expect(
      (await t.req(null, { method: 'GET', url: `/api/portal/payments/${randomUUID()}`, headers: { cookie: alice.cookie } })).statusCode,
    ).toBe(404);
  });

  it("the unit's staff read the receipt; another unit's staff get 404", async () => {
    const here = await t.login('hacthanh.reception-officer');
    const there = await t.login('nguyetvien.reception-officer');
    expect((await t.req(here, { method: 'GET', url: `/api/portal/payments/${paymentId}/receipt.pdf` })).statusCode).toBe(200);
    expect((await t.req(there, { method: 'GET', url: `/api/portal/payments/${paymentId}/receipt.pdf` })).statusCode).toBe(404);
  });

  it('a payment not yet paid has no receipt', async () => {
    const s = await pay.start(alice);
    expect(
      (await t.req(null, { method: 'GET', url: `/api/portal/payments/${s.paymentId}/receipt.pdf`, headers: { cookie: alice.cookie } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('simulator administration and the API description', () => {
  it('drop-callbacks and the transaction list are for system-admin only', async () => {
    const officer = await t.login('hacthanh.reception-officer');
    expect((await pay.dropCallbacks(officer, true)).statusCode).toBe(403);
    expect((await t.req(null, { method: 'PUT', url: '/api/sim/payment/drop-callbacks', payload: { drop: true } })).statusCode).toBe(401);
    expect((await t.req(officer, { method: 'GET', url: '/api/sim/payment/transactions' })).statusCode).toBe(403);
  });

  it('the gateway API refuses unsigned calls', async () => {
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/sim/payment/v1/payments',
      payload: { merchantId: 'MOTCUA', merchantRef: 'x', amount: 1, description: 'x', returnUrl: '/', callbackUrl: 'http://x/' },
    });
    expect(r.statusCode).toBe(401);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await t.req(null, { method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/payments/callback', '/api/portal/payments/{id}', '/api/portal/payments/{id}/receipt.pdf'])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
