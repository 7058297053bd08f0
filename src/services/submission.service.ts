// Filing an online application: the draft checked as it is saved, the submission checked as the centre would
// (online channel, level of assurance, every mandatory component the registry does not hold, the form against its
// schema with the registry's data put back), confirmed by OTP — or by the officer's identity check at the counter —
// and paid online when there is a fee. Every status move goes through ApplicationService (the lifecycle's owner),
// which files the dossier when the application reaches `submitted`.
import { transition } from '../domain/application/lifecycle';
import { computeFee } from '../domain/catalogue/fee';
import { componentsBeyondProcedure, declarationComponent, missingComponents } from '../domain/dossier/rules';
import { concernedValues, prefill, registryValues, type FormValues } from '../domain/portal/form';
import { Problem } from '../domain/problems';
import { isTrainingUnit } from '../domain/training';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { Db } from '../db/database';
import { citizenContact, isActiveReturnPoint, type ApplicationView } from '../db/repositories/application.repository';
import type { ApplicationComponent } from '../db/schema';
import { actorOf, type ApplicationService } from './application.service';
import { assertOwnedFiles } from './citizen-documents.service';
import { requireCitizen, type ServiceContext } from './context';
import type { OtpChannel, OtpService } from './otp.service';
import type { PaymentService } from './payment.service';
import { formErrors, type PortalFormService } from './portal-form.service';

export const SUBMIT_OTP = 'application.submit';

export type ApplicationInput = {
  procedureId: string;
  unitId: string;
  returnPointId?: string | null;
  form: FormValues;
  components: ApplicationComponent[];
  /** The revision the browser edited; a different one on the server answers `revision-conflict`. */
  revision?: number;
};

export class SubmissionService {
  constructor(
    private readonly db: Db,
    private readonly forms: PortalFormService,
    private readonly applications: ApplicationService,
    private readonly otp: OtpService,
    private readonly payments: PaymentService,
  ) {}

  /**
   * Saves the draft as the citizen types. The id is the browser's, so a draft saved offline keeps its identity
   * and sending it twice changes nothing. Editing after "submit" (while the OTP is pending) takes it back to draft.
   */
  async save(ctx: ServiceContext, id: string, input: ApplicationInput): Promise<ApplicationView> {
    const citizen = requireCitizen(ctx);
    const proc = await this.forms.procedure(input.procedureId);
    this.forms.checkOnline(proc, citizen);
    if (!proc.unitIds.includes(input.unitId)) throw new Problem('procedure-not-handled');
    // Training units (issue 16) take no citizen's application: for the public they do not exist.
    if (isTrainingUnit(await listUnitTree(this.db), input.unitId)) throw new Problem('not-found', { what: 'unit' });
    // The result is returned where the citizen chose, among the competent unit's own reception points.
    if (input.returnPointId && !(await isActiveReturnPoint(this.db, input.returnPointId, input.unitId)))
      throw new Problem('return-point-invalid');
    const beyond = componentsBeyondProcedure(
      proc.components,
      input.components.map((c) => c.componentId),
    );
    if (beyond.length) throw new Problem('component-not-in-procedure', {}, { components: beyond });
    const form = JSON.stringify(input.form);
    if (form.length > 200_000) throw new Problem('body-too-large', { limit: 200_000 });
    await this.applications.saveDraft(
      citizen,
      id,
      {
        procedure_id: proc.id,
        procedure_version_id: proc.versionId,
        unit_id: input.unitId,
        return_point_id: input.returnPointId ?? null,
        form,
        components: JSON.stringify(input.components),
        assisted_by: citizen.assistedBy?.userId ?? null,
      },
      input.revision,
    );
    return this.applications.view(id, citizen.citizenId);
  }

