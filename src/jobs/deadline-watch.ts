// The deadline watch: every minute (pg-boss cron, one run per minute across all workers), it looks at the
// open dossiers whose clock runs out soon or has run out, in working time on each unit's calendar, and
// raises each notification once per dossier and kind:
//   due-soon-<h>h       h working hours before due (MOTCUA_WATCH_DUE_SOON_HOURS, default 8,2): the assigned
//                       officer and the centre director;
//   apology-prompt      MOTCUA_WATCH_APOLOGY_HOURS (default 8 = 1 working day) before due, no apology yet:
//                       the unit's leader, who signs the apology and new date (Decree 61 practice); a dossier
//                       whose whole processing time fits in that margin (same-day) only within
//                       MOTCUA_WATCH_APOLOGY_SAME_DAY_HOURS (default 1) and never at intake;
//   overdue             past due: the leader and the province (province administrators);
//   breach              past due with no apology-and-extend: leader, centre director and province;
//   online-not-accepted an online dossier still "submitted" MOTCUA_WATCH_ONLINE_ACCEPT_HOURS (default 8)
//                       working hours after it arrived: reception officers and the centre director;
//   supplement-reminder a supplement request unanswered MOTCUA_WATCH_SUPPLEMENT_REMINDER_HOURS (default 40)
//                       working hours: the citizen, by SMS.
// SMS go out in the unit's working hours: outside them a message waits in the outbox for the next working
// time, unless the alert is urgent (overdue, breach). The alert row (unique per dossier and kind) and its SMS
// messages (outbox, topic sms.send) are written in one transaction: two workers racing on one dossier produce one alert and one set of messages.
// Cost: per unit, only open dossiers through the partial indexes on due time and on status; history is
// never read.
import type { App } from '../app';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import {
  addWorkingMillis,
  openPauseSince,
  scheduleOf,
  workingMillisBetween,
  type Calendar,
  type UnitSchedule,
} from '../domain/calendar/index';
import { vnDateTime } from '../domain/calendar/display';
import { apologyPromptDue, smsUrgent } from '../domain/dossier/apology';
import {
  existingAlerts,
  insertAlertOnce,
  staffById,
  staffWithRoles,
  type AlertRecipient,
  type StaffContact,
} from '../db/repositories/alert.repository';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import type { Applicant } from '../db/schema';
import { listUnitSchedules } from '../db/repositories/calendar.repository';
import { findDossiersDueBefore, findDossiersWaiting } from '../db/repositories/deadline.repository';
import { runFeedbackWatch } from './feedback-watch';

const HOUR = 3_600_000;

export const deadlineWatchJob = {
  name: 'deadline-watch',
  cron: '* * * * *',
  /** A failed run is retried twice; the next minute's run catches up anyway. */
  retry: { retryLimit: 2, retryDelay: 10, retryBackoff: true },
  expireInSeconds: 300,
  run: (app: App) => runDeadlineWatch(app),
} as const;

export type WatchKind = `due-soon-${number}h` | 'apology-prompt' | 'overdue' | 'breach' | 'online-not-accepted' | 'supplement-reminder';

type Candidate = {
  id: string;
  code: string;
  status: string;
  due_at: Date | null;
  counted_from: Date;
  received_at: Date;
  assignee_id: string | null;
  extension_count: number;
  applicant: Applicant;
};

type UnitCtx = { id: string; provinceId: string; schedule: UnitSchedule; calendar: Calendar };

const hoursText = (h: number) => String(Math.round(h * 10) / 10);
const vnTime = (d: Date | null) => (d ? vnDateTime(d) : '');

const EMAIL_SUBJECTS: Record<string, string> = {
  'due-soon': 'sắp đến hạn',
  'apology-prompt': 'cần phiếu xin lỗi, hẹn lại',
  overdue: 'quá hạn',
  breach: 'quá hạn chưa xin lỗi',
  'online-not-accepted': 'hồ sơ trực tuyến chưa được tiếp nhận',
};

