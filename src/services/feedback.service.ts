// Feedback (phản ánh, kiến nghị) from every channel to the citizen's verdict. Every change writes, in one
// transaction, the feedback row, an event of its append-only history, its deadline rows (refuse, first
// information request, answer, publish — on the unit's working-day calendar), an audit row and the outbox
// messages (the sender's SMS/e-mail, the national portal). Answers must pass the specific-answer checks
// (`domain/feedback/answer-checks.ts`) before they are stored and again before approval.
import { sql, type Transaction } from 'kysely';
import type { Config } from '../config';
import { unitsWhere, type Actor, type UnitNode } from '../domain/access';
import { computeDeadline, computeDueWithPauses, formatVnIso } from '../domain/calendar/index';
import { foldVietnamese } from '../domain/catalogue/procedure';
import {
  ANSWER_CHECK_LABELS,
  checkAnswer,
  DEFAULT_ANSWER_CHECK_CONFIG,
  DEFAULT_BOILERPLATE,
  type AnswerCheckConfig,
  type FeedbackAnswer,
} from '../domain/feedback/answer-checks';
import {
  FEEDBACK_ACTION_ROLES,
  FEEDBACK_ALLOWED,
  FEEDBACK_STATUS_LABELS,
  feedbackAllowedActions,
  feedbackNext,
  type FeedbackAction,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackStatus,
} from '../domain/feedback/lifecycle';
import {
  FEEDBACK_DEADLINE_KINDS,
  formatFeedbackCode,
  INTAKE_PROBLEM_LABELS,
  intakeProblems,
  NATIONAL_FEEDBACK_DEADLINES,
  ratingWindowOpen,
  redact,
  RATING_WINDOW_DAYS,
  type FeedbackDeadlines,
} from '../domain/feedback/rules';
import { Problem } from '../domain/problems';
import { ROLES, type Role } from '../domain/roles';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { FEEDBACK_PORTAL_TOPIC } from '../adapters/national-portal.adapter';
import { emitWebhookEvent } from '../db/repositories/webhook.repository';
import { EVENT_SCOPES } from '../domain/webhooks';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import type { Db } from '../db/database';
import type { Database, FeedbackAnswerJson } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { enqueueOutbox, logPersonalDataAccess, vnDay } from '../db/repositories/dossier.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { CalendarService } from './calendar.service';
import { requireActor, type ServiceContext } from './context';

/** Roles that see a unit's feedback (province roles reach every unit of the province). */
const READERS: Role[] = ['feedback-officer', 'leader', 'centre-director', 'province-admin', 'system-admin'];
/** Roles that record feedback brought to the counter, by phone or by letter. */
const RECORDERS: Role[] = ['feedback-officer', 'reception-officer', 'centre-director'];

export type FeedbackInput = {
  unitId: string;
  kind: FeedbackKind;
  subject: string;
  content: string;
  dossierCode?: string;
  /** The applicant's ID number, proving a named dossier is the sender's (not needed with a portal session). */
  idNumber?: string;
  procedureId?: string;
  points?: string[];
  contact: { fullName?: string; phone?: string; email?: string; address?: string };
  fileIds?: string[];
  /** Staff recording only: how it arrived. */
  channel?: Extract<FeedbackChannel, 'counter' | 'phone' | 'letter'>;
  idempotencyKey?: string;
};

export type FeedbackActionBody = {
  toUnitId?: string;
  reason?: string;
  question?: string;
  information?: string;
  comment?: string;
  points?: string[];
  answer?: FeedbackAnswer;
};

type Row = Awaited<ReturnType<FeedbackService['load']>>;
type Trx = Transaction<Database>;

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
const vnTime = (d: Date | null) => (d ? formatVnIso(d).slice(0, 16).replace('T', ' ') : '');

