// Deadlines: the one home of every clock (a dossier's, a feedback's steps). The pure clock is
// src/domain/calendar/clock.ts; this file only reads and writes the `deadline` and `deadline_change` rows.
import { sql, type Transaction } from 'kysely';
import type { ClockChange, StoredPause } from '../../domain/calendar/clock';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

export type NewDeadline = {
  unitId: string;
  subjectType: string;
  subjectId: string;
  receivedAt: Date;
  workingDays: number;
  mode?: 'pause' | 'restart';
  countedFrom: Date;
  dueAt: Date | null;
};

export async function insertDeadline(trx: Transaction<Database>, n: NewDeadline): Promise<void> {
  await trx
    .insertInto('deadline')
    .values({
      unit_id: n.unitId,
      subject_type: n.subjectType,
      subject_id: n.subjectId,
      received_at: n.receivedAt,
      working_days: n.workingDays,
      ...(n.mode ? { mode: n.mode } : {}),
      counted_from: n.countedFrom,
      due_at: n.dueAt,
    })
    .execute();
}

/** A subject's deadline, locked for the transaction that changes it. */
export async function findDeadlineForUpdate(trx: Transaction<Database>, subjectType: string, subjectId: string) {
  const r = await trx
    .selectFrom('deadline')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { ...r, working_days: Number(r.working_days) };
}

