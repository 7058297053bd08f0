// Feedback (phản ánh, kiến nghị): every query on the feedback and what hangs on it (the province's settings,
// codes of the day, events, failed answer checks, alerts) and the reads the feedback services need of units,
// dossiers, procedures, files and staff. Its step deadlines (refuse, information, answer, publish) live in
// deadline.repository.ts. The rules are in src/domain/feedback; the use cases in src/services/feedback. The SQL
// of each function is snapshotted in test/db/sql/feedback.sql.test.ts.
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../database';
import type { Database, FeedbackTable } from '../schema';

type Executor = Db | Transaction<Database>;

// ——— settings ———

export async function findFeedbackSetting(db: Executor, provinceId: string) {
  return db.selectFrom('feedback_setting').selectAll().where('province_id', '=', provinceId).executeTakeFirst();
}

export type FeedbackSettingValues = {
  refuse_days: number;
  info_days: number;
  answer_days: number;
  publish_days: number;
  boilerplate: string[] | null;
  min_answer_chars: number;
  updated_by: string | null;
  updated_at: Date;
};

export async function upsertFeedbackSetting(trx: Transaction<Database>, provinceId: string, values: FeedbackSettingValues): Promise<void> {
  await trx
    .insertInto('feedback_setting')
    .values({ province_id: provinceId, ...values })
    .onConflict((oc) => oc.column('province_id').doUpdateSet(values))
    .execute();
}

// ——— what a feedback names ———

/** A unit as the feedback services use it: its code (in feedback codes and portal messages), name and province. */
export async function findFeedbackUnit(db: Executor, unitId: string) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
}

/** The units a feedback may be transferred to: the province and its communes, but its own. */
export async function findTransferUnits(db: Executor, provinceId: string, exceptUnitId: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', provinceId), eb('parent_id', '=', provinceId)]))
    .where('id', '<>', exceptUnitId)
    .orderBy('name')
    .execute();
}

/** A dossier named by its code, with what proves it is the sender's. */
export async function findDossierByCodeForFeedback(db: Executor, code: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'unit_id', 'citizen_id', 'applicant_id_number', 'procedure_id'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A dossier a feedback names or comes from (a rating): its code, units, procedure and applicant. */
export async function findDossierForFeedback(db: Executor, dossierId: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'code', 'unit_id', 'received_unit_id', 'procedure_id', 'applicant'])
    .where('id', '=', dossierId)
    .executeTakeFirst();
}

export async function procedureExists(db: Executor, procedureId: string): Promise<boolean> {
  return !!(await db.selectFrom('procedure').select('id').where('id', '=', procedureId).executeTakeFirst());
}

/** A procedure with its current version's name and legal basis. */
export async function findCurrentProcedure(db: Executor, procedureId: string) {
  return db
    .selectFrom('procedure as p')
    .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
    .select(['p.id', 'p.code', 'v.name', 'v.legal_basis'])
    .where('p.id', '=', procedureId)
    .executeTakeFirst();
}

export async function findStoredFiles(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('stored_file').select(['id', 'original_name', 'mime']).where('id', 'in', ids).execute();
}

/** The portal citizen's contact, which fills what the sender left empty (none when unknown). */
export async function findSenderCitizen(db: Executor, citizenId: string) {
  return db.selectFrom('citizen').selectAll().where('id', '=', citizenId).executeTakeFirst();
}

export async function findStaffName(db: Executor, userId: string) {
  return db.selectFrom('staff_user').select('full_name').where('id', '=', userId).executeTakeFirst();
}

/** The active centre directors of a unit, with their contacts. */
export async function findUnitDirectors(db: Executor, unitId: string) {
  return db
    .selectFrom('user_role as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.full_name', 'u.phone', 'u.email'])
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'centre-director')
    .where('u.active', '=', true)
    .execute();
}

// ——— the feedback ———

