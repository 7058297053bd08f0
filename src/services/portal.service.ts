// The citizen portal's use cases: the e-form prefilled from the population registry and the citizen's earlier
// applications, drafts saved as the citizen types (any device), submission confirmed by OTP, online payment,
// and "my dossiers" (status in plain words, supplements answered online, withdrawal asked, result, rating).
//
// An application is the citizen's side of a dossier before it exists: draft → awaiting-otp → (awaiting-payment)
// → submitted, when `DossierService.createFromApplication` puts a `submitted` dossier in the centre's queue.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Transaction } from 'kysely';
import type { PopulationRegistry } from '../adapters/registry.adapter';
import { computeFee } from '../domain/catalogue/fee';
import { isOpen, NATIONAL_STATUS, STATUS_LABELS, type Status } from '../domain/dossier/lifecycle';
import { componentsBeyondProcedure, declarationComponent, missingComponents } from '../domain/dossier/rules';
import { concernedValues, prefill, registryValues, requiredLevel, type FormValues } from '../domain/portal/form';
import { formatVnIso } from '../domain/calendar/time';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { logPersonalDataAccess } from '../db/repositories/dossier.repository';
import { findProcedures, type ProcedureView } from '../db/repositories/procedure.repository';
import type { ApplicationComponent, ApplicationStatus, Database } from '../db/schema';
import { addFromDossier, assertOwnedFiles } from './citizen-documents.service';
import { requireCitizen, type CitizenPrincipal, type ServiceContext } from './context';
import type { FeedbackService } from './feedback.service';
import type { DossierService } from './dossier.service';
import type { OtpChannel, OtpService } from './otp.service';
import type { PaymentService } from './payment.service';

export const SUBMIT_OTP = 'application.submit';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The e-form builder's "date before today" (x-beforeToday): today in Vietnam when the form is checked.
ajv.addKeyword({
  keyword: 'x-beforeToday',
  type: 'string',
  schemaType: 'boolean',
  validate: (on: boolean, data: string) => !on || data < formatVnIso(new Date()).slice(0, 10),
  errors: false,
});
const validators = new Map<string, ValidateFunction>();

const MESSAGES: Record<string, { vi: string; en: string }> = {
  required: { vi: 'chưa điền', en: 'is required' },
  enum: { vi: 'hãy chọn một giá trị trong danh sách', en: 'choose one of the listed values' },
  pattern: { vi: 'không đúng định dạng', en: 'has the wrong format' },
  format: { vi: 'không đúng định dạng', en: 'has the wrong format' },
  type: { vi: 'sai kiểu dữ liệu', en: 'has the wrong type' },
  additionalProperties: { vi: 'không có trong tờ khai', en: 'is not a field of this form' },
  'x-beforeToday': { vi: 'phải là một ngày trước hôm nay', en: 'must be a date before today' },
};

/** The field's title in the schema ("Người yêu cầu › Họ, chữ đệm, tên"), or its path. */
function titleOf(schema: Record<string, unknown>, path: string): string {
  const titles: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const k of path.split('.').filter(Boolean)) {
    node = (node?.properties as Record<string, Record<string, unknown>> | undefined)?.[k];
    titles.push(typeof node?.title === 'string' ? node.title : k);
  }
  return titles.join(' › ') || path;
}

/** Errors of a form against its JSON Schema, each naming the field by its path and its title in the form. */
export function formErrors(
  schema: Record<string, unknown>,
  values: FormValues,
  lang: 'vi' | 'en' = 'vi',
): { field: string; title: string; message: string }[] {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(key, v);
  }
  if (v(values)) return [];
  return (v.errors ?? []).map((e) => {
    const base = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const extra =
      e.keyword === 'required'
        ? String(e.params.missingProperty)
        : e.keyword === 'additionalProperties'
          ? String(e.params.additionalProperty)
          : '';
    const field = [base, extra].filter(Boolean).join('.');
    return { field, title: titleOf(schema, field), message: MESSAGES[e.keyword]?.[lang] ?? e.message ?? 'invalid' };
  });
}

