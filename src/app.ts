// The composition root: one database handle, the adapters to outside systems and one instance of each
// service. Built by the server, the CLI and the tests alike; no hidden singletons.
import { createHmac, randomBytes } from 'node:crypto';
import type { Config } from './config';
import type { Db } from './db/database';
import { ProcessLiveness } from './db/liveness';
import { NationalPortal } from './adapters/national-portal.adapter';
import { DiskStore, S3Store } from './adapters/file-store';
import { type FetchLike } from './adapters/registry.adapter';
import { TrainingAwareRegistry } from './adapters/training-registry';
import { TrainingService } from './services/training.service';
import { EmailGateway } from './adapters/email.adapter';
import { SmsGateway } from './adapters/sms.adapter';
import { PaymentGateway } from './adapters/payment.adapter';
import { VneidPushGateway } from './adapters/vneid-push.adapter';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { CalendarService } from './services/calendar.service';
import { CatalogueReviewService } from './services/catalogue-review.service';
import { CatalogueService } from './services/catalogue.service';
import { PublicationService } from './services/publication.service';
import { CitizenAuthService } from './services/citizen-auth.service';
import { PortalService } from './services/portal.service';
import { ApplicationService } from './services/application.service';
import { AssistedFilingService } from './services/assisted.service';
import { DossierService } from './services/dossier.service';
import { DraftService } from './services/draft.service';
import { FeedbackService } from './services/feedback.service';
import { FileService } from './services/file.service';
import { CitizenDocumentsService } from './services/citizen-documents.service';
import { UploadService } from './services/upload.service';
import { FormsService } from './services/forms.service';
import { OutboxService } from './services/outbox.service';
import { PaymentService } from './services/payment.service';
import { OtpService } from './services/otp.service';
import { StaffService } from './services/staff.service';
import { TrackingBookService } from './services/tracking-book.service';
import { UnitService } from './services/unit.service';
import { WatchService } from './services/watch.service';
import { QueueService } from './services/queue.service';
import { AppointmentService } from './services/appointment.service';
import { QueueStatsService } from './services/queue-stats.service';
import { UntrustedContent } from './services/untrusted/pool';
import { CitizenRatingService } from './services/citizen-rating.service';
import { IndicatorService } from './services/indicator.service';
import { ApiClientService } from './services/api-client.service';
import { WebhookService } from './services/webhook.service';
import { IdempotencyService } from './services/idempotency.service';
import { SimulatorModes } from './simulators/modes';
import type { Simulators } from './simulators/routes';
import { VNEID_SIM_PREFIX } from './simulators/vneid';
import { VneidClient, type WebFetch } from './adapters/vneid.adapter';
import { QueueClock } from './simulators/clock';

export type App = {
  config: Config;
  db: Db;
  services: {
    auth: AuthService;
    citizenAuth: CitizenAuthService;
    units: UnitService;
    staff: StaffService;
    audit: AuditService;
    calendar: CalendarService;
    catalogue: CatalogueService;
    publication: PublicationService;
    catalogueReview: CatalogueReviewService;
    dossiers: DossierService;
    files: FileService;
    uploads: UploadService;
    documents: CitizenDocumentsService;
    drafts: DraftService;
    trackingBook: TrackingBookService;
    forms: FormsService;
    outbox: OutboxService;
    otp: OtpService;
    payments: PaymentService;
    portal: PortalService;
    /** The online application's lifecycle: the one writer of its status. */
    applications: ApplicationService;
    assisted: AssistedFilingService;
    watch: WatchService;
    feedback: FeedbackService;
    queue: QueueService;
    appointments: AppointmentService;
    queueStats: QueueStatsService;
    indicators: IndicatorService;
    citizenRatings: CitizenRatingService;
    apiClients: ApiClientService;
    webhooks: WebhookService;
    idempotency: IdempotencyService;
    training: TrainingService;
  };
  /** Outside systems the outbox delivers to. */
  adapters: { portal: NationalPortal; sms: SmsGateway; email: EmailGateway; vneidPush: VneidPushGateway; payment: PaymentGateway };
  /** Present when the simulators of the national systems are served by this process. */
  simulators: Simulators | null;
  /** Worker threads that inspect content clients send (PDFs, signatures) within limits, off the event loop. */
  untrusted: UntrustedContent;
  /** This process's liveness session: names the holder of unfinished work (Idempotency-Key placeholders). */
  liveness: ProcessLiveness;
  /** What the queue and appointment routes take as `now`: the wall clock unless a simulator call fixed it (demo, tests). */
  queueClock: QueueClock;
};

export type AppOptions = {
  /** How adapters reach outside systems; tests route this into the in-process server. */
  fetch?: FetchLike;
  /** The same, as a standard fetch (for protocol libraries such as the OpenID Connect client). */
  webFetch?: WebFetch;
  /** The read replica (DATABASE_READ_URL) for dashboards, reports and public pages; the primary when absent. */
  readDb?: Db;
  /** The database's address when it is not in the config (the embedded one); for the liveness session. */
  databaseUrl?: string;
};

