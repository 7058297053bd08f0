// A citizen's own dossiers as the portal shows them ("my dossiers"): every query behind that page.
import type { Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Q = Db | Transaction<Database>;

/** The dossiers filed by the citizen online, or for them at a counter (same personal ID number). */
function citizenDossiers(db: Q, citizen: { citizenId: string; idNumber: string }) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .innerJoin('reception_point as rp', 'rp.id', 'd.return_point_id')
    .leftJoin('staff_user as s', 's.id', 'd.assignee_id')
    .leftJoin('dossier_rating as r', 'r.dossier_id', 'd.id')
    .select([
      'd.id',
      'd.code',
      'd.citizen_id',
      'v.name as procedure_name',
      'u.name as unit_name',
      'd.status',
      'd.channel',
      'd.received_at',
      'd.due_at',
      'd.finished_at',
      'd.returned_at',
      'd.withdrawal_requested',
      's.full_name as officer',
      'rp.name as return_point',
      'r.value as rating_value',
      'r.reason as rating_reason',
    ])
    .where((eb) => eb.or([eb('d.citizen_id', '=', citizen.citizenId), eb('d.applicant_id_number', '=', citizen.idNumber)]));
}

export type CitizenDossierRow = Awaited<ReturnType<ReturnType<typeof citizenDossiers>['executeTakeFirstOrThrow']>>;

/** The citizen's dossiers, newest first (at most 100). */
export function listCitizenDossiers(db: Q, citizen: { citizenId: string; idNumber: string }): Promise<CitizenDossierRow[]> {
  return citizenDossiers(db, citizen).orderBy('d.received_at', 'desc').limit(100).execute();
}

/** One of the citizen's dossiers; undefined when it is not theirs. */
export function findCitizenDossier(
  db: Q,
  citizen: { citizenId: string; idNumber: string },
  id: string,
): Promise<CitizenDossierRow | undefined> {
  return citizenDossiers(db, citizen).where('d.id', '=', id).executeTakeFirst();
}

/** The dossier's history, oldest first. */
export function dossierHistory(db: Q, dossierId: string) {
  return db
    .selectFrom('dossier_event')
    .select(['seq', 'at', 'action', 'to_status', 'reason', 'data'])
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
}

/** The last supplement request of a dossier: what the centre waits for. */
export function lastSupplementRequest(db: Q, dossierId: string) {
  return db
    .selectFrom('dossier_event')
    .select(['reason', 'data'])
    .where('dossier_id', '=', dossierId)
    .where('action', '=', 'request-supplement')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The documents of a dossier in the citizen's data store. */
export function dossierDocumentsOf(db: Q, citizenId: string, dossierId: string) {
  return db
    .selectFrom('citizen_document')
    .select(['id', 'title', 'kind'])
    .where('citizen_id', '=', citizenId)
    .where('dossier_id', '=', dossierId)
    .execute();
}

/** The paid online payment of the application a dossier came from. */
export function paidApplicationPayment(db: Q, dossierId: string) {
  return db
    .selectFrom('payment as p')
    .innerJoin('application as a', 'a.id', 'p.subject_id')
    .select(['p.id', 'p.amount', 'p.status', 'p.receipt_no', 'p.paid_at'])
    .where('a.dossier_id', '=', dossierId)
    .where('p.subject_type', '=', 'application')
    .where('p.status', '=', 'paid')
    .executeTakeFirst();
}

/** The citizen's one rating of a dossier; false when it was already rated. */
export async function insertRating(
  trx: Transaction<Database>,
  r: { dossierId: string; citizenId: string; value: 'like' | 'dislike'; reason: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('dossier_rating')
    .values({ dossier_id: r.dossierId, citizen_id: r.citizenId, value: r.value, reason: r.reason })
    .onConflict((oc) => oc.column('dossier_id').doNothing())
    .returning('dossier_id')
    .executeTakeFirst();
  return !!row;
}