/** Writes what the clock says changed (nothing when nothing did). */
export async function updateDeadline(trx: Transaction<Database>, id: string, change: ClockChange, now: Date): Promise<void> {
  if (Object.keys(change).length === 0) return;
  const { pauses, ...rest } = change;
  await trx
    .updateTable('deadline')
    .set({ ...rest, ...(pauses ? { pauses: JSON.stringify(pauses) } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export type OpenDeadline = {
  id: string;
  unit_id: string;
  subject_type: string;
  subject_id: string;
  received_at: Date;
  working_days: number;
  mode: 'pause' | 'restart';
  pauses: StoredPause[];
  counted_from: Date;
  due_at: Date | null;
  override_due_at: Date | null;
};

/** A batch of the open deadlines of some units, after `afterId` in id order (the partial index on open deadlines). */
export async function findOpenDeadlines(trx: Executor, unitIds: string[], afterId: string, limit: number): Promise<OpenDeadline[]> {
  const rows = await trx
    .selectFrom('deadline')
    .select([
      'id',
      'unit_id',
      'subject_type',
      'subject_id',
      'received_at',
      'working_days',
      'mode',
      'pauses',
      'counted_from',
      'due_at',
      'override_due_at',
    ])
    .where('closed_at', 'is', null)
    .where('unit_id', 'in', unitIds)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, working_days: Number(r.working_days) }));
}

export type RecomputedDeadline = {
  id: string;
  subjectType: string;
  subjectId: string;
  countedFrom: Date;
  dueAt: Date | null;
  oldCountedFrom: Date;
  oldDueAt: Date | null;
};

/**
 * Writes recomputed clocks in bulk: the deadline rows, the due time dossiers keep beside them for the work
 * queues' index, and a deadline_change row each with the reason.
 */
export async function applyRecomputedDeadlines(
  trx: Transaction<Database>,
  updates: readonly RecomputedDeadline[],
  reason: string,
  actorId: string | null,
): Promise<void> {
  if (updates.length === 0) return;
  const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${u.countedFrom}::timestamptz, ${u.dueAt}::timestamptz)`));
  await sql`
    UPDATE deadline d SET counted_from = v.counted_from, due_at = v.due_at, updated_at = now()
    FROM (VALUES ${values}) AS v(id, counted_from, due_at) WHERE d.id = v.id`.execute(trx);
  const dossiers = updates.filter((u) => u.subjectType === 'dossier');
  if (dossiers.length) {
    const dv = sql.join(dossiers.map((u) => sql`(${u.subjectId}::uuid, ${u.countedFrom}::timestamptz, ${u.dueAt}::timestamptz)`));
    await sql`
      UPDATE dossier d SET counted_from = v.counted_from, due_at = v.due_at, updated_at = now()
      FROM (VALUES ${dv}) AS v(id, counted_from, due_at) WHERE d.id = v.id`.execute(trx);
  }
  await trx
    .insertInto('deadline_change')
    .values(
      updates.map((u) => ({
        deadline_id: u.id,
        old_counted_from: u.oldCountedFrom,
        new_counted_from: u.countedFrom,
        old_due_at: u.oldDueAt,
        new_due_at: u.dueAt,
        reason,
        actor_id: actorId,
      })),
    )
    .execute();
}

/** The open dossiers of a unit due before `horizon` (dossier_open_due_idx (unit_id, due_at) WHERE finished_at IS NULL). */
export async function findDossiersDueBefore(db: Executor, unitId: string, horizon: Date) {
  return db
    .selectFrom('dossier as d')
    .select(WATCH_COLUMNS)
    .where('d.unit_id', '=', unitId)
    .where('d.finished_at', 'is', null)
    .where('d.due_at', '<=', horizon)
    .execute();
}

/** The open dossiers of a unit waiting on intake or on the citizen, with their pauses (dossier_unit_status_due_idx). */
export async function findDossiersWaiting(db: Executor, unitId: string) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('deadline as dl', (j) => j.onRef('dl.subject_id', '=', 'd.id').on('dl.subject_type', '=', 'dossier'))
    .select([...WATCH_COLUMNS, 'dl.pauses'])
    .where('d.unit_id', '=', unitId)
    .where('d.status', 'in', ['submitted', 'awaiting-supplement'])
    .execute();
}

const WATCH_COLUMNS = [
  'd.id',
  'd.code',
  'd.status',
  'd.due_at',
  'd.counted_from',
  'd.received_at',
  'd.assignee_id',
  'd.extension_count',
  'd.applicant',
] as const;

/** The director's view of a unit: its open dossiers due before `horizon`, soonest first. */
export async function findDueDossiersWithNames(db: Executor, unitId: string, horizon: Date, limit = 2000) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
    .leftJoin('staff_user as a', 'a.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.due_at',
      'd.extension_count',
      'd.applicant_name',
      'v.name as procedure_name',
      'a.full_name as assignee_name',
    ])
    .where('d.unit_id', '=', unitId)
    .where('d.finished_at', 'is', null)
    .where('d.due_at', '<=', horizon)
    .orderBy('d.due_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

// ——— step deadlines of a subject (a feedback's refuse, information, answer and publish clocks) ———

export type SubjectClock = {
  subjectType: string;
  subjectId: string;
  unitId: string;
  receivedAt: Date;
  workingDays: number;
  countedFrom: Date;
  dueAt: Date | null;
};

/**
 * Starts a subject's clock, or restarts it (a transfer, a reopen): the row counts again from `receivedAt`
 * with no pause, no apology date and open; a restart records the old and new times in `deadline_change`.
 */
export async function startOrRestartDeadline(
  trx: Transaction<Database>,
  c: SubjectClock,
  change: { reason: string; actorId: string | null },
): Promise<void> {
  // Locked: the change record's "old" dates are the row's as this transaction replaces them (the callers hold
  // the subject's row as well, so this is a second guard, not the only one).
  const old = await trx
    .selectFrom('deadline')
    .select(['id', 'counted_from', 'due_at'])
    .where('subject_type', '=', c.subjectType)
    .where('subject_id', '=', c.subjectId)
    .forUpdate()
    .executeTakeFirst();
  const values = {
    unit_id: c.unitId,
    received_at: c.receivedAt,
    working_days: c.workingDays,
    mode: 'pause' as const,
    pauses: '[]',
    counted_from: c.countedFrom,
    due_at: c.dueAt,
    closed_at: null,
    override_due_at: null,
    updated_at: c.receivedAt,
  };
  if (!old) {
    await trx
      .insertInto('deadline')
      .values({ subject_type: c.subjectType, subject_id: c.subjectId, ...values })
      .execute();
    return;
  }
  await trx.updateTable('deadline').set(values).where('id', '=', old.id).execute();
  await trx
    .insertInto('deadline_change')
    .values({
      deadline_id: old.id,
      old_counted_from: old.counted_from,
      new_counted_from: c.countedFrom,
      old_due_at: old.due_at,
      new_due_at: c.dueAt,
      reason: change.reason,
      actor_id: change.actorId,
    })
    .execute();
}

/**
 * Opens a subject's clock, or opens it again from `receivedAt` when it ran before (no change row): the new run
 * takes this call's unit and working days and none of the earlier run's pauses or apology date.
 */
export async function openDeadline(trx: Transaction<Database>, c: SubjectClock): Promise<void> {
  await trx
    .insertInto('deadline')
    .values({
      unit_id: c.unitId,
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      received_at: c.receivedAt,
      working_days: c.workingDays,
      counted_from: c.countedFrom,
      due_at: c.dueAt,
    })
    .onConflict((oc) =>
      oc.columns(['subject_type', 'subject_id']).doUpdateSet({
        unit_id: c.unitId,
        received_at: c.receivedAt,
        working_days: c.workingDays,
        pauses: '[]',
        counted_from: c.countedFrom,
        due_at: c.dueAt,
        override_due_at: null,
        closed_at: null,
        updated_at: c.receivedAt,
      }),
    )
    .execute();
}

/** Stops a subject's clock (nothing when it is already closed or never ran). */
export async function closeDeadline(trx: Transaction<Database>, subjectType: string, subjectId: string, at: Date): Promise<void> {
  await trx
    .updateTable('deadline')
    .set({ closed_at: at, updated_at: at })
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('closed_at', 'is', null)
    .execute();
}

/** Every clock of one subject among some kinds, open or closed. */
export async function findSubjectDeadlines(db: Executor, subjectId: string, subjectTypes: readonly string[]) {
  return db
    .selectFrom('deadline')
    .select(['subject_type', 'counted_from', 'due_at', 'closed_at', 'pauses'])
    .where('subject_id', '=', subjectId)
    .where('subject_type', 'in', subjectTypes)
    .execute();
}

/** The open clocks of some subjects among some kinds, soonest due first (no due time last). */
export async function findOpenSubjectDeadlines(db: Executor, subjectIds: readonly string[], subjectTypes: readonly string[]) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('deadline')
    .select(['subject_id', 'subject_type', 'due_at'])
    .where('subject_id', 'in', subjectIds)
    .where('subject_type', 'in', subjectTypes)
    .where('closed_at', 'is', null)
    .orderBy(sql`due_at IS NULL`)
    .orderBy('due_at')
    .execute();
}

/** The watch: a unit's open feedback step clocks of some kinds due before `horizon` (deadline_open_due_idx). */
export async function findFeedbackStepsDueBefore(db: Executor, unitId: string, horizon: Date, subjectTypes: readonly string[]) {
  return db
    .selectFrom('deadline as dl')
    .innerJoin('feedback as f', 'f.id', 'dl.subject_id')
    .select(['dl.subject_type', 'dl.due_at', 'f.id', 'f.code'])
    .where('dl.unit_id', '=', unitId)
    .where('dl.closed_at', 'is', null)
    .where('dl.due_at', '<=', horizon)
    .where('dl.subject_type', 'in', subjectTypes)
    .execute();
}
