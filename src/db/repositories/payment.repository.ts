// Online payments: the rows, their marking paid or closed, the receipt numbering, the unit a payment's subject
// belongs to, and what the receipt prints (issuing unit, payer). The rules are in services/payment.service.ts.
// The SQL of each function is snapshotted in test/db/sql/payment.sql.test.ts.
import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../database';
import type { Applicant, Database, PaymentTable } from '../schema';

export type PaymentRow = Selectable<PaymentTable>;
type Q = Db | Transaction<Database>;

export function findPayment(db: Q, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row locked for the rest of the transaction: callback, reconciliation and a second callback serialise on it. */
export function lockPayment(trx: Transaction<Database>, id: string): Promise<PaymentRow | undefined> {
  return trx.selectFrom('payment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The subject's pending or paid payment (at most one, by the partial unique index payment_open_subject_idx). */
export function openPaymentOf(db: Q, subjectType: string, subjectId: string): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('status', 'in', ['pending', 'paid'])
    .executeTakeFirst();
}

/**
 * The next receipt number of a year, from a counter row incremented in place (an upsert): concurrent
 * payments serialise on the row, and a rolled-back payment gives its number back, so the year's receipts
 * are numbered without gaps or repeats across any number of server instances.
 */
export async function nextReceiptSeq(trx: Transaction<Database>, year: number): Promise<number> {
  const key = `payment-receipt-seq:${year}`;
  const r = await sql<{ last: number }>`
    INSERT INTO app_meta (key, value) VALUES (${key}, '{"last": 1}'::jsonb)
    ON CONFLICT (key) DO UPDATE
      SET value = jsonb_build_object('last', (app_meta.value->>'last')::integer + 1), updated_at = now()
    RETURNING (value->>'last')::integer AS last`.execute(trx);
  return r.rows[0]!.last;
}

/** "BL-2026-000123" */
export function formatReceiptNo(year: number, seq: number): string {
  return `BL-${year}-${String(seq).padStart(6, '0')}`;
}

/** The unit a payment's subject belongs to: the competent unit of an online application or of a dossier. */
export async function unitOfSubject(db: Q, subjectType: string, subjectId: string): Promise<string | null> {
  if (subjectType === 'application') {
    const a = await db.selectFrom('application').select('unit_id').where('id', '=', subjectId).executeTakeFirst();
    return a?.unit_id ?? null;
  }
  if (subjectType === 'dossier') {
    const d = await db.selectFrom('dossier').select('unit_id').where('id', '=', subjectId).executeTakeFirst();
    return d?.unit_id ?? null;
  }
  return null;
}

/** Pending payments for the reconciliation, oldest first, created at or before `before`. */
export function pendingPayments(db: Q, before: Date, limit: number): Promise<PaymentRow[]> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('status', '=', 'pending')
    .where('created_at', '<=', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** A new payment; undefined when the subject has an open (pending or paid) one already (the partial unique index decides). */
export function insertPayment(trx: Transaction<Database>, values: Insertable<PaymentTable>): Promise<PaymentRow | undefined> {
  return trx
    .insertInto('payment')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['subject_type', 'subject_id'])
        .where(sql<boolean>`status IN ('pending', 'paid')`)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The gateway's transaction and checkout address, on a payment still pending (undefined otherwise). */
export function setGatewayRegistration(
  db: Q,
  id: string,
  g: { gatewayRef: string; redirectUrl: string; now: Date },
): Promise<PaymentRow | undefined> {
  return db
    .updateTable('payment')
    .set({ gateway_ref: g.gatewayRef, redirect_url: g.redirectUrl, updated_at: g.now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** The reconciliation asked the gateway about the payment. */
export async function markChecked(db: Q, id: string, now: Date): Promise<void> {
  await db
    .updateTable('payment')
    .set({ last_checked_at: now, checks: sql<number>`checks + 1` })
    .where('id', '=', id)
    .execute();
}

/** Another open (pending or paid) payment of the same subject, locked. */
export function lockOtherOpenPayment(trx: Transaction<Database>, row: PaymentRow): Promise<{ id: string } | undefined> {
  return trx
    .selectFrom('payment')
    .select('id')
    .where('subject_type', '=', row.subject_type)
    .where('subject_id', '=', row.subject_id)
    .where('status', 'in', ['pending', 'paid'])
    .where('id', '<>', row.id)
    .forUpdate()
    .executeTakeFirst();
}

/** The payment's new state (paid, failed or expired), returned whole; the rule that allows it is the caller's. */
export function updatePayment(trx: Transaction<Database>, id: string, patch: Updateable<PaymentTable>): Promise<PaymentRow> {
  return trx.updateTable('payment').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether the reconciliation recorded the gateway's other amount for this payment already. */
export async function mismatchRecorded(db: Q, paymentId: string): Promise<boolean> {
  const seen = await db
    .selectFrom('audit_log')
    .select('id')
    .where('subject_type', '=', 'payment')
    .where('subject_id', '=', paymentId)
    .where('action', '=', 'payment.reconcile-amount-mismatch')
    .executeTakeFirst();
  return !!seen;
}

/** The unit that issues a receipt: the given one, or the oldest root unit (the province) when there is none. */
export async function findReceiptIssuer(db: Q, unitId: string | null) {
  const id =
    unitId ?? (await db.selectFrom('unit').select('id').where('parent_id', 'is', null).orderBy('created_at').executeTakeFirstOrThrow()).id;
  const u = await db.selectFrom('unit').select(['name', 'code', 'address', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, ...u };
}

/** The paying citizen as the receipt names them. */
export function findCitizenPayer(db: Q, citizenId: string) {
  return db.selectFrom('citizen').select(['full_name', 'id_number', 'address']).where('id', '=', citizenId).executeTakeFirst();
}

/** The applicant of a dossier paid for. */
export async function findDossierApplicant(db: Q, dossierId: string): Promise<Applicant | undefined> {
  const d = await db.selectFrom('dossier').select('applicant').where('id', '=', dossierId).executeTakeFirst();
  return d?.applicant as Applicant | undefined;
}
