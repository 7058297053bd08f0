// Dossier intake: what the counter and the portal read before receiving (points, competent unit, return point,
// the online desk, a retried intake, the citizen) and the one write of a new dossier with its first event,
// deadline, audit entry and messages. SQL snapshotted in test/db/sql/dossier.sql.test.ts.
import { type Transaction } from 'kysely';
import type { OutboxMessage } from '../../domain/dossier/effects';
import type { Status } from '../../domain/dossier/lifecycle';
import { type Db } from '../database';
import type { Applicant, Database } from '../schema';
import { appendAudit } from './audit.repository';
import { insertDeadline, type NewDeadline } from './deadline.repository';
import { appendEvent, enqueueMessages, type EventInput } from './dossier.repository';

type Executor = Db | Transaction<Database>;

/** A reception point with its unit's province. */
export async function findReceptionPoint(db: Executor, id: string) {
  return db
    .selectFrom('reception_point as rp')
    .innerJoin('unit as u', 'u.id', 'rp.unit_id')
    .select(['rp.id', 'rp.unit_id', 'rp.active', 'u.parent_id'])
    .where('rp.id', '=', id)
    .executeTakeFirst();
}

/** The competent unit of a new dossier. */
export async function findCompetentUnit(db: Executor, id: string) {
  return db.selectFrom('unit').select(['id', 'code', 'parent_id', 'type']).where('id', '=', id).executeTakeFirst();
}

/** A return point the citizen chose. */
export async function findReturnPoint(db: Executor, id: string) {
  return db.selectFrom('reception_point').select(['id', 'unit_id', 'active']).where('id', '=', id).executeTakeFirst();
}

/** The unit's own reception point, where its online dossiers are received (the centre's online desk). */
export async function findOnlineDesk(db: Executor, unitId: string) {
  return db
    .selectFrom('reception_point')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('host_unit_id', '=', unitId)
    .where('active', '=', true)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** The dossier an earlier attempt of the same intake created (the answer was lost, the dossier was not). */
export async function findByIntakeKey(db: Executor, intakeKey: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'code', 'status', 'received_at', 'counted_from', 'due_at', 'fee'])
    .where('intake_key', '=', intakeKey)
    .executeTakeFirst();
}

/** The online application a dossier is created from, locked, with its citizen. */
export async function findDossierCode(db: Executor, id: string) {
  return db.selectFrom('dossier').select(['id', 'code']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function findCitizen(db: Executor, id: string) {
  return db.selectFrom('citizen').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A new dossier as written: the row, its components, first event, deadline, audit entry and messages. */
export type NewDossierRecord = {
  row: {
    code: string;
    unit_id: string;
    received_unit_id: string;
    reception_point_id: string;
    return_point_id: string;
    procedure_id: string;
    procedure_version_id: string;
    channel: 'in-person' | 'online' | 'postal';
    status: Status;
    applicant: Applicant;
    registry_used: boolean;
    fee: number;
    fee_receipt_no: string | null;
    received_by: string | null;
    intake_key: string | null;
    citizen_id: string | null;
    assisted_by: string | null;
    paid_online: boolean;
    verified_vneid: boolean;
    received_at: Date;
    counted_from: Date;
    due_at: Date | null;
    form_answers: Record<string, unknown> | null;
  };
  components: { component_id: string; presented: boolean; from_registry: boolean; file_ids: string[] }[];
  event: Omit<EventInput, 'dossierId' | 'seq' | 'fromStatus' | 'toStatus' | 'at'>;
  deadline: Omit<NewDeadline, 'subjectType' | 'subjectId'>;
  audit: {
    actorId: string | null;
    actorName: string;
    actorRole: string;
    unitId: string;
    requestId: string;
    details: Record<string, unknown>;
  };
  /** The messages, once the dossier's id is known. */
  messages: (id: string) => OutboxMessage[];
};

/** Writes a new dossier, in the caller's transaction. */
export async function insertDossier(trx: Transaction<Database>, n: NewDossierRecord): Promise<{ id: string; code: string }> {
  const { row } = n;
  const d = await trx
    .insertInto('dossier')
    .values({
      ...row,
      applicant_id_number: row.applicant.idNumber,
      applicant_name: row.applicant.fullName,
      applicant: JSON.stringify(row.applicant),
      form_answers: row.form_answers ? JSON.stringify(row.form_answers) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (n.components.length)
    await trx
      .insertInto('dossier_component')
      .values(n.components.map((c) => ({ ...c, dossier_id: d.id })))
      .execute();
  await appendEvent(trx, { ...n.event, dossierId: d.id, seq: 1, fromStatus: null, toStatus: row.status, at: row.received_at });
  await insertDeadline(trx, { ...n.deadline, subjectType: 'dossier', subjectId: d.id });
  await appendAudit(trx, { ...n.audit, action: 'dossier.create', subjectType: 'dossier', subjectId: d.id });
  await enqueueMessages(trx, n.messages(d.id));
  return { id: d.id, code: row.code };
}

// ——— Actions ———
