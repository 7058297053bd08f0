// Online payment of fees from the citizen portal. A payment is created for a subject (an online application,
// a dossier), registered at the gateway, and paid on the gateway's page. It becomes "paid" in exactly one
// transaction — status, time, channel, the year's next receipt number, the audit row and the subject's
// `onPaid` handlers (e.g. the portal turning the paid application into a dossier) — whichever comes first:
// the gateway's signed notification or the reconciliation that asks the gateway about every payment still
// pending. Whatever comes second finds the row paid and changes nothing. A notification with a bad
// signature or the wrong amount is refused, recorded in the audit log and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { PaymentGateway, PaymentQueryResult } from '../adapters/payment.adapter';
import type { Config } from '../config';
import { unitScope } from '../domain/access';
import { formatVnIso } from '../domain/calendar/index';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit, type AuditEntry } from '../db/repositories/audit.repository';
import {
  findCitizenPayer,
  findDossierApplicant,
  findPayment,
  findReceiptIssuer,
  formatReceiptNo,
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
} from '../db/repositories/payment.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { Database, PaymentStatus } from '../db/schema';
import { renderSignedPaymentReceipt } from '../forms/payment-receipt';
import type { ServiceContext } from './context';
import { parentLine, type FormsService } from './forms.service';

export type { PaymentRow } from '../db/repositories/payment.repository';

/**
 * Called inside the transaction that marks a payment of `subjectType` paid, after the payment row is locked
 * and updated; a throw rolls the whole marking back (the payment stays pending and the next notification or
 * reconciliation tries again). Runs exactly once per payment. Lock the subject's rows here, not before.
 */
export type PaidHandler = (trx: Transaction<Database>, payment: PaymentRow) => Promise<void>;

export type StartPaymentInput = {
  /** What is paid for, e.g. 'application'; one open (pending or paid) payment per subject. */
  subjectType: string;
  subjectId: string;
  /** The paying citizen (the only citizen who may read the payment and its receipt). */
  citizenId: string | null;
  /** Whole đồng, > 0; 0 answers `payment-not-required`. */
  amount: number;
  description: string;
  /** Where the gateway sends the browser back: a path on Motcua ("/cong-dan/…") or a URL under MOTCUA_PUBLIC_URL. */
  returnUrl: string;
};

export type PaymentStarted = {
  paymentId: string;
  status: PaymentStatus;
  /** Where to send the browser to pay; null once paid. */
  redirectUrl: string | null;
  receiptNo: string | null;
};

export type PaymentView = {
  id: string;
  subjectType: string;
  subjectId: string;
  amount: number;
  description: string;
  status: PaymentStatus;
  redirectUrl: string | null;
  receiptNo: string | null;
  paidAt: Date | null;
  paidVia: 'callback' | 'reconciliation' | null;
  gatewayRef: string | null;
  createdAt: Date;
};

export type CallbackOutcome = { paymentId: string; status: PaymentStatus; duplicate: boolean };

export type ReconcileOptions = {
  /** The daily run: every pending payment, however young. */
  full?: boolean;
  /** Leave younger payments to their notification (default 2 minutes; 0 with `full`). */
  minAgeMs?: number;
  limit?: number;
};

export type ReconcileResult = {
  examined: number;
  paid: number;
  failed: number;
  expired: number;
  stillPending: number;
  /** The gateway says paid, but another amount: left pending and recorded for a person to look at. */
  mismatched: number;
  errors: number;
  /** The gateway did not answer: the run stopped, the rest stays pending for the next run. */
  gatewayUnavailable: boolean;
};

/** A payment not paid within a day is closed as expired (the gateway's transaction is dead by then too). */
export const PAYMENT_EXPIRES_AFTER_MS = 24 * 3_600_000;
export const RECONCILE_MIN_AGE_MS = 2 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GATEWAY_ACTOR = { actorId: null, actorName: 'payment-gateway', actorRole: 'system' } as const;
const RECONCILE_ACTOR = { actorId: null, actorName: 'payment-reconciliation', actorRole: 'system' } as const;

type Via = 'callback' | 'reconciliation';

const clip = (v: unknown, n = 100) => (typeof v === 'string' ? v.slice(0, n) : typeof v === 'number' ? v : null);

