// Intake: a dossier is born at the counter (in person or by post, online through an officer, offline and synced
// later) or from a citizen's online application. The rules are pure (src/domain/dossier/rules.ts), the clock
// too (src/domain/calendar/clock.ts); every query is in src/db/repositories/dossier-intake.repository.ts (codes and
// events: dossier.repository.ts). A new dossier is written in one transaction: the row, its components, first
// event, deadline, audit entry and the messages (national portal, and the citizen's notices) through the outbox.
import type { Transaction } from 'kysely';
import { citizenLookupGrounds, citizenLookupUnits } from '../../domain/access';
import { startClock } from '../../domain/calendar/index';
import { computeFee } from '../../domain/catalogue/procedure';
import { applicantNotices, portalMessage, portalSnapshot, refuseRegistryHeld, type OutboxMessage } from '../../domain/dossier/effects';
import { NATIONAL_STATUS, type Status } from '../../domain/dossier/lifecycle';
import { offlineReceiptTime } from '../../domain/dossier/offline';
import { componentsBeyondProcedure, declarationComponent, missingComponents, type ProvidedComponent } from '../../domain/dossier/rules';
import { Problem } from '../../domain/problems';
import { isTrainingIdNumber, isTrainingUnit } from '../../domain/training';
import type { Applicant, Database } from '../../db/schema';
import { formatDossierCode, logPersonalDataAccess, nextDailyNumber, vnDay } from '../../db/repositories/dossier.repository';
import { citizenHasDossierAt } from '../../db/repositories/dossier-queries.repository';
import {
  findByIntakeKey,
  findCitizen,
  findCompetentUnit,
  findDossierCode,
  findOnlineDesk,
  findReceptionPoint,
  findReturnPoint,
  insertDossier,
} from '../../db/repositories/dossier-intake.repository';
import type { ApplicationRow } from '../../db/repositories/application.repository';
import { findProcedures } from '../../db/repositories/procedure.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import type { LookupResult } from '../../adapters/registry.adapter';
import { assertFilesOwned } from '../ownership';
import { formErrors } from '../portal.service';
import { closeDraft } from '../draft.service';
import { requireActor, type ServiceContext } from '../context';
import { dossierWebhooks, formAnswersOf, publicBase, unitClock, type DossierDeps } from './common';

export type IntakeInput = {
  procedureId: string;
  competentUnitId: string;
  receptionPointId: string;
  returnPointId?: string;
  channel: 'in-person' | 'online' | 'postal';
  applicant: Applicant;
  components: ProvidedComponent[];
  fee?: { pages?: number; copies?: number; receiptNo?: string };
  draftId?: string;
  /** The request's Idempotency-Key: stored with the dossier in the same transaction. */
  idempotencyKey?: string;
  /** Received at the counter while the server was unreachable (see src/domain/dossier/offline.ts). */
  offline?: OfflineIntake;
};

export type OfflineIntake = {
  /** When the device recorded the receipt. */
  receivedAt: Date;
  /** The number printed on the provisional receipt, unique to the device. */
  provisionalNo: string;
  /** The procedure version shown on the device; a newer one makes the intake a conflict for the officer. */
  procedureVersionId?: string;
};

export type IntakeResult = {
  id: string;
  code: string;
  status: Status;
  nationalStatus: number;
  receivedAt: Date;
  countedFrom: Date;
  dueAt: Date | null;
  fee: number;
  /** For an offline intake: its provisional number and whether the device's receipt time was used. */
  offline?: { provisionalNo: string; deviceTimeUsed: boolean; clockWarning: 'in-future' | 'too-old' | 'invalid' | null };
};

type ProcedureRow = NonNullable<Awaited<ReturnType<typeof findProcedures>>[number]>;

/** Everything a new dossier is written from, whichever way it arrived (counter, post, online). */
type NewDossier = {
  competent: { id: string; code: string };
  receivedUnitId: string;
  receptionPointId: string;
  returnPointId: string;
  proc: ProcedureRow;
  channel: 'in-person' | 'online' | 'postal';
  status: Status;
  applicant: Applicant;
  registryStatus: string;
  fee: number;
  feeReceiptNo: string | null;
  /** Who the first event names: the receiving officer, or the citizen for an online dossier. */
  by: { id: string | null; name: string; username: string; role: string };
  intakeKey: string | null;
  citizenId?: string | null;
  assistedBy?: string | null;
  paidOnline?: boolean;
  verifiedVneid?: boolean;
  eventData?: Record<string, unknown>;
  /** The e-form answers of an online application, validated against the version's schema. */
  formAnswers?: Record<string, unknown> | null;
  components: ProvidedComponent[];
  countedFrom: Date;
  dueAt: Date | null;
  requestId: string;
  now: Date;
  /** Messages beside the portal's first record (the citizen's notices), once the dossier's id and code are known. */
  notices?: (d: { id: string; code: string }) => OutboxMessage[];
};

