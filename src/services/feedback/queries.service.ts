// Queries: the officers' list and a feedback's page, the feedback naming a dossier, the director's and the
// province's overview, and the `vague-answer` compliance signal. Every query is in
// src/db/repositories/feedback.repository.ts; the step deadlines are read through deadline.repository.ts.
import { unitsWhere, type Actor } from '../../domain/access';
import { feedbackAllowedActions, type FeedbackKind, type FeedbackStatus } from '../../domain/feedback/lifecycle';
import { FEEDBACK_DEADLINE_KINDS } from '../../domain/feedback/rules';
import { Problem } from '../../domain/problems';
import type { Db } from '../../db/database';
import { findOpenSubjectDeadlines, findSubjectDeadlines } from '../../db/repositories/deadline.repository';
import { logPersonalDataAccess } from '../../db/repositories/dossier.repository';
import {
  feedbackOverview,
  findCheckFailures,
  findCurrentProcedure,
  findDossierForFeedback,
  findFeedback,
  findFeedbackEvents,
  findFeedbackList,
  findFeedbackOfDossier,
  findFeedbackUnit,
  findStoredFiles,
  findTransferUnits,
  findVagueAnswers,
} from '../../db/repositories/feedback.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import { requireActor, type ServiceContext } from '../context';
import { feedbackSettings, READERS, rolesIn, type FeedbackDeps, type Trx } from './common';

/** Steps that make a feedback late: the first information request is a limit, not a duty. */
const DUTY_STEPS = [FEEDBACK_DEADLINE_KINDS.refuse, FEEDBACK_DEADLINE_KINDS.answer, FEEDBACK_DEADLINE_KINDS.publish];

export class FeedbackQueryService {
  constructor(private readonly deps: FeedbackDeps) {}

  private get db() {
    return this.deps.db;
  }

  load(db: Db | Trx, id: string, lock = false) {
    return findFeedback(db, id, lock);
  }

  /** The units whose feedback the actor may see. */
  async readableUnits(actor: Actor): Promise<Set<string>> {
    return unitsWhere(actor, await listUnitTree(this.db), READERS);
  }

  async list(ctx: ServiceContext, q: { unitId?: string; status?: FeedbackStatus; limit?: number }, now = new Date()) {
    const actor = requireActor(ctx);
    const units = await this.readableUnits(actor);
    if (q.unitId && !units.has(q.unitId)) throw new Problem('not-found', { what: 'unit' });
    const ids = q.unitId ? [q.unitId] : [...units];
    if (ids.length === 0) return [];
    const rows = await findFeedbackList(this.db, { unitIds: ids, status: q.status, limit: Math.min(q.limit ?? 200, 500) });
    // The step due now: the first open deadline of the feedback (refuse, information, answer or publish).
    const open = new Map<string, { kind: string; dueAt: Date | null }>();
    for (const r of await findOpenSubjectDeadlines(
      this.db,
      rows.map((r) => r.id),
      DUTY_STEPS,
    ))
      if (!open.has(r.subject_id)) open.set(r.subject_id, { kind: r.subject_type, dueAt: r.due_at });
    return rows.map((r) => {
      const next = open.get(r.id) ?? null;
      return {
        id: r.id,
        code: r.code,
        status: r.status as FeedbackStatus,
        kind: r.kind as FeedbackKind,
        channel: r.channel,
        subject: r.subject,
        unitId: r.unit_id,
        unitName: r.unit_name,
        dossierCode: r.dossier_code,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        nextStep: next ? { kind: next.kind, dueAt: next.dueAt } : null,
        late: !!next?.dueAt && next.dueAt <= now,
        reopenCount: r.reopen_count,
        answerReturns: r.answer_returns,
      };
    });
  }

