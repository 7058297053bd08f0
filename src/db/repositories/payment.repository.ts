// Online payments: the rows, the receipt numbering, and the unit a payment's subject belongs to.
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database, PaymentTable } from '../schema';

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