/** The components of an online dossier: the declaration is provided by its e-form when no scan of it was sent. */
function withDeclaration(components: ProvidedComponent[], declaration: { id: string } | undefined): ProvidedComponent[] {
  if (!declaration || components.some((c) => c.componentId === declaration.id && (c.fileIds?.length ?? 0) > 0)) return components;
  return [...components.filter((c) => c.componentId !== declaration.id), { componentId: declaration.id, presented: true }];
}

export class DossierIntakeService {
  /** Successful registry answers, kept briefly so the lookup at the counter and the intake do not ask twice. */
  private registryCache = new Map<string, { at: number; result: LookupResult }>();

  constructor(private readonly deps: DossierDeps) {}

  private get db() {
    return this.deps.db;
  }

  /**
   * Looks a citizen up in the population registry, logging who asked, for which unit and why, whatever the answer.
   * Only for a unit where the caller holds a role that handles citizens' dossiers: a reception officer there (the
   * counter receives anyone), or a specialist, leader or director there when that unit received or handles a dossier
   * of this citizen. Without `unitId`, the one such unit of the caller (several: the caller must say which).
   */
  async lookupCitizen(ctx: ServiceContext, idNumber: string, purpose: string, unitId: string | null): Promise<LookupResult> {
    const actor = requireActor(ctx);
    if (!/^[0-9]{12}$/.test(idNumber)) throw new Problem('id-number-invalid');
    const mine = citizenLookupUnits(actor);
    if (mine.length === 0) throw new Problem('forbidden');
    if (unitId === null) {
      if (mine.length > 1)
        throw new Problem('validation-failed', { summary: 'unitId: say for which of your units you look the citizen up' });
      unitId = mine[0]!;
    }
    // At the counter anyone may come; at a desk only the citizens whose dossiers the unit has. Either way the access
    // is logged under this unit, one where the caller really holds the role.
    const grounds = citizenLookupGrounds(actor, unitId);
    if (grounds === null) throw new Problem('forbidden');
    if (grounds === 'dossiers' && !(await citizenHasDossierAt(this.db, idNumber, unitId))) throw new Problem('forbidden');
    // A training unit (issue 16) never reaches the real registry: only the reserved training numbers are looked up.
    if (isTrainingUnit(await listUnitTree(this.db), unitId) && !isTrainingIdNumber(idNumber))
      throw new Problem('training-id-number-required');
    const hit = this.registryCache.get(idNumber);
    const result = hit && Date.now() - hit.at < 15 * 60_000 ? hit.result : await this.deps.registry.lookup(idNumber);
    if (result.status === 'found') this.registryCache.set(idNumber, { at: Date.now(), result });
    await logPersonalDataAccess(this.db, {
      actorId: actor.userId,
      actorName: actor.username,
      unitId,
      idNumber,
      subjectType: 'population-registry',
      purpose,
      outcome: result.status,
      requestId: ctx.requestId,
    });
    return result;
  }

