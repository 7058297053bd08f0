// Payment reconciliation (đối soát): a gateway's notification can be lost (network, our restart, the
// gateway's own trouble), so every 15 minutes the payments still pending for more than two minutes are
// looked up at the gateway, and once a day (01:30, Vietnam time) every pending payment is. Paid ones are
// marked paid exactly as a notification would (one transaction with the receipt number and the subject's
// handlers); ones the gateway failed are closed; ones pending for more than a day expire. A gateway that
// is down ends the run quietly: the rows stay pending for the next run.
import type { App } from '../app';
import type { ReconcileOptions, ReconcileResult } from '../services/payment.service';

export const paymentReconcileJob = {
  name: 'payment-reconcile',
  cron: '*/15 * * * *',
  /** A failed run (the database, not the gateway) is retried once; the next quarter-hour catches up anyway. */
  retry: { retryLimit: 1, retryDelay: 60, retryBackoff: false },
  expireInSeconds: 600,
  run: (app: App) => runPaymentReconcile(app),
} as const;

export const paymentReconcileDailyJob = {
  name: 'payment-reconcile-daily',
  cron: '30 1 * * *',
  /** The full run is retried a few times: it is the one that catches the payments younger than two minutes at every run. */
  retry: { retryLimit: 3, retryDelay: 300, retryBackoff: true },
  expireInSeconds: 3600,
  run: (app: App) => runPaymentReconcile(app, new Date(), { full: true }),
} as const;

/** One reconciliation run at `now`. Never throws for the gateway's failures. */
export function runPaymentReconcile(app: App, now = new Date(), opts: ReconcileOptions = {}): Promise<ReconcileResult> {
  return app.services.payments.reconcile(now, opts);
}
