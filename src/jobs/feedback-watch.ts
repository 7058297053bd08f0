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
import { enqueueOutbox } from '../db/repositories/dossier.repository';

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
  const units = await app.db.selectFrom('unit').select(['id', 'parent_id', 'office_sessions', 'working_weekdays', 'cutoff_time']).execute();
  for (const u of units) {
    const calendar = await app.services.calendar.calendarFor(u.parent_id ?? u.id);
    const horizon = addWorkingMillis(now, soonHours * HOUR, scheduleOf(u), calendar);
    // Open deadlines of the unit due before the horizon: the partial index deadline_open_due_idx.
    const rows = await app.db
      .selectFrom('deadline as dl')
      .innerJoin('feedback as f', 'f.id', 'dl.subject_id')
      .select(['dl.subject_type', 'dl.due_at', 'f.id', 'f.code'])
      .where('dl.unit_id', '=', u.id)
      .where('dl.closed_at', 'is', null)
      .where('dl.due_at', '<=', horizon)
      // The first information request is a limit, not a duty: no warning for it.
      .where('dl.subject_type', 'in', [FEEDBACK_DEADLINE_KINDS.refuse, FEEDBACK_DEADLINE_KINDS.answer, FEEDBACK_DEADLINE_KINDS.publish])
      .execute();
    if (rows.length === 0) continue;
    const have = new Set(
      (
        await app.db
          .selectFrom('feedback_alert')
          .select(['feedback_id', 'deadline_kind', 'kind'])
          .where(
            'feedback_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
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
        const a = await trx
          .insertInto('feedback_alert')
          .values({
            feedback_id: r.id,
            unit_id: u.id,
            kind,
            deadline_kind: r.subject_type,
            at: now,
            due_at: r.due_at,
            recipients: JSON.stringify(staff.map((s) => ({ userId: s.userId, name: s.name, role: s.role }))),
          })
          .onConflict((oc) => oc.constraint('feedback_alert_once').doNothing())
          .returning('id')
          .executeTakeFirst();
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
