// The answer workflow: accept, refuse, transfer, the one question and its answer, the answer, return,
// approve, publish, close, reopen (the table: src/domain/feedback/lifecycle.ts), the sender's rating, and the
// province's step limits. Each change writes, in one transaction, the row, an event, its step deadlines
// (src/db/repositories/deadline.repository.ts, on the pure clock src/domain/calendar/clock.ts), an audit row
// and the outbox messages. Every other query is in src/db/repositories/feedback.repository.ts.
import { unitsWhere } from '../../domain/access';
import { pauseClock, resumeClock } from '../../domain/calendar/clock';
import { startClock } from '../../domain/calendar/index';
import { foldVietnamese } from '../../domain/catalogue/procedure';
import { ANSWER_CHECK_LABELS, checkAnswer, DEFAULT_ANSWER_CHECK_CONFIG, type FeedbackAnswer } from '../../domain/feedback/answer-checks';
import {
  FEEDBACK_ACTION_ROLES,
  FEEDBACK_ALLOWED,
  FEEDBACK_STATUS_LABELS,
  feedbackAllowedActions,
  feedbackNext,
  type FeedbackAction,
  type FeedbackStatus,
} from '../../domain/feedback/lifecycle';
import { FEEDBACK_DEADLINE_KINDS, ratingWindowOpen, RATING_WINDOW_DAYS, type FeedbackDeadlines } from '../../domain/feedback/rules';
import { Problem } from '../../domain/problems';
import type { Role } from '../../domain/roles';
import { EVENT_SCOPES } from '../../domain/webhooks';
import { EMAIL_TOPIC } from '../../adapters/email.adapter';
import { SMS_TOPIC } from '../../adapters/sms.adapter';
import type { FeedbackAnswerJson } from '../../db/schema';
import { appendAudit } from '../../db/repositories/audit.repository';
import { closeDeadline, findDeadlineForUpdate, openDeadline, updateDeadline } from '../../db/repositories/deadline.repository';
import { enqueueOutbox } from '../../db/repositories/dossier.repository';
import {
  findFeedback,
  findFeedbackByCode,
  findFeedbackUnit,
  findUnitDirectors,
  hasAskedQuestion,
  insertCheckFailure,
  insertFeedbackAlert,
  updateFeedback,
  upsertFeedbackSetting,
} from '../../db/repositories/feedback.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import { emitWebhookEvent } from '../../db/repositories/webhook.repository';
import { requireActor, type ServiceContext } from '../context';
import {
  feedbackEvent,
  feedbackLink,
  feedbackSettings,
  publicAnswer,
  publicText,
  READERS,
  rolesIn,
  senderMatches,
  stepClocks,
  tellSender,
  toPortal,
  vnTime,
  writeStepClocks,
  type FeedbackActionBody,
  type FeedbackDeps,
  type FeedbackSettings,
  type Trx,
} from './common';