export function createApp(config: Config, db: Db, opts: AppOptions = {}): App {
  // Without MOTCUA_SECRET (tests, first demo start before runtime fills it) a per-process key is used.
  const secret = config.secret ?? randomBytes(32).toString('hex');
  const simToken = createHmac('sha256', secret).update('simulator-registry').digest('hex');
  const portalSecret = createHmac('sha256', secret).update('simulator-national-portal').digest('hex');
  const smsToken = createHmac('sha256', secret).update('simulator-sms').digest('hex');
  const emailToken = createHmac('sha256', secret).update('simulator-email').digest('hex');
  const vneidPushToken = createHmac('sha256', secret).update('simulator-vneid-push').digest('hex');
  const paymentSecret = createHmac('sha256', secret).update('simulator-payment').digest('hex');
  const base = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
  const vneidSim = {
    issuer: `${base}${VNEID_SIM_PREFIX}`,
    clientId: 'motcua',
    clientSecret: createHmac('sha256', secret).update('simulator-vneid-client').digest('hex'),
    redirectUris: [`${base}/api/portal/auth/callback`],
    secret: createHmac('sha256', secret).update('simulator-vneid').digest('hex'),
  };
  const simulators = config.simulators
    ? {
        modes: new SimulatorModes(),
        registryToken: simToken,
        portalSecret,
        smsToken,
        emailToken,
        vneidPushToken,
        vneid: vneidSim,
        paymentSecret,
        fetch: opts.fetch,
      }
    : null;
  const local = `http://127.0.0.1:${config.port}/api/sim`;
  const adapters = {
    portal: new NationalPortal(
      config.portal.url ?? `${local}/national-portal`,
      config.portal.secret ?? portalSecret,
      opts.fetch,
      config.publicUrl,
    ),
    sms: new SmsGateway(config.sms.url ?? `${local}/sms`, config.sms.token ?? smsToken, opts.fetch),
    email: new EmailGateway(config.email.url ?? `${local}/email`, config.email.token ?? emailToken, opts.fetch),
    vneidPush: new VneidPushGateway(config.vneidPush.url ?? `${local}/vneid/push`, config.vneidPush.token ?? vneidPushToken, opts.fetch),
    payment: new PaymentGateway(
      config.payment.url ?? `${local}/payment`,
      config.payment.merchantId,
      config.payment.secret ?? paymentSecret,
      opts.fetch,
    ),
  };
  const registry = new TrainingAwareRegistry(
    config.registry.url ?? `http://127.0.0.1:${config.port}/api/sim/registry`,
    config.registry.token ?? simToken,
    opts.fetch,
  );
  const vneid = new VneidClient(
    {
      issuer: config.vneid.issuer ?? vneidSim.issuer,
      clientId: config.vneid.clientId ?? vneidSim.clientId,
      clientSecret: config.vneid.clientSecret ?? vneidSim.clientSecret,
      redirectUri: `${base}/api/portal/auth/callback`,
      acr: config.vneid.acr,
    },
    opts.webFetch,
  );
  const calendar = new CalendarService(db);
  const readDb = opts.readDb ?? db;
  const dossiers = new DossierService(db, config, calendar, registry, readDb);
  const trackingBook = new TrackingBookService(db);
  const untrusted = new UntrustedContent();
  const files = new FileService(db, config.s3 ? new S3Store(config.s3) : new DiskStore(config.filesDir), secret, untrusted);
  const forms = new FormsService(db, config, secret, dossiers, trackingBook, untrusted);
  const otp = new OtpService(db, secret);
  const payments = new PaymentService(db, config, adapters.payment, forms);
  const citizenAuth = new CitizenAuthService(db, config, vneid);
  const feedback = new FeedbackService(db, config, calendar);
  const applications = new ApplicationService(db, dossiers, payments);
  const queue = new QueueService(db);
  // Dashboards and reports read only, and may lag the primary by moments: the replica when there is one.
  // Dashboards and reports read only, and may lag the primary by moments: the replica when there is one.
  const indicators = new IndicatorService(readDb, forms, (provinceId) => calendar.calendarFor(provinceId));
  const liveness = new ProcessLiveness(opts.databaseUrl ?? config.databaseUrl);
  return {
    config,
    db,
    simulators,
    untrusted,
    liveness,
    queueClock: new QueueClock(),
    adapters,
    services: {
      auth: new AuthService(db, config),
      citizenAuth,
      units: new UnitService(db),
      staff: new StaffService(db),
      audit: new AuditService(db),
      calendar,
      catalogue: new CatalogueService(db, (unitId) => calendar.provinceOf(unitId)),
      publication: new PublicationService(db, (unitId) => calendar.provinceOf(unitId)),
      catalogueReview: new CatalogueReviewService(db, (unitId) => calendar.provinceOf(unitId)),
      dossiers,
      files,
      uploads: new UploadService(db, files, { maxBytes: config.uploadLimit }),
      documents: new CitizenDocumentsService(db, files),
      drafts: new DraftService(db),
      trackingBook,
      forms,
      outbox: new OutboxService(db),
      otp,
      payments,
      portal: new PortalService(db, registry, applications, dossiers, otp, payments, feedback),
      applications,
      assisted: new AssistedFilingService(db, dossiers, citizenAuth, otp),
      watch: new WatchService(db, config, calendar),
      feedback,
      queue,
      appointments: new AppointmentService(db, calendar, queue),
      // A low counter rating with a comment becomes a service feedback, so nothing a citizen says is lost.
      queueStats: new QueueStatsService(db, (r) => feedback.fromCounterRating(r)),
      apiClients: new ApiClientService(db),
      webhooks: new WebhookService(db, { demo: config.demo, ...config.webhooks }),
      indicators,
      // TT 01/2018: officer and unit scores from the citizens' ratings, per quarter; scoped as the indicators.
      citizenRatings: new CitizenRatingService(readDb, indicators),
      idempotency: new IdempotencyService(db, liveness),
      training: new TrainingService(db, dossiers, files, feedback),
    },
  };
}
