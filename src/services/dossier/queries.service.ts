// What is read about dossiers: the work queues, the dossier page (both single queries in
// src/db/repositories/dossier-queries.repository.ts, with the unit tree, procedure versions and calendars from the read
// cache) and the public status lookup (on the read replica when there is one). Each staff read is logged as
// personal-data access.
import { unitScope } from '../../domain/access';
import { addWorkingMillis, scheduleOf, workingMillisBetween } from '../../domain/calendar/index';
import { actionAvailability } from '../../domain/dossier/availability';
import { NATIONAL_STATUS, type Status } from '../../domain/dossier/lifecycle';
import type { HistoryEvent } from '../../domain/dossier/rules';
import { handoffs, stepTimeline } from '../../domain/dossier/steps';
import { Problem } from '../../domain/problems';
import { logPersonalDataAccess } from '../../db/repositories/dossier.repository';
import { findDossierPage, findPublicStatus, findWorkQueue } from '../../db/repositories/dossier-queries.repository';
import { findProcedureVersion } from '../../db/repositories/procedure.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import { forUnitKind } from '../../forms/titles';
import { requireActor, type ServiceContext } from '../context';
import { formAnswersOf, rolesIn, unitClock, type DossierDeps } from './common';

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

export class DossierQueryService {
  constructor(private readonly deps: DossierDeps) {}

  private get db() {
    return this.deps.db;
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
      const { schedule, calendar } = await unitClock(this.deps, units[0]!, '15:00');
      dueBy = addWorkingMillis(now, 8 * 3_600_000, schedule, calendar);
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
        status: r.status,
        nationalStatus: NATIONAL_STATUS[r.status],
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
    const roles = rolesIn(actor, [d.unit_id, d.received_unit_id, d.return_point_unit_id]);
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
    const calendar = await this.deps.calendar.calendarFor(d.unit_parent_id ?? d.unit_id);
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
    const status = d.status;
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
    const d = await findPublicStatus(this.deps.readDb, code);
    // A wrong ID number looks exactly like an unknown code: the answer must not confirm that a code exists.
    if (!d || d.applicant_id_number !== idNumber) throw new Problem('not-found', { what: 'dossier' });
    const status = d.status;
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