export async function findFeedback(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('feedback').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type FeedbackRow = NonNullable<Awaited<ReturnType<typeof findFeedback>>>;

export async function findFeedbackByCode(db: Executor, code: string) {
  return db.selectFrom('feedback').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A feedback already received with this retry key (`<who>:<key>`). */
export async function findFeedbackByIntakeKey(db: Executor, intakeKey: string) {
  return db.selectFrom('feedback').select(['id', 'code', 'status', 'due_at']).where('intake_key', '=', intakeKey).executeTakeFirst();
}

/** The next number of the day for a unit's feedback codes. */
export async function nextFeedbackNumber(trx: Transaction<Database>, unitId: string, day: string): Promise<number> {
  const r = await trx
    .insertInto('feedback_code_counter')
    .values({ unit_id: unitId, day, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`feedback_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function insertFeedback(trx: Transaction<Database>, row: Insertable<FeedbackTable>): Promise<string> {
  return (await trx.insertInto('feedback').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFeedback(trx: Transaction<Database>, id: string, patch: Updateable<FeedbackTable>): Promise<void> {
  await trx.updateTable('feedback').set(patch).where('id', '=', id).execute();
}

export type FeedbackEventInput = {
  feedbackId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  by: { id: string | null; name: string; role: string };
  unitId: string;
  reason: string;
  data: Record<string, unknown>;
  at: Date;
};

/** One entry of the feedback's append-only history. */
export async function appendFeedbackEvent(trx: Transaction<Database>, e: FeedbackEventInput): Promise<void> {
  await trx
    .insertInto('feedback_event')
    .values({
      feedback_id: e.feedbackId,
      seq: e.seq,
      at: e.at,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_id: e.by.id,
      actor_name: e.by.name,
      actor_role: e.by.role,
      unit_id: e.unitId,
      reason: e.reason,
      data: JSON.stringify(e.data),
    })
    .execute();
}

export async function findFeedbackEvents(db: Executor, feedbackId: string) {
  return db.selectFrom('feedback_event').selectAll().where('feedback_id', '=', feedbackId).orderBy('seq').execute();
}

/** Whether the one question (request for information) was already asked. */
export async function hasAskedQuestion(db: Executor, feedbackId: string): Promise<boolean> {
  const r = await db
    .selectFrom('feedback_event')
    .select('id')
    .where('feedback_id', '=', feedbackId)
    .where('action', '=', 'request-information')
    .executeTakeFirst();
  return !!r;
}

/** The record of an answer refused by the specific-answer checks (outside any transaction: it stays). */
export async function insertCheckFailure(
  db: Executor,
  f: { feedbackId: string; unitId: string; at: Date; actorId: string | null; stage: 'answer' | 'approve'; checks: string[] },
): Promise<void> {
  await db
    .insertInto('feedback_check_failure')
    .values({ feedback_id: f.feedbackId, unit_id: f.unitId, at: f.at, actor_id: f.actorId, stage: f.stage, checks: f.checks })
    .execute();
}

export async function findCheckFailures(db: Executor, feedbackId: string) {
  return db
    .selectFrom('feedback_check_failure')
    .select(['at', 'stage', 'checks'])
    .where('feedback_id', '=', feedbackId)
    .orderBy('id')
    .execute();
}

// ——— alerts ———

export type FeedbackAlertInput = {
  feedbackId: string;
  unitId: string;
  kind: string;
  deadlineKind: string;
  at: Date;
  dueAt: Date | null;
  recipients: { userId: string; name: string; role: string }[];
};

/** An alert once per feedback, step and kind (feedback_alert_once): false when it was already raised. */
export async function insertFeedbackAlert(trx: Transaction<Database>, a: FeedbackAlertInput): Promise<boolean> {
  const r = await trx
    .insertInto('feedback_alert')
    .values({
      feedback_id: a.feedbackId,
      unit_id: a.unitId,
      kind: a.kind,
      deadline_kind: a.deadlineKind,
      at: a.at,
      due_at: a.dueAt,
      recipients: JSON.stringify(a.recipients),
    })
    .onConflict((oc) => oc.constraint('feedback_alert_once').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** The alerts already raised for some feedback. */
export async function findFeedbackAlerts(db: Executor, feedbackIds: readonly string[]) {
  if (feedbackIds.length === 0) return [];
  return db.selectFrom('feedback_alert').select(['feedback_id', 'deadline_kind', 'kind']).where('feedback_id', 'in', feedbackIds).execute();
}

// ——— lists and views ———

/** The officers' list: the feedback of some units, soonest due first. */
export async function findFeedbackList(db: Executor, q: { unitIds: readonly string[]; status?: string; limit: number }) {
  let query = db
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
    .where('f.unit_id', 'in', q.unitIds)
    .orderBy(sql`f.due_at IS NULL`)
    .orderBy('f.due_at')
    .orderBy('f.received_at', 'desc')
    .limit(q.limit);
  if (q.status) query = query.where('f.status', '=', q.status);
  return query.execute();
}

/** Feedback naming a dossier, newest first. */
export async function findFeedbackOfDossier(db: Executor, dossierId: string) {
  return db
    .selectFrom('feedback')
    .select(['id', 'code', 'status', 'kind', 'subject', 'received_at', 'channel'])
    .where('dossier_id', '=', dossierId)
    .orderBy('received_at', 'desc')
    .execute();
}

/** Published answers, newest first; `folded` matches the folded public text (LIKE, escaped here). */
export async function findPublishedFeedback(db: Executor, q: { unitId?: string; folded?: string; limit: number }) {
  let query = db
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
    .limit(q.limit);
  if (q.unitId) query = query.where('f.unit_id', '=', q.unitId);
  if (q.folded) query = query.where('f.public_folded', 'like', `%${q.folded.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  return query.execute();
}

export type FeedbackOverviewRow = {
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
};

/** Per unit: counts by status, on time (the step deadlines), late, reopened, returned, failed answer checks. */
export async function feedbackOverview(
  db: Executor,
  q: { unitIds: readonly string[]; from: Date; to: Date; now: Date },
): Promise<FeedbackOverviewRow[]> {
  const { from, to, now } = q;
  const ids = [...q.unitIds];
  const r = await sql<FeedbackOverviewRow>`
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
      ORDER BY u.name`.execute(db);
  return r.rows;
}

/**
 * The `vague-answer` signal's rows: feedback received in a period whose answer was returned, refused by the
 * answer checks, or reopened; every unit when `unitIds` is absent.
 */
export async function findVagueAnswers(db: Executor, q: { unitIds?: readonly string[]; from: Date; to: Date }) {
  let query = db
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
  if (q.unitIds) query = query.where('f.unit_id', 'in', q.unitIds);
  return query.execute();
}