export class PaymentService {
  private readonly handlers = new Map<string, PaidHandler[]>();

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'publicUrl' | 'port'>,
    private readonly gateway: PaymentGateway,
    private readonly forms: FormsService,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Registers what happens, in the marking transaction, when a payment for `subjectType` is paid. Returns an unregister function. */
  onPaid(subjectType: string, handler: PaidHandler): () => void {
    const list = this.handlers.get(subjectType) ?? [];
    list.push(handler);
    this.handlers.set(subjectType, list);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private get base(): string {
    return (this.config.publicUrl ?? `http://127.0.0.1:${this.config.port}`).replace(/\/+$/, '');
  }

  /** The gateway posts its notifications here (server-to-server). */
  get callbackUrl(): string {
    return `${this.base}/api/payments/callback`;
  }

  /** A path stays a path (the browser is on Motcua's origin); a full URL must be under MOTCUA_PUBLIC_URL (no open redirect). */
  private returnUrl(given: string): string {
    if (/^\/(?!\/)/.test(given)) return this.config.publicUrl ? `${this.base}${given}` : given;
    const pub = this.config.publicUrl?.replace(/\/+$/, '');
    if (pub && (given === pub || given.startsWith(`${pub}/`))) return given;
    throw new Problem('validation-failed', { summary: 'returnUrl must be a path on this site' });
  }

  /**
   * Starts paying for a subject, or answers where that stands: an existing pending payment gives its
   * checkout address again, a paid one says so. Throws 503 when the gateway cannot be reached (the
   * payment row is kept and the next call registers it).
   */
  async start(ctx: ServiceContext, input: StartPaymentInput): Promise<PaymentStarted> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Problem('payment-not-required');
    if (ctx.citizen && input.citizenId && ctx.citizen.citizenId !== input.citizenId) throw new Problem('forbidden');
    const description = input.description.trim().slice(0, 500) || 'Phí, lệ phí';
    const returnUrl = this.returnUrl(input.returnUrl);
    let row = await openPaymentOf(this.db, input.subjectType, input.subjectId);
    if (!row) {
      const unitId = await unitOfSubject(this.db, input.subjectType, input.subjectId);
      row = await this.db.transaction().execute(async (trx) => {
        const inserted = await insertPayment(trx, {
          subject_type: input.subjectType,
          subject_id: input.subjectId,
          citizen_id: input.citizenId,
          amount: input.amount,
          description,
        });
        if (inserted)
          await appendAudit(trx, {
            ...this.actorOf(ctx),
            unitId,
            action: 'payment.start',
            subjectType: 'payment',
            subjectId: inserted.id,
            requestId: ctx.requestId,
            details: { subjectType: input.subjectType, subjectId: input.subjectId, amount: input.amount },
          });
        return inserted;
      });
      // Another request for the same subject won the race: carry on with its payment.
      row ??= await openPaymentOf(this.db, input.subjectType, input.subjectId);
      if (!row) throw new Problem('conflict', { reason: 'the payment changed at the same time; try again' });
    }
    if (row.status === 'paid') return started(row);
    if (row.amount !== input.amount)
      throw new Problem('conflict', { reason: 'a payment of another amount is in progress for this subject' });
    if (row.redirect_url) return started(row);
    const created = await this.gateway.createPayment({
      merchantRef: row.id,
      amount: row.amount,
      description: row.description,
      returnUrl,
      callbackUrl: this.callbackUrl,
    });
    const updated = await setGatewayRegistration(this.db, row.id, {
      gatewayRef: created.gatewayRef,
      redirectUrl: created.redirectUrl,
      now: new Date(),
    });
    return started(updated ?? (await findPayment(this.db, row.id))!);
  }

  /** The payment's status for the paying citizen or the staff of its unit; 404 for anybody else. */
  async get(ctx: ServiceContext, paymentId: string): Promise<PaymentView> {
    const p = await this.visible(ctx, paymentId);
    return {
      id: p.id,
      subjectType: p.subject_type,
      subjectId: p.subject_id,
      amount: p.amount,
      description: p.description,
      status: p.status,
      redirectUrl: p.status === 'pending' ? p.redirect_url : null,
      receiptNo: p.receipt_no,
      paidAt: p.paid_at,
      paidVia: p.paid_via,
      gatewayRef: p.gateway_ref,
      createdAt: p.created_at,
    };
  }

