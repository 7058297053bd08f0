// Dossiers from the counter to the result: intake, the lifecycle actions under the law's rules, work
// queues, the dossier page, and the public status lookup. Every change writes, in one transaction, the
// dossier row, an event of its append-only history, its deadline, an audit row and the outbox message
// for the national portal.
import { sql, type Transaction } from 'kysely';
import type { Config } from '../config';
import { citizenLookupGrounds, citizenLookupUnits, unitScope, type Actor } from '../domain/access';
import { addWorkingMillis, computeDeadline, computeDueWithPauses, workingMillisBetween, type UnitSchedule } from '../domain/calendar/index';
import { computeFee } from '../domain/catalogue/procedure';
import { ACTION_ROLES, ALLOWED, allowedActions, NATIONAL_STATUS, nextStatus, type Action, type Status } from '../domain/dossier/lifecycle';
import {
  componentsBeyondProcedure,
  declarationComponent,
  handoverProblem,
  missingComponents,
  REGISTRY_FAILED_NOTE,
  registryComponentsAsked,
  supplementReceivedRule,
  withdrawalEvidenceRule,
  type Handover,
  type HistoryEvent,
  type ProvidedComponent,
} from '../domain/dossier/rules';
import { actionAvailability, actionRule } from '../domain/dossier/availability';
import { handoffs, stepTimeline } from '../domain/dossier/steps';
import { vnDateTime } from '../domain/calendar/display';
import { readableAnswers, type FormAnswer } from '../domain/portal/form';
import { forUnitKind } from '../forms/titles';
import { statusNotice } from '../domain/dossier/notices';
import { offlineReceiptTime } from '../domain/dossier/offline';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import { Problem } from '../domain/problems';
import type { Role } from '../domain/roles';
import type { Db } from '../db/database';
import { emitWebhookEvent } from '../db/repositories/webhook.repository';
import { EVENT_SCOPES } from '../domain/webhooks';
import type { Applicant, Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  appendEvent,
  citizenHasDossierAt,
  enqueueOutbox,
  findDossierPage,
  findPublicStatus,
  findWorkQueue,
  formatDossierCode,
  logPersonalDataAccess,
  nextDailyNumber,
  vnDay,
} from '../db/repositories/dossier.repository';
import { findProcedures, findProcedureVersion } from '../db/repositories/procedure.repository';
import { findUnitSchedule, listUnitTree } from '../db/repositories/unit.repository';
import type { LookupResult, PopulationRegistry } from '../adapters/registry.adapter';
import { scheduleOf, type CalendarService } from './calendar.service';
import { addFromDossier } from './citizen-documents.service';
import { assertFilesOwned } from './ownership';
import { formErrors } from './portal.service';
import { closeDraft } from './draft.service';
import { requireActor, type ServiceContext } from './context';

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

export type ActionBody = {
  assigneeId?: string;
  reason?: string;
  items?: { componentId: string; reason: string }[];
  components?: ProvidedComponent[];
  channel?: 'in-person' | 'postal' | 'online';
  newDueAt?: string;
  resultFileIds?: string[];
  /** record-withdrawal-request: the scan of the citizen's signed request (in person or by post). */
  evidenceFileIds?: string[];
  /** return-result: how the result was handed over. */
  handover?: Handover;
  note?: string;
  toUnitId?: string;
};

export type QueueName =
  | 'to-receive'
  | 'to-assign'
  | 'to-process'
  | 'to-approve'
  | 'to-issue'
  | 'awaiting-citizen'
  | 'to-return'
  | 'due-soon'
  | 'overdue'
  | 'mine';

const QUEUE_STATUSES: Partial<Record<QueueName, Status[]>> = {
  'to-receive': ['submitted'],
  'to-assign': ['received'],
  'to-process': ['in-progress'],
  'to-approve': ['awaiting-approval'],
  'to-issue': ['approved'],
  'awaiting-citizen': ['awaiting-supplement', 'awaiting-payment'],
  'to-return': ['result-ready'],
};

const FINISHING: readonly Action[] = ['refuse', 'stop', 'issue-result'];

/** What a citizen may do to their own dossier from the portal. */
export const CITIZEN_ACTIONS: readonly Action[] = ['receive-supplement', 'record-withdrawal-request'];
const citizenActions = (status: Status): Action[] => CITIZEN_ACTIONS.filter((a) => (ALLOWED[status] as readonly Action[]).includes(a));

type DossierRow = Awaited<ReturnType<DossierService['loadForUpdate']>>;

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
};

/** The components of an online dossier: the declaration is provided by its e-form when no scan of it was sent. */
function withDeclaration(components: ProvidedComponent[], declaration: { id: string } | undefined): ProvidedComponent[] {
  if (!declaration || components.some((c) => c.componentId === declaration.id && (c.fileIds?.length ?? 0) > 0)) return components;
  return [...components.filter((c) => c.componentId !== declaration.id), { componentId: declaration.id, presented: true }];
}

/** The e-form of a dossier as a person reads it (labels and order from the schema), or null when it has none. */
export function formAnswersOf(
  schema: Record<string, unknown> | undefined | null,
  answers: Record<string, unknown> | null,
): { title: string; items: FormAnswer[] } | null {
  if (!schema || !answers) return null;
  return { title: typeof schema.title === 'string' ? schema.title : 'Tờ khai điện tử', items: readableAnswers(schema, answers) };
}

