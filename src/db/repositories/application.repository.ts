// Online applications: every query about the `application` table. The status is written only by
// `insertDraft` and `writeApplication`, and only `ApplicationService` (the lifecycle's one owner) calls them;
// test/db/application-owner.test.ts holds both to that.
import type { Selectable, Transaction } from 'kysely';
import type { ApplicationStatus } from '../../domain/application/lifecycle';
import type { Db } from '../database';
import type { ApplicationComponent, ApplicationTable, Database } from '../schema';

type Q = Db | Transaction<Database>;
export type ApplicationRow = Selectable<ApplicationTable>;

export type ApplicationView = {
  id: string;
  procedureId: string;
  procedureName: string;
  procedureCode: string;
  unitId: string;
  returnPointId: string | null;
  form: Record<string, unknown>;
  components: ApplicationComponent[];
  status: ApplicationStatus;
  revision: number;
  fee: number;
  dossierId: string | null;
  dossierCode: string | null;
  paymentId: string | null;
  updatedAt: Date;
};

/** The citizen's applications, by id or by status, newest first, in one query (with the dossier and open payment). */
export async function findApplicationViews(
  db: Q,
  citizenId: string,
  f: { ids?: string[]; statuses?: readonly ApplicationStatus[] },
): Promise<ApplicationView[]> {
  let q = db
    .selectFrom('application as a')
    .innerJoin('procedure_version as v', 'v.id', 'a.procedure_version_id')
    .innerJoin('procedure as p', 'p.id', 'a.procedure_id')
    .leftJoin('dossier as d', 'd.id', 'a.dossier_id')
    .leftJoin('payment as pay', (j) =>
      j.onRef('pay.subject_id', '=', 'a.id').on('pay.subject_type', '=', 'application').on('pay.status', 'in', ['pending', 'paid']),
    )
    .select([
      'a.id',
      'a.procedure_id',
      'v.name',
      'p.code',
      'a.unit_id',
      'a.return_point_id',
      'a.form',
      'a.components',
      'a.status',
      'a.revision',
      'a.fee',
      'a.dossier_id',
      'd.code as dossier_code',
      'pay.id as payment_id',
      'a.updated_at',
    ])
    .where('a.citizen_id', '=', citizenId)
    .orderBy('a.updated_at', 'desc')
    .limit(50);
  if (f.ids) q = q.where('a.id', 'in', f.ids);
  if (f.statuses) q = q.where('a.status', 'in', [...f.statuses]);
  const rows = await q.execute();
  return rows.map((a) => ({
    id: a.id,
    procedureId: a.procedure_id,
    procedureName: a.name,
    procedureCode: a.code,
    unitId: a.unit_id,
    returnPointId: a.return_point_id,
    form: a.form,
    components: a.components,
    status: a.status,
    revision: a.revision,
    fee: a.fee,
    dossierId: a.dossier_id,
    dossierCode: a.dossier_code,
    paymentId: a.payment_id,
    updatedAt: a.updated_at,
  }));
}

/** The form of the citizen's latest submitted application to a procedure: the e-form's prefill. */
export async function lastSubmittedForm(db: Q, citizenId: string, procedureId: string): Promise<Record<string, unknown> | undefined> {
  const r = await db
    .selectFrom('application')
    .select('form')
    .where('citizen_id', '=', citizenId)
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.form;
}

/** The row locked for the rest of the transaction: every status move serialises on it. */
export function lockApplication(trx: Transaction<Database>, id: string): Promise<ApplicationRow | undefined> {
  return trx.selectFrom('application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type ApplicationValues = {
  procedure_id: string;
  procedure_version_id: string;
  unit_id: string;
  return_point_id: string | null;
  form: string;
  components: string;
  assisted_by: string | null;
};

/** A new draft (status `draft`, revision 1), with the browser's id. Only ApplicationService calls it. */
export async function insertDraft(
  trx: Transaction<Database>,
  id: string,
  citizenId: string,
  values: ApplicationValues,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('application')
    .values({ id, citizen_id: citizenId, ...values, status: 'draft', updated_at: now })
    .execute();
}

export type ApplicationWrite = Partial<
  Pick<
    ApplicationValues,
    'procedure_id' | 'procedure_version_id' | 'unit_id' | 'return_point_id' | 'form' | 'components' | 'assisted_by'
  > & {
    revision: number;
    fee: number;
    verification: string;
    confirmed_at: Date;
    submitted_at: Date;
    dossier_id: string;
  }
>;

/** Writes the status (and what moves with it). Only ApplicationService calls it, after the lifecycle table allowed the move. */
export async function writeApplication(
  trx: Transaction<Database>,
  id: string,
  status: ApplicationStatus,
  changes: ApplicationWrite,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('application')
    .set({ ...changes, status, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The citizen's contact details the OTP goes to. */
export function citizenContact(db: Q, citizenId: string): Promise<{ phone: string; email: string }> {
  return db.selectFrom('citizen').select(['phone', 'email']).where('id', '=', citizenId).executeTakeFirstOrThrow();
}

/** The names of procedure components, for titling the files an application brings into the data store. */
export function componentNames(db: Q, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('procedure_component')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The units that handle a procedure, each with its active reception points (where a result may be returned). */
export async function handlingUnitsWithReturnPoints(
  db: Q,
  procedureId: string,
): Promise<{ id: string; name: string; returnPoints: { id: string; name: string; address: string }[] }[]> {
  const units = await db
    .selectFrom('unit_procedure as up')
    .innerJoin('unit as u', 'u.id', 'up.unit_id')
    .select(['u.id', 'u.name'])
    .where('up.procedure_id', '=', procedureId)
    .orderBy('u.name')
    .execute();
  const points = units.length
    ? await db
        .selectFrom('reception_point')
        .select(['id', 'unit_id', 'name', 'address'])
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .where('active', '=', true)
        .orderBy('name')
        .execute()
    : [];
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    returnPoints: points.filter((p) => p.unit_id === u.id).map((p) => ({ id: p.id, name: p.name, address: p.address })),
  }));
}

/** Whether a reception point is one of the unit's own, active ones. */
export async function isActiveReturnPoint(db: Q, pointId: string, unitId: string): Promise<boolean> {
  const rp = await db
    .selectFrom('reception_point')
    .select('id')
    .where('id', '=', pointId)
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst();
  return !!rp;
}
