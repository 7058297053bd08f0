// The catalogue review (migration 0025): versions and their publication status across a province, how each unit
// handles each procedure, the law's time limits, and the reviewers' sign-offs (append-only).
import { sql, type Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** Every version of the province's procedures with its publication status (null: published before the workflow). */
export async function provinceVersions(db: Executor, provinceId: string) {
  return db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .leftJoin('procedure_publication as pp', 'pp.version_id', 'v.id')
    .select(['v.id as versionId', 'v.procedure_id as procedureId', 'v.version', 'p.current_version_id as currentVersionId', 'pp.status'])
    .where('p.province_id', '=', provinceId)
    .orderBy('v.procedure_id')
    .orderBy('v.version', 'desc')
    .execute();
}

/** The units of a province (not the province itself) with their reception settings and reception points. */
export async function provinceUnits(db: Executor, provinceId: string) {
  const r = await sql<{ id: string; name: string; cutoff_time: string; saturday_reception: boolean; points: string }>`
    SELECT u.id, u.name, u.cutoff_time, u.saturday_reception,
           (SELECT count(*) FROM reception_point rp WHERE rp.unit_id = u.id AND rp.active) AS points
    FROM unit u WHERE u.parent_id = ${provinceId} ORDER BY u.name`.execute(db);
  return r.rows.map((u) => ({
    id: u.id,
    name: u.name,
    cutoffTime: String(u.cutoff_time).slice(0, 5),
    saturdayReception: u.saturday_reception,
    receptionPoints: Number(u.points),
  }));
}

/** Which unit handles which procedure. */
export async function handledBy(db: Executor, unitIds: string[]): Promise<{ unitId: string; procedureId: string }[]> {
  if (!unitIds.length) return [];
  return db
    .selectFrom('unit_procedure')
    .select(['unit_id as unitId', 'procedure_id as procedureId'])
    .where('unit_id', 'in', unitIds)
    .execute();
}

/** The fee most often charged per unit and procedure on dossiers received since `since`. */
export async function usualFees(
  db: Executor,
  unitIds: string[],
  since: Date,
): Promise<{ unitId: string; procedureId: string; fee: number }[]> {
  if (!unitIds.length) return [];
  const r = await sql<{ unit_id: string; procedure_id: string; fee: string }>`
    SELECT unit_id, procedure_id, mode() WITHIN GROUP (ORDER BY fee) AS fee
    FROM dossier WHERE unit_id = ANY(${sql.val(unitIds)}::uuid[]) AND received_at >= ${since}
    GROUP BY unit_id, procedure_id`.execute(db);
  return r.rows.map((x) => ({ unitId: x.unit_id, procedureId: x.procedure_id, fee: Number(x.fee) }));
}

export async function legalTimes(db: Executor, procedureIds: string[]) {
  if (!procedureIds.length) return [];
  const rows = await db
    .selectFrom('procedure_legal_time')
    .select(['procedure_id', 'legal_days', 'source'])
    .where('procedure_id', 'in', procedureIds)
    .execute();
  return rows.map((r) => ({ procedureId: r.procedure_id, legalDays: Number(r.legal_days), source: r.source }));
}

export async function setLegalTime(trx: Transaction<Database>, procedureId: string, days: number, source: string, actorId: string) {
  await trx
    .insertInto('procedure_legal_time')
    .values({ procedure_id: procedureId, legal_days: days, source, set_by: actorId, set_at: new Date() })
    .onConflict((oc) => oc.column('procedure_id').doUpdateSet({ legal_days: days, source, set_by: actorId, set_at: new Date() }))
    .execute();
}

/** The latest sign-off of each procedure, with who signed it. */
export async function latestSignOffs(db: Executor, procedureIds: string[]) {
  if (!procedureIds.length) return [];
  const r = await sql<{ procedure_id: string; version_id: string; version: number; signed_at: Date; note: string; full_name: string }>`
    SELECT DISTINCT ON (r.procedure_id) r.procedure_id, r.version_id, v.version, r.signed_at, r.note, s.full_name
    FROM catalogue_review r JOIN staff_user s ON s.id = r.signed_by JOIN procedure_version v ON v.id = r.version_id
    WHERE r.procedure_id = ANY(${sql.val(procedureIds)}::uuid[])
    ORDER BY r.procedure_id, r.signed_at DESC`.execute(db);
  return r.rows.map((x) => ({
    procedureId: x.procedure_id,
    versionId: x.version_id,
    version: x.version,
    signedAt: x.signed_at,
    note: x.note,
    by: x.full_name,
  }));
}

export async function insertSignOff(
  trx: Transaction<Database>,
  s: { procedureId: string; versionId: string; actorId: string; note: string; findings: Record<string, unknown> },
): Promise<Date> {
  const r = await trx
    .insertInto('catalogue_review')
    .values({
      procedure_id: s.procedureId,
      version_id: s.versionId,
      signed_by: s.actorId,
      note: s.note,
      findings: JSON.stringify(s.findings),
    })
    .returning('signed_at')
    .executeTakeFirstOrThrow();
  return r.signed_at;
}