  async get(ctx: ServiceContext, id: string, now = new Date()) {
    const actor = requireActor(ctx);
    const f = await findFeedback(this.db, id);
    const tree = await listUnitTree(this.db);
    if (!f || !unitsWhere(actor, tree, READERS).has(f.unit_id)) throw new Problem('not-found', { what: 'feedback' });
    const roles = rolesIn(actor, tree, f.unit_id);
    const [unit, events, deadlines, failures, dossierRow, files] = await Promise.all([
      findFeedbackUnit(this.db, f.unit_id),
      findFeedbackEvents(this.db, id),
      findSubjectDeadlines(this.db, id, Object.values(FEEDBACK_DEADLINE_KINDS)),
      findCheckFailures(this.db, id),
      f.dossier_id ? findDossierForFeedback(this.db, f.dossier_id) : undefined,
      findStoredFiles(this.db, f.file_ids),
    ]);
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    const dossier = dossierRow ? { id: dossierRow.id, code: dossierRow.code } : undefined;
    const procedure = f.procedure_id ? await findCurrentProcedure(this.db, f.procedure_id) : undefined;
    await logPersonalDataAccess(this.db, {
      actorId: actor.userId,
      actorName: actor.fullName,
      unitId: f.unit_id,
      idNumber: '',
      subjectType: 'feedback',
      subjectId: f.id,
      purpose: 'feedback.view',
      requestId: ctx.requestId,
    });
    const provinceId = unit.parent_id ?? unit.id;
    const transferUnits = await findTransferUnits(this.db, provinceId, f.unit_id);
    const { checks } = await feedbackSettings(this.db, provinceId);
    return {
      id: f.id,
      code: f.code,
      status: f.status as FeedbackStatus,
      kind: f.kind,
      channel: f.channel,
      subject: f.subject,
      content: f.content,
      points: f.points,
      unit: { id: unit.id, name: unit.name },
      dossier: dossier ?? null,
      procedure: procedure
        ? {
            id: procedure.id,
            code: procedure.code,
            name: procedure.name,
            legalBasis: (procedure.legal_basis as { number: string; title: string }[]).map((b) => ({ number: b.number, title: b.title })),
          }
        : null,
      contact: { fullName: f.contact_name, phone: f.contact_phone, email: f.contact_email, address: f.contact_address },
      files: files.map((x) => ({ id: x.id, name: x.original_name, mime: x.mime })),
      receivedAt: f.received_at,
      dueAt: f.due_at,
      question: f.question,
      refusalReason: f.refusal_reason,
      answer: f.answer,
      answerReturns: f.answer_returns,
      reopenCount: f.reopen_count,
      approvedAt: f.approved_at,
      publishedAt: f.published_at,
      rating: f.rated_at ? { satisfied: !!f.rating_satisfied, reason: f.rating_reason ?? '', at: f.rated_at } : null,
      deadlines: deadlines.map((d) => ({
        kind: d.subject_type,
        countedFrom: d.counted_from,
        dueAt: d.due_at,
        closedAt: d.closed_at,
        paused: d.pauses.some((p) => !p.to),
        late: d.due_at ? (d.closed_at ? d.closed_at > d.due_at : d.subject_type !== FEEDBACK_DEADLINE_KINDS.info && now > d.due_at) : false,
      })),
      failedChecks: failures.map((x) => ({ at: x.at, stage: x.stage, checks: x.checks })),
      events: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: e.actor_name,
        actorRole: e.actor_role,
        reason: e.reason,
      })),
      allowedActions: feedbackAllowedActions(f.status as FeedbackStatus, roles),
      transferUnits,
      boilerplate: checks.boilerplate,
      minAnswerChars: checks.minChars,
    };
  }

  /** Feedback naming a dossier, for the dossier's staff page (no contact details). */
  async forDossier(ctx: ServiceContext, dossierId: string) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const d = await findDossierForFeedback(this.db, dossierId);
    const scope = unitsWhere(actor, tree);
    if (!d || !(scope.has(d.unit_id) || scope.has(d.received_unit_id))) throw new Problem('not-found', { what: 'dossier' });
    const rows = await findFeedbackOfDossier(this.db, dossierId);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status as FeedbackStatus,
      kind: r.kind,
      subject: r.subject,
      channel: r.channel,
      receivedAt: r.received_at,
    }));
  }

  /** Per unit: counts by status, on time, late, reopened, returned drafts, failed answer checks. */
  async overview(ctx: ServiceContext, q: { unitId?: string; from?: Date; to?: Date }, now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const readable = unitsWhere(actor, tree, ['leader', 'centre-director', 'province-admin', 'system-admin', 'feedback-officer']);
    let ids = [...readable];
    if (q.unitId) {
      if (!readable.has(q.unitId)) throw new Problem('not-found', { what: 'unit' });
      ids = tree
        .filter((u) => u.id === q.unitId || u.parentId === q.unitId)
        .map((u) => u.id)
        .filter((id) => readable.has(id));
    }
    if (ids.length === 0) return [];
    const rows = await feedbackOverview(this.db, { unitIds: ids, from: q.from ?? new Date(0), to: q.to ?? now, now });
    return rows.map((r) => ({
      unitId: r.unit_id,
      unitName: r.name,
      total: r.total,
      open: r.open,
      lateOpen: r.late_open,
      published: r.published,
      answered: r.answered,
      answeredOnTime: r.answered_on_time,
      reopened: r.reopened,
      returned: r.returned,
      refused: r.refused,
      transferred: r.transferred,
      satisfied: r.satisfied,
      unsatisfied: r.unsatisfied,
      failedChecks: r.failed_checks,
    }));
  }

  /**
   * The `vague-answer` compliance signal for oversight: feedback whose answer passed only after it was returned
   * or refused by the answer checks, and feedback reopened (the sender unsatisfied, or the province). Scoped to
   * the units the caller may read; `ctx.actor` null (jobs) reads every unit of `unitIds`.
   */
  async vagueAnswerSignal(ctx: ServiceContext, q: { unitIds?: string[]; from: Date; to: Date }) {
    let ids = q.unitIds;
    if (ctx.actor) {
      const readable = unitsWhere(ctx.actor, await listUnitTree(this.db));
      ids = (ids ?? [...readable]).filter((id) => readable.has(id));
    }
    if (ids && ids.length === 0) return { kind: 'vague-answer' as const, count: 0, examples: [] };
    const rows = await findVagueAnswers(this.db, { unitIds: ids, from: q.from, to: q.to });
    return {
      kind: 'vague-answer' as const,
      count: rows.length,
      examples: rows.slice(0, 20).map((r) => ({
        feedbackId: r.id,
        code: r.code,
        unitId: r.unit_id,
        detail:
          [
            r.check_failures ? `${r.check_failures} lần không đạt kiểm tra câu trả lời` : '',
            r.answer_returns ? `${r.answer_returns} lần lãnh đạo trả lại` : '',
            r.reopen_count ? `xử lý lại ${r.reopen_count} lần${r.rating_reason ? `: ${r.rating_reason}` : ''}` : '',
          ]
            .filter(Boolean)
            .join('; ') || 'vague answer',
      })),
    };
  }
}
