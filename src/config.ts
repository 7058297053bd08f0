// One validated configuration module. Every setting comes from the environment; a bad value stops the
// start with a message naming the variable and what is expected (see ConfigError).
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  // A streaming replica for reads that may lag the primary by moments: dashboards and reports (indicators)
  // and the public status page. Unset: everything reads the primary.
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MOTCUA_DATA_DIR: z.string().min(1).default('var'),
  MOTCUA_PG_PORT: port.default(0),
  MOTCUA_DEMO: bool.optional(),
  MOTCUA_DEMO_HISTORY: bool.optional(),
  MOTCUA_DEMO_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  MOTCUA_SIMULATORS: bool.optional(),
  MOTCUA_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  MOTCUA_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  MOTCUA_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  MOTCUA_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  MOTCUA_ACCESS_LOG_FLUSH_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  MOTCUA_PUBLIC_URL: z.string().url('an absolute URL such as https://motcua.example.gov.vn').optional(),
  MOTCUA_TRUST_PROXY: bool.default(false),
  MOTCUA_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  MOTCUA_BUILD_WEB: bool.default(true),
  MOTCUA_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
  MOTCUA_FILES_DIR: z.string().min(1).optional(),
  MOTCUA_S3_ENDPOINT: z.string().url('the S3-compatible endpoint, e.g. https://s3.thanhhoa.gov.vn').optional(),
  MOTCUA_S3_BUCKET: z.string().min(3).max(63).optional(),
  MOTCUA_S3_REGION: z.string().min(1).default('us-east-1'),
  MOTCUA_S3_ACCESS_KEY: z.string().min(1).optional(),
  MOTCUA_S3_SECRET_KEY: z.string().min(1).optional(),
  MOTCUA_REGISTRY_URL: z.string().url('the population registry API base URL').optional(),
  MOTCUA_REGISTRY_TOKEN: z.string().min(8).optional(),
  MOTCUA_DOSSIER_CODE_PATTERN: z
    .string()
    .regex(/\{seq\d?\}/, 'a pattern containing {seq} or {seq4}…{seq9}, e.g. {agency}-{yymmdd}-{seq4}')
    // The sequence restarts each day for each unit (dossier_code_counter): without the day and the unit's agency
    // code in the pattern, a new day's (or another unit's) first number would be a code already handed out.
    .regex(/\{yymmdd\}/, 'a pattern containing the day {yymmdd}: the sequence restarts each day, e.g. {agency}-{yymmdd}-{seq4}')
    .regex(/\{agency\}/, 'a pattern containing {agency}: each unit has its own sequence, e.g. {agency}-{yymmdd}-{seq4}')
    .default('{agency}-{yymmdd}-{seq4}'),
  MOTCUA_SUPPLEMENT_CLOCK: z.enum(['restart', 'pause']).default('restart'),
  MOTCUA_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  MOTCUA_DRAFT_MAX_AGE_DAYS: z.coerce.number().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MOTCUA_WORKER: bool.default(true),
  MOTCUA_PORTAL_URL: z.string().url('the national portal sync API base URL').optional(),
  MOTCUA_PORTAL_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  MOTCUA_VNEID_ISSUER: z.string().url('the VNeID OpenID Connect issuer URL').optional(),
  MOTCUA_VNEID_CLIENT_ID: z.string().min(1).optional(),
  MOTCUA_VNEID_CLIENT_SECRET: z.string().min(8).optional(),
  MOTCUA_VNEID_ACR_LEVEL1: z.string().min(1).default('urn:vneid:loa:1'),
  MOTCUA_VNEID_ACR_LEVEL2: z.string().min(1).default('urn:vneid:loa:2'),
  MOTCUA_SMS_URL: z.string().url('the SMS gateway API base URL').optional(),
  MOTCUA_SMS_TOKEN: z.string().min(8).optional(),
  MOTCUA_EMAIL_URL: z.string().url('the e-mail gateway API base URL').optional(),
  MOTCUA_EMAIL_TOKEN: z.string().min(8).optional(),
  MOTCUA_PAYMENT_URL: z.string().url('the payment gateway API base URL').optional(),
  MOTCUA_PAYMENT_MERCHANT_ID: z.string().min(1).max(100).default('MOTCUA'),
  MOTCUA_PAYMENT_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  MOTCUA_VNEID_PUSH_URL: z.string().url('the VNeID app push API base URL').optional(),
  MOTCUA_VNEID_PUSH_TOKEN: z.string().min(8).optional(),
  MOTCUA_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  MOTCUA_OUTBOX_BACKOFF_SECONDS: z.coerce.number().min(0.01).max(3600).default(30),
  MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS: z.coerce.number().min(1).max(86_400).default(1800),
  MOTCUA_OUTBOX_SWEEP_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  MOTCUA_OUTBOX_BATCH: z.coerce.number().int().min(1).max(1000).default(20),
  MOTCUA_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(10),
  MOTCUA_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  MOTCUA_WATCH_DUE_SOON_HOURS: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'working hours before due, comma-separated, e.g. 8,2')
    .default('8,2'),
  MOTCUA_WATCH_APOLOGY_HOURS: z.coerce.number().min(0).max(1000).default(8),
  MOTCUA_WATCH_APOLOGY_SAME_DAY_HOURS: z.coerce.number().min(0).max(8).default(1),
  MOTCUA_WATCH_SUPPLEMENT_REMINDER_HOURS: z.coerce.number().min(0.1).max(10_000).default(40),
  MOTCUA_WATCH_ONLINE_ACCEPT_HOURS: z.coerce.number().min(0.1).max(1000).default(8),
});