export class FeedbackActionService {
  constructor(private readonly deps: FeedbackDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** A province's step limits (never longer than the national ones: the table's CHECKs) and empty phrases. */
  async putSettings(
    ctx: ServiceContext,
    provinceId: string,
    body: FeedbackDeadlines & { boilerplate?: string[] | null; minAnswerChars?: number },
  ): Promise<FeedbackSettings> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!unitsWhere(actor, tree, ['province-admin', 'system-admin']).has(provinceId)) throw new Problem('forbidden');
    await this.db.transaction().execute(async (trx) => {
      await upsertFeedbackSetting(trx, provinceId, {
        refuse_days: body.refuseDays,
        info_days: body.infoDays,
        answer_days: body.answerDays,
        publish_days: body.publishDays,
        boilerplate: body.boilerplate ?? null,
        min_answer_chars: body.minAnswerChars ?? DEFAULT_ANSWER_CHECK_CONFIG.minChars,
        updated_by: actor.userId,
        updated_at: new Date(),
      });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'province-admin',
        unitId: provinceId,
        action: 'feedback.settings',
        subjectType: 'feedback-setting',
        subjectId: provinceId,
        requestId: ctx.requestId,
        details: { ...body },
      });
    });
    return feedbackSettings(this.db, provinceId);
  }

  /** Order of answers as for dossiers: 404 not visible, 409 not allowed now, 403 role, 422 rule. Nothing is written on refusal. */
  async act(ctx: ServiceContext, id: string, action: FeedbackAction, body: FeedbackActionBody, now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const pre = await findFeedback(this.db, id);
    if (!pre || !unitsWhere(actor, tree, READERS).has(pre.unit_id)) throw new Problem('not-found', { what: 'feedback' });
    const provinceId = tree.find((u) => u.id === pre.unit_id)?.parentId ?? pre.unit_id;
    const settings = await feedbackSettings(this.db, provinceId);
    // The answer checks run before the transaction: a refused answer writes nothing on the feedback, only
    // the record of the failed check (which the director's view and the vague-answer signal count).
    if (action === 'answer' || action === 'approve') {
      const status = pre.status as FeedbackStatus;
      if ((FEEDBACK_ALLOWED[status] as readonly FeedbackAction[]).includes(action)) {
        const answer = action === 'answer' ? body.answer! : (pre.answer as FeedbackAnswer | null);
        if (answer) {
          const failed = checkAnswer(answer, pre.points, settings.checks);
          // A promised action's unit must be a unit of the province.
          answer.actions.forEach((x, i) => {
            if (
              x.responsibleUnitId &&
              !tree.some((u) => u.id === x.responsibleUnitId && (u.id === provinceId || u.parentId === provinceId))
            )
              failed.push({ check: 'no-responsible-unit-or-date', field: `actions[${i}].responsibleUnitId`, detail: 'unknown unit' });
          });
          if (failed.length) {
            const roles = rolesIn(actor, tree, pre.unit_id);
            if ((FEEDBACK_ACTION_ROLES[action] as readonly Role[]).some((r) => roles.includes(r))) {
              const codes = [...new Set(failed.map((x) => x.check))];
              await insertCheckFailure(this.db, {
                feedbackId: id,
                unitId: pre.unit_id,
                at: now,
                actorId: actor.userId,
                stage: action,
                checks: codes,
              });
              throw new Problem(
                'answer-not-specific',
                { summary: codes.map((c) => ANSWER_CHECK_LABELS[c][ctx.lang]).join(' ') },
                {
                  failedChecks: codes,
                  failures: failed.map((x) => ({ ...x, message: ANSWER_CHECK_LABELS[x.check][ctx.lang] })),
                },
              );
            }
          }
        }
      }
    }
    return this.db.transaction().execute(async (trx) => {
      const f = (await findFeedback(trx, id, true))!;
      const status = f.status as FeedbackStatus;
      const roles = rolesIn(actor, tree, f.unit_id);
      if (!(FEEDBACK_ALLOWED[status] as readonly FeedbackAction[]).includes(action)) {
        const allowed = feedbackAllowedActions(status, roles);
        throw new Problem(
          'action-not-allowed',
          {
            action,
            status: FEEDBACK_STATUS_LABELS[status][ctx.lang],
            allowed: allowed.join(', '),
            what: ctx.lang === 'vi' ? 'phản ánh' : 'the feedback',
          },
          { allowedActions: allowed },
        );
      }
      const role = (FEEDBACK_ACTION_ROLES[action] as readonly Role[]).find((r) => roles.includes(r));
      if (!role) throw new Problem('forbidden');
      const by = { id: actor.userId, name: actor.fullName, username: actor.username, role };
      const patch: Record<string, unknown> = {};
      const data: Record<string, unknown> = {};
      let reason = body.reason ?? body.comment ?? '';
      let unitId = f.unit_id;
      const to = feedbackNext(action, status, f.reopened);
      const close = (k: keyof typeof FEEDBACK_DEADLINE_KINDS) => closeDeadline(trx, FEEDBACK_DEADLINE_KINDS[k], id, now);
      switch (action) {
        case 'accept':
          await close('refuse');
          if (body.points?.length) patch.points = body.points.map((p) => p.trim()).filter(Boolean);
          break;
        case 'refuse':
          patch.refusal_reason = body.reason!.trim();
          for (const k of ['refuse', 'info', 'answer'] as const) await close(k);
          patch.due_at = null;
          await tellSender(
            trx,
            f,
            `refuse:${f.event_count + 1}`,
            `Phản ánh ${f.code} không được xử lý: ${body.reason!.trim()}`,
            `Phản ánh ${f.code}`,
          );
          break;
        case 'transfer': {
          const target = tree.find((u) => u.id === body.toUnitId);
          if (!target || target.id === f.unit_id || (target.id !== provinceId && target.parentId !== provinceId))
            throw new Problem('feedback-transfer-outside-province');
          const targetUnit = await findFeedbackUnit(trx, target.id);
          if (!targetUnit) throw new Problem('feedback-transfer-outside-province');
          // Each transfer restarts the clock (F766 5.2) in the receiving unit, and the sender is told.
          const clocks = await stepClocks(this.deps, target.id, now, settings.deadlines);
          await writeStepClocks(trx, id, target.id, now, clocks, settings.deadlines, {
            reason: `transfer: ${reason}`,
            actorId: actor.userId,
          });
          await close('publish');
          unitId = target.id;
          Object.assign(patch, {
            unit_id: target.id,
            due_at: clocks.answer.dueAt,
            transfer_count: f.transfer_count + 1,
            reopened: false,
            answer: null,
          });
          Object.assign(data, { fromUnitId: f.unit_id, toUnitId: target.id });
          await tellSender(
            trx,
            f,
            `transfer:${f.event_count + 1}`,
            `Phản ánh ${f.code} đã được chuyển đến ${targetUnit.name} để giải quyết theo thẩm quyền. Hạn trả lời mới: ${vnTime(clocks.answer.dueAt)}.`,
            `Phản ánh ${f.code} được chuyển`,
          );
          break;
        }
        case 'request-information': {
          if (await hasAskedQuestion(trx, id)) throw new Problem('feedback-question-asked');
          await close('info');
          await this.pauseOrResumeAnswer(trx, f, now, true);
          Object.assign(patch, { question: body.question!.trim(), due_at: null });
          reason = body.question!.trim();
          await tellSender(
            trx,
            f,
            `question:${f.event_count + 1}`,
            `Về phản ánh ${f.code}, đề nghị Ông/Bà bổ sung: ${body.question!.trim()}`.slice(0, 480),
            `Đề nghị bổ sung thông tin phản ánh ${f.code}`,
          );
          break;
        }
        case 'receive-information':
          patch.due_at = await this.pauseOrResumeAnswer(trx, f, now, false);
          reason = body.information!.trim();
          break;
        case 'answer':
          patch.answer = JSON.stringify(body.answer);
          await close('info');
          await close('refuse');
          break;
        case 'return':
          patch.answer_returns = f.answer_returns + 1;
          reason = body.comment!.trim();
          break;
        case 'approve': {
          // The answer reached "awaiting publication": the answer clock stops, the publish clock starts.
          await close('answer');
          const { schedule, provinceId: pid } = await this.deps.calendar.unitSchedule(f.unit_id);
          const calendar = await this.deps.calendar.calendarFor(pid);
          const c = startClock(now, settings.deadlines.publishDays, schedule, calendar);
          await openDeadline(trx, {
            subjectType: FEEDBACK_DEADLINE_KINDS.publish,
            subjectId: id,
            unitId: f.unit_id,
            receivedAt: now,
            workingDays: settings.deadlines.publishDays,
            countedFrom: c.countedFrom,
            dueAt: c.dueAt,
          });
          Object.assign(patch, { approved_at: now, approved_by: actor.userId, due_at: c.dueAt });
          break;
        }
        case 'publish': {
          await close('publish');
          const answer = f.answer as FeedbackAnswerJson;
          const text = publicText(f, answer);
          Object.assign(patch, {
            published_at: now,
            public_text: text,
            public_folded: foldVietnamese(text),
            reopened: false,
            due_at: null,
            rating_satisfied: null,
            rating_reason: null,
            rated_at: null,
          });
          await tellSender(
            trx,
            f,
            `published:${f.event_count + 1}`,
            `Phản ánh ${f.code} đã có kết quả trả lời. Xem và đánh giá trong ${RATING_WINDOW_DAYS} ngày: ${feedbackLink(this.deps, f.code)}`,
            `Kết quả trả lời phản ánh ${f.code}`,
          );
          // API clients' webhooks: the code and unit only; the published answer is read through the API.
          await emitWebhookEvent(trx, {
            type: 'feedback.published',
            scope: EVENT_SCOPES['feedback.published'],
            unitId: f.unit_id,
            eventKey: `feedback-published:${f.id}:${f.event_count + 1}`,
            at: now,
            data: { feedbackId: f.id, code: f.code, unitId: f.unit_id, publishedAt: now.toISOString() },
          });
          break;
        }
        case 'close':
          if (!f.rated_at && ratingWindowOpen(f.published_at, now)) {
            const until = new Date(f.published_at!.getTime() + RATING_WINDOW_DAYS * 86_400_000);
            throw new Problem('feedback-rating-window-open', { until: vnTime(until) });
          }
          break;
        case 'reopen': {
          const clocks = await stepClocks(this.deps, f.unit_id, now, settings.deadlines);
          await writeStepClocks(trx, id, f.unit_id, now, clocks, settings.deadlines, {
            only: ['answer'],
            reason: `reopen: ${reason}`,
            actorId: actor.userId,
          });
          Object.assign(patch, { reopened: true, reopen_count: f.reopen_count + 1, due_at: clocks.answer.dueAt });
          break;
        }
      }
      const seq = f.event_count + 1;
      await updateFeedback(trx, id, { ...patch, status: to, event_count: seq, updated_at: now });
      await feedbackEvent(trx, id, seq, action, status, to, by, unitId, reason, data, now);
      await appendAudit(trx, {
        actorId: by.id,
        actorName: by.username,
        actorRole: role,
        unitId,
        action: `feedback.${action}`,
        subjectType: 'feedback',
        subjectId: id,
        requestId: ctx.requestId,
        details: { code: f.code, from: status, to },
      });
      const unit = await findFeedbackUnit(trx, unitId);
      const answer = (action === 'answer' ? body.answer : f.answer) as FeedbackAnswerJson | null;
      await toPortal(trx, id, f.code, seq, {
        status: to,
        unitCode: unit!.code,
        kind: f.kind,
        receivedAt: f.received_at,
        dueAt: 'due_at' in patch ? (patch.due_at as Date | null) : f.due_at,
        ...(action === 'publish' && answer ? { answer: publicAnswer(answer) } : {}),
      });
      return { status: to, dueAt: 'due_at' in patch ? (patch.due_at as Date | null) : f.due_at };
    });
  }

  /** Pauses (question asked) or resumes (information received) the answer clock; returns the new due time. */
  private async pauseOrResumeAnswer(trx: Trx, f: { id: string; unit_id: string }, at: Date, pause: boolean): Promise<Date | null> {
    const dl = await findDeadlineForUpdate(trx, FEEDBACK_DEADLINE_KINDS.answer, f.id);
    if (pause) {
      await updateDeadline(trx, dl.id, pauseClock(dl, at), at);
      return null;
    }
    const { schedule, provinceId } = await this.deps.calendar.unitSchedule(f.unit_id);
    const calendar = await this.deps.calendar.calendarFor(provinceId);
    const state = {
      receivedAt: dl.received_at,
      workingDays: dl.working_days,
      mode: dl.mode,
      pauses: dl.pauses,
      countedFrom: dl.counted_from,
      dueAt: dl.due_at,
      overrideDueAt: dl.override_due_at,
    };
    const change = resumeClock(state, at, schedule, calendar);
    await updateDeadline(trx, dl.id, change, at);
    return change.due_at ?? null;
  }

  /** Satisfied closes; not satisfied (with a reason) reopens it to the director, with a new answer clock. Once, within 14 days. */
  async rate(ctx: ServiceContext, code: string, body: { phone?: string; satisfied: boolean; reason?: string }, now = new Date()) {
    const pre = await findFeedbackByCode(this.db, code);
    if (!pre || !senderMatches(pre, ctx.citizen, body.phone)) throw new Problem('not-found', { what: 'feedback' });
    if (pre.rated_at) throw new Problem('feedback-already-rated');
    if (pre.status !== 'published' || !ratingWindowOpen(pre.published_at, now)) throw new Problem('feedback-rating-closed');
    const reason = body.reason?.trim() ?? '';
    if (!body.satisfied && !reason) throw new Problem('feedback-rating-reason-required');
    const provinceId = (await this.deps.calendar.unitSchedule(pre.unit_id)).provinceId;
    const settings = await feedbackSettings(this.db, provinceId);
    return this.db.transaction().execute(async (trx) => {
      const f = (await findFeedback(trx, pre.id, true))!;
      if (f.rated_at) throw new Problem('feedback-already-rated');
      const action = body.satisfied ? 'rate-satisfied' : 'rate-unsatisfied';
      const to = feedbackNext(action, f.status as FeedbackStatus);
      const patch: Record<string, unknown> = { rating_satisfied: body.satisfied, rating_reason: reason, rated_at: now };
      if (!body.satisfied) {
        const clocks = await stepClocks(this.deps, f.unit_id, now, settings.deadlines);
        await writeStepClocks(trx, f.id, f.unit_id, now, clocks, settings.deadlines, {
          only: ['answer'],
          reason: `unsatisfied: ${reason}`,
        });
        Object.assign(patch, { reopened: true, reopen_count: f.reopen_count + 1, due_at: clocks.answer.dueAt });
      }
      const seq = f.event_count + 1;
      await updateFeedback(trx, f.id, { ...patch, status: to, event_count: seq, updated_at: now });
      const by = { id: null, name: f.contact_name, username: ctx.citizen ? `citizen:${ctx.citizen.idNumber}` : 'sender', role: 'citizen' };
      await feedbackEvent(trx, f.id, seq, action, f.status, to, by, f.unit_id, reason, { satisfied: body.satisfied }, now);
      await appendAudit(trx, {
        actorId: null,
        actorName: by.username,
        actorRole: 'citizen',
        unitId: f.unit_id,
        action: `feedback.${action}`,
        subjectType: 'feedback',
        subjectId: f.id,
        requestId: ctx.requestId,
        details: { code: f.code, satisfied: body.satisfied },
      });
      if (!body.satisfied) {
        // Reopened to the director, with the sender's reason.
        const directors = await findUnitDirectors(trx, f.unit_id);
        await insertFeedbackAlert(trx, {
          feedbackId: f.id,
          unitId: f.unit_id,
          kind: `reopened-${f.reopen_count + 1}`,
          deadlineKind: 'rating',
          at: now,
          dueAt: patch.due_at as Date,
          recipients: directors.map((d) => ({ userId: d.id, name: d.full_name, role: 'centre-director' })),
        });
        const text = `[Motcua] Phản ánh ${f.code} bị người gửi đánh giá chưa hài lòng và được xử lý lại. Lý do: ${reason}`.slice(0, 480);
        for (const d of directors) {
          if (d.phone.trim())
            await enqueueOutbox(trx, SMS_TOPIC, `feedback-reopen:${f.id}:${seq}:${d.id}`, {
              to: d.phone.trim(),
              text,
              feedbackId: f.id,
              kind: 'feedback-reopened',
            });
          if (d.email.trim())
            await enqueueOutbox(trx, EMAIL_TOPIC, `feedback-reopen-email:${f.id}:${seq}:${d.id}`, {
              to: d.email.trim(),
              subject: `[Motcua] ${f.code}: chưa hài lòng, xử lý lại`,
              text,
              feedbackId: f.id,
              kind: 'feedback-reopened',
            });
        }
      }
      const unit = await findFeedbackUnit(trx, f.unit_id);
      await toPortal(trx, f.id, f.code, seq, {
        status: to,
        unitCode: unit!.code,
        kind: f.kind,
        receivedAt: f.received_at,
        dueAt: (patch.due_at as Date | undefined) ?? f.due_at,
        rating: { satisfied: body.satisfied },
      });
      return { status: to, satisfied: body.satisfied };
    });
  }
}