  /**
   * Checks the application as the centre would and sends the OTP that confirms it is the citizen who submits;
   * at the counter, the officer's check of the citizen's identity confirms it instead (no OTP).
   */
  async submit(ctx: ServiceContext, id: string, revision: number | undefined, channel?: OtpChannel) {
    const citizen = requireCitizen(ctx);
    const app = await this.applications.view(id, citizen.citizenId);
    if (app.status !== 'draft' && app.status !== 'awaiting-otp') throw new Problem('application-not-editable', { status: app.status });
    if (revision !== undefined && revision !== app.revision) throw new Problem('revision-conflict', {}, { currentRevision: app.revision });
    const proc = await this.forms.procedure(app.procedureId);
    this.forms.checkOnline(proc, citizen);
    const lookup = await this.forms.lookupOwn(ctx, citizen, `portal submission ${proc.code} (own data)`);
    const registryOk = lookup.status === 'found';
    // The e-form is the declaration: no scan of the same tờ khai is asked for.
    const declaration = declarationComponent(proc.components, !!proc.formSchema);
    const provided = declaration ? [...app.components, { componentId: declaration.id, presented: true }] : app.components;
    const missing = missingComponents(proc.components, provided, registryOk);
    if (missing.length)
      throw new Problem(
        'components-missing',
        { names: missing.map((m) => m.name).join('; ') },
        { missing: missing.map((m) => ({ componentId: m.id, name: m.name })), registry: lookup.status },
      );
    await assertOwnedFiles(
      this.db,
      citizen.citizenId,
      app.components.flatMap((c) => c.fileIds ?? []),
    );
    const schema = proc.formSchema ?? {};
    // The applicant's data, and the person concerned's when the applicant said it is them, come from the registry.
    const registry = registryOk ? { ...registryValues(schema, lookup.citizen), ...concernedValues(schema, app.form, lookup.citizen) } : {};
    const form = prefill(schema, app.form, registry);
    if (proc.formSchema) {
      const errors = formErrors(proc.formSchema, form, ctx.lang);
      if (errors.length)
        throw new Problem('form-invalid', { summary: errors.map((e) => `${e.title}: ${e.message}`).join('; ') }, { errors });
    }
    const copies = typeof form.soLuongBanSao === 'number' ? form.soLuongBanSao : undefined;
    const fee = computeFee(proc.fee, { copies });
    const person = await citizenContact(this.db, citizen.citizenId);
    if (citizen.assistedBy) {
      const by = citizen.assistedBy;
      await this.db.transaction().execute(async (trx) => {
        const now = new Date();
        await this.applications.moveById(
          trx,
          id,
          'confirm-at-counter',
          'officer',
          {
            form: JSON.stringify(form),
            fee,
            procedure_version_id: proc.versionId,
            assisted_by: by.userId,
            verification: JSON.stringify({
              method: `assisted-${by.method}`,
              loa: citizen.loa,
              registry: lookup.status,
              assistedBy: by.userId,
            }),
            confirmed_at: now,
          },
          now,
          { filing: { paidOnline: false, requestId: ctx.requestId } },
        );
      });
      return { application: await this.applications.view(id, citizen.citizenId), otp: null };
    }
    const otp = await this.db.transaction().execute(async (trx) => {
      await this.applications.moveById(
        trx,
        id,
        'submit',
        'citizen',
        {
          form: JSON.stringify(form),
          fee,
          procedure_version_id: proc.versionId,
          verification: JSON.stringify({ method: 'vneid', loa: citizen.loa, registry: lookup.status }),
        },
        new Date(),
      );
      return this.otp.issue(trx, {
        purpose: SUBMIT_OTP,
        subjectId: id,
        phone: person.phone,
        email: person.email || undefined,
        idNumber: citizen.idNumber,
        lang: ctx.lang,
        channel: channel ?? (person.phone ? 'sms' : 'vneid-push'),
        reference: proc.code,
      });
    });
    return { application: await this.applications.view(id, citizen.citizenId), otp };
  }

  async otpStatus(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    await this.applications.view(id, citizen.citizenId);
    return this.otp.status(this.db, { purpose: SUBMIT_OTP, subjectId: id });
  }

  async resendOtp(ctx: ServiceContext, id: string, channel?: OtpChannel) {
    const citizen = requireCitizen(ctx);
    const app = await this.applications.view(id, citizen.citizenId);
    const t = transition(app.status, 'resend-otp', actorOf(citizen), app.fee);
    if (!t.ok) throw new Problem('otp-not-requested');
    return this.otp.resend(this.db, { purpose: SUBMIT_OTP, subjectId: id, ...(channel ? { channel } : {}) });
  }

  /**
   * The OTP confirms the submission. Without a fee the dossier is created at once; with one, the citizen is sent
   * to the payment gateway and the dossier is created when the payment is confirmed (callback or reconciliation).
   * Repeating the call after success answers the same outcome.
   */
  async confirm(ctx: ServiceContext, id: string, code: string) {
    const citizen = requireCitizen(ctx);
    let app = await this.applications.view(id, citizen.citizenId);
    if (app.status === 'awaiting-otp') {
      // The code is spent in the same transaction that moves the application on: if anything after it fails,
      // the code is still good for another try.
      await this.db.transaction().execute(async (trx) => {
        const now = new Date();
        await this.applications.moveById(trx, id, 'confirm-otp', actorOf(citizen), { confirmed_at: now }, now, {
          ifAllowed: true,
          check: () => this.otp.verify(trx, { purpose: SUBMIT_OTP, subjectId: id, code }),
          filing: { paidOnline: false, requestId: ctx.requestId },
        });
      });
      app = await this.applications.view(id, citizen.citizenId);
    }
    if (app.status === 'awaiting-payment') return { application: app, payment: await this.pay(ctx, id) };
    if (app.status === 'submitted') return { application: app, payment: null };
    throw new Problem('application-not-editable', { status: app.status });
  }

  /** Starts (or resumes) the payment of a confirmed application's fee. */
  async pay(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    const app = await this.applications.view(id, citizen.citizenId);
    const t = transition(app.status, 'start-payment', actorOf(citizen), app.fee);
    if (!t.ok) throw new Problem('payment-not-required');
    return this.payments.start(ctx, {
      subjectType: 'application',
      subjectId: id,
      citizenId: citizen.citizenId,
      amount: app.fee,
      description: `Lệ phí ${app.procedureCode} — ${app.procedureName}`.slice(0, 200),
      returnUrl: `/cong-dan/nop/${id}`,
    });
  }
}