export type Config = {
  databaseUrl: string | undefined;
  /** DATABASE_READ_URL: a read replica for dashboards, reports and public pages; undefined = the primary. */
  readDatabaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  embeddedPgPort: number;
  demo: boolean;
  demoPassword: string | undefined;
  /** Demo mode: seed a year of dossier history for the dashboards (MOTCUA_DEMO_HISTORY, default true). */
  demoHistory: boolean;
  simulators: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  /** How long a personal-data access entry may wait to be written in a batch (src/db/access-log.ts); 0: with its request. */
  accessLogFlushMs: number;
  login: { maxFailures: number; lockMinutes: number };
  publicUrl: string | undefined;
  trustProxy: boolean;
  bodyLimit: number;
  logLevel: string;
  /** Build the web app at start when web/dist is missing (off for API-only processes and tests). */
  buildWeb: boolean;
  /** Server key for officers' file attestations and simulator tokens; generated into the data folder in demo mode. */
  secret: string | undefined;
  filesDir: string;
  /** S3-compatible object storage for files; the local disk (filesDir) when unset. */
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  registry: { url: string | undefined; token: string | undefined };
  dossierCodePattern: string;
  /** After a supplement: restart the count when the complete dossier arrives (Decree 61 practice) or pause it. */
  supplementClock: 'restart' | 'pause';
  uploadLimit: number;
  /** Intake drafts not saved for this many days are purged (abandoned counter forms). */
  draftMaxAgeDays: number;
  /** Run the background jobs (outbox delivery, deadline watch) inside `motcua start`; `motcua worker` runs them alone. */
  worker: boolean;
  portal: { url: string | undefined; secret: string | undefined };
  /** VNeID (OpenID Connect); unset issuer means the simulator of this process. */
  vneid: { issuer: string | undefined; clientId: string | undefined; clientSecret: string | undefined; acr: { 1: string; 2: string } };
  sms: { url: string | undefined; token: string | undefined };
  email: { url: string | undefined; token: string | undefined };
  /** The online payment gateway: API base URL, merchant id and HMAC-SHA256 secret (the simulator when unset). */
  payment: { url: string | undefined; merchantId: string; secret: string | undefined };
  /** Notifications to the citizen's VNeID app (fallback channel of confirmation codes); unset URL means the simulator. */
  vneidPush: { url: string | undefined; token: string | undefined };
  outbox: { maxAttempts: number; backoffSeconds: number; backoffMaxSeconds: number; sweepSeconds: number; batch: number };
  /**
   * Webhook deliveries: the receiver's time to answer, and whether receivers may be on private, loopback or link-local
   * addresses (MOTCUA_WEBHOOK_ALLOW_PRIVATE: tests and local trials only, never in production: it opens the server's
   * own network to whoever registers a webhook).
   */
  webhooks: { timeoutMs: number; allowPrivate: boolean };
  /** Thresholds of the deadline watch, in working hours. */
  watch: {
    dueSoonHours: number[];
    apologyHours: number;
    /** The apology margin of a dossier whose whole processing time fits in `apologyHours` (same-day procedures). */
    apologySameDayHours: number;
    supplementReminderHours: number;
    onlineAcceptHours: number;
  };
};

export class ConfigError extends Error {}