  /**
   * The gateway's notification, exactly as received. Refused (and recorded, nothing changed): a missing or
   * wrong signature (401), a body that is not a notification (400), an unknown payment (404), another amount
   * (422), another gateway transaction (409). A repeated notification answers as the first and changes nothing.
   */
  async handleCallback(rawBody: string, signature: string | undefined, requestId: string): Promise<CallbackOutcome> {
    let n;
    try {
      n = this.gateway.verifyCallback(rawBody, signature);
    } catch (e) {
      if (e instanceof Problem)
        await this.refuse(requestId, e.code === 'payment-signature-invalid' ? 'signature-invalid' : 'malformed', rawBody, signature);
      throw e;
    }
    const p = UUID.test(n.merchantRef) ? await findPayment(this.db, n.merchantRef) : undefined;
    if (!p) {
      await this.refuse(requestId, 'unknown-payment', rawBody, signature);
      throw new Problem('not-found', { what: 'payment' });
    }
    if (n.amount !== p.amount) {
      await this.refuse(requestId, 'amount-mismatch', rawBody, signature, p);
      throw new Problem('payment-amount-mismatch', { given: n.amount, expected: p.amount });
    }
    if (p.gateway_ref && p.gateway_ref !== n.gatewayRef) {
      await this.refuse(requestId, 'gateway-ref-mismatch', rawBody, signature, p);
      throw new Problem('conflict', { reason: 'the notification names another gateway transaction' });
    }
    if (n.status === 'paid') {
      const paidAt = n.paidAt ? new Date(n.paidAt) : undefined;
      const r = await this.markPaid(p.id, 'callback', { gatewayRef: n.gatewayRef, paidAt }, requestId);
      return { paymentId: p.id, status: r.payment.status, duplicate: !r.changed };
    }
    const r = await this.close(p.id, 'failed', 'callback', requestId);
    return { paymentId: p.id, status: r.payment.status, duplicate: !r.changed };
  }

