// Training mode's SQL: training units and what they need to work (reception point, catalogue, calendar, the
// instructor account that seeds them), the purge of their data on reset, guided-exercise attempts, and which
// units the records a request names belong to (the training boundary).
import { sql, type Transaction } from 'kysely';
import type { Status } from '../../domain/dossier/lifecycle';
import type { Database } from '../schema';
import type { Db } from '../database';

type Executor = Db | Transaction<Database>;

export type TrainingUnitRow = {
  id: string;
  slug: string;
  name: string;
  type: 'province' | 'ward' | 'commune';
  parentId: string | null;
  ownerId: string;
};

export async function listTrainingUnits(db: Executor): Promise<TrainingUnitRow[]> {
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'slug', 'name', 'type', 'parent_id', 'training_owner_id'])
    .where('training', '=', true)
    .orderBy('type', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, type: r.type, parentId: r.parent_id, ownerId: r.training_owner_id! }));
}

export async function insertTrainingUnit(
  trx: Transaction<Database>,
  u: { slug: string; code: string; name: string; type: 'province' | 'ward' | 'commune'; parentId: string | null; ownerId: string },
): Promise<string> {
  const row = await trx
    .insertInto('unit')
    .values({
      slug: u.slug,
      code: u.code,
      name: u.name,
      type: u.type,
      parent_id: u.parentId,
      training: true,
      training_owner_id: u.ownerId,
      address: 'Đơn vị đào tạo (không phải địa chỉ thật)',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A ward or commune of training gets a reception point and every procedure its owner province's units handle. */
export async function equipTrainingWard(trx: Transaction<Database>, unitId: string, ownerProvinceId: string): Promise<void> {
  await trx.insertInto('reception_point').values({ unit_id: unitId, host_unit_id: unitId, name: 'Quầy đào tạo' }).execute();
  await sql`
    INSERT INTO unit_procedure (unit_id, procedure_id)
    SELECT DISTINCT ${unitId}::uuid, up.procedure_id FROM unit_procedure up JOIN unit u ON u.id = up.unit_id
    WHERE u.parent_id = ${ownerProvinceId} AND NOT u.training
    ON CONFLICT DO NOTHING`.execute(trx);
}

/** A training province counts deadlines on its owner province's official calendar. */
export async function copyCalendar(trx: Transaction<Database>, trainingProvinceId: string, ownerProvinceId: string): Promise<void> {
  await sql`
    INSERT INTO calendar_year (province_id, year, holidays, working_days, generated, source)
    SELECT ${trainingProvinceId}::uuid, year, holidays, working_days, generated, source FROM calendar_year WHERE province_id = ${ownerProvinceId}
    ON CONFLICT DO NOTHING`.execute(trx);
}

export async function insertTrainingAccount(
  trx: Transaction<Database>,
  a: { username: string; fullName: string; passwordHash: string; mustChange: boolean; unitId: string; roles: readonly string[] },
): Promise<string> {
  const row = await trx
    .insertInto('staff_user')
    .values({
      username: a.username,
      full_name: a.fullName,
      title: 'Học viên đào tạo',
      password_hash: a.passwordHash,
      must_change_password: a.mustChange,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('user_role')
    .values(a.roles.map((role) => ({ user_id: row.id, unit_id: a.unitId, role })))
    .execute();
  return row.id;
}

export async function findInstructor(
  db: Executor,
  unitId: string,
): Promise<{ id: string; username: string; fullName: string } | undefined> {
  const r = await db
    .selectFrom('staff_user as s')
    .innerJoin('user_role as r', 'r.user_id', 's.id')
    .select(['s.id', 's.username', 's.full_name'])
    .where('r.unit_id', '=', unitId)
    .where('s.username', 'like', 'huong-dan.%')
    .orderBy('s.username')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: r.id, username: r.username, fullName: r.full_name } : undefined;
}

export async function rolesOf(db: Executor, userId: string): Promise<{ unitId: string; role: string }[]> {
  const rows = await db.selectFrom('user_role').select(['unit_id', 'role']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ unitId: r.unit_id, role: r.role }));
}

/** Deletes every dossier and feedback of these training units and what hangs on them (migration 0027). */
export async function purgeTrainingUnits(trx: Transaction<Database>, unitIds: string[]): Promise<number> {
  const r = await sql<{ n: string }>`SELECT training_purge(${sql.val(unitIds)}::uuid[]) AS n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

/** The units of the dossiers and feedback a request names (competent and receiving). */
export async function unitsOfRecords(db: Executor, ids: { dossierIds: string[]; feedbackIds: string[] }): Promise<string[]> {
  const out: string[] = [];
  if (ids.dossierIds.length) {
    const rows = await db.selectFrom('dossier').select(['unit_id', 'received_unit_id']).where('id', 'in', ids.dossierIds).execute();
    for (const r of rows) out.push(r.unit_id, r.received_unit_id);
  }
  if (ids.feedbackIds.length) {
    const rows = await db.selectFrom('feedback').select(['unit_id', 'received_unit_id']).where('id', 'in', ids.feedbackIds).execute();
    for (const r of rows) out.push(r.unit_id, r.received_unit_id);
  }
  return out;
}

/** A seeded dossier in this status at the unit that no open attempt is using yet. */
export async function findSampleDossier(db: Executor, unitId: string, status: Status, instructorId: string) {
  return db
    .selectFrom('dossier as d')
    .select(['d.id', 'd.code', 'd.applicant_name', 'd.applicant_id_number'])
    .where('d.unit_id', '=', unitId)
    .where('d.status', '=', status)
    .where('d.received_by', '=', instructorId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('training_attempt as a').select('a.id').whereRef('a.subject_id', '=', 'd.id'))),
    )
    .orderBy('d.code')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAttempt(
  db: Executor,
  a: { userId: string; unitId: string; exercise: string; subjectId: string | null; startedAt: Date; scenario: Record<string, unknown> },
) {
  return db
    .insertInto('training_attempt')
    .values({
      user_id: a.userId,
      unit_id: a.unitId,
      exercise: a.exercise,
      subject_id: a.subjectId,
      started_at: a.startedAt,
      findings: JSON.stringify([{ scenario: a.scenario }]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findAttempt(db: Executor, id: string, userId: string) {
  return db.selectFrom('training_attempt').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function listAttempts(db: Executor, userId: string) {
  return db.selectFrom('training_attempt').selectAll().where('user_id', '=', userId).orderBy('started_at', 'desc').limit(50).execute();
}

export async function recordCheck(db: Executor, id: string, at: Date, passed: boolean, findings: unknown[]): Promise<void> {
  await db
    .updateTable('training_attempt')
    .set({ checked_at: at, passed, findings: JSON.stringify(findings) })
    .where('id', '=', id)
    .execute();
}

/** The dossier and history the check reads. For intake: the newest dossier of the citizen at the unit. */
export async function dossierForCheck(db: Executor, q: { id?: string | null; unitId: string; idNumber?: string; since: Date }) {
  let d = db
    .selectFrom('dossier')
    .select(['id', 'status', 'applicant_id_number', 'registry_used', 'received_by', 'received_at'])
    .where('unit_id', '=', q.unitId);
  if (q.id) d = d.where('id', '=', q.id);
  else d = d.where('applicant_id_number', '=', q.idNumber ?? '').where('created_at', '>=', q.since);
  const row = await d.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return { dossier: null, events: [] };
  const events = await db
    .selectFrom('dossier_event')
    .select(['action', 'actor_id', 'at', 'reason', 'data'])
    .where('dossier_id', '=', row.id)
    .orderBy('seq')
    .execute();
  return {
    dossier: {
      status: row.status,
      applicantIdNumber: row.applicant_id_number,
      registryUsed: row.registry_used,
      receivedBy: row.received_by,
      receivedAt: row.received_at,
    },
    events: events.map((e) => ({
      action: e.action,
      actorId: e.actor_id,
      at: e.at,
      reason: e.reason,
      data: (e.data ?? {}) as Record<string, unknown>,
    })),
  };
}

/** Counts per status of a unit's dossiers (the seeded state, compared after a reset). */
export async function statusCounts(db: Executor, unitIds: string[]): Promise<Record<string, number>> {
  if (!unitIds.length) return {};
  const rows = await db
    .selectFrom('dossier')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('unit_id', 'in', unitIds)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** A seeded feedback of the unit awaiting an answer (accepted) that no attempt is using yet. */
export async function findSampleFeedback(db: Executor, unitId: string) {
  return db
    .selectFrom('feedback as f')
    .select(['f.id', 'f.code', 'f.contact_name'])
    .where('f.unit_id', '=', unitId)
    .where('f.status', '=', 'accepted')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('training_attempt as a').select('a.id').whereRef('a.subject_id', '=', 'f.id'))),
    )
    .orderBy('f.code')
    .limit(1)
    .executeTakeFirst();
}

/** The feedback, its history and the answers refused as not specific, as the feedback-answer check reads them. */
export async function feedbackForCheck(db: Executor, id: string) {
  const f = await db.selectFrom('feedback').select(['status', 'answer', 'points']).where('id', '=', id).executeTakeFirst();
  if (!f) return null;
  const events = await db
    .selectFrom('feedback_event')
    .select(['action', 'actor_id', 'at', 'reason', 'data'])
    .where('feedback_id', '=', id)
    .orderBy('seq')
    .execute();
  const refused = await db
    .selectFrom('feedback_check_failure')
    .select(['actor_id', 'at', 'checks'])
    .where('feedback_id', '=', id)
    .orderBy('at')
    .execute();
  return {
    status: f.status,
    answer: f.answer as unknown,
    points: f.points,
    events: events.map((e) => ({
      action: e.action,
      actorId: e.actor_id,
      at: e.at,
      reason: e.reason,
      data: (e.data ?? {}) as Record<string, unknown>,
    })),
    refused: refused.map((r) => ({ actorId: r.actor_id, at: r.at, checks: r.checks })),
  };
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return (await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/** A reception point of the unit (a training ward has exactly one); throws when it has none. */
export async function firstReceptionPoint(db: Executor, unitId: string): Promise<{ id: string }> {
  return db.selectFrom('reception_point').select('id').where('unit_id', '=', unitId).orderBy('id').executeTakeFirstOrThrow();
}