export type ApplicationInput = {
  procedureId: string;
  unitId: string;
  returnPointId?: string | null;
  form: FormValues;
  components: ApplicationComponent[];
  /** The revision the browser edited; a different one on the server answers `revision-conflict`. */
  revision?: number;
};

export type ApplicationView = {
  id: string;
  procedureId: string;
  procedureName: string;
  procedureCode: string;
  unitId: string;
  returnPointId: string | null;
  form: FormValues;
  components: ApplicationComponent[];
  status: ApplicationStatus;
  revision: number;
  fee: number;
  dossierId: string | null;
  dossierCode: string | null;
  paymentId: string | null;
  updatedAt: Date;
};

export type CitizenDossierView = {
  id: string;
  code: string;
  procedureName: string;
  unitName: string;
  status: Status;
  statusLabel: { vi: string; en: string };
  nationalStatus: number;
  channel: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  handlingOfficer: string | null;
  returnPoint: string;
  /** What the centre waits for from the citizen, in plain words. */
  awaiting: { kind: 'supplement'; items: { componentId: string; name: string; reason: string }[]; reason: string } | null;
  actions: ('supplement' | 'withdraw' | 'rate')[];
  rating: { value: 'like' | 'dislike'; reason: string } | null;
};

const idOf = (c: CitizenPrincipal) => c.citizenId;

export class PortalService {
  constructor(
    private readonly db: Db,
    private readonly registry: PopulationRegistry,
    private readonly dossiers: DossierService,
    private readonly otp: OtpService,
    private readonly payments: PaymentService,
    private readonly config: { publicUrl: string | undefined },
    private readonly feedback?: FeedbackService,
  ) {
    payments.onPaid('application', async (trx, payment) => {
      await this.finalize(trx, payment.subject_id, true, `payment:${payment.id}`);
    });
  }

  private async procedure(procedureId: string): Promise<ProcedureView> {
    const [proc] = await findProcedures(this.db, { ids: [procedureId] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    return proc;
  }

  private checkOnline(proc: ProcedureView, citizen: CitizenPrincipal): void {
    if (!proc.channels.includes('online') || proc.onlineLevel === 'none') throw new Problem('procedure-not-online');
    if (citizen.loa < requiredLevel(proc)) throw new Problem('vneid-level-required', {}, { requiredLevel: requiredLevel(proc) });
  }

  /** The registry's data of the signed-in citizen (or of the citizen an officer files for), logged like any lookup. */
  private async lookupOwn(ctx: ServiceContext, citizen: CitizenPrincipal, purpose: string) {
    const lookup = await this.registry.lookup(citizen.idNumber);
    await logPersonalDataAccess(this.db, {
      actorId: citizen.assistedBy?.userId ?? null,
      actorName: citizen.assistedBy ? `${citizen.assistedBy.fullName} for citizen:${citizen.idNumber}` : `citizen:${citizen.idNumber}`,
      unitId: null,
      idNumber: citizen.idNumber,
      subjectType: 'population-registry',
      purpose,
      outcome: lookup.status,
      requestId: ctx.requestId,
    });
    return lookup;
  }

  /**
   * The e-form of a procedure for the signed-in citizen: the registry's data of the applicant (shown, not
   * asked), their earlier answers to the same procedure, and the procedure's components and fee.
   */
  async form(ctx: ServiceContext, procedureId: string) {
    const citizen = requireCitizen(ctx);
    const proc = await this.procedure(procedureId);
    this.checkOnline(proc, citizen);
    const lookup = await this.lookupOwn(ctx, citizen, `portal e-form ${proc.code} (own data)`);
    const person = lookup.status === 'found' ? lookup.citizen : null;
    const schema = proc.formSchema ?? {};
    const registry = person ? registryValues(schema, person) : {};
    const earlierRow = await this.db
      .selectFrom('application')
      .select('form')
      .where('citizen_id', '=', idOf(citizen))
      .where('procedure_id', '=', proc.id)
      .where('status', '=', 'submitted')
      .orderBy('submitted_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const units = await this.db
      .selectFrom('unit_procedure as up')
      .innerJoin('unit as u', 'u.id', 'up.unit_id')
      .select(['u.id', 'u.name'])
      .where('up.procedure_id', '=', proc.id)
      .orderBy('u.name')
      .execute();
    const points = units.length
      ? await this.db
          .selectFrom('reception_point')
          .select(['id', 'unit_id', 'name', 'address'])
          .where(
            'unit_id',
            'in',
            units.map((u) => u.id),
          )
          .where('active', '=', true)
          .orderBy('name')
          .execute()
      : [];
    return {
      procedure: proc,
      requiredLevel: requiredLevel(proc),
      registry: lookup.status,
      applicant: person
        ? {
            idNumber: person.idNumber,
            fullName: person.fullName,
            dateOfBirth: person.dateOfBirth,
            address: person.address,
            phone: person.phone,
          }
        : null,
      registryPaths: Object.keys(registry),
      prefill: prefill(schema, {}, registry, earlierRow?.form ?? {}),
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        returnPoints: points.filter((p) => p.unit_id === u.id).map((p) => ({ id: p.id, name: p.name, address: p.address })),
      })),
      fee: computeFee(proc.fee, {}),
    };
  }

