// The citizen portal's use cases, one entry point for the portal's routes. The work lives in four services:
//   - PortalFormService (portal-form.service.ts): the e-form prefilled from the population registry and the
//     citizen's earlier applications, and the form's check against its schema;
//   - ApplicationService (application.service.ts): the online application's lifecycle and its one owner — the
//     only writer of its status, through the table in src/domain/application/lifecycle.ts;
//   - SubmissionService (submission.service.ts): drafts saved as the citizen types, submission checked as the
//     centre would, confirmed by OTP (or at the counter), paid online, and filed as a dossier;
//   - CitizenDossierService (citizen-dossier.service.ts): "my dossiers" (status in plain words, supplements
//     answered online, withdrawal asked, result, rating).
import type { PopulationRegistry } from '../adapters/registry.adapter';
import type { ApplicationView } from '../db/repositories/application.repository';
import type { Db } from '../db/database';
import type { ApplicationComponent } from '../db/schema';
import type { ApplicationService } from './application.service';
import { CitizenDossierService } from './citizen-dossier.service';
import { requireCitizen, type ServiceContext } from './context';
import type { DossierService } from './dossier.service';
import type { FeedbackService } from './feedback.service';
import type { OtpChannel, OtpService } from './otp.service';
import type { PaymentService } from './payment.service';
import { PortalFormService } from './portal-form.service';
import { SubmissionService, type ApplicationInput } from './submission.service';

export { formErrors } from './portal-form.service';
export { SUBMIT_OTP, type ApplicationInput } from './submission.service';
export type { ApplicationView } from '../db/repositories/application.repository';
export type { CitizenDossierView } from './citizen-dossier.service';

export class PortalService {
  readonly forms: PortalFormService;
  readonly submission: SubmissionService;
  readonly citizenDossiers: CitizenDossierService;

  constructor(
    db: Db,
    registry: PopulationRegistry,
    private readonly applications: ApplicationService,
    dossiers: DossierService,
    otp: OtpService,
    payments: PaymentService,
    feedback?: FeedbackService,
  ) {
    this.forms = new PortalFormService(db, registry);
    this.submission = new SubmissionService(db, this.forms, applications, otp, payments);
    this.citizenDossiers = new CitizenDossierService(db, dossiers, feedback);
  }

  form(ctx: ServiceContext, procedureId: string) {
    return this.forms.form(ctx, procedureId);
  }

  get(ctx: ServiceContext, id: string): Promise<ApplicationView> {
    return this.applications.view(id, requireCitizen(ctx).citizenId);
  }

  listOpen(ctx: ServiceContext): Promise<ApplicationView[]> {
    return this.applications.listOpen(requireCitizen(ctx).citizenId);
  }

  save(ctx: ServiceContext, id: string, input: ApplicationInput): Promise<ApplicationView> {
    return this.submission.save(ctx, id, input);
  }

  discard(ctx: ServiceContext, id: string): Promise<void> {
    return this.applications.discard(requireCitizen(ctx), id);
  }

  submit(ctx: ServiceContext, id: string, revision: number | undefined, channel?: OtpChannel) {
    return this.submission.submit(ctx, id, revision, channel);
  }

  otpStatus(ctx: ServiceContext, id: string) {
    return this.submission.otpStatus(ctx, id);
  }

  resendOtp(ctx: ServiceContext, id: string, channel?: OtpChannel) {
    return this.submission.resendOtp(ctx, id, channel);
  }

  confirm(ctx: ServiceContext, id: string, code: string) {
    return this.submission.confirm(ctx, id, code);
  }

  pay(ctx: ServiceContext, id: string) {
    return this.submission.pay(ctx, id);
  }

  myDossiers(ctx: ServiceContext) {
    return this.citizenDossiers.myDossiers(ctx);
  }

  myDossier(ctx: ServiceContext, id: string) {
    return this.citizenDossiers.myDossier(ctx, id);
  }

  answerSupplement(ctx: ServiceContext, id: string, components: ApplicationComponent[]) {
    return this.citizenDossiers.answerSupplement(ctx, id, components);
  }

  requestWithdrawal(ctx: ServiceContext, id: string, reason: string) {
    return this.citizenDossiers.requestWithdrawal(ctx, id, reason);
  }

  rate(ctx: ServiceContext, id: string, value: 'like' | 'dislike', reason: string) {
    return this.citizenDossiers.rate(ctx, id, value, reason);
  }
}