/** Reads the configuration from an environment (process.env by default). Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: expected ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const s3Vars = ['MOTCUA_S3_ENDPOINT', 'MOTCUA_S3_BUCKET', 'MOTCUA_S3_ACCESS_KEY', 'MOTCUA_S3_SECRET_KEY'] as const;
  const s3Given = s3Vars.filter((v) => c[v] !== undefined);
  if (s3Given.length > 0 && s3Given.length < s3Vars.length) {
    const missing = s3Vars.filter((v) => c[v] === undefined);
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((v) => `  ${v}="": expected a value (object storage needs all of ${s3Vars.join(', ')})`).join('\n')}`,
    );
  }
  // Demo mode: no server database configured means the embedded PostgreSQL with demo data.
  const demo = c.MOTCUA_DEMO ?? c.DATABASE_URL === undefined;
  return {
    databaseUrl: c.DATABASE_URL,
    readDatabaseUrl: c.DATABASE_READ_URL,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.MOTCUA_DATA_DIR),
    embeddedPgPort: c.MOTCUA_PG_PORT,
    demo,
    demoPassword: c.MOTCUA_DEMO_PASSWORD,
    demoHistory: c.MOTCUA_DEMO_HISTORY ?? true,
    simulators: c.MOTCUA_SIMULATORS ?? demo,
    session: { idleMinutes: c.MOTCUA_SESSION_IDLE_MINUTES, absoluteHours: c.MOTCUA_SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: c.MOTCUA_LOGIN_MAX_FAILURES, lockMinutes: c.MOTCUA_LOGIN_LOCK_MINUTES },
    accessLogFlushMs: c.MOTCUA_ACCESS_LOG_FLUSH_MS,
    publicUrl: c.MOTCUA_PUBLIC_URL,
    trustProxy: c.MOTCUA_TRUST_PROXY,
    bodyLimit: c.MOTCUA_BODY_LIMIT_BYTES,
    logLevel: c.LOG_LEVEL,
    buildWeb: c.MOTCUA_BUILD_WEB,
    secret: c.MOTCUA_SECRET,
    filesDir: path.resolve(c.MOTCUA_FILES_DIR ?? path.join(c.MOTCUA_DATA_DIR, 'files')),
    s3:
      c.MOTCUA_S3_ENDPOINT && c.MOTCUA_S3_BUCKET && c.MOTCUA_S3_ACCESS_KEY && c.MOTCUA_S3_SECRET_KEY
        ? {
            endpoint: c.MOTCUA_S3_ENDPOINT,
            bucket: c.MOTCUA_S3_BUCKET,
            region: c.MOTCUA_S3_REGION,
            accessKeyId: c.MOTCUA_S3_ACCESS_KEY,
            secretAccessKey: c.MOTCUA_S3_SECRET_KEY,
          }
        : null,
    registry: { url: c.MOTCUA_REGISTRY_URL, token: c.MOTCUA_REGISTRY_TOKEN },
    dossierCodePattern: c.MOTCUA_DOSSIER_CODE_PATTERN,
    supplementClock: c.MOTCUA_SUPPLEMENT_CLOCK,
    uploadLimit: c.MOTCUA_UPLOAD_LIMIT_BYTES,
    draftMaxAgeDays: c.MOTCUA_DRAFT_MAX_AGE_DAYS,
    worker: c.MOTCUA_WORKER,
    portal: { url: c.MOTCUA_PORTAL_URL, secret: c.MOTCUA_PORTAL_SECRET },
    vneid: {
      issuer: c.MOTCUA_VNEID_ISSUER,
      clientId: c.MOTCUA_VNEID_CLIENT_ID,
      clientSecret: c.MOTCUA_VNEID_CLIENT_SECRET,
      acr: { 1: c.MOTCUA_VNEID_ACR_LEVEL1, 2: c.MOTCUA_VNEID_ACR_LEVEL2 },
    },
    sms: { url: c.MOTCUA_SMS_URL, token: c.MOTCUA_SMS_TOKEN },
    email: { url: c.MOTCUA_EMAIL_URL, token: c.MOTCUA_EMAIL_TOKEN },
    payment: { url: c.MOTCUA_PAYMENT_URL, merchantId: c.MOTCUA_PAYMENT_MERCHANT_ID, secret: c.MOTCUA_PAYMENT_SECRET },
    vneidPush: { url: c.MOTCUA_VNEID_PUSH_URL, token: c.MOTCUA_VNEID_PUSH_TOKEN },
    outbox: {
      maxAttempts: c.MOTCUA_OUTBOX_MAX_ATTEMPTS,
      backoffSeconds: c.MOTCUA_OUTBOX_BACKOFF_SECONDS,
      backoffMaxSeconds: c.MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS,
      sweepSeconds: c.MOTCUA_OUTBOX_SWEEP_SECONDS,
      batch: c.MOTCUA_OUTBOX_BATCH,
    },
    webhooks: { timeoutMs: Math.round(c.MOTCUA_WEBHOOK_TIMEOUT_SECONDS * 1000), allowPrivate: c.MOTCUA_WEBHOOK_ALLOW_PRIVATE },
    watch: {
      dueSoonHours: [...new Set(c.MOTCUA_WATCH_DUE_SOON_HOURS.split(',').map(Number))].sort((a, b) => b - a),
      apologyHours: c.MOTCUA_WATCH_APOLOGY_HOURS,
      apologySameDayHours: c.MOTCUA_WATCH_APOLOGY_SAME_DAY_HOURS,
      supplementReminderHours: c.MOTCUA_WATCH_SUPPLEMENT_REMINDER_HOURS,
      onlineAcceptHours: c.MOTCUA_WATCH_ONLINE_ACCEPT_HOURS,
    },
  };
}