  private async view(id: string, citizenId: string): Promise<ApplicationView> {
    const [a] = await this.views(citizenId, { ids: [id] });
    if (!a) throw new Problem('not-found', { what: 'application' });
    return a;
  }

  /** The citizen's applications, by id or by status, newest first, in one query. */
  private async views(citizenId: string, f: { ids?: string[]; statuses?: ApplicationStatus[] }): Promise<ApplicationView[]> {
    let q = this.db
      .selectFrom('application as a')
      .innerJoin('procedure_version as v', 'v.id', 'a.procedure_version_id')
      .innerJoin('procedure as p', 'p.id', 'a.procedure_id')
      .leftJoin('dossier as d', 'd.id', 'a.dossier_id')
      .leftJoin('payment as pay', (j) =>
        j.onRef('pay.subject_id', '=', 'a.id').on('pay.subject_type', '=', 'application').on('pay.status', 'in', ['pending', 'paid']),
      )
      .select([
        'a.id',
        'a.procedure_id',
        'v.name',
        'p.code',
        'a.unit_id',
        'a.return_point_id',
        'a.form',
        'a.components',
        'a.status',
        'a.revision',
        'a.fee',
        'a.dossier_id',
        'd.code as dossier_code',
        'pay.id as payment_id',
        'a.updated_at',
      ])
      .where('a.citizen_id', '=', citizenId)
      .orderBy('a.updated_at', 'desc')
      .limit(50);
    if (f.ids) q = q.where('a.id', 'in', f.ids);
    if (f.statuses) q = q.where('a.status', 'in', f.statuses);
    const rows = await q.execute();
    return rows.map((a) => ({
      id: a.id,
      procedureId: a.procedure_id,
      procedureName: a.name,
      procedureCode: a.code,
      unitId: a.unit_id,
      returnPointId: a.return_point_id,
      form: a.form,
      components: a.components,
      status: a.status,
      revision: a.revision,
      fee: a.fee,
      dossierId: a.dossier_id,
      dossierCode: a.dossier_code,
      paymentId: a.payment_id,
      updatedAt: a.updated_at,
    }));
  }

  async get(ctx: ServiceContext, id: string): Promise<ApplicationView> {
    return this.view(id, idOf(requireCitizen(ctx)));
  }

  /** Applications not yet submitted (drafts and those waiting for OTP or payment), newest first: continue anywhere. */
  async listOpen(ctx: ServiceContext): Promise<ApplicationView[]> {
    return this.views(idOf(requireCitizen(ctx)), { statuses: ['draft', 'awaiting-otp', 'awaiting-payment'] });
  }