export class FeedbackService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'publicUrl'>,
    private readonly calendar: CalendarService,
  ) {}

  // ——— settings ———

  async settings(provinceId: string, db: Db | Trx = this.db): Promise<{ deadlines: FeedbackDeadlines; checks: AnswerCheckConfig }> {
    const r = await db.selectFrom('feedback_setting').selectAll().where('province_id', '=', provinceId).executeTakeFirst();
    if (!r) return { deadlines: NATIONAL_FEEDBACK_DEADLINES, checks: DEFAULT_ANSWER_CHECK_CONFIG };
    return {
      deadlines: {
        refuseDays: Number(r.refuse_days),
        infoDays: Number(r.info_days),
        answerDays: Number(r.answer_days),
        publishDays: Number(r.publish_days),
      },
      checks: { ...DEFAULT_ANSWER_CHECK_CONFIG, boilerplate: r.boilerplate ?? DEFAULT_BOILERPLATE, minChars: r.min_answer_chars },
    };
  }

  /** A province's step limits (never longer than the national ones: the table's CHECKs) and empty phrases. */
  async putSettings(
    ctx: ServiceContext,
    provinceId: string,
    body: FeedbackDeadlines & { boilerplate?: string[] | null; minAnswerChars?: number },
  ): Promise<{ deadlines: FeedbackDeadlines; checks: AnswerCheckConfig }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!unitsWhere(actor, tree, ['province-admin', 'system-admin']).has(provinceId)) throw new Problem('forbidden');
    const values = {
      refuse_days: body.refuseDays,
      info_days: body.infoDays,
      answer_days: body.answerDays,
      publish_days: body.publishDays,
      boilerplate: body.boilerplate ?? null,
      min_answer_chars: body.minAnswerChars ?? DEFAULT_ANSWER_CHECK_CONFIG.minChars,
      updated_by: actor.userId,
      updated_at: new Date(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('feedback_setting')
        .values({ province_id: provinceId, ...values })
        .onConflict((oc) => oc.column('province_id').doUpdateSet(values))
        .execute();
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
    return this.settings(provinceId);
  }

  // ——— receiving ———

  /**
   * A feedback from the public site or the portal (`ctx.citizen` fills the contact), or recorded by an officer
   * (counter, phone, letter). Checks Decree 20/2008 Art. 7; a named dossier must be the sender's.
   */
  async submit(
    ctx: ServiceContext,
    input: FeedbackInput,
    now = new Date(),
  ): Promise<{ id: string; code: string; status: FeedbackStatus; dueAt: Date | null }> {
    const citizen = ctx.citizen ?? null;
    const staff = input.channel ? requireActor(ctx) : null;
    const tree = await listUnitTree(this.db);
    const unit = await this.db
      .selectFrom('unit')
      .select(['id', 'code', 'name', 'parent_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    let by: { id: string | null; name: string; username: string; role: string } = {
      id: null,
      name: input.contact.fullName?.trim() || 'citizen',
      username: citizen ? `citizen:${citizen.idNumber}` : 'public',
      role: 'citizen',
    };
    if (staff) {
      const role = RECORDERS.find((r) => unitsWhere(staff, tree, [r]).has(unit.id));
      if (!role) throw new Problem('not-found', { what: 'unit' });
      by = { id: staff.userId, name: staff.fullName, username: staff.username, role };
    }
    let contact = { ...input.contact };
    if (citizen && !staff) {
      const c = await this.db.selectFrom('citizen').selectAll().where('id', '=', citizen.citizenId).executeTakeFirst();
      contact = {
        fullName: contact.fullName?.trim() || c?.full_name || citizen.fullName,
        phone: contact.phone?.trim() || c?.phone || '',
        email: contact.email?.trim() || c?.email || '',
        address: contact.address?.trim() || c?.address || '',
      };
    }
    const problems = intakeProblems({ subject: input.subject, content: input.content, contact });
    if (problems.length) {
      const errors = problems.map((p) => ({ field: p.field, code: p.code, message: INTAKE_PROBLEM_LABELS[p.code][ctx.lang] }));
      throw new Problem('feedback-invalid', { summary: errors.map((e) => e.message).join(' ') }, { errors });
    }
    // A named dossier: the sender's own (portal identity, or the applicant's ID number), else the same answer
    // whether it exists or not, so that codes cannot be probed.
    let dossierId: string | null = null;
    if (input.dossierCode?.trim()) {
      const d = await this.db
        .selectFrom('dossier')
        .select(['id', 'unit_id', 'citizen_id', 'applicant_id_number', 'procedure_id'])
        .where('code', '=', input.dossierCode.trim())
        .executeTakeFirst();
      const mine =
        d &&
        ((citizen && (d.citizen_id === citizen.citizenId || d.applicant_id_number === citizen.idNumber)) ||
          (input.idNumber && d.applicant_id_number === input.idNumber.trim()));
      if (!d || !mine) throw new Problem('feedback-dossier-not-found', { code: input.dossierCode.trim() });
      dossierId = d.id;
      input = { ...input, procedureId: input.procedureId ?? d.procedure_id };
    }
    if (input.procedureId) {
      const p = await this.db.selectFrom('procedure').select('id').where('id', '=', input.procedureId).executeTakeFirst();
      if (!p) throw new Problem('not-found', { what: 'procedure' });
    }
    const fileIds = [...new Set(input.fileIds ?? [])];
    if (fileIds.length) {
      const found = await this.db.selectFrom('stored_file').select('id').where('id', 'in', fileIds).execute();
      if (found.length !== fileIds.length) throw new Problem('not-found', { what: 'file' });
    }
    const intakeKey = input.idempotencyKey ? `${by.username}:${input.idempotencyKey}` : null;
    if (intakeKey) {
      const prior = await this.db
        .selectFrom('feedback')
        .select(['id', 'code', 'status', 'due_at'])
        .where('intake_key', '=', intakeKey)
        .executeTakeFirst();
      if (prior) return { id: prior.id, code: prior.code, status: prior.status as FeedbackStatus, dueAt: prior.due_at };
    }
    const provinceId = unit.parent_id ?? unit.id;
    const { deadlines } = await this.settings(provinceId);
    const channel: FeedbackChannel = staff ? input.channel! : citizen ? 'portal' : 'web';
    return this.db.transaction().execute(async (trx) => {
      const day = vnDay(now);
      const seq = (
        await trx
          .insertInto('feedback_code_counter')
          .values({ unit_id: unit.id, day: day.iso, last: 1 })
          .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`feedback_code_counter.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow()
      ).last;
      const code = formatFeedbackCode(unit.code, day.yymmdd, seq);
      const clocks = await this.clocks(unit.id, now, deadlines);
      const f = await trx
        .insertInto('feedback')
        .values({
          code,
          unit_id: unit.id,
          received_unit_id: unit.id,
          kind: input.kind,
          channel,
          subject: input.subject.trim(),
          content: input.content.trim(),
          points: (input.points ?? []).map((p) => p.trim()).filter(Boolean),
          dossier_id: dossierId,
          procedure_id: input.procedureId ?? null,
          contact_name: contact.fullName!.trim(),
          contact_phone: contact.phone?.trim() ?? '',
          contact_email: contact.email?.trim() ?? '',
          contact_address: contact.address?.trim() ?? '',
          citizen_id: citizen && !staff ? citizen.citizenId : null,
          file_ids: fileIds,
          status: 'received',
          received_at: now,
          due_at: clocks.answer.dueAt,
          created_by: staff?.userId ?? null,
          intake_key: intakeKey,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.event(trx, f.id, 1, 'create', null, 'received', by, unit.id, '', { channel, dossierId }, now);
      await this.writeClocks(trx, f.id, unit.id, now, clocks, deadlines);
      await appendAudit(trx, {
        actorId: by.id,
        actorName: by.username,
        actorRole: by.role,
        unitId: unit.id,
        action: 'feedback.create',
        subjectType: 'feedback',
        subjectId: f.id,
        requestId: ctx.requestId,
        details: { code, channel, dossierId },
      });
      const due = vnTime(clocks.answer.dueAt);
      await this.tellSender(
        trx,
        { id: f.id, contact_phone: contact.phone ?? '', contact_email: contact.email ?? '' },
        `receipt`,
        `[${unit.name}] Đã tiếp nhận phản ánh, kiến nghị mã ${code}. Hạn trả lời: ${due}. Tra cứu: ${this.link(code)}`,
        `Tiếp nhận phản ánh ${code}`,
      );
      await this.toPortal(trx, f.id, code, 1, {
        status: 'received',
        unitCode: unit.code,
        kind: input.kind,
        receivedAt: now,
        dueAt: clocks.answer.dueAt,
      });
      return { id: f.id, code, status: 'received' as const, dueAt: clocks.answer.dueAt };
    });
  }

  /** The dossier page's "dislike with a reason" becomes a service feedback, in the rating's transaction. */
  async fromDossierDislike(trx: Trx, dossierId: string, citizenId: string, reason: string, now = new Date()): Promise<string> {
    const d = await trx
      .selectFrom('dossier')
      .select(['id', 'code', 'unit_id', 'procedure_id', 'applicant'])
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    const c = await trx.selectFrom('citizen').selectAll().where('id', '=', citizenId).executeTakeFirstOrThrow();
    const unit = await trx.selectFrom('unit').select(['id', 'code', 'parent_id']).where('id', '=', d.unit_id).executeTakeFirstOrThrow();
    const { deadlines } = await this.settings(unit.parent_id ?? unit.id, trx);
    const day = vnDay(now);
    const seq = (
      await trx
        .insertInto('feedback_code_counter')
        .values({ unit_id: unit.id, day: day.iso, last: 1 })
        .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`feedback_code_counter.last + 1` }))
        .returning('last')
        .executeTakeFirstOrThrow()
    ).last;
    const code = formatFeedbackCode(unit.code, day.yymmdd, seq);
    const clocks = await this.clocks(unit.id, now, deadlines);
    const phone = c.phone || d.applicant.phone || '';
    const address = c.address || d.applicant.address || '';
    const f = await trx
      .insertInto('feedback')
      .values({
        code,
        unit_id: unit.id,
        received_unit_id: unit.id,
        kind: 'service',
        channel: 'dossier-rating',
        subject: `Không hài lòng với việc giải quyết hồ sơ ${d.code}`,
        content: reason.trim(),
        points: [reason.trim().slice(0, 500)],
        dossier_id: d.id,
        procedure_id: d.procedure_id,
        contact_name: c.full_name,
        contact_phone: phone,
        contact_email: c.email,
        contact_address: phone || address ? address : 'Qua Cổng dịch vụ công (VNeID)',
        citizen_id: c.id,
        status: 'received',
        received_at: now,
        due_at: clocks.answer.dueAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const by = { id: null, name: c.full_name, username: `citizen:${c.id_number}`, role: 'citizen' };
    await this.event(trx, f.id, 1, 'create', null, 'received', by, unit.id, reason, { channel: 'dossier-rating', dossierId: d.id }, now);
    await this.writeClocks(trx, f.id, unit.id, now, clocks, deadlines);
    await appendAudit(trx, {
      actorId: null,
      actorName: by.username,
      actorRole: 'citizen',
      unitId: unit.id,
      action: 'feedback.create',
      subjectType: 'feedback',
      subjectId: f.id,
      requestId: '',
      details: { code, channel: 'dossier-rating', dossierId: d.id },
    });
    return code;
  }

  /**
   * A low counter rating with a comment (the queue's LowRatingSink) becomes a service feedback naming the officer
   * and, when known, the dossier (whose applicant's contact it takes). An anonymous kiosk rating has no contact:
   * it is kept as feedback all the same, marked so, and cannot be answered by SMS.
   */
  async fromCounterRating(
    r: { ratingId: string; unitId: string; officerId: string | null; dossierId: string | null; comment: string },
    now = new Date(),
  ): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('unit').select(['id', 'code', 'parent_id']).where('id', '=', r.unitId).executeTakeFirstOrThrow();
      const d = r.dossierId
        ? await trx
            .selectFrom('dossier')
            .select(['id', 'code', 'procedure_id', 'applicant'])
            .where('id', '=', r.dossierId)
            .executeTakeFirst()
        : undefined;
      const officer = r.officerId
        ? await trx.selectFrom('staff_user').select('full_name').where('id', '=', r.officerId).executeTakeFirst()
        : undefined;
      const { deadlines } = await this.settings(unit.parent_id ?? unit.id, trx);
      const day = vnDay(now);
      const seq = (
        await trx
          .insertInto('feedback_code_counter')
          .values({ unit_id: unit.id, day: day.iso, last: 1 })
          .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`feedback_code_counter.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow()
      ).last;
      const code = formatFeedbackCode(unit.code, day.yymmdd, seq);
      const clocks = await this.clocks(unit.id, now, deadlines);
      const phone = d?.applicant.phone?.trim() ?? '';
      const f = await trx
        .insertInto('feedback')
        .values({
          code,
          unit_id: unit.id,
          received_unit_id: unit.id,
          kind: 'conduct',
          channel: 'counter',
          subject: `Đánh giá chưa hài lòng tại quầy${officer ? ` (cán bộ ${officer.full_name})` : ''}`,
          content: r.comment.trim().slice(0, 10_000),
          points: [r.comment.trim().slice(0, 500)],
          dossier_id: d?.id ?? null,
          procedure_id: d?.procedure_id ?? null,
          contact_name: d?.applicant.fullName ?? 'Người đánh giá tại quầy (không để lại tên)',
          contact_phone: phone,
          contact_address: phone
            ? (d?.applicant.address ?? '')
            : d?.applicant.address?.trim() || 'Không để lại địa chỉ (đánh giá tại quầy)',
          status: 'received',
          received_at: now,
          due_at: clocks.answer.dueAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const by = { id: null, name: d?.applicant.fullName ?? 'citizen', role: 'citizen' };
      await this.event(
        trx,
        f.id,
        1,
        'create',
        null,
        'received',
        by,
        unit.id,
        r.comment,
        { channel: 'counter-rating', ratingId: r.ratingId },
        now,
      );
      await this.writeClocks(trx, f.id, unit.id, now, clocks, deadlines);
      await appendAudit(trx, {
        actorId: null,
        actorName: 'citizen',
        actorRole: 'citizen',
        unitId: unit.id,
        action: 'feedback.create',
        subjectType: 'feedback',
        subjectId: f.id,
        requestId: '',
        details: { code, channel: 'counter-rating', ratingId: r.ratingId },
      });
      return f.id;
    });
  }

  // ——— the clocks ———

  private async clocks(unitId: string, from: Date, d: FeedbackDeadlines) {
    const { schedule, provinceId } = await this.calendar.unitSchedule(unitId);
    const calendar = await this.calendar.calendarFor(provinceId);
    const at = (days: number) => computeDeadline({ receivedAt: from, workingDays: days, schedule, calendar });
    return { refuse: at(d.refuseDays), info: at(d.infoDays), answer: at(d.answerDays) };
  }

  /** Writes (or restarts, after a transfer or a reopen) the refuse, information and answer deadlines. */
  private async writeClocks(
    trx: Trx,
    feedbackId: string,
    unitId: string,
    from: Date,
    c: Awaited<ReturnType<FeedbackService['clocks']>>,
    d: FeedbackDeadlines,
    opts: { only?: ('refuse' | 'info' | 'answer')[]; reason?: string; actorId?: string | null } = {},
  ): Promise<void> {
    const kinds = opts.only ?? (['refuse', 'info', 'answer'] as const);
    const days = { refuse: d.refuseDays, info: d.infoDays, answer: d.answerDays };
    for (const k of kinds) {
      const subjectType = FEEDBACK_DEADLINE_KINDS[k];
      const old = await trx
        .selectFrom('deadline')
        .select(['id', 'counted_from', 'due_at'])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', feedbackId)
        .executeTakeFirst();
      const values = {
        unit_id: unitId,
        received_at: from,
        working_days: days[k],
        mode: 'pause' as const,
        pauses: '[]',
        counted_from: c[k].countedFrom,
        due_at: c[k].dueAt,
        closed_at: null,
        override_due_at: null,
        updated_at: from,
      };
      if (!old) {
        await trx
          .insertInto('deadline')
          .values({ subject_type: subjectType, subject_id: feedbackId, ...values })
          .execute();
        continue;
      }
      await trx.updateTable('deadline').set(values).where('id', '=', old.id).execute();
      await trx
        .insertInto('deadline_change')
        .values({
          deadline_id: old.id,
          old_counted_from: old.counted_from,
          new_counted_from: c[k].countedFrom,
          old_due_at: old.due_at,
          new_due_at: c[k].dueAt,
          reason: opts.reason ?? 'restart',
          actor_id: opts.actorId ?? null,
        })
        .execute();
    }
  }

  private async closeClock(trx: Trx, feedbackId: string, kind: keyof typeof FEEDBACK_DEADLINE_KINDS, at: Date): Promise<void> {
    await trx
      .updateTable('deadline')
      .set({ closed_at: at, updated_at: at })
      .where('subject_type', '=', FEEDBACK_DEADLINE_KINDS[kind])
      .where('subject_id', '=', feedbackId)
      .where('closed_at', 'is', null)
      .execute();
  }

  /** Pauses (question asked) or resumes (information received) the answer clock; returns the new due time. */
  private async pauseOrResumeAnswer(trx: Trx, f: { id: string; unit_id: string }, at: Date, pause: boolean): Promise<Date | null> {
    const dl = await trx
      .selectFrom('deadline')
      .selectAll()
      .where('subject_type', '=', FEEDBACK_DEADLINE_KINDS.answer)
      .where('subject_id', '=', f.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const pauses = pause
      ? [...dl.pauses, { from: at.toISOString() }]
      : dl.pauses.map((p, i) => (i === dl.pauses.length - 1 && !p.to ? { ...p, to: at.toISOString() } : p));
    let dueAt: Date | null = null;
    if (!pause) {
      const { schedule, provinceId } = await this.calendar.unitSchedule(f.unit_id);
      const calendar = await this.calendar.calendarFor(provinceId);
      dueAt = computeDueWithPauses({
        countedFrom: dl.counted_from,
        workingDays: Number(dl.working_days),
        pauses: pauses.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
        mode: 'pause',
        schedule,
        calendar,
      }).dueAt;
    }
    await trx
      .updateTable('deadline')
      .set({ pauses: JSON.stringify(pauses), due_at: dueAt, updated_at: at })
      .where('id', '=', dl.id)
      .execute();
    return dueAt;
  }

  // ——— reading ———

  async load(db: Db | Trx, id: string, lock = false) {
    let q = db.selectFrom('feedback').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** Roles the actor holds in (or over) a unit. */
  private rolesIn(actor: Actor, tree: readonly UnitNode[], unitId: string): Role[] {
    return ROLES.filter((r) => unitsWhere(actor, tree, [r]).has(unitId));
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
    let query = this.db
      .selectFrom('feedback as f')
      .innerJoin('unit as u', 'u.id', 'f.unit_id')
      .leftJoin('dossier as d', 'd.id', 'f.dossier_id')
      .select([
        'f.id',
        'f.code',
        'f.status',
        'f.kind',
        'f.channel',
        'f.subject',
        'f.unit_id',
        'u.name as unit_name',
        'f.received_at',
        'f.due_at',
        'f.reopen_count',
        'f.answer_returns',
        'f.published_at',
        'd.code as dossier_code',
      ])
      .where('f.unit_id', 'in', ids)
      .orderBy(sql`f.due_at IS NULL`)
      .orderBy('f.due_at')
      .orderBy('f.received_at', 'desc')
      .limit(Math.min(q.limit ?? 200, 500));
    if (q.status) query = query.where('f.status', '=', q.status);
    const rows = await query.execute();
    // The step due now: the first open deadline of the feedback (refuse, information, answer or publish).
    const open = await this.openDeadlines(rows.map((r) => r.id));
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

  private async openDeadlines(ids: string[]): Promise<Map<string, { kind: string; dueAt: Date | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('deadline')
      .select(['subject_id', 'subject_type', 'due_at'])
      .where('subject_id', 'in', ids)
      // The first information request is a limit, not a duty: it never makes a feedback late by itself.
      .where('subject_type', 'in', [FEEDBACK_DEADLINE_KINDS.refuse, FEEDBACK_DEADLINE_KINDS.answer, FEEDBACK_DEADLINE_KINDS.publish])
      .where('closed_at', 'is', null)
      .orderBy(sql`due_at IS NULL`)
      .orderBy('due_at')
      .execute();
    const out = new Map<string, { kind: string; dueAt: Date | null }>();
    for (const r of rows) if (!out.has(r.subject_id)) out.set(r.subject_id, { kind: r.subject_type, dueAt: r.due_at });
    return out;
  }

  async get(ctx: ServiceContext, id: string, now = new Date()) {
    const actor = requireActor(ctx);
    const f = await this.load(this.db, id);
    const tree = await listUnitTree(this.db);
    if (!f || !unitsWhere(actor, tree, READERS).has(f.unit_id)) throw new Problem('not-found', { what: 'feedback' });
    const roles = this.rolesIn(actor, tree, f.unit_id);
    const [unit, events, deadlines, failures, dossier, files] = await Promise.all([
      this.db.selectFrom('unit').select(['id', 'name', 'parent_id']).where('id', '=', f.unit_id).executeTakeFirstOrThrow(),
      this.db.selectFrom('feedback_event').selectAll().where('feedback_id', '=', id).orderBy('seq').execute(),
      this.db
        .selectFrom('deadline')
        .select(['subject_type', 'counted_from', 'due_at', 'closed_at', 'pauses'])
        .where('subject_id', '=', id)
        .where('subject_type', 'in', Object.values(FEEDBACK_DEADLINE_KINDS))
        .execute(),
      this.db.selectFrom('feedback_check_failure').select(['at', 'stage', 'checks']).where('feedback_id', '=', id).orderBy('id').execute(),
      f.dossier_id ? this.db.selectFrom('dossier').select(['id', 'code']).where('id', '=', f.dossier_id).executeTakeFirst() : undefined,
      f.file_ids.length
        ? this.db.selectFrom('stored_file').select(['id', 'original_name', 'mime']).where('id', 'in', f.file_ids).execute()
        : Promise.resolve([]),
    ]);
    const procedure = f.procedure_id
      ? await this.db
          .selectFrom('procedure as p')
          .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
          .select(['p.id', 'p.code', 'v.name', 'v.legal_basis'])
          .where('p.id', '=', f.procedure_id)
          .executeTakeFirst()
      : undefined;
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
    const transferUnits = await this.db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('id', '=', provinceId), eb('parent_id', '=', provinceId)]))
      .where('id', '<>', f.unit_id)
      .orderBy('name')
      .execute();
    const { checks } = await this.settings(provinceId);
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
    const d = await this.db
      .selectFrom('dossier')
      .select(['id', 'unit_id', 'received_unit_id'])
      .where('id', '=', dossierId)
      .executeTakeFirst();
    const scope = unitsWhere(actor, tree);
    if (!d || !(scope.has(d.unit_id) || scope.has(d.received_unit_id))) throw new Problem('not-found', { what: 'dossier' });
    const rows = await this.db
      .selectFrom('feedback')
      .select(['id', 'code', 'status', 'kind', 'subject', 'received_at', 'channel'])
      .where('dossier_id', '=', dossierId)
      .orderBy('received_at', 'desc')
      .execute();
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

  // ——— acting ———

  /** Order of answers as for dossiers: 404 not visible, 409 not allowed now, 403 role, 422 rule. Nothing is written on refusal. */
  async act(ctx: ServiceContext, id: string, action: FeedbackAction, body: FeedbackActionBody, now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const pre = await this.load(this.db, id);
    if (!pre || !unitsWhere(actor, tree, READERS).has(pre.unit_id)) throw new Problem('not-found', { what: 'feedback' });
    const provinceId = tree.find((u) => u.id === pre.unit_id)?.parentId ?? pre.unit_id;
    const settings = await this.settings(provinceId);
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
            const roles = this.rolesIn(actor, tree, pre.unit_id);
            if ((FEEDBACK_ACTION_ROLES[action] as readonly Role[]).some((r) => roles.includes(r))) {
              await this.db
                .insertInto('feedback_check_failure')
                .values({
                  feedback_id: id,
                  unit_id: pre.unit_id,
                  at: now,
                  actor_id: actor.userId,
                  stage: action,
                  checks: [...new Set(failed.map((x) => x.check))],
                })
                .execute();
              const codes = [...new Set(failed.map((x) => x.check))];
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
      const f = (await this.load(trx, id, true))!;
      const status = f.status as FeedbackStatus;
      const roles = this.rolesIn(actor, tree, f.unit_id);
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
      switch (action) {
        case 'accept':
          await this.closeClock(trx, id, 'refuse', now);
          if (body.points?.length) patch.points = body.points.map((p) => p.trim()).filter(Boolean);
          break;
        case 'refuse':
          patch.refusal_reason = body.reason!.trim();
          for (const k of ['refuse', 'info', 'answer'] as const) await this.closeClock(trx, id, k, now);
          patch.due_at = null;
          await this.tellSender(
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
          const targetUnit = await trx.selectFrom('unit').select(['id', 'name']).where('id', '=', target.id).executeTakeFirstOrThrow();
          // Each transfer restarts the clock (F766 5.2) in the receiving unit, and the sender is told.
          const clocks = await this.clocks(target.id, now, settings.deadlines);
          await this.writeClocks(trx, id, target.id, now, clocks, settings.deadlines, {
            reason: `transfer: ${reason}`,
            actorId: actor.userId,
          });
          await this.closeClock(trx, id, 'publish', now);
          unitId = target.id;
          Object.assign(patch, {
            unit_id: target.id,
            due_at: clocks.answer.dueAt,
            transfer_count: f.transfer_count + 1,
            reopened: false,
            answer: null,
          });
          Object.assign(data, { fromUnitId: f.unit_id, toUnitId: target.id });
          await this.tellSender(
            trx,
            f,
            `transfer:${f.event_count + 1}`,
            `Phản ánh ${f.code} đã được chuyển đến ${targetUnit.name} để giải quyết theo thẩm quyền. Hạn trả lời mới: ${vnTime(clocks.answer.dueAt)}.`,
            `Phản ánh ${f.code} được chuyển`,
          );
          break;
        }
        case 'request-information': {
          const asked = await trx
            .selectFrom('feedback_event')
            .select('id')
            .where('feedback_id', '=', id)
            .where('action', '=', 'request-information')
            .executeTakeFirst();
          if (asked) throw new Problem('feedback-question-asked');
          await this.closeClock(trx, id, 'info', now);
          await this.pauseOrResumeAnswer(trx, f, now, true);
          Object.assign(patch, { question: body.question!.trim(), due_at: null });
          reason = body.question!.trim();
          await this.tellSender(
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
          await this.closeClock(trx, id, 'info', now);
          await this.closeClock(trx, id, 'refuse', now);
          break;
        case 'return':
          patch.answer_returns = f.answer_returns + 1;
          reason = body.comment!.trim();
          break;
        case 'approve': {
          // The answer reached "awaiting publication": the answer clock stops, the publish clock starts.
          await this.closeClock(trx, id, 'answer', now);
          const { schedule, provinceId: pid } = await this.calendar.unitSchedule(f.unit_id);
          const calendar = await this.calendar.calendarFor(pid);
          const c = computeDeadline({ receivedAt: now, workingDays: settings.deadlines.publishDays, schedule, calendar });
          await trx
            .insertInto('deadline')
            .values({
              unit_id: f.unit_id,
              subject_type: FEEDBACK_DEADLINE_KINDS.publish,
              subject_id: id,
              received_at: now,
              working_days: settings.deadlines.publishDays,
              counted_from: c.countedFrom,
              due_at: c.dueAt,
            })
            .onConflict((oc) =>
              oc
                .columns(['subject_type', 'subject_id'])
                .doUpdateSet({ received_at: now, counted_from: c.countedFrom, due_at: c.dueAt, closed_at: null, updated_at: now }),
            )
            .execute();
          Object.assign(patch, { approved_at: now, approved_by: actor.userId, due_at: c.dueAt });
          break;
        }
        case 'publish': {
          await this.closeClock(trx, id, 'publish', now);
          const answer = f.answer as FeedbackAnswerJson;
          const publicText = this.publicText(f, answer);
          Object.assign(patch, {
            published_at: now,
            public_text: publicText,
            public_folded: foldVietnamese(publicText),
            reopened: false,
            due_at: null,
            rating_satisfied: null,
            rating_reason: null,
            rated_at: null,
          });
          await this.tellSender(
            trx,
            f,
            `published:${f.event_count + 1}`,
            `Phản ánh ${f.code} đã có kết quả trả lời. Xem và đánh giá trong ${RATING_WINDOW_DAYS} ngày: ${this.link(f.code)}`,
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
          const clocks = await this.clocks(f.unit_id, now, settings.deadlines);
          await this.writeClocks(trx, id, f.unit_id, now, clocks, settings.deadlines, {
            only: ['answer'],
            reason: `reopen: ${reason}`,
            actorId: actor.userId,
          });
          Object.assign(patch, { reopened: true, reopen_count: f.reopen_count + 1, due_at: clocks.answer.dueAt });
          break;
        }
      }
      const seq = f.event_count + 1;
      await trx
        .updateTable('feedback')
        .set({ ...patch, status: to, event_count: seq, updated_at: now })
        .where('id', '=', id)
        .execute();
      await this.event(trx, id, seq, action, status, to, by, unitId, reason, data, now);
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
      const unit = await trx.selectFrom('unit').select('code').where('id', '=', unitId).executeTakeFirstOrThrow();
      const answer = (action === 'answer' ? body.answer : f.answer) as FeedbackAnswerJson | null;
      await this.toPortal(trx, id, f.code, seq, {
        status: to,
        unitCode: unit.code,
        kind: f.kind,
        receivedAt: f.received_at,
        dueAt: 'due_at' in patch ? (patch.due_at as Date | null) : f.due_at,
        ...(action === 'publish' && answer ? { answer: this.publicAnswer(answer) } : {}),
      });
      return { status: to, dueAt: 'due_at' in patch ? (patch.due_at as Date | null) : f.due_at };
    });
  }

  // ——— the sender ———

  private senderMatches(f: NonNullable<Row>, ctx: ServiceContext, phone?: string): boolean {
    if (ctx.citizen && f.citizen_id === ctx.citizen.citizenId) return true;
    const p = digits(phone);
    return p.length >= 8 && p === digits(f.contact_phone);
  }

  /** The sender's view: status, unit, due times, the question, the published answer. */
  async senderView(ctx: ServiceContext, code: string, phone?: string) {
    const f = await this.db.selectFrom('feedback').selectAll().where('code', '=', code).executeTakeFirst();
    if (!f || !this.senderMatches(f, ctx, phone)) throw new Problem('not-found', { what: 'feedback' });
    const unit = await this.db.selectFrom('unit').select(['id', 'name']).where('id', '=', f.unit_id).executeTakeFirstOrThrow();
    const now = new Date();
    return {
      code: f.code,
      status: f.status as FeedbackStatus,
      kind: f.kind,
      subject: f.subject,
      unit,
      receivedAt: f.received_at,
      dueAt: f.due_at,
      question: f.status === 'awaiting-information' ? f.question : null,
      refusalReason: f.refusal_reason,
      publishedAt: f.published_at,
      answer: f.published_at && f.answer && f.status !== 'reopened' ? this.publicAnswer(f.answer as FeedbackAnswerJson) : null,
      rating: f.rated_at ? { satisfied: !!f.rating_satisfied, reason: f.rating_reason ?? '' } : null,
      canRate: f.status === 'published' && !f.rated_at && ratingWindowOpen(f.published_at, now),
      rateUntil: f.published_at ? new Date(f.published_at.getTime() + RATING_WINDOW_DAYS * 86_400_000) : null,
    };
  }

  /** Satisfied closes; not satisfied (with a reason) reopens it to the director, with a new answer clock. Once, within 14 days. */
  async rate(ctx: ServiceContext, code: string, body: { phone?: string; satisfied: boolean; reason?: string }, now = new Date()) {
    const pre = await this.db.selectFrom('feedback').selectAll().where('code', '=', code).executeTakeFirst();
    if (!pre || !this.senderMatches(pre, ctx, body.phone)) throw new Problem('not-found', { what: 'feedback' });
    if (pre.rated_at) throw new Problem('feedback-already-rated');
    if (pre.status !== 'published' || !ratingWindowOpen(pre.published_at, now)) throw new Problem('feedback-rating-closed');
    const reason = body.reason?.trim() ?? '';
    if (!body.satisfied && !reason) throw new Problem('feedback-rating-reason-required');
    const provinceId = (await this.calendar.unitSchedule(pre.unit_id)).provinceId;
    const settings = await this.settings(provinceId);
    return this.db.transaction().execute(async (trx) => {
      const f = (await this.load(trx, pre.id, true))!;
      if (f.rated_at) throw new Problem('feedback-already-rated');
      const action = body.satisfied ? 'rate-satisfied' : 'rate-unsatisfied';
      const to = feedbackNext(action, f.status as FeedbackStatus);
      const patch: Record<string, unknown> = { rating_satisfied: body.satisfied, rating_reason: reason, rated_at: now };
      if (!body.satisfied) {
        const clocks = await this.clocks(f.unit_id, now, settings.deadlines);
        await this.writeClocks(trx, f.id, f.unit_id, now, clocks, settings.deadlines, {
          only: ['answer'],
          reason: `unsatisfied: ${reason}`,
        });
        Object.assign(patch, { reopened: true, reopen_count: f.reopen_count + 1, due_at: clocks.answer.dueAt });
      }
      const seq = f.event_count + 1;
      await trx
        .updateTable('feedback')
        .set({ ...patch, status: to, event_count: seq, updated_at: now })
        .where('id', '=', f.id)
        .execute();
      const by = { id: null, name: f.contact_name, username: ctx.citizen ? `citizen:${ctx.citizen.idNumber}` : 'sender', role: 'citizen' };
      await this.event(trx, f.id, seq, action, f.status, to, by, f.unit_id, reason, { satisfied: body.satisfied }, now);
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
        const directors = await trx
          .selectFrom('user_role as r')
          .innerJoin('staff_user as u', 'u.id', 'r.user_id')
          .select(['u.id', 'u.full_name', 'u.phone', 'u.email'])
          .where('r.unit_id', '=', f.unit_id)
          .where('r.role', '=', 'centre-director')
          .where('u.active', '=', true)
          .execute();
        await trx
          .insertInto('feedback_alert')
          .values({
            feedback_id: f.id,
            unit_id: f.unit_id,
            kind: `reopened-${f.reopen_count + 1}`,
            deadline_kind: 'rating',
            at: now,
            due_at: patch.due_at as Date,
            recipients: JSON.stringify(directors.map((d) => ({ userId: d.id, name: d.full_name, role: 'centre-director' }))),
          })
          .onConflict((oc) => oc.constraint('feedback_alert_once').doNothing())
          .execute();
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
      const unit = await trx.selectFrom('unit').select('code').where('id', '=', f.unit_id).executeTakeFirstOrThrow();
      await this.toPortal(trx, f.id, f.code, seq, {
        status: to,
        unitCode: unit.code,
        kind: f.kind,
        receivedAt: f.received_at,
        dueAt: (patch.due_at as Date | undefined) ?? f.due_at,
        rating: { satisfied: body.satisfied },
      });
      return { status: to, satisfied: body.satisfied };
    });
  }

  // ——— publication ———

  private publicAnswer(a: FeedbackAnswerJson) {
    return {
      outcome: a.outcome,
      legalBasis: a.legalBasis,
      points: a.points.map((p) => ({ point: redact(p.point), response: redact(p.response) })),
      actions: a.actions.map((x) => ({ what: redact(x.what), responsibleUnitId: x.responsibleUnitId, dueDate: x.dueDate })),
    };
  }

  private publicText(f: NonNullable<Row>, a: FeedbackAnswerJson): string {
    const names = [f.contact_name];
    return [
      redact(f.subject, names),
      redact(f.content, names),
      ...a.points.map((p) => `${redact(p.point, names)} ${redact(p.response, names)}`),
      ...a.legalBasis.map((b) => `${b.document} ${b.article}`),
    ].join('\n');
  }

  /** Published answers of a unit (or all), personal data removed; `q` matches with or without diacritics. */
  async published(q: { unitId?: string; q?: string; limit?: number }) {
    let query = this.db
      .selectFrom('feedback as f')
      .innerJoin('unit as u', 'u.id', 'f.unit_id')
      .select([
        'f.id',
        'f.code',
        'f.kind',
        'f.subject',
        'f.content',
        'f.contact_name',
        'f.answer',
        'f.published_at',
        'f.unit_id',
        'u.name as unit_name',
        'f.status',
        'f.rating_satisfied',
      ])
      .where('f.published_at', 'is not', null)
      .where('f.status', 'in', ['published', 'closed'])
      .orderBy('f.published_at', 'desc')
      .limit(Math.min(q.limit ?? 50, 200));
    if (q.unitId) query = query.where('f.unit_id', '=', q.unitId);
    const needle = q.q?.trim() ? foldVietnamese(q.q.trim()) : '';
    if (needle) query = query.where('f.public_folded', 'like', `%${needle.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    const rows = await query.execute();
    return rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      unitId: r.unit_id,
      unitName: r.unit_name,
      subject: redact(r.subject, [r.contact_name]),
      content: redact(r.content, [r.contact_name]),
      answer: this.publicAnswer(r.answer as FeedbackAnswerJson),
      publishedAt: r.published_at!,
      satisfied: r.rating_satisfied,
    }));
  }

  // ——— views for the director, the province and oversight ———

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
    const from = q.from ?? new Date(0);
    const to = q.to ?? now;
    const rows = await sql<{
      unit_id: string;
      name: string;
      total: number;
      open: number;
      published: number;
      reopened: number;
      returned: number;
      refused: number;
      transferred: number;
      late_open: number;
      answered_on_time: number;
      answered: number;
      satisfied: number;
      unsatisfied: number;
      failed_checks: number;
    }>`
      SELECT u.id AS unit_id, u.name,
        count(f.id)::int AS total,
        count(f.id) FILTER (WHERE f.status IN ('received','transferred','accepted','awaiting-information','answered','approved','reopened'))::int AS open,
        count(f.id) FILTER (WHERE f.status IN ('published','closed'))::int AS published,
        count(f.id) FILTER (WHERE f.reopen_count > 0)::int AS reopened,
        count(f.id) FILTER (WHERE f.answer_returns > 0)::int AS returned,
        count(f.id) FILTER (WHERE f.status = 'refused')::int AS refused,
        count(f.id) FILTER (WHERE f.transfer_count > 0)::int AS transferred,
        count(f.id) FILTER (WHERE EXISTS (SELECT 1 FROM deadline d WHERE d.subject_id = f.id AND d.subject_type IN ('feedback-refuse', 'feedback', 'feedback-publish') AND d.closed_at IS NULL AND d.due_at <= ${now}))::int AS late_open,
        count(f.id) FILTER (WHERE EXISTS (SELECT 1 FROM deadline d WHERE d.subject_id = f.id AND d.subject_type = 'feedback' AND d.closed_at IS NOT NULL AND d.closed_at <= d.due_at) AND f.approved_at IS NOT NULL)::int AS answered_on_time,
        count(f.id) FILTER (WHERE EXISTS (SELECT 1 FROM deadline d WHERE d.subject_id = f.id AND d.subject_type = 'feedback' AND d.closed_at IS NOT NULL AND f.approved_at IS NOT NULL))::int AS answered,
        count(f.id) FILTER (WHERE f.rating_satisfied)::int AS satisfied,
        count(f.id) FILTER (WHERE f.rating_satisfied = false)::int AS unsatisfied,
        (SELECT count(*)::int FROM feedback_check_failure c WHERE c.unit_id = u.id AND c.at BETWEEN ${from} AND ${to}) AS failed_checks
      FROM unit u
      LEFT JOIN feedback f ON f.unit_id = u.id AND f.received_at BETWEEN ${from} AND ${to}
      WHERE u.id = ANY(${ids}::uuid[])
      GROUP BY u.id, u.name
      ORDER BY u.name`.execute(this.db);
    return rows.rows.map((r) => ({
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
    let query = this.db
      .selectFrom('feedback as f')
      .select([
        'f.id',
        'f.code',
        'f.unit_id',
        'f.answer_returns',
        'f.reopen_count',
        'f.rating_reason',
        sql<number>`(SELECT count(*)::int FROM feedback_check_failure c WHERE c.feedback_id = f.id)`.as('check_failures'),
      ])
      .where('f.received_at', '>=', q.from)
      .where('f.received_at', '<=', q.to)
      .where((eb) =>
        eb.or([
          eb('f.answer_returns', '>', 0),
          eb('f.reopen_count', '>', 0),
          eb.exists(eb.selectFrom('feedback_check_failure as c').select('c.id').whereRef('c.feedback_id', '=', 'f.id')),
        ]),
      )
      .orderBy('f.received_at', 'desc');
    if (ids) query = query.where('f.unit_id', 'in', ids);
    const rows = await query.execute();
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

  // ——— helpers ———

  private link(code: string): string {
    const base = (this.config.publicUrl ?? '').replace(/\/$/, '');
    return `${base}/phan-anh/${encodeURIComponent(code)}`;
  }

  private async event(
    trx: Trx,
    feedbackId: string,
    seq: number,
    action: string,
    from: string | null,
    to: string,
    by: { id: string | null; name: string; role: string },
    unitId: string,
    reason: string,
    data: Record<string, unknown>,
    at = new Date(),
  ): Promise<void> {
    await trx
      .insertInto('feedback_event')
      .values({
        feedback_id: feedbackId,
        seq,
        at,
        action,
        from_status: from,
        to_status: to,
        actor_id: by.id,
        actor_name: by.name,
        actor_role: by.role,
        unit_id: unitId,
        reason,
        data: JSON.stringify(data),
      })
      .execute();
  }

  /** The sender hears by SMS (and e-mail when given), through the outbox. */
  private async tellSender(
    trx: Trx,
    f: { id: string; contact_phone: string; contact_email: string },
    key: string,
    text: string,
    subject: string,
  ): Promise<void> {
    if (f.contact_phone.trim())
      await enqueueOutbox(trx, SMS_TOPIC, `feedback-sms:${f.id}:${key}`, {
        to: f.contact_phone.trim(),
        text,
        feedbackId: f.id,
        kind: 'feedback',
      });
    if (f.contact_email.trim())
      await enqueueOutbox(trx, EMAIL_TOPIC, `feedback-email:${f.id}:${key}`, {
        to: f.contact_email.trim(),
        subject,
        text,
        feedbackId: f.id,
        kind: 'feedback',
      });
  }

  /** The national portal hears of each change (idempotent per feedback and event). */
  private async toPortal(trx: Trx, id: string, code: string, seq: number, p: Record<string, unknown>): Promise<void> {
    await enqueueOutbox(trx, FEEDBACK_PORTAL_TOPIC, `feedback:${id}:${seq}`, { code, seq, ...p });
  }
}