  async create(ctx: ServiceContext, input: IntakeInput, now = new Date()): Promise<IntakeResult> {
    const actor = requireActor(ctx);
    const intakeKey = input.idempotencyKey ? `${actor.userId}:${input.idempotencyKey}` : null;
    if (intakeKey) {
      const prior = await this.findByIntakeKey(intakeKey);
      if (prior) return prior;
    }
    // An offline intake counts from its receipt at the counter when the device clock is plausible.
    const receipt = input.offline ? offlineReceiptTime(input.offline.receivedAt, now) : null;
    const serverNow = now;
    if (receipt) now = receipt.receivedAt;
    const point = await findReceptionPoint(this.db, input.receptionPointId);
    if (!point || !point.active) throw new Problem('not-found', { what: 'reception point' });
    if (!actor.roles.some((g) => g.unitId === point.unit_id && g.role === 'reception-officer')) throw new Problem('forbidden');
    const competent = await findCompetentUnit(this.db, input.competentUnitId);
    if (!competent) throw new Problem('not-found', { what: 'competent unit' });
    const [proc] = await findProcedures(this.db, { ids: [input.procedureId] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    if (!proc.unitIds.includes(competent.id)) throw new Problem('procedure-not-handled');
    if (input.offline?.procedureVersionId && input.offline.procedureVersionId !== proc.versionId)
      throw new Problem('offline-procedure-changed', { provisionalNo: input.offline.provisionalNo, version: proc.version });
    const province = (u: { id: string; parent_id: string | null }) => u.parent_id ?? u.id;
    if (point.unit_id !== competent.id) {
      // Art. 14 Decree 118: any centre of the province receives the province's boundary-free procedures.
      if (!proc.boundaryFree || province({ id: point.unit_id, parent_id: point.parent_id }) !== province(competent))
        throw new Problem('boundary-not-allowed');
    }
    if (!proc.channels.includes(input.channel)) throw new Problem('channel-not-offered', { channel: input.channel });
    const returnPointId = input.returnPointId ?? input.receptionPointId;
    const ret = await findReturnPoint(this.db, returnPointId);
    if (!ret || !ret.active || (ret.unit_id !== competent.id && ret.unit_id !== point.unit_id)) throw new Problem('return-point-invalid');

    const unknown = componentsBeyondProcedure(
      proc.components,
      input.components.map((c) => c.componentId),
    );
    if (unknown.length) throw new Problem('component-not-in-procedure', {}, { components: unknown });
    const lookup = await this.lookupCitizen(ctx, input.applicant.idNumber, `intake ${proc.code}`, point.unit_id);
    const registryOk = lookup.status === 'found';
    // The intake checklist may not take from the citizen a paper the registry answered for (Decree 224 Art. 18(4)).
    refuseRegistryHeld(
      proc.components,
      input.components.filter((c) => c.presented || (c.fileIds?.length ?? 0) > 0),
      registryOk,
    );
    const missing = missingComponents(proc.components, input.components, registryOk);
    if (missing.length)
      throw new Problem(
        'components-missing',
        { names: missing.map((m) => m.name).join('; ') },
        { missing: missing.map((m) => ({ componentId: m.id, name: m.name })), registry: lookup.status },
      );
    const fileIds = [...new Set(input.components.flatMap((c) => c.fileIds ?? []))];
    await assertFilesOwned(this.db, fileIds, { kind: 'units', unitIds: [point.unit_id] });
    // The registry's data wins over what was typed: the citizen gives information only once (Decree 224 Art. 15).
    const applicant: Applicant =
      lookup.status === 'found'
        ? {
            idNumber: lookup.citizen.idNumber,
            fullName: lookup.citizen.fullName,
            dateOfBirth: lookup.citizen.dateOfBirth,
            address: lookup.citizen.address,
            phone: input.applicant.phone || lookup.citizen.phone,
          }
        : input.applicant;
    const fee = computeFee(proc.fee, { units: input.fee?.pages, copies: input.fee?.copies });
    const { schedule, calendar } = await unitClock(this.deps, competent.id, proc.cutoffTime);
    const { countedFrom, dueAt } = startClock(now, proc.processingDays, schedule, calendar);
    const status: Status = input.channel === 'online' ? 'submitted' : 'received';
    const phone = applicant.phone?.trim();
    const offline = input.offline;

    const result = await this.db.transaction().execute(async (trx) => {
      const created = await this.insertDossier(trx, {
        competent,
        receivedUnitId: point.unit_id,
        receptionPointId: point.id,
        returnPointId,
        proc,
        channel: input.channel,
        status,
        applicant,
        registryStatus: lookup.status,
        fee,
        feeReceiptNo: input.fee?.receiptNo ?? null,
        by: { id: actor.userId, name: actor.fullName, username: actor.username, role: 'reception-officer' },
        intakeKey,
        components: input.components,
        countedFrom,
        dueAt,
        requestId: ctx.requestId,
        now,
        // The citizen holds only a provisional receipt: an SMS gives the real code (through the outbox).
        notices: (d) =>
          offline && phone
            ? [
                {
                  channel: 'sms',
                  key: `offline-code-sms:${d.id}`,
                  payload: {
                    to: phone,
                    text: `Motcua: ho so ${d.code} (bien nhan tam ${offline.provisionalNo}) da duoc tiep nhan; tra cuu bang ma ${d.code}.`,
                    dossierId: d.id,
                    kind: 'offline-code',
                  },
                },
              ]
            : [],
        ...(offline && receipt
          ? {
              eventData: {
                offline: {
                  provisionalNo: offline.provisionalNo,
                  deviceReceivedAt: Number.isFinite(offline.receivedAt.getTime()) ? offline.receivedAt.toISOString() : null,
                  syncedAt: serverNow.toISOString(),
                  deviceTimeUsed: receipt.deviceTimeUsed,
                },
              },
            }
          : {}),
      });
      // The counter draft ends with its dossier (in this transaction); the dossier remembers the draft's id so a
      // late autosave of it is ignored instead of bringing it back. Another officer's draft is not touched.
      if (input.draftId) await closeDraft(trx, input.draftId, actor.userId, created.id);
      return created;
    });
    return {
      ...result,
      status,
      nationalStatus: NATIONAL_STATUS[status],
      receivedAt: now,
      countedFrom,
      dueAt,
      fee,
      ...(offline && receipt
        ? {
            offline: {
              provisionalNo: offline.provisionalNo,
              deviceTimeUsed: receipt.deviceTimeUsed,
              clockWarning: receipt.deviceTimeUsed ? null : receipt.reason,
            },
          }
        : {}),
    };
  }

  /**
   * An online application, confirmed by OTP (and paid when it has a fee), becomes a `submitted` dossier in the
   * competent unit's queue, in the caller's transaction. It takes the application's record as ApplicationService
   * (the application's one owner) locked and readied it, and leaves the application's status to that service.
   * Idempotent: a record that already names its dossier returns that dossier.
   */
  async createFromApplication(
    trx: Transaction<Database>,
    app: ApplicationRow,
    opts: { paidOnline: boolean; requestId: string },
    now = new Date(),
  ): Promise<{ id: string; code: string }> {
    if (app.dossier_id) return findDossierCode(trx, app.dossier_id);
    const citizen = await findCitizen(trx, app.citizen_id);
    const [proc] = await findProcedures(trx, { versionIds: [app.procedure_version_id] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    const competent = await findCompetentUnit(trx, app.unit_id);
    if (!competent) throw new Error('no result');
    // Online dossiers are received at the unit's own reception point (the centre's online desk).
    const point = await findOnlineDesk(trx, competent.id);
    if (!point) throw new Problem('not-found', { what: 'reception point' });
    const verification = (app.verification ?? {}) as { registry?: string; method?: string };
    // The e-form is part of the dossier: checked again against the version it was submitted under.
    const answers = proc.formSchema ? (app.form as Record<string, unknown>) : null;
    if (proc.formSchema && answers) {
      const errors = formErrors(proc.formSchema, answers);
      if (errors.length)
        throw new Problem('form-invalid', { summary: errors.map((e) => `${e.title}: ${e.message}`).join('; ') }, { errors });
    }
    const { schedule, calendar } = await unitClock(this.deps, competent.id, proc.cutoffTime);
    const { countedFrom, dueAt } = startClock(now, proc.processingDays, schedule, calendar);
    const created = await this.insertDossier(trx, {
      competent,
      receivedUnitId: competent.id,
      receptionPointId: point.id,
      returnPointId: app.return_point_id ?? point.id,
      proc,
      channel: 'online',
      status: 'submitted',
      applicant: {
        idNumber: citizen.id_number,
        fullName: citizen.full_name,
        dateOfBirth: citizen.date_of_birth || undefined,
        address: citizen.address || undefined,
        phone: citizen.phone || undefined,
      },
      registryStatus: verification.registry ?? 'not-asked',
      fee: app.fee,
      feeReceiptNo: null,
      by: { id: null, name: citizen.full_name, username: `citizen:${citizen.id_number}`, role: 'citizen' },
      intakeKey: `application:${app.id}`,
      citizenId: citizen.id,
      assistedBy: app.assisted_by,
      paidOnline: opts.paidOnline,
      verifiedVneid: verification.method === 'vneid',
      eventData: { applicationId: app.id, verification, ...(app.assisted_by ? { assistedBy: app.assisted_by } : {}) },
      formAnswers: answers,
      components: withDeclaration(
        app.components.map((c) => ({ componentId: c.componentId, fileIds: c.fileIds ?? [], presented: false })),
        answers ? declarationComponent(proc.components, true) : undefined,
      ),
      countedFrom,
      dueAt,
      requestId: opts.requestId,
      now,
      notices: (d) =>
        applicantNotices(
          { id: d.id, code: d.code, phone: citizen.phone, email: citizen.email },
          proc.name,
          1,
          'submitted',
          dueAt,
          publicBase(this.deps.config),
        ),
    });
    return created;
  }

  /** Writes a new dossier with its components, first event, deadline, audit row and portal message (one transaction). */
  private async insertDossier(trx: Transaction<Database>, n: NewDossier): Promise<{ id: string; code: string }> {
    const day = vnDay(n.now);
    const seq = await nextDailyNumber(trx, n.competent.id, day.iso);
    const code = formatDossierCode(this.deps.config.dossierCodePattern, n.competent.code, n.now, seq);
    const registryUsed = n.registryStatus === 'found';
    const provided = new Map(n.components.map((c) => [c.componentId, c]));
    const components = n.proc.components
      .map((c) => {
        const p = provided.get(c.id);
        const fromRegistry = c.fromRegistry && registryUsed && !p;
        if (!p && !fromRegistry) return null;
        return { component_id: c.id, presented: p?.presented ?? false, from_registry: fromRegistry, file_ids: p?.fileIds ?? [] };
      })
      .filter((r) => r !== null);
    const snapshot = portalSnapshot(
      { registry_used: registryUsed, paid_online: n.paidOnline ?? false, verified_vneid: n.verifiedVneid ?? false },
      components.some((c) => c.file_ids.length > 0),
      undefined,
    );
    const created = await insertDossier(trx, {
      row: {
        code,
        unit_id: n.competent.id,
        received_unit_id: n.receivedUnitId,
        reception_point_id: n.receptionPointId,
        return_point_id: n.returnPointId,
        procedure_id: n.proc.id,
        procedure_version_id: n.proc.versionId,
        channel: n.channel,
        status: n.status,
        applicant: n.applicant,
        registry_used: registryUsed,
        fee: n.fee,
        fee_receipt_no: n.feeReceiptNo,
        received_by: n.by.id,
        intake_key: n.intakeKey,
        citizen_id: n.citizenId ?? null,
        assisted_by: n.assistedBy ?? null,
        paid_online: n.paidOnline ?? false,
        verified_vneid: n.verifiedVneid ?? false,
        received_at: n.now,
        counted_from: n.countedFrom,
        due_at: n.dueAt,
        form_answers: n.formAnswers ?? null,
      },
      components,
      event: {
        action: 'create',
        actorId: n.by.id,
        actorName: n.by.name,
        actorRole: n.by.role,
        unitId: n.receivedUnitId,
        data: {
          channel: n.channel,
          registry: n.registryStatus,
          fee: n.fee,
          procedureVersion: n.proc.version,
          receptionPointId: n.receptionPointId,
          returnPointId: n.returnPointId,
          ...n.eventData,
        },
      },
      deadline: {
        unitId: n.competent.id,
        receivedAt: n.now,
        workingDays: n.proc.processingDays,
        mode: this.deps.config.supplementClock,
        countedFrom: n.countedFrom,
        dueAt: n.dueAt,
      },
      audit: {
        actorId: n.by.id,
        actorName: n.by.username,
        actorRole: n.by.role,
        unitId: n.competent.id,
        requestId: n.requestId,
        details: { code, procedure: n.proc.code, receivedUnitId: n.receivedUnitId },
      },
      messages: (id) => [
        portalMessage(id, code, 1, n.status, snapshot, {
          receivedAt: n.now,
          dueAt: n.dueAt,
          channel: n.channel,
          registryUsed,
          // The e-form travels with the dossier's first record on the national portal.
          ...(n.formAnswers ? { eForm: formAnswersOf(n.proc.formSchema, n.formAnswers) } : {}),
        }),
        ...(n.notices?.({ id, code }) ?? []),
      ],
    });
    await dossierWebhooks(trx, { id: created.id, code, unitId: n.competent.id }, 1, null, n.status, 'create', n.now);
    return created;
  }

  /** The dossier an earlier attempt of the same intake created (the answer was lost, the dossier was not). */
  private async findByIntakeKey(intakeKey: string): Promise<IntakeResult | undefined> {
    const d = await findByIntakeKey(this.db, intakeKey);
    if (!d) return undefined;
    return {
      id: d.id,
      code: d.code,
      status: d.status,
      nationalStatus: NATIONAL_STATUS[d.status],
      receivedAt: d.received_at,
      countedFrom: d.counted_from,
      dueAt: d.due_at,
      fee: d.fee,
    };
  }
}