  /**
   * Saves the draft as the citizen types. The id is the browser's, so a draft saved offline keeps its identity
   * and sending it twice changes nothing. Editing after "submit" (while the OTP is pending) takes it back to draft.
   */
  async save(ctx: ServiceContext, id: string, input: ApplicationInput): Promise<ApplicationView> {
    const citizen = requireCitizen(ctx);
    const proc = await this.procedure(input.procedureId);
    this.checkOnline(proc, citizen);
    if (!proc.unitIds.includes(input.unitId)) throw new Problem('procedure-not-handled');
    if (input.returnPointId) {
      // The result is returned where the citizen chose, among the competent unit's own reception points.
      const rp = await this.db
        .selectFrom('reception_point')
        .select('id')
        .where('id', '=', input.returnPointId)
        .where('unit_id', '=', input.unitId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!rp) throw new Problem('return-point-invalid');
    }
    const beyond = componentsBeyondProcedure(
      proc.components,
      input.components.map((c) => c.componentId),
    );
    if (beyond.length) throw new Problem('component-not-in-procedure', {}, { components: beyond });
    const form = JSON.stringify(input.form);
    if (form.length > 200_000) throw new Problem('body-too-large', { limit: 200_000 });
    await this.db.transaction().execute(async (trx) => {
      const cur = await trx
        .selectFrom('application')
        .select(['citizen_id', 'status', 'revision', 'procedure_id'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (cur && cur.citizen_id !== idOf(citizen)) throw new Problem('not-found', { what: 'application' });
      if (cur && cur.status !== 'draft' && cur.status !== 'awaiting-otp')
        throw new Problem('application-not-editable', { status: cur.status });
      if (cur && input.revision !== undefined && input.revision !== cur.revision)
        throw new Problem('revision-conflict', {}, { currentRevision: cur.revision });
      const values = {
        procedure_id: proc.id,
        procedure_version_id: proc.versionId,
        unit_id: input.unitId,
        return_point_id: input.returnPointId ?? null,
        form,
        components: JSON.stringify(input.components),
        status: 'draft' as const,
        assisted_by: citizen.assistedBy?.userId ?? null,
        updated_at: new Date(),
      };
      if (cur)
        await trx
          .updateTable('application')
          .set({ ...values, revision: cur.revision + 1 })
          .where('id', '=', id)
          .execute();
      else
        await trx
          .insertInto('application')
          .values({ id, citizen_id: idOf(citizen), ...values })
          .execute();
    });
    return this.view(id, idOf(citizen));
  }

  async discard(ctx: ServiceContext, id: string): Promise<void> {
    const citizen = requireCitizen(ctx);
    const r = await this.db
      .updateTable('application')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('id', '=', id)
      .where('citizen_id', '=', idOf(citizen))
      .where('status', 'in', ['draft', 'awaiting-otp'])
      .executeTakeFirst();
    if (!r.numUpdatedRows) throw new Problem('not-found', { what: 'application' });
  }

  /**
   * Checks the application as the centre would (online channel, level of assurance, every mandatory component
   * that the registry does not hold, the form against its schema with the registry's data put back) and sends
   * the OTP that confirms it is the citizen who submits.
   */
  async submit(ctx: ServiceContext, id: string, revision: number | undefined, channel?: OtpChannel) {
    const citizen = requireCitizen(ctx);
    const app = await this.view(id, idOf(citizen));
    if (app.status !== 'draft' && app.status !== 'awaiting-otp') throw new Problem('application-not-editable', { status: app.status });
    if (revision !== undefined && revision !== app.revision) throw new Problem('revision-conflict', {}, { currentRevision: app.revision });
    const [proc] = await findProcedures(this.db, { ids: [app.procedureId] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    this.checkOnline(proc, citizen);
    const lookup = await this.lookupOwn(ctx, citizen, `portal submission ${proc.code} (own data)`);
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
      idOf(citizen),
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
    const person = await this.db.selectFrom('citizen').select(['phone', 'email']).where('id', '=', idOf(citizen)).executeTakeFirstOrThrow();
    if (citizen.assistedBy) {
      // At the counter the officer's check of the citizen's identity confirms the submission (no OTP).
      await this.db.transaction().execute(async (trx) => {
        const now = new Date();
        await trx
          .updateTable('application')
          .set({
            status: fee > 0 ? 'awaiting-payment' : 'awaiting-otp',
            form: JSON.stringify(form),
            fee,
            procedure_version_id: proc.versionId,
            assisted_by: citizen.assistedBy!.userId,
            verification: JSON.stringify({
              method: `assisted-${citizen.assistedBy!.method}`,
              loa: citizen.loa,
              registry: lookup.status,
              assistedBy: citizen.assistedBy!.userId,
            }),
            confirmed_at: now,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        if (fee === 0) await this.finalize(trx, id, false, ctx.requestId);
      });
      return { application: await this.view(id, idOf(citizen)), otp: null };
    }
    const otp = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('application')
        .set({
          status: 'awaiting-otp',
          form: JSON.stringify(form),
          fee,
          procedure_version_id: proc.versionId,
          verification: JSON.stringify({ method: 'vneid', loa: citizen.loa, registry: lookup.status }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
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
    return { application: await this.view(id, idOf(citizen)), otp };
  }

  async otpStatus(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    await this.view(id, idOf(citizen));
    return this.otp.status(this.db, { purpose: SUBMIT_OTP, subjectId: id });
  }

  async resendOtp(ctx: ServiceContext, id: string, channel?: OtpChannel) {
    const citizen = requireCitizen(ctx);
    const app = await this.view(id, idOf(citizen));
    if (app.status !== 'awaiting-otp') throw new Problem('otp-not-requested');
    return this.otp.resend(this.db, { purpose: SUBMIT_OTP, subjectId: id, ...(channel ? { channel } : {}) });
  }

  /**
   * The OTP confirms the submission. Without a fee the dossier is created at once; with one, the citizen is sent
   * to the payment gateway and the dossier is created when the payment is confirmed (callback or reconciliation).
   * Repeating the call after success answers the same outcome.
   */
  async confirm(ctx: ServiceContext, id: string, code: string) {
    const citizen = requireCitizen(ctx);
    let app = await this.view(id, idOf(citizen));
    if (app.status === 'awaiting-otp') {
      // The code is spent in the same transaction that moves the application on: if anything after it fails,
      // the code is still good for another try.
      await this.db.transaction().execute(async (trx) => {
        const locked = await trx
          .selectFrom('application')
          .select(['status', 'fee'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (locked.status !== 'awaiting-otp') return;
        await this.otp.verify(trx, { purpose: SUBMIT_OTP, subjectId: id, code });
        const now = new Date();
        await trx
          .updateTable('application')
          .set({ confirmed_at: now, updated_at: now, status: locked.fee > 0 ? 'awaiting-payment' : 'awaiting-otp' })
          .where('id', '=', id)
          .execute();
        if (locked.fee === 0) await this.finalize(trx, id, false, ctx.requestId);
      });
      app = await this.view(id, idOf(citizen));
    }
    if (app.status === 'awaiting-payment') return { application: app, payment: await this.pay(ctx, id) };
    if (app.status === 'submitted') return { application: app, payment: null };
    throw new Problem('application-not-editable', { status: app.status });
  }

  /** Starts (or resumes) the payment of a confirmed application's fee. */
  async pay(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    const app = await this.view(id, idOf(citizen));
    if (app.status !== 'awaiting-payment') throw new Problem('payment-not-required');
    return this.payments.start(ctx, {
      subjectType: 'application',
      subjectId: id,
      citizenId: idOf(citizen),
      amount: app.fee,
      description: `Lệ phí ${app.procedureCode} — ${app.procedureName}`.slice(0, 200),
      returnUrl: `/cong-dan/nop/${id}`,
    });
  }

  /** The application becomes a dossier; its attached files join the citizen's data store. */
  private async finalize(trx: Transaction<Database>, applicationId: string, paidOnline: boolean, requestId: string): Promise<void> {
    const created = await this.dossiers.createFromApplication(trx, applicationId, { paidOnline, requestId });
    const app = await trx
      .selectFrom('application')
      .select(['citizen_id', 'components'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const fileIds = app.components.flatMap((c) => c.fileIds ?? []);
    if (fileIds.length) {
      const comps = await trx
        .selectFrom('procedure_component')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          app.components.map((c) => c.componentId),
        )
        .execute();
      const titles = app.components.flatMap((c) => (c.fileIds ?? []).map(() => comps.find((x) => x.id === c.componentId)?.name ?? ''));
      await addFromDossier(trx, { citizenId: app.citizen_id, dossierId: created.id, fileIds, kind: 'component', titles });
    }
  }

  // ---- My dossiers -------------------------------------------------------------------------------------------

  /** The citizen's dossiers, online or filed for them at a counter (same personal ID number), newest first. */
  async myDossiers(ctx: ServiceContext): Promise<CitizenDossierView[]> {
    const citizen = requireCitizen(ctx);
    const rows = await this.baseQuery(citizen).orderBy('d.received_at', 'desc').limit(100).execute();
    return Promise.all(rows.map((r) => this.present(r)));
  }

  async myDossier(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    const r = await this.baseQuery(citizen).where('d.id', '=', id).executeTakeFirst();
    if (!r) throw new Problem('not-found', { what: 'dossier' });
    const view = await this.present(r);
    const events = await this.db
      .selectFrom('dossier_event')
      .select(['seq', 'at', 'action', 'to_status', 'reason', 'data'])
      .where('dossier_id', '=', id)
      .orderBy('seq')
      .execute();
    const resultIds = events
      .filter((e) => e.action === 'issue-result')
      .flatMap((e) => (Array.isArray(e.data.resultFileIds) ? (e.data.resultFileIds as string[]) : []));
    // A result issued electronically belongs in the citizen's data store as soon as they see it.
    if (resultIds.length && r.citizen_id === citizen.citizenId)
      await addFromDossier(this.db, {
        citizenId: citizen.citizenId,
        dossierId: id,
        fileIds: resultIds,
        kind: 'result',
        titles: `Kết quả ${r.code}`,
      });
    const documents = await this.db
      .selectFrom('citizen_document')
      .select(['id', 'title', 'kind'])
      .where('citizen_id', '=', citizen.citizenId)
      .where('dossier_id', '=', id)
      .execute();
    const payment = await this.db
      .selectFrom('payment as p')
      .innerJoin('application as a', 'a.id', 'p.subject_id')
      .select(['p.id', 'p.amount', 'p.status', 'p.receipt_no', 'p.paid_at'])
      .where('a.dossier_id', '=', id)
      .where('p.subject_type', '=', 'application')
      .where('p.status', '=', 'paid')
      .executeTakeFirst();
    return {
      ...view,
      // What the citizen needs to follow the dossier: when and what, never internal notes or officers' data.
      events: events.map((e) => ({
        at: e.at,
        action: e.action,
        status: e.to_status,
        label: STATUS_LABELS[e.to_status as Status] ?? null,
        reason: ['refuse', 'stop', 'request-supplement', 'apologize-and-extend'].includes(e.action) ? e.reason : '',
      })),
      documents,
      payment: payment ? { id: payment.id, amount: payment.amount, receiptNo: payment.receipt_no, paidAt: payment.paid_at } : null,
    };
  }

  private baseQuery(citizen: CitizenPrincipal) {
    return this.db
      .selectFrom('dossier as d')
      .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
      .innerJoin('unit as u', 'u.id', 'd.unit_id')
      .innerJoin('reception_point as rp', 'rp.id', 'd.return_point_id')
      .leftJoin('staff_user as s', 's.id', 'd.assignee_id')
      .leftJoin('dossier_rating as r', 'r.dossier_id', 'd.id')
      .select([
        'd.id',
        'd.code',
        'd.citizen_id',
        'v.name as procedure_name',
        'u.name as unit_name',
        'd.status',
        'd.channel',
        'd.received_at',
        'd.due_at',
        'd.finished_at',
        'd.returned_at',
        'd.withdrawal_requested',
        's.full_name as officer',
        'rp.name as return_point',
        'r.value as rating_value',
        'r.reason as rating_reason',
      ])
      .where((eb) => eb.or([eb('d.citizen_id', '=', citizen.citizenId), eb('d.applicant_id_number', '=', citizen.idNumber)]));
  }

  private async present(
    r: Awaited<ReturnType<ReturnType<PortalService['baseQuery']>['executeTakeFirstOrThrow']>>,
  ): Promise<CitizenDossierView> {
    const status = r.status as Status;
    let awaiting: CitizenDossierView['awaiting'] = null;
    if (status === 'awaiting-supplement') {
      const ev = await this.db
        .selectFrom('dossier_event')
        .select(['reason', 'data'])
        .where('dossier_id', '=', r.id)
        .where('action', '=', 'request-supplement')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const items = Array.isArray(ev?.data.items) ? (ev.data.items as { componentId: string; name: string; reason: string }[]) : [];
      awaiting = { kind: 'supplement', items, reason: ev?.reason ?? '' };
    }
    const actions: CitizenDossierView['actions'] = [];
    if (status === 'awaiting-supplement') actions.push('supplement');
    if (isOpen(status) && status !== 'withdrawal-requested' && !r.withdrawal_requested) actions.push('withdraw');
    if (status === 'returned' && !r.rating_value) actions.push('rate');
    return {
      id: r.id,
      code: r.code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
      status,
      statusLabel: STATUS_LABELS[status],
      nationalStatus: NATIONAL_STATUS[status],
      channel: r.channel,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      finishedAt: r.finished_at,
      returnedAt: r.returned_at,
      handlingOfficer: r.officer,
      returnPoint: r.return_point,
      awaiting,
      actions,
      rating: r.rating_value ? { value: r.rating_value, reason: r.rating_reason ?? '' } : null,
    };
  }

  async answerSupplement(ctx: ServiceContext, id: string, components: ApplicationComponent[]) {
    const citizen = requireCitizen(ctx);
    await assertOwnedFiles(
      this.db,
      citizen.citizenId,
      components.flatMap((c) => c.fileIds ?? []),
    );
    return this.dossiers.act(ctx, id, 'receive-supplement', {
      components: components.map((c) => ({ componentId: c.componentId, fileIds: c.fileIds ?? [] })),
    });
  }

  /** The citizen's own request to withdraw: the only thing that allows a centre to stop a dossier "at the citizen's request". */
  async requestWithdrawal(ctx: ServiceContext, id: string, reason: string) {
    requireCitizen(ctx);
    if (!reason.trim()) throw new Problem('validation-failed', { summary: 'reason: say why you withdraw the dossier' });
    return this.dossiers.act(ctx, id, 'record-withdrawal-request', { reason, channel: 'online' });
  }

  /** Like or dislike (with a reason) once the result was returned, once per dossier. */
  async rate(ctx: ServiceContext, id: string, value: 'like' | 'dislike', reason: string) {
    const citizen = requireCitizen(ctx);
    const r = await this.baseQuery(citizen).where('d.id', '=', id).executeTakeFirst();
    if (!r) throw new Problem('not-found', { what: 'dossier' });
    if (r.status !== 'returned' || r.rating_value) throw new Problem('rating-not-allowed');
    if (value === 'dislike' && !reason.trim()) throw new Problem('validation-failed', { summary: 'reason: say what went wrong' });
    // A dislike with its reason becomes a service feedback in the same transaction, so nothing a citizen says is lost.
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('dossier_rating')
        .values({ dossier_id: id, citizen_id: citizen.citizenId, value, reason: reason.trim().slice(0, 1000) })
        .onConflict((oc) => oc.column('dossier_id').doNothing())
        .returning('dossier_id')
        .executeTakeFirst();
      if (r && value === 'dislike' && this.feedback)
        await this.feedback.fromDossierDislike(trx, id, citizen.citizenId, reason.trim().slice(0, 1000));
    });
    return { value, reason: reason.trim() };
  }
}