function smsText(kind: WatchKind, d: Candidate, leftMs: number | null): string {
  if (kind.startsWith('due-soon-'))
    return `[Motcua] Hồ sơ ${d.code} sắp đến hạn (${vnTime(d.due_at)}), còn ${hoursText((leftMs ?? 0) / HOUR)} giờ làm việc.`;
  switch (kind) {
    case 'apology-prompt':
      return `[Motcua] Hồ sơ ${d.code} còn dưới 1 ngày làm việc đến hạn (${vnTime(d.due_at)}): đề nghị ban hành phiếu xin lỗi và hẹn lại ngày trả kết quả.`;
    case 'overdue':
      return `[Motcua] Hồ sơ ${d.code} đã quá hạn (hạn ${vnTime(d.due_at)}).`;
    case 'breach':
      return `[Motcua] Vi phạm: hồ sơ ${d.code} quá hạn (hạn ${vnTime(d.due_at)}) mà chưa có phiếu xin lỗi, hẹn lại.`;
    case 'online-not-accepted':
      return `[Motcua] Hồ sơ trực tuyến ${d.code} chưa được tiếp nhận trong thời hạn 8 giờ làm việc.`;
    case 'supplement-reminder':
      return `Hồ sơ ${d.code} của Ông/Bà đang chờ bổ sung giấy tờ. Vui lòng bổ sung để hồ sơ tiếp tục được giải quyết.`;
    default:
      return `[Motcua] Hồ sơ ${d.code}: ${kind}.`;
  }
}

async function recipientsFor(app: App, u: UnitCtx, kind: WatchKind, d: Candidate): Promise<AlertRecipient[]> {
  const staff: StaffContact[] = [];
  const add = (xs: (StaffContact | undefined)[]) => staff.push(...xs.filter((x): x is StaffContact => !!x));
  if (kind === 'supplement-reminder') {
    const phone = d.applicant.phone?.trim();
    return phone ? [{ userId: null, role: 'citizen', name: d.applicant.fullName, channel: 'sms', to: phone }] : [];
  }
  if (kind.startsWith('due-soon-')) {
    if (d.assignee_id) add([await staffById(app.db, d.assignee_id)]);
    add(await staffWithRoles(app.db, [u.id], ['centre-director']));
  } else if (kind === 'apology-prompt') add(await staffWithRoles(app.db, [u.id], ['leader']));
  else if (kind === 'overdue') {
    add(await staffWithRoles(app.db, [u.id], ['leader']));
    if (u.provinceId !== u.id) add(await staffWithRoles(app.db, [u.provinceId], ['province-admin']));
  } else if (kind === 'breach') {
    add(await staffWithRoles(app.db, [u.id], ['leader', 'centre-director']));
    if (u.provinceId !== u.id) add(await staffWithRoles(app.db, [u.provinceId], ['province-admin']));
  } else if (kind === 'online-not-accepted') add(await staffWithRoles(app.db, [u.id], ['reception-officer', 'centre-director']));
  const seen = new Set<string>();
  const out: AlertRecipient[] = [];
  for (const s of staff) {
    if (seen.has(s.userId)) continue;
    seen.add(s.userId);
    out.push({ userId: s.userId, role: s.role, name: s.name, channel: 'in-app' });
    if (s.phone.trim()) out.push({ userId: s.userId, role: s.role, name: s.name, channel: 'sms', to: s.phone.trim() });
    if (s.email.trim()) out.push({ userId: s.userId, role: s.role, name: s.name, channel: 'email', to: s.email.trim() });
  }
  return out;
}

/** Raises one alert with its SMS messages in one transaction; false when another run raised it first. */
async function raise(app: App, u: UnitCtx, kind: WatchKind, d: Candidate, now: Date, leftMs: number | null): Promise<boolean> {
  const recipients = await recipientsFor(app, u, kind, d);
  const text = smsText(kind, d, leftMs);
  // Outside working hours a non-urgent SMS waits for the next working time (the in-app alert is there at once).
  const next = addWorkingMillis(now, 1, u.schedule, u.calendar);
  const smsAt = smsUrgent(kind) || next.getTime() - now.getTime() <= 1 ? undefined : new Date(next.getTime() - 1);
  return app.db.transaction().execute(async (trx) => {
    const inserted = await insertAlertOnce(trx, {
      dossierId: d.id,
      unitId: u.id,
      kind,
      at: now,
      dueAt: d.due_at,
      recipients,
      data: { code: d.code, status: d.status, workingHoursLeft: leftMs === null ? null : Math.round((leftMs / HOUR) * 100) / 100 },
    });
    if (!inserted) return false;
    for (const r of recipients) {
      if (r.channel === 'sms' && r.to)
        await enqueueOutbox(
          trx,
          SMS_TOPIC,
          `alert:${d.id}:${kind}:${r.userId ?? 'citizen'}`,
          { to: r.to, text, dossierId: d.id, kind },
          smsAt,
        );
      // Officers also get it by e-mail, with the dossier code in the subject so mail clients thread it.
      if (r.channel === 'email' && r.to)
        await enqueueOutbox(trx, EMAIL_TOPIC, `alert-email:${d.id}:${kind}:${r.userId}`, {
          to: r.to,
          subject: `[Motcua] ${d.code}: ${EMAIL_SUBJECTS[kind.startsWith('due-soon-') ? 'due-soon' : kind] ?? kind}`,
          text,
          dossierId: d.id,
          kind,
        });
    }
    return true;
  });
}

