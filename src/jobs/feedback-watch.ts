// The deadline watch for feedback, run with the dossiers' (deadline-watch.ts): each open step deadline of a
// feedback (refuse 2, first information request 5, answer 15, publish 2 working days) warns the unit's
// feedback officers MOTCUA_WATCH_DUE_SOON_HOURS' largest value working hours before it runs out, and once
// it has run out escalates to the centre director (and the officers). Each alert once per feedback, step
// and kind (unique key), written with its SMS and e-mail messages in one transaction.
import type { App } from '../app';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import { addWorkingMillis, formatVnIso, scheduleOf } from '../domain/calendar/index';
import { FEEDBACK_DEADLINE_KINDS } from '../domain/feedback/rules';
import { staffWithRoles } from '../db/repositories/alert.repository';
import { listUnitSchedules } from '../db/repositories/calendar.repository';
import { findFeedbackStepsDueBefore } from '../db/repositories/deadline.repository';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import { findFeedbackAlerts, insertFeedbackAlert } from '../db/repositories/feedback.repository';

const HOUR = 3_600_000;
const STEP_NAMES: Record<string, string> = {
  'feedback-refuse': 'hạn từ chối/chuyển',
  'feedback-info': 'hạn đề nghị bổ sung thông tin',
  feedback: 'hạn trả lời',
  'feedback-publish': 'hạn công khai kết quả',
};

export async function runFeedbackWatch(app: App, now = new Date()): Promise<Record<string, number>> {
  const raised: Record<string, number> = {};
  const soonHours = Math.max(...app.config.watch.dueSoonHours);
  const units = await listUnitSchedules(app.db);
  for (const u of units) {
    const calendar = await app.services.calendar.calendarFor(u.parent_id ?? u.id);
    const horizon = addWorkingMillis(now, soonHours * HOUR, scheduleOf(u), calendar);
    // Open step deadlines of the unit due before the horizon (the partial index deadline_open_due_idx). The first
    // information request is a limit, not a duty: no warning for it.
    const rows = await findFeedbackStepsDueBefore(app.db, u.id, horizon, [
      FEEDBACK_DEADLINE_KINDS.refuse,
      FEEDBACK_DEADLINE_KINDS.answer,
      FEEDBACK_DEADLINE_KINDS.publish,
    ]);
    if (rows.length === 0) continue;
    const have = new Set(
      (
        await findFeedbackAlerts(
          app.db,
          rows.map((r) => r.id),
        )
      ).map((a) => `${a.feedback_id}|${a.deadline_kind}|${a.kind}`),
    );
    for (const r of rows) {
      const kind = r.due_at! <= now ? 'overdue' : 'due-soon';
      if (have.has(`${r.id}|${r.subject_type}|${kind}`)) continue;
      const staff = await staffWithRoles(
        app.db,
        [u.id],
        kind === 'overdue' ? ['feedback-officer', 'centre-director'] : ['feedback-officer'],
      );
      const due = formatVnIso(r.due_at!).slice(0, 16).replace('T', ' ');
      const text =
        kind === 'overdue'
          ? `[Motcua] Phản ánh ${r.code} đã quá ${STEP_NAMES[r.subject_type]} (${due}).`
          : `[Motcua] Phản ánh ${r.code} sắp đến ${STEP_NAMES[r.subject_type]} (${due}).`;
      const inserted = await app.db.transaction().execute(async (trx) => {
        const a = await insertFeedbackAlert(trx, {
          feedbackId: r.id,
          unitId: u.id,
          kind,
          deadlineKind: r.subject_type,
          at: now,
          dueAt: r.due_at,
          recipients: staff.map((s) => ({ userId: s.userId, name: s.name, role: s.role })),
        });
        if (!a) return false;
        for (const s of staff) {
          if (s.phone.trim())
            await enqueueOutbox(trx, SMS_TOPIC, `feedback-alert:${r.id}:${r.subject_type}:${kind}:${s.userId}`, {
              to: s.phone.trim(),
              text,
              feedbackId: r.id,
              kind,
            });
          if (s.email.trim())
            await enqueueOutbox(trx, EMAIL_TOPIC, `feedback-alert-email:${r.id}:${r.subject_type}:${kind}:${s.userId}`, {
              to: s.email.trim(),
              subject: `[Motcua] ${r.code}: ${kind === 'overdue' ? 'quá hạn' : 'sắp đến hạn'}`,
              text,
              feedbackId: r.id,
              kind,
            });
        }
        return true;
      });
      if (inserted) raised[kind] = (raised[kind] ?? 0) + 1;
    }
  }
  return raised;
}
