// Dossier actions: an action's load (the row locked, its context in one round trip, the assignee, files, the
// transfer's target) and its one write of the effect (src/domain/dossier/effects.ts). SQL snapshotted in
// test/db/sql/dossier.sql.test.ts.
import { sql, type Transaction } from 'kysely';
import type { DossierEffect } from '../../domain/dossier/effects';
import { type Db } from '../database';
import type { Database } from '../schema';
import { appendAudit } from './audit.repository';
import { updateDeadline } from './deadline.repository';
import { appendEvent, enqueueMessages } from './dossier.repository';

type Executor = Db | Transaction<Database>;

export async function findDossierForUpdate(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** What an action reads beside the row, in one round trip: the return point's unit, the history, the components' files, the portal e-mail. */
export async function findActionContext(trx: Transaction<Database>, d: { id: string; return_point_id: string; citizen_id: string | null }) {
  const r = await trx
    .selectFrom('reception_point as rp')
    .select((eb) => [
      'rp.unit_id',
      sql<{ action: string; at: string; from_status: string | null; data: Record<string, unknown> }[]>`(
        SELECT coalesce(json_agg(json_build_object('action', e.action, 'at', e.at, 'from_status', e.from_status, 'data', e.data) ORDER BY e.seq), '[]')
        FROM dossier_event e WHERE e.dossier_id = ${d.id})`.as('events'),
      sql<{ component_id: string; files: number }[]>`(
        SELECT coalesce(json_agg(json_build_object('component_id', c.component_id, 'files', cardinality(c.file_ids))), '[]')
        FROM dossier_component c WHERE c.dossier_id = ${d.id})`.as('components'),
      eb.selectFrom('citizen as c').select('c.email').where('c.id', '=', d.citizen_id).as('citizen_email'),
    ])
    .where('rp.id', '=', d.return_point_id)
    .executeTakeFirstOrThrow();
  return {
    returnPointUnitId: r.unit_id,
    events: r.events.map((e) => ({ ...e, at: new Date(e.at) })),
    componentFiles: new Map(r.components.map((c) => [c.component_id, c.files])),
    citizenEmail: r.citizen_email ?? null,
  };
}

/** An active specialist of the unit: the one named, or the least loaded (fewest open dossiers, then by name). */
export async function findAssignee(trx: Executor, unitId: string, assigneeId?: string) {
  const specialists = trx
    .selectFrom('user_role as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.full_name'])
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'specialist')
    .where('u.active', '=', true);
  if (assigneeId) return specialists.where('u.id', '=', assigneeId).executeTakeFirst();
  return specialists
    .select((eb) =>
      eb
        .selectFrom('dossier as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.assignee_id', '=', 'u.id')
        .where('d.finished_at', 'is', null)
        .as('load'),
    )
    .orderBy('load')
    .orderBy('u.full_name')
    .executeTakeFirst();
}

/** Stored files of some units (hashed and checked at upload). */
export async function findFilesOfUnits(trx: Executor, ids: string[], unitIds: string[]) {
  if (!ids.length) return [];
  return trx
    .selectFrom('stored_file')
    .select(['id', 'sha256', 'mime', 'pages'])
    .where('id', 'in', ids)
    .where('unit_id', 'in', unitIds)
    .execute();
}

/** The portal account of an ID number, if the citizen has one. */
export async function findCitizenIdByNumber(trx: Executor, idNumber: string): Promise<string | undefined> {
  return (await trx.selectFrom('citizen').select('id').where('id_number', '=', idNumber).executeTakeFirst())?.id;
}

/** A transfer's target: the unit, its province, and whether it handles the procedure. */
export async function findTransferTarget(trx: Executor, unitId: string, procedureId: string) {
  return trx
    .selectFrom('unit as u')
    .select((eb) => [
      'u.id',
      'u.parent_id',
      eb
        .exists(
          eb
            .selectFrom('unit_procedure as up')
            .select('up.unit_id')
            .whereRef('up.unit_id', '=', 'u.id')
            .where('up.procedure_id', '=', procedureId),
        )
        .as('handles'),
    ])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}

/**
 * Writes an action's effect (src/domain/dossier/effects.ts) in the caller's transaction: the components, the
 * dossier row, its deadline, the event, the audit entry and the outbox messages.
 */
export async function writeActionEffect(
  trx: Transaction<Database>,
  e: DossierEffect,
  w: { deadlineId: string; by: { id: string | null; name: string; username: string }; role: string; requestId: string; now: Date },
): Promise<void> {
  for (const c of e.components)
    await trx
      .insertInto('dossier_component')
      .values({ dossier_id: e.dossierId, component_id: c.componentId, presented: c.presented, file_ids: c.fileIds })
      .onConflict((oc) =>
        oc.columns(['dossier_id', 'component_id']).doUpdateSet({ presented: c.presented, file_ids: c.fileIds, added_at: w.now }),
      )
      .execute();
  await trx
    .updateTable('dossier')
    .set({ ...e.dossier, status: e.to, event_count: e.seq, updated_at: w.now })
    .where('id', '=', e.dossierId)
    .execute();
  await updateDeadline(trx, w.deadlineId, e.deadline, w.now);
  await appendEvent(trx, {
    dossierId: e.dossierId,
    seq: e.seq,
    action: e.event.action,
    fromStatus: e.from,
    toStatus: e.to,
    actorId: w.by.id,
    actorName: w.by.name,
    actorRole: w.role,
    unitId: e.event.unitId,
    reason: e.event.reason,
    data: e.event.data,
    at: w.now,
  });
  await appendAudit(trx, {
    actorId: w.by.id,
    actorName: w.by.username,
    actorRole: w.role,
    unitId: e.audit.unitId,
    action: e.audit.action,
    subjectType: 'dossier',
    subjectId: e.dossierId,
    requestId: w.requestId,
    details: e.audit.details,
  });
  await enqueueMessages(trx, e.messages);
}