export type WatchResult = { units: number; examined: number; raised: Record<string, number>; feedback?: Record<string, number> };

/** One run of the watch at `now`. Safe to run concurrently: the unique (dossier, kind) decides who raises. */
export async function runDeadlineWatch(app: App, now = new Date()): Promise<WatchResult> {
  const cfg = app.config.watch;
  const result: WatchResult = { units: 0, examined: 0, raised: {} };
  const units = await listUnitSchedules(app.db);
  const horizonHours = Math.max(cfg.apologyHours, ...cfg.dueSoonHours);
  for (const row of units) {
    const provinceId = row.parent_id ?? row.id;
    const u: UnitCtx = { id: row.id, provinceId, schedule: scheduleOf(row), calendar: await app.services.calendar.calendarFor(provinceId) };
    result.units++;
    const horizon = addWorkingMillis(now, horizonHours * HOUR, u.schedule, u.calendar);
    // Open dossiers due before the horizon: the partial index dossier_open_due_idx (unit_id, due_at) WHERE finished_at IS NULL.
    const dueing = (await findDossiersDueBefore(app.db, u.id, horizon)) as Candidate[];
    // Open dossiers waiting on intake or on the citizen: dossier_unit_status_due_idx (unit_id, status, …).
    const waiting = (await findDossiersWaiting(app.db, u.id)) as (Candidate & { pauses: { from: string; to?: string }[] })[];
    result.examined += dueing.length + waiting.length;
    const wanted: { kind: WatchKind; d: Candidate; left: number | null }[] = [];
    for (const d of dueing) {
      const left = workingMillisBetween(now, d.due_at!, u.schedule, u.calendar);
      if (d.due_at! <= now) {
        wanted.push({ kind: 'overdue', d, left });
        if (d.extension_count === 0) wanted.push({ kind: 'breach', d, left });
        continue;
      }
      // The tightest threshold crossed: a dossier that arrives already inside 2 hours is not warned twice.
      const crossed = cfg.dueSoonHours.filter((h) => left <= h * HOUR);
      if (crossed.length) wanted.push({ kind: `due-soon-${Math.min(...crossed)}h`, d, left });
      const totalMs = workingMillisBetween(d.counted_from, d.due_at!, u.schedule, u.calendar);
      const atRisk = apologyPromptDue({
        leftMs: left,
        totalMs,
        marginMs: cfg.apologyHours * HOUR,
        sameDayMarginMs: cfg.apologySameDayHours * HOUR,
      });
      if (d.extension_count === 0 && atRisk) wanted.push({ kind: 'apology-prompt', d, left });
    }
    for (const d of waiting) {
      if (d.status === 'submitted') {
        if (workingMillisBetween(d.received_at, now, u.schedule, u.calendar) >= cfg.onlineAcceptHours * HOUR)
          wanted.push({ kind: 'online-not-accepted', d, left: null });
      } else {
        const since = openPauseSince(d.pauses);
        if (since && workingMillisBetween(since, now, u.schedule, u.calendar) >= cfg.supplementReminderHours * HOUR)
          wanted.push({ kind: 'supplement-reminder', d, left: null });
      }
    }
    const have = await existingAlerts(app.db, [...new Set(wanted.map((w) => w.d.id))]);
    for (const w of wanted) {
      if (have.has(`${w.d.id}|${w.kind}`)) continue;
      if (await raise(app, u, w.kind, w.d, now, w.left)) result.raised[w.kind] = (result.raised[w.kind] ?? 0) + 1;
    }
  }
  // Feedback step deadlines: the feedback officer warned, the director told once late (feedback-watch.ts).
  result.feedback = await runFeedbackWatch(app, now);
  return result;
}
