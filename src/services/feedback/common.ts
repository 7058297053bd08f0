// What the feedback's services share: their dependencies, who reads and records feedback, the province's
// settings, the step clocks (pure: src/domain/calendar/clock.ts; stored: deadline.repository.ts), the event,
// the sender's SMS/e-mail and the national portal message (outbox), and the public form of an answer.
import type { Transaction } from 'kysely';
import type { Config } from '../../config';
import { unitsWhere, type Actor, type UnitNode } from '../../domain/access';
import { formatVnIso, startClock } from '../../domain/calendar/index';
import type { FeedbackAnswer } from '../../domain/feedback/answer-checks';
import { DEFAULT_ANSWER_CHECK_CONFIG, DEFAULT_BOILERPLATE, type AnswerCheckConfig } from '../../domain/feedback/answer-checks';
import { FEEDBACK_DEADLINE_KINDS, NATIONAL_FEEDBACK_DEADLINES, redact, type FeedbackDeadlines } from '../../domain/feedback/rules';
import { ROLES, type Role } from '../../domain/roles';
import { EMAIL_TOPIC } from '../../adapters/email.adapter';
import { FEEDBACK_PORTAL_TOPIC } from '../../adapters/national-portal.adapter';
import { SMS_TOPIC } from '../../adapters/sms.adapter';
import type { Db } from '../../db/database';
import type { Database, FeedbackAnswerJson } from '../../db/schema';
import { startOrRestartDeadline } from '../../db/repositories/deadline.repository';
import { enqueueOutbox } from '../../db/repositories/dossier.repository';
import { appendFeedbackEvent, findFeedbackSetting, type FeedbackRow } from '../../db/repositories/feedback.repository';
import type { CalendarService } from '../calendar.service';

export type Trx = Transaction<Database>;

export type FeedbackDeps = {
  db: Db;
  config: Pick<Config, 'publicUrl'>;
  calendar: CalendarService;
};

/** Roles that see a unit's feedback (province roles reach every unit of the province). */
export const READERS: Role[] = ['feedback-officer', 'leader', 'centre-director', 'province-admin', 'system-admin'];
/** Roles that record feedback brought to the counter, by phone or by letter. */
export const RECORDERS: Role[] = ['feedback-officer', 'reception-officer', 'centre-director'];

export type FeedbackSettings = { deadlines: FeedbackDeadlines; checks: AnswerCheckConfig };

export type FeedbackActionBody = {
  toUnitId?: string;
  reason?: string;
  question?: string;
  information?: string;
  comment?: string;
  points?: string[];
  answer?: FeedbackAnswer;
};

export const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
export const vnTime = (d: Date | null) => (d ? formatVnIso(d).slice(0, 16).replace('T', ' ') : '');

/** A province's step limits and answer checks, or the national ones. */
export async function feedbackSettings(db: Db | Trx, provinceId: string): Promise<FeedbackSettings> {
  const r = await findFeedbackSetting(db, provinceId);
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

/** Roles the actor holds in (or over) a unit. */
export function rolesIn(actor: Actor, tree: readonly UnitNode[], unitId: string): Role[] {
  return ROLES.filter((r) => unitsWhere(actor, tree, [r]).has(unitId));
}

/** The sender's page of a feedback (in SMS and e-mail). */
export function feedbackLink(deps: FeedbackDeps, code: string): string {
  const base = (deps.config.publicUrl ?? '').replace(/\/$/, '');
  return `${base}/phan-anh/${encodeURIComponent(code)}`;
}

// ——— the clocks ———

export type StepClocks = Awaited<ReturnType<typeof stepClocks>>;

/** The refuse, information and answer clocks started at `from` on the unit's working-day calendar. */
export async function stepClocks(deps: FeedbackDeps, unitId: string, from: Date, d: FeedbackDeadlines) {
  const { schedule, provinceId } = await deps.calendar.unitSchedule(unitId);
  const calendar = await deps.calendar.calendarFor(provinceId);
  const at = (days: number) => startClock(from, days, schedule, calendar);
  return { refuse: at(d.refuseDays), info: at(d.infoDays), answer: at(d.answerDays) };
}

/** Writes (or restarts, after a transfer or a reopen) the refuse, information and answer deadlines. */
export async function writeStepClocks(
  trx: Trx,
  feedbackId: string,
  unitId: string,
  from: Date,
  c: StepClocks,
  d: FeedbackDeadlines,
  opts: { only?: ('refuse' | 'info' | 'answer')[]; reason?: string; actorId?: string | null } = {},
): Promise<void> {
  const kinds = opts.only ?? (['refuse', 'info', 'answer'] as const);
  const days = { refuse: d.refuseDays, info: d.infoDays, answer: d.answerDays };
  for (const k of kinds)
    await startOrRestartDeadline(
      trx,
      {
        subjectType: FEEDBACK_DEADLINE_KINDS[k],
        subjectId: feedbackId,
        unitId,
        receivedAt: from,
        workingDays: days[k],
        countedFrom: c[k].countedFrom,
        dueAt: c[k].dueAt,
      },
      { reason: opts.reason ?? 'restart', actorId: opts.actorId ?? null },
    );
}

// ——— history and messages ———

export type EventBy = { id: string | null; name: string; role: string };

export async function feedbackEvent(
  trx: Trx,
  feedbackId: string,
  seq: number,
  action: string,
  from: string | null,
  to: string,
  by: EventBy,
  unitId: string,
  reason: string,
  data: Record<string, unknown>,
  at = new Date(),
): Promise<void> {
  await appendFeedbackEvent(trx, { feedbackId, seq, action, fromStatus: from, toStatus: to, by, unitId, reason, data, at });
}

/** The sender hears by SMS (and e-mail when given), through the outbox. */
export async function tellSender(
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
export async function toPortal(trx: Trx, id: string, code: string, seq: number, p: Record<string, unknown>): Promise<void> {
  await enqueueOutbox(trx, FEEDBACK_PORTAL_TOPIC, `feedback:${id}:${seq}`, { code, seq, ...p });
}

// ——— publication ———

/** An answer as the public sees it: personal data removed. */
export function publicAnswer(a: FeedbackAnswerJson) {
  return {
    outcome: a.outcome,
    legalBasis: a.legalBasis,
    points: a.points.map((p) => ({ point: redact(p.point), response: redact(p.response) })),
    actions: a.actions.map((x) => ({ what: redact(x.what), responsibleUnitId: x.responsibleUnitId, dueDate: x.dueDate })),
  };
}

/** The published question and answer as one text, personal data removed (searched folded). */
export function publicText(f: FeedbackRow, a: FeedbackAnswerJson): string {
  const names = [f.contact_name];
  return [
    redact(f.subject, names),
    redact(f.content, names),
    ...a.points.map((p) => `${redact(p.point, names)} ${redact(p.response, names)}`),
    ...a.legalBasis.map((b) => `${b.document} ${b.article}`),
  ].join('\n');
}

/** The sender: the portal citizen who sent it, or whoever gives its phone number. */
export function senderMatches(
  f: Pick<FeedbackRow, 'citizen_id' | 'contact_phone'>,
  citizen: { citizenId: string } | null | undefined,
  phone?: string,
): boolean {
  if (citizen && f.citizen_id === citizen.citizenId) return true;
  const p = digits(phone);
  return p.length >= 8 && p === digits(f.contact_phone);
}