  /**
   * Asks the gateway about the payments still pending (older than two minutes, or all with `full`): paid
   * ones are marked paid exactly as by a notification; ones the gateway failed are closed as failed; ones
   * pending for more than a day are closed as expired. A gateway that does not answer ends the run without
   * an error: what is left stays pending for the next run.
   */
  async reconcile(now: Date = new Date(), opts: ReconcileOptions = {}): Promise<ReconcileResult> {
    const minAge = opts.minAgeMs ?? (opts.full ? 0 : RECONCILE_MIN_AGE_MS);
    const rows = await pendingPayments(this.db, new Date(now.getTime() - minAge), opts.limit ?? 1000);
    const requestId = `payment-reconcile:${randomUUID()}`;
    const result: ReconcileResult = {
      examined: 0,
      paid: 0,
      failed: 0,
      expired: 0,
      stillPending: 0,
      mismatched: 0,
      errors: 0,
      gatewayUnavailable: false,
    };
    for (const row of rows) {
      let q: PaymentQueryResult;
      try {
        q = await this.gateway.queryPayment(row.gateway_ref ? { gatewayRef: row.gateway_ref } : { merchantRef: row.id });
      } catch (e) {
        result.gatewayUnavailable = true;
        this.log(
          `payment reconciliation: gateway unavailable (${e instanceof Error ? e.message : String(e)}); ${rows.length - result.examined} left pending`,
        );
        break;
      }
      result.examined++;
      try {
        await markChecked(this.db, row.id, now);
        const old = now.getTime() - row.created_at.getTime() >= PAYMENT_EXPIRES_AFTER_MS;
        if (q.status === 'paid') {
          if (q.amount === row.amount) {
            const r = await this.markPaid(row.id, 'reconciliation', { gatewayRef: q.gatewayRef, paidAt: q.paidAt }, requestId);
            if (r.changed) result.paid++;
          } else {
            result.mismatched++;
            await this.recordMismatchOnce(row, q.amount, requestId);
          }
        } else if (old) {
          if ((await this.close(row.id, 'expired', 'reconciliation', requestId)).changed) result.expired++;
        } else if (q.status === 'failed') {
          if ((await this.close(row.id, 'failed', 'reconciliation', requestId)).changed) result.failed++;
        } else result.stillPending++;
      } catch (e) {
        // One payment that cannot be settled (e.g. its subject's handler refuses) does not hold up the others.
        result.errors++;
        this.log(`payment reconciliation: payment ${row.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return result;
  }

  /** The electronic receipt (biên lai điện tử) of a paid payment, signed with the collecting unit's key. */
  async receiptPdf(ctx: ServiceContext, paymentId: string): Promise<Buffer> {
    const p = await this.visible(ctx, paymentId);
    if (p.status !== 'paid' || !p.receipt_no || !p.paid_at) throw new Problem('not-found', { what: 'receipt' });
    const u = await findReceiptIssuer(this.db, await unitOfSubject(this.db, p.subject_type, p.subject_id));
    return renderSignedPaymentReceipt(
      {
        receiptNo: p.receipt_no,
        unit: { name: u.name, parentName: parentLine(u.name), code: u.code, address: u.address, phone: u.phone },
        payer: await this.payerOf(p),
        amount: p.amount,
        description: p.description,
        paidAt: p.paid_at,
        gatewayRef: p.gateway_ref,
        paymentId: p.id,
        issuedAt: p.paid_at,
      },
      await this.forms.keyFor(u.id),
    );
  }

  private async payerOf(p: PaymentRow): Promise<{ fullName: string; idNumber?: string; address?: string }> {
    if (p.citizen_id) {
      const c = await findCitizenPayer(this.db, p.citizen_id);
      if (c) return { fullName: c.full_name, idNumber: c.id_number, ...(c.address ? { address: c.address } : {}) };
    }
    if (p.subject_type === 'dossier') {
      const a = await findDossierApplicant(this.db, p.subject_id);
      if (a) return { fullName: a.fullName, idNumber: a.idNumber, ...(a.address ? { address: a.address } : {}) };
    }
    return { fullName: '' };
  }

  /** The paying citizen, or staff whose scope holds the subject's unit; anybody else learns nothing (404). */
  private async visible(ctx: ServiceContext, paymentId: string): Promise<PaymentRow> {
    if (!ctx.citizen && !ctx.actor) throw new Problem('citizen-not-signed-in');
    const p = UUID.test(paymentId) ? await findPayment(this.db, paymentId) : undefined;
    if (p) {
      if (ctx.citizen && p.citizen_id && ctx.citizen.citizenId === p.citizen_id) return p;
      if (ctx.actor) {
        const unitId = await unitOfSubject(this.db, p.subject_type, p.subject_id);
        if (unitId && unitScope(ctx.actor, await listUnitTree(this.db)).has(unitId)) return p;
      }
    }
    throw new Problem('not-found', { what: 'payment' });
  }

  private actorOf(ctx: ServiceContext): Pick<AuditEntry, 'actorId' | 'actorName' | 'actorRole'> {
    if (ctx.actor) return { actorId: ctx.actor.userId, actorName: ctx.actor.fullName, actorRole: ctx.actor.roles[0]?.role ?? '' };
    if (ctx.citizen) return { actorId: null, actorName: `citizen:${ctx.citizen.idNumber}`, actorRole: 'citizen' };
    return { actorId: null, actorName: 'system', actorRole: 'system' };
  }

  /**
   * Marks a payment paid, once: the row, a receipt number, the subject's handlers and the audit row in one
   * transaction. A payment already paid is left as it is (`changed: false`). A payment closed as failed or
   * expired that the gateway says was paid after all is marked paid, unless the subject has another open
   * payment meanwhile: then it is recorded for a refund and left closed.
   */
  private async markPaid(
    paymentId: string,
    via: Via,
    g: { gatewayRef?: string; paidAt?: Date },
    requestId: string,
  ): Promise<{ changed: boolean; payment: PaymentRow }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockPayment(trx, paymentId);
      if (!row) throw new Problem('not-found', { what: 'payment' });
      if (row.status === 'paid') return { changed: false, payment: row };
      const actor = via === 'callback' ? GATEWAY_ACTOR : RECONCILE_ACTOR;
      const unitId = await unitOfSubject(trx, row.subject_type, row.subject_id);
      if (row.status !== 'pending') {
        const other = await lockOtherOpenPayment(trx, row);
        if (other) {
          await appendAudit(trx, {
            ...actor,
            unitId,
            action: 'payment.paid-after-close',
            subjectType: 'payment',
            subjectId: row.id,
            requestId,
            details: {
              status: row.status,
              otherPaymentId: other.id,
              amount: row.amount,
              gatewayRef: g.gatewayRef ?? null,
              refundNeeded: true,
            },
          });
          return { changed: false, payment: row };
        }
      }
      const now = new Date();
      const paidAt = g.paidAt && !Number.isNaN(g.paidAt.getTime()) && g.paidAt.getTime() <= now.getTime() + 5 * 60_000 ? g.paidAt : now;
      const year = Number(formatVnIso(paidAt).slice(0, 4));
      const receiptNo = formatReceiptNo(year, await nextReceiptSeq(trx, year));
      const payment = await updatePayment(trx, row.id, {
        status: 'paid',
        paid_at: paidAt,
        paid_via: via,
        receipt_no: receiptNo,
        gateway_ref: row.gateway_ref ?? g.gatewayRef ?? null,
        updated_at: now,
      });
      // The subject's handlers before the audit row: they lock their own rows after this one, as documented.
      for (const handler of [...(this.handlers.get(payment.subject_type) ?? [])]) await handler(trx, payment);
      await appendAudit(trx, {
        ...actor,
        unitId,
        action: 'payment.paid',
        subjectType: 'payment',
        subjectId: payment.id,
        requestId,
        details: {
          subjectType: payment.subject_type,
          subjectId: payment.subject_id,
          amount: payment.amount,
          via,
          receiptNo,
          gatewayRef: payment.gateway_ref,
          previousStatus: row.status,
        },
      });
      return { changed: true, payment };
    });
  }

  /** Closes a pending payment as failed or expired; anything else is left as it is. */
  private async close(
    paymentId: string,
    status: 'failed' | 'expired',
    via: Via,
    requestId: string,
  ): Promise<{ changed: boolean; payment: PaymentRow }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockPayment(trx, paymentId);
      if (!row) throw new Problem('not-found', { what: 'payment' });
      if (row.status !== 'pending') return { changed: false, payment: row };
      const payment = await updatePayment(trx, row.id, { status, updated_at: new Date() });
      await appendAudit(trx, {
        ...(via === 'callback' ? GATEWAY_ACTOR : RECONCILE_ACTOR),
        unitId: await unitOfSubject(trx, row.subject_type, row.subject_id),
        action: `payment.${status}`,
        subjectType: 'payment',
        subjectId: row.id,
        requestId,
        details: { subjectType: row.subject_type, subjectId: row.subject_id, amount: row.amount, via },
      });
      return { changed: true, payment };
    });
  }

  /** A refused notification, recorded in its own transaction; the payment itself is not touched. */
  private async refuse(requestId: string, reason: string, rawBody: string, signature: string | undefined, p?: PaymentRow): Promise<void> {
    // What the sender claims, kept for investigation (not trusted: the signature may be wrong).
    let claimed: Record<string, unknown> = {};
    try {
      const j: unknown = JSON.parse(rawBody);
      if (j && typeof j === 'object' && !Array.isArray(j)) claimed = j as Record<string, unknown>;
    } catch {
      // not JSON: only the digest is kept
    }
    const unitId = p ? await unitOfSubject(this.db, p.subject_type, p.subject_id) : null;
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        ...GATEWAY_ACTOR,
        actorName: 'payment-callback',
        unitId,
        action: 'payment.callback-refused',
        subjectType: 'payment',
        subjectId: p?.id ?? String(clip(claimed.merchantRef) ?? ''),
        requestId,
        details: {
          reason,
          claimedMerchantRef: clip(claimed.merchantRef),
          claimedGatewayRef: clip(claimed.gatewayRef),
          claimedAmount: clip(claimed.amount),
          claimedStatus: clip(claimed.status, 20),
          ...(p ? { expectedAmount: p.amount, paymentStatus: p.status } : {}),
          signaturePresent: !!signature,
          bodyBytes: Buffer.byteLength(rawBody),
          bodySha256: createHash('sha256').update(rawBody).digest('hex'),
        },
      }),
    );
  }

  /** The gateway reports another amount as paid: recorded once per payment for a person to settle. */
  private async recordMismatchOnce(row: PaymentRow, given: number, requestId: string): Promise<void> {
    if (await mismatchRecorded(this.db, row.id)) return;
    const unitId = await unitOfSubject(this.db, row.subject_type, row.subject_id);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        ...RECONCILE_ACTOR,
        unitId,
        action: 'payment.reconcile-amount-mismatch',
        subjectType: 'payment',
        subjectId: row.id,
        requestId,
        details: { expectedAmount: row.amount, gatewayAmount: given, gatewayRef: row.gateway_ref },
      }),
    );
  }
}

function started(p: PaymentRow): PaymentStarted {
  return { paymentId: p.id, status: p.status, redirectUrl: p.status === 'pending' ? p.redirect_url : null, receiptNo: p.receipt_no };
}
