// Intake: a feedback from the public site or the portal, recorded by an officer (counter, phone, letter), or
// born of a dislike on a dossier's page or a low counter rating. One transaction writes the code of the day,
// the row, event 1, the step deadlines, the audit row and the messages (sender, national portal) through the
// outbox. Every query is in src/db/repositories/feedback.repository.ts (deadlines: deadline.repository.ts).
import { unitsWhere } from '../../domain/access';
import type { FeedbackChannel, FeedbackKind, FeedbackStatus } from '../../domain/feedback/lifecycle';
import { formatFeedbackCode, INTAKE_PROBLEM_LABELS, intakeProblems } from '../../domain/feedback/rules';
import { Problem } from '../../domain/problems';
import { appendAudit } from '../../db/repositories/audit.repository';
import { vnDay } from '../../db/repositories/dossier.repository';
import { findCitizen } from '../../db/repositories/dossier-intake.repository';
import {
  findDossierByCodeForFeedback,
  findDossierForFeedback,
  findFeedbackByIntakeKey,
  findFeedbackUnit,
  findSenderCitizen,
  findStaffName,
  findStoredFiles,
  insertFeedback,
  nextFeedbackNumber,
  procedureExists,
} from '../../db/repositories/feedback.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import { requireActor, type ServiceContext } from '../context';
import {
  feedbackEvent,
  feedbackLink,
  feedbackSettings,
  RECORDERS,
  stepClocks,
  tellSender,
  toPortal,
  vnTime,
  writeStepClocks,
  type FeedbackDeps,
  type Trx,
} from './common';

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

export class FeedbackIntakeService {
  constructor(private readonly deps: FeedbackDeps) {}