export class DossierService {
  /** Successful registry answers, kept briefly so the lookup at the counter and the intake do not ask twice. */
  private registryCache = new Map<string, { at: number; result: LookupResult }>();

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'dossierCodePattern' | 'supplementClock' | 'publicUrl'> & Partial<Pick<Config, 'port'>>,
    private readonly calendar: CalendarService,
    private readonly registry: PopulationRegistry,
    /** Public pages read here: the replica (DATABASE_READ_URL) or the primary. */
    private readonly readDb: Db = db,
  ) {}

  /**
   * The actor's roles in the units a dossier touches. Only roles held in those units count: province-wide
   * administrators see every dossier of the province but act in none, since they are not its officers.
   */
  private rolesIn(actor: Actor, unitIds: string[]): Role[] {
    return [...new Set(actor.roles.filter((g) => unitIds.includes(g.unitId)).map((g) => g.role))];
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
    const hit = this.registryCache.get(idNumber);
    const result = hit && Date.now() - hit.at < 15 * 60_000 ? hit.result : await this.registry.lookup(idNumber);
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

  private async unitSchedule(unitId: string, cutoff: string): Promise<{ schedule: UnitSchedule; provinceId: string }> {
    const u = await findUnitSchedule(this.db, unitId);
    if (!u) throw new Problem('not-found', { what: 'unit' });
    return { schedule: scheduleOf(u, cutoff), provinceId: u.parent_id ?? u.id };
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
    const point = await this.db
      .selectFrom('reception_point as rp')
      .innerJoin('unit as u', 'u.id', 'rp.unit_id')
      .select(['rp.id', 'rp.unit_id', 'rp.active', 'u.parent_id'])
      .where('rp.id', '=', input.receptionPointId)
      .executeTakeFirst();
    if (!point || !point.active) throw new Problem('not-found', { what: 'reception point' });
    if (!actor.roles.some((g) => g.unitId === point.unit_id && g.role === 'reception-officer')) throw new Problem('forbidden');
    const competent = await this.db
      .selectFrom('unit')
      .select(['id', 'code', 'parent_id', 'type'])
      .where('id', '=', input.competentUnitId)
      .executeTakeFirst();
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
    const ret = await this.db
      .selectFrom('reception_point')
      .select(['id', 'unit_id', 'active'])
      .where('id', '=', returnPointId)
      .executeTakeFirst();
    if (!ret || !ret.active || (ret.unit_id !== competent.id && ret.unit_id !== point.unit_id)) throw new Problem('return-point-invalid');

    const unknown = componentsBeyondProcedure(
      proc.components,
      input.components.map((c) => c.componentId),
    );
    if (unknown.length) throw new Problem('component-not-in-procedure', {}, { components: unknown });
    const lookup = await this.lookupCitizen(ctx, input.applicant.idNumber, `intake ${proc.code}`, point.unit_id);
    const registryOk = lookup.status === 'found';
    // The intake checklist may not take from the citizen a paper the registry answered for (Decree 224 Art. 18(4)).
    this.refuseRegistryHeld(
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
    const { schedule, provinceId } = await this.unitSchedule(competent.id, proc.cutoffTime);
    const calendar = await this.calendar.calendarFor(provinceId);
    const { countedFrom, dueAt } = computeDeadline({ receivedAt: now, workingDays: proc.processingDays, schedule, calendar });
    const status: Status = input.channel === 'online' ? 'submitted' : 'received';

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
        ...(input.offline && receipt
          ? {
              eventData: {
                offline: {
                  provisionalNo: input.offline.provisionalNo,
                  deviceReceivedAt: Number.isFinite(input.offline.receivedAt.getTime()) ? input.offline.receivedAt.toISOString() : null,
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
      // The citizen holds only a provisional receipt: an SMS gives the real code (through the outbox).
      const phone = applicant.phone?.trim();
      if (input.offline && phone)
        await enqueueOutbox(trx, SMS_TOPIC, `offline-code-sms:${created.id}`, {
          to: phone,
          text: `Motcua: ho so ${created.code} (bien nhan tam ${input.offline.provisionalNo}) da duoc tiep nhan; tra cuu bang ma ${created.code}.`,
          dossierId: created.id,
          kind: 'offline-code',
        });
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
      ...(input.offline && receipt
        ? {
            offline: {
              provisionalNo: input.offline.provisionalNo,
              deviceTimeUsed: receipt.deviceTimeUsed,
              clockWarning: receipt.deviceTimeUsed ? null : receipt.reason,
            },
          }
        : {}),
    };
  }

  /** Writes a new dossier with its components, first event, deadline, audit row and portal message (one transaction). */
  private async insertDossier(trx: Transaction<Database>, n: NewDossier): Promise<{ id: string; code: string }> {
    const day = vnDay(n.now);
    const seq = await nextDailyNumber(trx, n.competent.id, day.iso);
    const code = formatDossierCode(this.config.dossierCodePattern, n.competent.code, n.now, seq);
    const d = await trx
      .insertInto('dossier')
      .values({
        code,
        unit_id: n.competent.id,
        received_unit_id: n.receivedUnitId,
        reception_point_id: n.receptionPointId,
        return_point_id: n.returnPointId,
        procedure_id: n.proc.id,
        procedure_version_id: n.proc.versionId,
        channel: n.channel,
        status: n.status,
        applicant_id_number: n.applicant.idNumber,
        applicant_name: n.applicant.fullName,
        applicant: JSON.stringify(n.applicant),
        registry_used: n.registryStatus === 'found',
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
        form_answers: n.formAnswers ? JSON.stringify(n.formAnswers) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const provided = new Map(n.components.map((c) => [c.componentId, c]));
    const rows = n.proc.components
      .map((c) => {
        const p = provided.get(c.id);
        const fromRegistry = c.fromRegistry && n.registryStatus === 'found' && !p;
        if (!p && !fromRegistry) return null;
        return {
          dossier_id: d.id,
          component_id: c.id,
          presented: p?.presented ?? false,
          from_registry: fromRegistry,
          file_ids: p?.fileIds ?? [],
        };
      })
      .filter((r) => r !== null);
    if (rows.length) await trx.insertInto('dossier_component').values(rows).execute();
    await appendEvent(trx, {
      dossierId: d.id,
      seq: 1,
      action: 'create',
      fromStatus: null,
      toStatus: n.status,
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
      at: n.now,
    });
    await trx
      .insertInto('deadline')
      .values({
        unit_id: n.competent.id,
        subject_type: 'dossier',
        subject_id: d.id,
        received_at: n.now,
        working_days: n.proc.processingDays,
        mode: this.config.supplementClock,
        counted_from: n.countedFrom,
        due_at: n.dueAt,
      })
      .execute();
    await appendAudit(trx, {
      actorId: n.by.id,
      actorName: n.by.username,
      actorRole: n.by.role,
      unitId: n.competent.id,
      action: 'dossier.create',
      subjectType: 'dossier',
      subjectId: d.id,
      requestId: n.requestId,
      details: { code, procedure: n.proc.code, receivedUnitId: n.receivedUnitId },
    });
    await this.toWebhooks(trx, { id: d.id, code, unitId: n.competent.id }, 1, null, n.status, 'create', n.now);
    await this.syncToPortal(trx, d.id, code, 1, n.status, {
      receivedAt: n.now,
      dueAt: n.dueAt,
      channel: n.channel,
      registryUsed: n.registryStatus === 'found',
      // The e-form travels with the dossier's first record on the national portal.
      ...(n.formAnswers ? { eForm: formAnswersOf(n.proc.formSchema, n.formAnswers) } : {}),
    });
    return { id: d.id, code };
  }

  /** The dossier an earlier attempt of the same intake created (the answer was lost, the dossier was not). */
  private async findByIntakeKey(intakeKey: string): Promise<IntakeResult | undefined> {
    const d = await this.db
      .selectFrom('dossier')
      .select(['id', 'code', 'status', 'received_at', 'counted_from', 'due_at', 'fee'])
      .where('intake_key', '=', intakeKey)
      .executeTakeFirst();
    if (!d) return undefined;
    const status = d.status as Status;
    return {
      id: d.id,
      code: d.code,
      status,
      nationalStatus: NATIONAL_STATUS[status],
      receivedAt: d.received_at,
      countedFrom: d.counted_from,
      dueAt: d.due_at,
      fee: d.fee,
    };
  }

  /**
   * API clients' webhooks hear of every status change and of an issued result, in the transaction of the change
   * (src/services/webhook.service.ts). Ids, code and statuses only: the dossier itself is read through the API.
   */
  private async toWebhooks(
    trx: Transaction<Database>,
    d: { id: string; code: string; unitId: string },
    seq: number,
    from: Status | null,
    to: Status,
    action: string,
    at: Date,
  ): Promise<void> {
    const data = {
      dossierId: d.id,
      code: d.code,
      unitId: d.unitId,
      seq,
      action,
      fromStatus: from,
      status: to,
      nationalStatus: NATIONAL_STATUS[to],
    };
    const scope = EVENT_SCOPES['dossier.status-changed'];
    if (to !== from)
      await emitWebhookEvent(trx, {
        type: 'dossier.status-changed',
        scope,
        unitId: d.unitId,
        eventKey: `dossier:${d.id}:${seq}`,
        at,
        data,
      });
    if (action === 'issue-result')
      await emitWebhookEvent(trx, {
        type: 'dossier.result-issued',
        scope: EVENT_SCOPES['dossier.result-issued'],
        unitId: d.unitId,
        eventKey: `dossier-result:${d.id}:${seq}`,
        at,
        data,
      });
  }

  /** The national portal hears of every status change, through the outbox, with an idempotency key per change. */
  private async syncToPortal(
    trx: Transaction<Database>,
    dossierId: string,
    code: string,
    seq: number,
    status: Status,
    extra: Record<string, unknown>,
  ): Promise<void> {
    // The portal's other fields as of this change, read back in the transaction (see national-portal.adapter.ts).
    const d = await trx
      .selectFrom('dossier')
      .select(['registry_used', 'paid_online', 'verified_vneid'])
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    const digitised = await trx
      .selectFrom('dossier_component')
      .select('dossier_id')
      .where('dossier_id', '=', dossierId)
      .where(sql<number>`cardinality(file_ids)`, '>', 0)
      .limit(1)
      .executeTakeFirst();
    const issued =
      status === 'result-ready' || status === 'returned'
        ? await trx
            .selectFrom('dossier_event')
            .select('data')
            .where('dossier_id', '=', dossierId)
            .where('action', '=', 'issue-result')
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined;
    const snapshot = {
      registryUsed: d.registry_used,
      hasDigitisedComponents: !!digitised,
      paidOnline: d.paid_online,
      verifiedWithVNeID: d.verified_vneid,
      ...(Array.isArray(issued?.data.resultFileIds) && issued.data.resultFileIds.length
        ? {
            resultFileIds: issued.data.resultFileIds,
            ...(Array.isArray(issued.data.resultFiles) ? { resultFiles: issued.data.resultFiles } : {}),
          }
        : {}),
    };
    await enqueueOutbox(trx, 'national-portal.status', `${dossierId}:${seq}`, {
      code,
      nationalStatus: NATIONAL_STATUS[status],
      status,
      ...snapshot,
      ...extra,
    });
  }

  async loadForUpdate(trx: Transaction<Database>, id: string) {
    return trx.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** 422 when a request names a paper the population registry holds and the registry answered for this dossier. */
  private refuseRegistryHeld(components: ProcedureRow['components'], items: { componentId: string }[], registryOk: boolean): void {
    const held = registryComponentsAsked(
      components,
      items.map((i) => i.componentId),
      registryOk,
    );
    if (held.length)
      throw new Problem(
        'registry-component-not-requestable',
        { names: held.map((c) => c.name).join('; ') },
        { components: held.map((c) => ({ componentId: c.id, name: c.name })) },
      );
  }

  /** The items of a request with their names; a registry-held paper (asked because the lookup failed) says why. */
  private requestItems(components: ProcedureRow['components'], items: { componentId: string; reason: string }[], registryOk: boolean) {
    return items.map((i) => {
      const c = components.find((x) => x.id === i.componentId)!;
      const failed = c.fromRegistry && !registryOk;
      return { ...i, name: c.name, ...(failed ? { registryFailed: true, reason: `${i.reason} (${REGISTRY_FAILED_NOTE})` } : {}) };
    });
  }

  /** Stored files of the dossier's units, checked by content and hashed at upload; 422 file-invalid if any is not. */
  private async filesOfUnits(trx: Transaction<Database>, ids: string[], unitIds: string[]) {
    const files = await trx
      .selectFrom('stored_file')
      .select(['id', 'sha256', 'mime', 'pages'])
      .where('id', 'in', ids)
      .where('unit_id', 'in', unitIds)
      .execute();
    if (files.length !== new Set(ids).size) throw new Problem('file-invalid');
    return ids.map((i) => files.find((f) => f.id === i)!);
  }

  private async history(db: Db | Transaction<Database>, id: string): Promise<HistoryEvent[]> {
    const rows = await db.selectFrom('dossier_event').select(['action', 'at']).where('dossier_id', '=', id).orderBy('seq').execute();
    return rows.map((r) => ({ action: r.action as HistoryEvent['action'], at: r.at }));
  }

  /** Takes a lifecycle action. Order of answers: 404 not visible, 409 not allowed now, 403 role, 422 rule of law. */
  async act(
    ctx: ServiceContext,
    id: string,
    action: Action,
    body: ActionBody,
    now = new Date(),
  ): Promise<{ status: Status; nationalStatus: number; dueAt: Date | null }> {
    // Staff act in the units they hold roles in; a citizen (portal) acts on their own dossiers, and only to
    // answer a supplement request or to ask for withdrawal.
    const actor = ctx.actor;
    const citizen = actor ? null : (ctx.citizen ?? null);
    if (!actor && !citizen) throw new Problem('not-signed-in');
    const scope = actor ? unitScope(actor, await listUnitTree(this.db)) : null;
    return this.db.transaction().execute(async (trx) => {
      const d: DossierRow = await this.loadForUpdate(trx, id);
      const visible =
        d &&
        (scope
          ? scope.has(d.unit_id) || scope.has(d.received_unit_id)
          : d.citizen_id === citizen!.citizenId || d.applicant_id_number === citizen!.idNumber);
      if (!d || !visible) throw new Problem('not-found', { what: 'dossier' });
      const status = d.status as Status;
      const returnPoint = await trx
        .selectFrom('reception_point')
        .select('unit_id')
        .where('id', '=', d.return_point_id)
        .executeTakeFirstOrThrow();
      const roles = actor ? this.rolesIn(actor, [d.unit_id, d.received_unit_id, returnPoint.unit_id]) : [];
      if (!(ALLOWED[status] as readonly Action[]).includes(action)) {
        const allowed = actor ? allowedActions(status, roles) : citizenActions(status);
        throw new Problem('action-not-allowed', { action, status, allowed: allowed.join(', ') }, { allowedActions: allowed });
      }
      const role = actor
        ? (ACTION_ROLES[action] as readonly Role[]).find((r) => roles.includes(r))
        : CITIZEN_ACTIONS.includes(action)
          ? 'citizen'
          : undefined;
      if (!role) throw new Problem('forbidden');
      const by = actor
        ? { id: actor.userId, name: actor.fullName, username: actor.username }
        : { id: null, name: citizen!.fullName, username: `citizen:${citizen!.idNumber}` };
      if (citizen && action === 'record-withdrawal-request') body = { ...body, channel: 'online' };
      const history = await this.history(trx, id);
      const [proc] = await findProcedures(trx, { versionIds: [d.procedure_version_id] });
      const deadline = await trx
        .selectFrom('deadline')
        .selectAll()
        .where('subject_type', '=', 'dossier')
        .where('subject_id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const { schedule, provinceId } = await this.unitSchedule(d.unit_id, proc!.cutoffTime);
      const calendar = await this.calendar.calendarFor(provinceId);

      const patch: Partial<Record<string, unknown>> = {};
      const data: Record<string, unknown> = {};
      let dl: { counted_from?: Date; due_at?: Date | null; pauses?: string; closed_at?: Date; override_due_at?: Date; unit_id?: string } =
        {};
      let before: Status | undefined;

      // The rules of the law that forbid an action after this history: the same check the dossier page shows.
      const broken = actionRule(action, history);
      if (broken) throw new Problem(broken);

      switch (action) {
        case 'accept':
          break;
        case 'assign': {
          const assignee = await this.chooseAssignee(trx, d.unit_id, body.assigneeId);
          patch.assignee_id = assignee.id;
          Object.assign(data, {
            assigneeId: assignee.id,
            assigneeName: assignee.full_name,
            how: body.assigneeId ? 'manual' : 'least-load',
          });
          break;
        }
        case 'request-supplement': {
          const items = body.items ?? [];
          const beyond = componentsBeyondProcedure(
            proc!.components,
            items.map((i) => i.componentId),
          );
          if (beyond.length || items.length === 0) throw new Problem('component-not-in-procedure', {}, { components: beyond });
          this.refuseRegistryHeld(proc!.components, items, d.registry_used);
          Object.assign(data, {
            items: this.requestItems(proc!.components, items, d.registry_used),
            clock: deadline.mode,
            // The due time the request interrupts: a supplement still pending is measured against it (Decision 766, 2.1).
            dueAtBefore: d.due_at?.toISOString() ?? null,
          });
          patch.supplement_count = d.supplement_count + 1;
          // The clock stops while the dossier waits for the citizen (restart or pause decides what happens after).
          const pauses = [...deadline.pauses, { from: now.toISOString() }];
          dl = { pauses: JSON.stringify(pauses), due_at: null };
          patch.due_at = null;
          break;
        }
        case 'receive-supplement': {
          before = this.statusBeforeSupplement(
            await trx.selectFrom('dossier_event').select(['action', 'from_status']).where('dossier_id', '=', id).orderBy('seq').execute(),
          );
          const given = body.components ?? [];
          const beyond = componentsBeyondProcedure(
            proc!.components,
            given.map((c) => c.componentId),
          );
          if (beyond.length) throw new Problem('component-not-in-procedure', {}, { components: beyond });
          const nothing = supplementReceivedRule(given);
          if (nothing) throw new Problem(nothing);
          await assertFilesOwned(
            trx,
            given.flatMap((c) => c.fileIds ?? []),
            citizen
              ? { kind: 'citizen', citizenId: citizen.citizenId }
              : { kind: 'units', unitIds: [d.unit_id, d.received_unit_id, returnPoint.unit_id], dossierId: id },
          );
          for (const c of given)
            await trx
              .insertInto('dossier_component')
              .values({ dossier_id: id, component_id: c.componentId, presented: c.presented ?? false, file_ids: c.fileIds ?? [] })
              .onConflict((oc) =>
                oc
                  .columns(['dossier_id', 'component_id'])
                  .doUpdateSet({ presented: c.presented ?? false, file_ids: c.fileIds ?? [], added_at: now }),
              )
              .execute();
          const pauses = deadline.pauses.map((p, i) => (i === deadline.pauses.length - 1 && !p.to ? { ...p, to: now.toISOString() } : p));
          const r = computeDueWithPauses({
            countedFrom: deadline.counted_from,
            workingDays: Number(deadline.working_days),
            pauses: pauses.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
            mode: deadline.mode,
            schedule,
            calendar,
          });
          dl = { pauses: JSON.stringify(pauses), due_at: deadline.override_due_at ?? r.dueAt, counted_from: r.countedFrom };
          patch.due_at = dl.due_at;
          patch.counted_from = r.countedFrom;
          Object.assign(data, {
            components: given.map((c) => c.componentId),
            received: given.map((c) => ({
              componentId: c.componentId,
              name: proc!.components.find((x) => x.id === c.componentId)!.name,
              presented: c.presented ?? false,
              fileIds: c.fileIds ?? [],
            })),
            clock: deadline.mode,
          });
          break;
        }
        case 'refuse':
        case 'stop': {
          if (!body.reason?.trim()) throw new Problem('validation-failed', { summary: 'reason: written reasons are required' });
          if (action === 'refuse' && body.items?.length) {
            const beyond = componentsBeyondProcedure(
              proc!.components,
              body.items.map((i) => i.componentId),
            );
            if (beyond.length) throw new Problem('component-not-in-procedure', {}, { components: beyond });
            this.refuseRegistryHeld(proc!.components, body.items, d.registry_used);
            Object.assign(data, { items: this.requestItems(proc!.components, body.items, d.registry_used) });
          }
          break;
        }
        case 'submit-for-approval':
        case 'return-to-specialist':
          break;
        case 'approve':
          // The leader's approval is the signature the result is issued under.
          Object.assign(data, { signature: { signerId: by.id, signerName: by.name, role, at: now.toISOString() } });
          break;
        case 'issue-result': {
          // Every procedure of the catalogue produces a document: the signed result is digitised (scan or generated file).
          const resultIds = [...new Set(body.resultFileIds ?? [])];
          if (!resultIds.length) throw new Problem('result-file-required');
          await assertFilesOwned(trx, resultIds, { kind: 'units', unitIds: [d.unit_id, d.received_unit_id, returnPoint.unit_id] });
          const files = await this.filesOfUnits(trx, resultIds, [d.unit_id, d.received_unit_id, returnPoint.unit_id]);
          Object.assign(data, {
            resultFileIds: resultIds,
            resultFiles: files.map((f) => ({ id: f.id, sha256: f.sha256, mime: f.mime, pages: f.pages })),
          });
          // An electronic result belongs in the citizen's data store (kho dữ liệu điện tử) from the moment it is issued:
          // the portal account of the dossier, or of the applicant's ID number when it was filed at the counter.
          const owner =
            d.citizen_id ??
            (await trx.selectFrom('citizen').select('id').where('id_number', '=', d.applicant_id_number).executeTakeFirst())?.id;
          if (owner)
            await addFromDossier(trx, {
              citizenId: owner,
              dossierId: id,
              fileIds: resultIds,
              kind: 'result',
              titles: `Kết quả ${proc!.name}`,
            });
          break;
        }
        case 'return-result': {
          const missing = handoverProblem(body.handover);
          if (missing) throw new Problem('handover-details-required', { detail: `(${missing})` }, { field: `handover.${missing}` });
          patch.returned_at = now;
          Object.assign(data, { handover: body.handover });
          break;
        }
        case 'record-withdrawal-request': {
          if (!body.channel || !body.reason?.trim())
            throw new Problem('validation-failed', { summary: 'channel and reason of the citizen’s request are required' });
          const evidence = [...new Set(body.evidenceFileIds ?? [])];
          const missing = withdrawalEvidenceRule(body.channel, evidence, !!citizen);
          if (missing) throw new Problem(missing);
          const files = evidence.length ? await this.filesOfUnits(trx, evidence, [d.unit_id, d.received_unit_id, returnPoint.unit_id]) : [];
          patch.withdrawal_requested = true;
          Object.assign(data, {
            channel: body.channel,
            request: body.reason.trim(),
            evidenceFiles: files.map((f) => ({ id: f.id, sha256: f.sha256, mime: f.mime, pages: f.pages })),
          });
          break;
        }
        case 'apologize-and-extend': {
          const newDue = new Date(body.newDueAt ?? '');
          const current = d.due_at;
          if (Number.isNaN(newDue.getTime()) || (current && newDue <= current) || newDue <= now)
            throw new Problem('extension-date-invalid');
          // The law wants the apology at least one working day before the due time; later ones are flagged.
          const lateNotice = current ? workingMillisBetween(now, current, schedule, calendar) < 8 * 3_600_000 : false;
          Object.assign(data, {
            oldDueAt: current?.toISOString() ?? null,
            newDueAt: newDue.toISOString(),
            lateNotice,
            afterDeadline: !!current && now > current,
          });
          patch.due_at = newDue;
          patch.extension_count = d.extension_count + 1;
          dl = { override_due_at: newDue, due_at: newDue };
          break;
        }
        case 'transfer': {
          // Inter-agency (liên thông): another unit of the province that handles the procedure takes over;
          // the citizen's due time does not change with the hands it passes through.
          const target = body.toUnitId
            ? await trx.selectFrom('unit').select(['id', 'parent_id']).where('id', '=', body.toUnitId).executeTakeFirst()
            : undefined;
          const handles = target
            ? await trx
                .selectFrom('unit_procedure')
                .select('unit_id')
                .where('unit_id', '=', target.id)
                .where('procedure_id', '=', d.procedure_id)
                .executeTakeFirst()
            : undefined;
          if (!target || target.id === d.unit_id || (target.parent_id ?? target.id) !== provinceId || !handles)
            throw new Problem('transfer-target-invalid');
          if (!body.reason?.trim()) throw new Problem('validation-failed', { summary: 'reason: say why the dossier is transferred' });
          patch.unit_id = target.id;
          patch.assignee_id = null;
          dl = { unit_id: target.id };
          Object.assign(data, { fromUnitId: d.unit_id, toUnitId: target.id });
          break;
        }
      }
      const to = nextStatus(action, status, before);
      if (FINISHING.includes(action)) {
        patch.finished_at = now;
        dl.closed_at = now;
      }
      const seq = d.event_count + 1;
      await trx
        .updateTable('dossier')
        .set({ ...patch, status: to, event_count: seq, updated_at: now })
        .where('id', '=', id)
        .execute();
      if (Object.keys(dl).length)
        await trx
          .updateTable('deadline')
          .set({ ...dl, updated_at: now })
          .where('id', '=', deadline.id)
          .execute();
      await appendEvent(trx, {
        dossierId: id,
        seq,
        action,
        fromStatus: status,
        toStatus: to,
        actorId: by.id,
        actorName: by.name,
        actorRole: role,
        unitId: d.unit_id,
        reason: body.reason ?? body.note ?? '',
        data,
        at: now,
      });
      await appendAudit(trx, {
        actorId: by.id,
        actorName: by.username,
        actorRole: role,
        unitId: d.unit_id,
        action: `dossier.${action}`,
        subjectType: 'dossier',
        subjectId: id,
        requestId: ctx.requestId,
        details: { code: d.code, from: status, to },
      });
      const dueAt = 'due_at' in patch ? (patch.due_at as Date | null) : d.due_at;
      if (to !== status || action === 'issue-result')
        await this.toWebhooks(
          trx,
          { id, code: d.code, unitId: (patch.unit_id as string | undefined) ?? d.unit_id },
          seq,
          status,
          to,
          action,
          now,
        );
      if (NATIONAL_STATUS[to] !== NATIONAL_STATUS[status] || action === 'apologize-and-extend') {
        await this.syncToPortal(trx, id, d.code, seq, to, {
          receivedAt: d.received_at,
          dueAt: (patch.due_at as Date | null | undefined) ?? d.due_at,
          finishedAt: (patch.finished_at as Date | undefined) ?? d.finished_at,
          channel: d.channel,
        });
        await this.notifyApplicant(trx, d, proc!.name, seq, to, dueAt);
      }
      return { status: to, nationalStatus: NATIONAL_STATUS[to], dueAt };
    });
  }

  /** The citizen hears of each status change by SMS (and e-mail when the portal knows their address), through the outbox. */
  private async notifyApplicant(
    trx: Transaction<Database>,
    d: { id: string; code: string; applicant: Applicant; citizen_id: string | null },
    procedureName: string,
    seq: number,
    to: Status,
    dueAt: Date | null,
  ): Promise<void> {
    // Links in SMS and e-mail are absolute (MOTCUA_PUBLIC_URL, else this server's own address): a phone cannot open "/tra-cuu".
    const base = (this.config.publicUrl ?? `http://localhost:${this.config.port ?? 3000}`).replace(/\/$/, '');
    const notice = statusNotice({
      code: d.code,
      procedureName,
      status: to,
      dueAt: dueAt ? vnDateTime(dueAt) : null,
      trackUrl: `${base}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
    });
    const phone = d.applicant.phone?.trim();
    if (phone)
      await enqueueOutbox(trx, SMS_TOPIC, `status-sms:${d.id}:${seq}`, { to: phone, text: notice.sms, dossierId: d.id, kind: 'status' });
    const email = d.citizen_id
      ? (await trx.selectFrom('citizen').select('email').where('id', '=', d.citizen_id).executeTakeFirst())?.email
      : undefined;
    if (email)
      await enqueueOutbox(trx, EMAIL_TOPIC, `status-email:${d.id}:${seq}`, {
        to: email,
        subject: notice.subject,
        text: notice.text,
        dossierId: d.id,
        kind: 'status',
      });
  }

  /**
   * An online application, confirmed by OTP (and paid when it has a fee), becomes a `submitted` dossier in the
   * competent unit's queue, in the caller's transaction. Idempotent: a second call returns the same dossier.
   */
  async createFromApplication(
    trx: Transaction<Database>,
    applicationId: string,
    opts: { paidOnline: boolean; requestId: string },
    now = new Date(),
  ): Promise<{ id: string; code: string }> {
    const app = await trx.selectFrom('application').selectAll().where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
    if (app.dossier_id) {
      const d = await trx.selectFrom('dossier').select(['id', 'code']).where('id', '=', app.dossier_id).executeTakeFirstOrThrow();
      return d;
    }
    const citizen = await trx.selectFrom('citizen').selectAll().where('id', '=', app.citizen_id).executeTakeFirstOrThrow();
    const [proc] = await findProcedures(trx, { versionIds: [app.procedure_version_id] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    const competent = await trx.selectFrom('unit').select(['id', 'code']).where('id', '=', app.unit_id).executeTakeFirstOrThrow();
    // Online dossiers are received at the unit's own reception point (the centre's online desk).
    const point = await trx
      .selectFrom('reception_point')
      .select('id')
      .where('unit_id', '=', competent.id)
      .where('host_unit_id', '=', competent.id)
      .where('active', '=', true)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!point) throw new Problem('not-found', { what: 'reception point' });
    const verification = (app.verification ?? {}) as { registry?: string; method?: string };
    // The e-form is part of the dossier: checked again against the version it was submitted under.
    const answers = proc.formSchema ? (app.form as Record<string, unknown>) : null;
    if (proc.formSchema && answers) {
      const errors = formErrors(proc.formSchema, answers);
      if (errors.length)
        throw new Problem('form-invalid', { summary: errors.map((e) => `${e.title}: ${e.message}`).join('; ') }, { errors });
    }
    const { schedule, provinceId } = await this.unitSchedule(competent.id, proc.cutoffTime);
    const calendar = await this.calendar.calendarFor(provinceId);
    const { countedFrom, dueAt } = computeDeadline({ receivedAt: now, workingDays: proc.processingDays, schedule, calendar });
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
    });
    await trx
      .updateTable('application')
      .set({ status: 'submitted', dossier_id: created.id, submitted_at: now, updated_at: now })
      .where('id', '=', app.id)
      .execute();
    const dossier = {
      id: created.id,
      code: created.code,
      applicant: { idNumber: citizen.id_number, fullName: citizen.full_name, phone: citizen.phone },
      citizen_id: citizen.id,
    };
    await this.notifyApplicant(trx, dossier, proc.name, 1, 'submitted', dueAt);
    return created;
  }

  /** The status a dossier had when the supplement was requested: it goes back there when the supplement arrives. */
  private statusBeforeSupplement(events: { action: string; from_status: string | null }[]): Status | undefined {
    const last = [...events].reverse().find((e) => e.action === 'request-supplement');
    return (last?.from_status ?? undefined) as Status | undefined;
  }

  private async chooseAssignee(trx: Transaction<Database>, unitId: string, assigneeId?: string) {
    const specialists = trx
      .selectFrom('user_role as r')
      .innerJoin('staff_user as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.full_name'])
      .where('r.unit_id', '=', unitId)
      .where('r.role', '=', 'specialist')
      .where('u.active', '=', true);
    if (assigneeId) {
      const one = await specialists.where('u.id', '=', assigneeId).executeTakeFirst();
      if (!one) throw new Problem('assignee-invalid');
      return one;
    }
    // Least load: fewest open dossiers assigned, then by name for a stable choice.
    const least = await specialists
      .select((eb) =>
        eb
          .selectFrom('dossier as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.assignee_id', '=', 'u.id')
          .where('d.finished_at', 'is', null)
          .as('load'),
      )
      .orderBy('load')
      .orderBy('u.full_name')
      .executeTakeFirst();
    if (!least) throw new Problem('no-specialist');
    return least;
  }

  /** Work queues: dossiers of the units the user may see (competent or receiving), due first. */
  async list(
    ctx: ServiceContext,
    f: {
      unitId?: string;
      status?: Status;
      queue?: QueueName;
      q?: string;
      overdue?: boolean;
      received?: boolean;
      limit: number;
      cursor?: string;
    },
    now = new Date(),
  ) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const scope = unitScope(actor, tree);
    if (f.unitId && !scope.has(f.unitId))
      throw new Problem(tree.some((u) => u.id === f.unitId) ? 'forbidden' : 'not-found', { what: 'unit' });
    const units = f.unitId ? [f.unitId] : [...scope];
    if (units.length === 0) return { items: [], nextCursor: null };
    const statuses = f.status ? [f.status] : f.queue ? QUEUE_STATUSES[f.queue] : undefined;
    let dueBy: Date | undefined;
    if (f.queue === 'due-soon') {
      const { schedule, provinceId } = await this.unitSchedule(units[0]!, '15:00');
      dueBy = addWorkingMillis(now, 8 * 3_600_000, schedule, await this.calendar.calendarFor(provinceId));
    }
    const cursor = f.cursor ? (JSON.parse(Buffer.from(f.cursor, 'base64url').toString()) as [string | null, string]) : undefined;
    // The page and its access entry at once: the entry does not depend on what the page holds.
    const [rows] = await Promise.all([
      findWorkQueue(this.db, {
        units,
        received: !!f.received,
        statuses,
        assigneeId: f.queue === 'mine' ? actor.userId : undefined,
        overdueAt: f.overdue || f.queue === 'overdue' ? now : undefined,
        dueBetween: dueBy ? [now, dueBy] : undefined,
        q: f.q,
        cursor: cursor ? { dueAt: cursor[0] === null ? null : new Date(cursor[0]), id: cursor[1] } : undefined,
        limit: f.limit + 1,
      }),
      logPersonalDataAccess(this.db, {
        actorId: actor.userId,
        actorName: actor.username,
        unitId: f.unitId ?? null,
        idNumber: /^[0-9]{12}$/.test(f.q ?? '') ? f.q! : '',
        subjectType: 'dossier-list',
        purpose: `work queue ${f.queue ?? f.status ?? 'all'}`,
        requestId: ctx.requestId,
      }),
    ]);
    const items = rows.slice(0, f.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        id: r.id,
        code: r.code,
        status: r.status as Status,
        nationalStatus: NATIONAL_STATUS[r.status as Status],
        unitId: r.unit_id,
        receivedUnitId: r.received_unit_id,
        channel: r.channel,
        applicantName: r.applicant_name,
        procedureName: r.procedure_name,
        assigneeName: r.assignee_name,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        finishedAt: r.finished_at,
        overdue: !!r.due_at && (r.finished_at ?? now) > r.due_at,
        supplementCount: r.supplement_count,
        extended: r.extension_count > 0,
      })),
      nextCursor:
        rows.length > f.limit && last
          ? Buffer.from(JSON.stringify([last.due_at?.toISOString() ?? null, last.id])).toString('base64url')
          : null,
    };
  }

  /** The dossier page: record, procedure version, components, history, allowed actions. Logged as personal-data access. */
  async get(ctx: ServiceContext, id: string, now = new Date()) {
    const actor = requireActor(ctx);
    // One round trip for the dossier and all that hangs on it; the unit tree, the procedure version and the
    // calendar from the read cache; the access entry written without waiting for the disk (relaxedOf).
    const [tree, d] = await Promise.all([listUnitTree(this.db), findDossierPage(this.db, id)]);
    const scope = unitScope(actor, tree);
    if (!d || (!scope.has(d.unit_id) && !scope.has(d.received_unit_id))) throw new Problem('not-found', { what: 'dossier' });
    const { events, components: comps } = d;
    const roles = this.rolesIn(actor, [d.unit_id, d.received_unit_id, d.return_point_unit_id]);
    const [proc] = await Promise.all([
      findProcedureVersion(this.db, d.procedure_version_id),
      logPersonalDataAccess(this.db, {
        actorId: actor.userId,
        actorName: actor.username,
        unitId: d.unit_id,
        idNumber: d.applicant_id_number,
        subjectType: 'dossier',
        subjectId: id,
        purpose: 'dossier page',
        requestId: ctx.requestId,
      }),
    ]);
    const schedule = scheduleOf(
      { office_sessions: d.unit_office_sessions, working_weekdays: d.unit_working_weekdays, cutoff_time: d.unit_cutoff_time },
      proc!.cutoffTime,
    );
    const calendar = await this.calendar.calendarFor(d.unit_parent_id ?? d.unit_id);
    const workingLeft = d.due_at && !d.finished_at ? workingMillisBetween(now, d.due_at, schedule, calendar) : null;
    const stepEvents = events.map((e) => ({ action: e.action, at: e.at, actorName: e.actor_name, data: e.data }));
    // The catalogue says "UBND xã" for every unit; a ward's dossier reads "UBND phường".
    const kind = d.unit_type;
    const steps = stepTimeline(
      proc!.steps.map((st) => ({ ...st, name: forUnitKind(st.name, kind) })),
      stepEvents,
      d.counted_from,
      proc!.processingDays,
      d.due_at,
      schedule,
      calendar,
      now,
    );
    const status = d.status as Status;
    const actions = actionAvailability(
      status,
      roles,
      events.map((e) => ({ action: e.action as HistoryEvent['action'], at: e.at })),
    );
    return {
      id: d.id,
      code: d.code,
      status,
      nationalStatus: NATIONAL_STATUS[status],
      unitId: d.unit_id,
      receivedUnitId: d.received_unit_id,
      receptionPoint: { id: d.reception_point_id, name: d.reception_point_name },
      returnPoint: { id: d.return_point_id, name: d.return_point_name },
      channel: d.channel,
      applicant: d.applicant,
      registryUsed: d.registry_used,
      online: {
        viaPortal: !!d.citizen_id && d.channel === 'online',
        paidOnline: d.paid_online,
        verifiedVneid: d.verified_vneid,
        assistedBy: d.assisted_by && d.assisted_name !== null ? { id: d.assisted_by, fullName: d.assisted_name } : null,
      },
      fee: d.fee,
      feeReceiptNo: d.fee_receipt_no,
      assignee: d.assignee_id && d.assignee_name !== null ? { id: d.assignee_id, fullName: d.assignee_name } : null,
      receivedAt: d.received_at,
      countedFrom: d.counted_from,
      dueAt: d.due_at,
      finishedAt: d.finished_at,
      returnedAt: d.returned_at,
      workingHoursLeft: workingLeft === null ? null : Math.round((workingLeft / 3_600_000) * 100) / 100,
      steps,
      handoffs: handoffs(stepEvents, steps),
      overdue: !!d.due_at && (d.finished_at ?? now) > d.due_at,
      supplementRequested: d.supplement_count > 0,
      extended: d.extension_count > 0,
      withdrawalRequested: d.withdrawal_requested,
      procedure: {
        id: proc!.id,
        versionId: proc!.versionId,
        version: proc!.version,
        code: proc!.code,
        name: proc!.name,
        processingDays: proc!.processingDays,
      },
      components: proc!.components.map((c) => {
        const got = comps.find((x) => x.component_id === c.id);
        return {
          ...c,
          provided: !!got,
          presented: got?.presented ?? false,
          providedFromRegistry: got?.from_registry ?? false,
          fileIds: got?.file_ids ?? [],
        };
      }),
      events: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: e.actor_name,
        actorRole: e.actor_role,
        reason: e.reason,
        data: e.data,
      })),
      allowedActions: actions.filter((a) => a.available).map((a) => a.action),
      actions,
      portalSync: d.portalSync,
      formAnswers: formAnswersOf(proc!.formSchema, d.form_answers),
    };
  }

  /** Public status by code + personal ID number: status, unit, handling officer, times. Nothing else personal. */
  async publicStatus(code: string, idNumber: string) {
    // A public page: the read replica when there is one (DATABASE_READ_URL).
    const d = await findPublicStatus(this.readDb, code);
    // A wrong ID number looks exactly like an unknown code: the answer must not confirm that a code exists.
    if (!d || d.applicant_id_number !== idNumber) throw new Problem('not-found', { what: 'dossier' });
    const status = d.status as Status;
    return {
      code: d.code,
      status,
      nationalStatus: NATIONAL_STATUS[status],
      procedureName: d.procedure_name,
      unitName: d.unit_name,
      handlingOfficer: d.officer_name,
      receivedAt: d.received_at,
      appointmentAt: d.due_at,
      finishedAt: d.finished_at,
      returnedAt: d.returned_at,
      returnPoint: d.return_point,
    };
  }
}
