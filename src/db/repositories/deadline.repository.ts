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
