// The SQL of the payment repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  findCitizenPayer,
  findDossierApplicant,
  findPayment,
  findReceiptIssuer,
  insertPayment,
  lockOtherOpenPayment,
  lockPayment,
  markChecked,
  mismatchRecorded,
  nextReceiptSeq,
  openPaymentOf,
  pendingPayments,
  setGatewayRegistration,
  unitOfSubject,
  updatePayment,
  type PaymentRow,
} from '../../../src/db/repositories/payment.repository';
import { recordingDb } from '../../support/sql-recorder';

const P = '60000000-0000-4000-8000-000000000001';
const S = '60000000-0000-4000-8000-000000000002';
const CITIZEN = '60000000-0000-4000-8000-000000000003';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const ROW = { id: P, subject_type: 'application', subject_id: S } as PaymentRow;

describe('payment repository SQL', () => {
  const { record } = recordingDb();

  it('start: the open payment of a subject, the row (one open per subject), the gateway’s registration', async () => {
    expect(
      await record(async (trx) => {
        await openPaymentOf(trx, 'application', S);
        await unitOfSubject(trx, 'application', S);
        await unitOfSubject(trx, 'dossier', S);
        await insertPayment(trx, { subject_type: 'application', subject_id: S, citizen_id: CITIZEN, amount: 50000, description: 'Lệ phí' });
        await setGatewayRegistration(trx, P, { gatewayRef: 'GW-1', redirectUrl: 'https://pay.example/1', now: NOW });
        await findPayment(trx, P);
      }),
    ).toMatchSnapshot();
  });

  it('a callback or the reconciliation: the row locked, another open payment, receipt number, paid or closed', async () => {
    expect(
      await record(async (trx) => {
        await lockPayment(trx, P);
        await lockOtherOpenPayment(trx, ROW);
        await nextReceiptSeq(trx, 2026);
        await updatePayment(trx, P, {
          status: 'paid',
          paid_at: NOW,
          paid_via: 'callback',
          receipt_no: 'BL-2026-000001',
          gateway_ref: 'GW-1',
          updated_at: NOW,
        });
        await updatePayment(trx, P, { status: 'expired', updated_at: NOW });
      }),
    ).toMatchSnapshot();
  });

  it('the reconciliation: pending payments, checked, a mismatch recorded once', async () => {
    expect(
      await record(async (trx) => {
        await pendingPayments(trx, NOW, 1000);
        await markChecked(trx, P, NOW);
        await mismatchRecorded(trx, P);
      }),
    ).toMatchSnapshot();
  });

  it('the receipt: issuing unit (given, or the province), payer', async () => {
    expect(
      await record(async (trx) => {
        await findReceiptIssuer(trx, S);
        await findReceiptIssuer(trx, null);
        await findCitizenPayer(trx, CITIZEN);
        await findDossierApplicant(trx, S);
      }),
    ).toMatchSnapshot();
  });
});