  private get db() {
    return this.deps.db;
  }

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
    const unit = await findFeedbackUnit(this.db, input.unitId);
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
      const c = await findSenderCitizen(this.db, citizen.citizenId);
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
      const d = await findDossierByCodeForFeedback(this.db, input.dossierCode.trim());
      const mine =
        d &&
        ((citizen && (d.citizen_id === citizen.citizenId || d.applicant_id_number === citizen.idNumber)) ||
          (input.idNumber && d.applicant_id_number === input.idNumber.trim()));
      if (!d || !mine) throw new Problem('feedback-dossier-not-found', { code: input.dossierCode.trim() });
      dossierId = d.id;
      input = { ...input, procedureId: input.procedureId ?? d.procedure_id };
    }
    if (input.procedureId && !(await procedureExists(this.db, input.procedureId))) throw new Problem('not-found', { what: 'procedure' });
    const fileIds = [...new Set(input.fileIds ?? [])];
    if (fileIds.length) {
      const found = await findStoredFiles(this.db, fileIds);
      if (found.length !== fileIds.length) throw new Problem('not-found', { what: 'file' });
    }
    const intakeKey = input.idempotencyKey ? `${by.username}:${input.idempotencyKey}` : null;
    if (intakeKey) {
      const prior = await findFeedbackByIntakeKey(this.db, intakeKey);
      if (prior) return { id: prior.id, code: prior.code, status: prior.status as FeedbackStatus, dueAt: prior.due_at };
    }
    const provinceId = unit.parent_id ?? unit.id;
    const { deadlines } = await feedbackSettings(this.db, provinceId);
    const channel: FeedbackChannel = staff ? input.channel! : citizen ? 'portal' : 'web';
    return this.db.transaction().execute(async (trx) => {
      const day = vnDay(now);
      const code = formatFeedbackCode(unit.code, day.yymmdd, await nextFeedbackNumber(trx, unit.id, day.iso));
      const clocks = await stepClocks(this.deps, unit.id, now, deadlines);
      const id = await insertFeedback(trx, {
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
      });
      await feedbackEvent(trx, id, 1, 'create', null, 'received', by, unit.id, '', { channel, dossierId }, now);
      await writeStepClocks(trx, id, unit.id, now, clocks, deadlines);
      await appendAudit(trx, {
        actorId: by.id,
        actorName: by.username,
        actorRole: by.role,
        unitId: unit.id,
        action: 'feedback.create',
        subjectType: 'feedback',
        subjectId: id,
        requestId: ctx.requestId,
        details: { code, channel, dossierId },
      });
      const due = vnTime(clocks.answer.dueAt);
      await tellSender(
        trx,
        { id, contact_phone: contact.phone ?? '', contact_email: contact.email ?? '' },
        `receipt`,
        `[${unit.name}] Đã tiếp nhận phản ánh, kiến nghị mã ${code}. Hạn trả lời: ${due}. Tra cứu: ${feedbackLink(this.deps, code)}`,
        `Tiếp nhận phản ánh ${code}`,
      );
      await toPortal(trx, id, code, 1, {
        status: 'received',
        unitCode: unit.code,
        kind: input.kind,
        receivedAt: now,
        dueAt: clocks.answer.dueAt,
      });
      return { id, code, status: 'received' as const, dueAt: clocks.answer.dueAt };
    });
  }

  /** The dossier page's "dislike with a reason" becomes a service feedback, in the rating's transaction. */
  async fromDossierDislike(trx: Trx, dossierId: string, citizenId: string, reason: string, now = new Date()): Promise<string> {
    const d = await findDossierForFeedback(trx, dossierId);
    if (!d) throw new Problem('not-found', { what: 'dossier' });
    const c = await findCitizen(trx, citizenId);
    const unit = await findFeedbackUnit(trx, d.unit_id);
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    const { deadlines } = await feedbackSettings(trx, unit.parent_id ?? unit.id);
    const day = vnDay(now);
    const code = formatFeedbackCode(unit.code, day.yymmdd, await nextFeedbackNumber(trx, unit.id, day.iso));
    const clocks = await stepClocks(this.deps, unit.id, now, deadlines);
    const phone = c.phone || d.applicant.phone || '';
    const address = c.address || d.applicant.address || '';
    const id = await insertFeedback(trx, {
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
    });
    const by = { id: null, name: c.full_name, username: `citizen:${c.id_number}`, role: 'citizen' };
    await feedbackEvent(trx, id, 1, 'create', null, 'received', by, unit.id, reason, { channel: 'dossier-rating', dossierId: d.id }, now);
    await writeStepClocks(trx, id, unit.id, now, clocks, deadlines);
    await appendAudit(trx, {
      actorId: null,
      actorName: by.username,
      actorRole: 'citizen',
      unitId: unit.id,
      action: 'feedback.create',
      subjectType: 'feedback',
      subjectId: id,
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
      const unit = await findFeedbackUnit(trx, r.unitId);
      if (!unit) throw new Problem('not-found', { what: 'unit' });
      const d = r.dossierId ? await findDossierForFeedback(trx, r.dossierId) : undefined;
      const officer = r.officerId ? await findStaffName(trx, r.officerId) : undefined;
      const { deadlines } = await feedbackSettings(trx, unit.parent_id ?? unit.id);
      const day = vnDay(now);
      const code = formatFeedbackCode(unit.code, day.yymmdd, await nextFeedbackNumber(trx, unit.id, day.iso));
      const clocks = await stepClocks(this.deps, unit.id, now, deadlines);
      const phone = d?.applicant.phone?.trim() ?? '';
      const id = await insertFeedback(trx, {
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
        contact_address: phone ? (d?.applicant.address ?? '') : d?.applicant.address?.trim() || 'Không để lại địa chỉ (đánh giá tại quầy)',
        status: 'received',
        received_at: now,
        due_at: clocks.answer.dueAt,
      });
      const by = { id: null, name: d?.applicant.fullName ?? 'citizen', role: 'citizen' };
      await feedbackEvent(
        trx,
        id,
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
      await writeStepClocks(trx, id, unit.id, now, clocks, deadlines);
      await appendAudit(trx, {
        actorId: null,
        actorName: 'citizen',
        actorRole: 'citizen',
        unitId: unit.id,
        action: 'feedback.create',
        subjectType: 'feedback',
        subjectId: id,
        requestId: '',
        details: { code, channel: 'counter-rating', ratingId: r.ratingId },
      });
      return id;
    });
  }
}
