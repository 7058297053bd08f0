// The background worker: pg-boss 10 on the application's PostgreSQL (its own schema `pgboss`) for the
// scheduled jobs, and the outbox loop. Runs inside `motcua start` (MOTCUA_WORKER=true, the default and
// always so in demo mode) or alone as `motcua worker`; any number of them may run on one database:
// pg-boss hands each job to one worker (SKIP LOCKED on its job table; a cron tick makes one job per minute
// across all instances), and the outbox sweep claims rows with SKIP LOCKED.
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { App } from '../app';
import { deadlineWatchJob } from './deadline-watch';
import { sweepOutbox } from './outbox';
import { paymentReconcileDailyJob, paymentReconcileJob } from './payment-reconcile';
import { uploadPurgeJob } from './upload-purge';
import { draftPurgeJob } from './draft-purge';
import { complianceAlertJob } from './compliance-alerts';

/** The scheduled jobs, each declaring its schedule and retry policy in its own file. */
export const SCHEDULED_JOBS = [
  deadlineWatchJob,
  uploadPurgeJob,
  draftPurgeJob,
  paymentReconcileJob,
  paymentReconcileDailyJob,
  complianceAlertJob,
] as const;

export type Worker = { boss: PgBoss; stop: () => Promise<void> };

export type WorkerOptions = {
  log?: (m: string) => void;
  /** Run the outbox loop in this worker (default true). */
  outbox?: boolean;
  /** Register the cron schedules (default true). */
  schedule?: boolean;
};

/** A pg-boss instance on its own small pool; `close` ends the pool after `boss.stop()`. */
export function createBoss(url: string, log: (m: string) => void): PgBoss & { close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'motcua-worker', connectionTimeoutMillis: 5_000 });
  // A lost database (restart, network) is reported and retried; it must not end the process, whether the
  // connection was idle in the pool or checked out.
  pool.on('error', (e) => log(`worker: ${e.message}`));
  pool.on('connect', (client) => client.on('error', (e) => log(`worker: ${e.message}`)));
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: 'pgboss' });
  boss.on('error', (e) => log(`worker: ${e.message}`));
  return Object.assign(boss, { close: () => pool.end() });
}

export async function startWorker(app: App, url: string, opts: WorkerOptions = {}): Promise<Worker> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const boss = createBoss(url, log);
  await boss.start();
  for (const job of SCHEDULED_JOBS) {
    await boss.createQueue(job.name, { name: job.name, policy: 'standard', expireInSeconds: job.expireInSeconds, ...job.retry });
    if (opts.schedule !== false) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
    await boss.work(job.name, async () => {
      await job.run(app);
    });
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sweepOutbox(app)
      .catch((e: unknown) => log(`outbox sweep: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, app.config.outbox.sweepSeconds * 1000);
      });
  };
  if (opts.outbox !== false) tick();

  return {
    boss,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await boss.close();
    },
  };
}
