// Procedures, their immutable versions and components, and which units handle them.
import { sql, type Transaction } from 'kysely';
import type { ProcedureInput } from '../../domain/catalogue/procedure';
import { foldVietnamese } from '../../domain/catalogue/procedure';
import { cacheOf } from '../cache';
import type { Db } from '../database';
import type { Database } from '../schema';

export type ComponentView = {
  id: string;
  name: string;
  mandatory: boolean;
  originals: number;
  copies: number;
  accepted: string[];
  fromRegistry: boolean;
};

export type ProcedureView = Omit<ProcedureInput, 'components' | 'formSchema' | 'effectiveFrom' | 'effectiveTo' | 'notes'> & {
  id: string;
  versionId: string;
  version: number;
  components: ComponentView[];
  formSchema: Record<string, unknown> | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  notes: string;
  unitIds: string[];
  /** The version's publication record (issue 17); null for a version published before the workflow. */
  publication: {
    status: 'draft' | 'reviewed' | 'published' | 'withdrawn';
    decisionNumber: string | null;
    decisionDate: string | null;
    effectiveDate: string | null;
    publishedAt: Date | null;
  } | null;
};

type Executor = Db | Transaction<Database>;

/** User text inside LIKE is data: escape its wildcards (backslash is PostgreSQL's default LIKE escape). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function insertVersion(
  trx: Transaction<Database>,
  procedureId: string,
  version: number,
  p: ProcedureInput,
  actorId: string | null,
  makeCurrent = true,
): Promise<string> {
  const v = await trx
    .insertInto('procedure_version')
    .values({
      procedure_id: procedureId,
      version,
      name: p.name,
      field: p.field,
      level: p.level,
      legal_basis: JSON.stringify(p.legalBasis),
      processing_days: p.processingDays,
      cutoff_time: p.cutoffTime,
      fee: JSON.stringify(p.fee),
      steps: JSON.stringify(p.steps),
      result_type: p.resultType,
      channels: p.channels,
      online_level: p.onlineLevel,
      boundary_free: p.boundaryFree,
      form_schema: p.formSchema ? JSON.stringify(p.formSchema) : null,
      effective_from: p.effectiveFrom ?? null,
      effective_to: p.effectiveTo ?? null,
      notes: p.notes ?? '',
      created_by: actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('procedure_component')
    .values(
      p.components.map((c, position) => ({
        version_id: v.id,
        position,
        name: c.name,
        mandatory: c.mandatory,
        originals: c.originals,
        copies: c.copies,
        accepted: c.accepted,
        from_registry: c.fromRegistry,
      })),
    )
    .execute();
  if (makeCurrent) await trx.updateTable('procedure').set({ current_version_id: v.id }).where('id', '=', procedureId).execute();
  return v.id;
}

export type ProcedureFilter = { provinceId?: string; unitId?: string; q?: string; ids?: string[]; versionIds?: string[]; limit?: number };

/** Procedures at their current version (or at the given versions), with components and the units handling them. */
export async function findProcedures(db: Executor, f: ProcedureFilter): Promise<ProcedureView[]> {
  let q = db
    .selectFrom('procedure as p')
    .innerJoin('procedure_version as v', (j) =>
      f.versionIds ? j.onRef('v.procedure_id', '=', 'p.id') : j.onRef('v.id', '=', 'p.current_version_id'),
    )
    .select([
      'p.id',
      'p.code',
      'v.id as versionId',
      'v.version',
      'v.name',
      'v.field',
      'v.level',
      'v.legal_basis',
      'v.processing_days',
      'v.cutoff_time',
      'v.fee',
      'v.steps',
      'v.result_type',
      'v.channels',
      'v.online_level',
      'v.boundary_free',
      'v.form_schema',
      'v.effective_from',
      'v.effective_to',
      'v.notes',
    ]);
  if (f.versionIds) q = q.where('v.id', 'in', f.versionIds.length ? f.versionIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.provinceId) q = q.where('p.province_id', '=', f.provinceId);
  if (f.ids) q = q.where('p.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.unitId)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('unit_procedure as up').whereRef('up.procedure_id', '=', 'p.id').where('up.unit_id', '=', f.unitId!)),
    );
  if (f.q && f.q.trim()) {
    // Matches with or without diacritics: both sides are folded; a code matches by prefix.
    const folded = foldVietnamese(f.q.trim());
    const words = folded.split(/\s+/).filter(Boolean);
    q = q.where((eb) =>
      eb.or([
        eb('p.code', 'like', `${likeEscape(f.q!.trim())}%`),
        eb.and(words.map((w) => eb('v.name_folded', 'like', `%${likeEscape(w)}%`))),
      ]),
    );
    q = q.orderBy(sql`similarity(v.name_folded, ${folded})`, 'desc');
  }
  const rows = await q
    .orderBy('v.name')
    .limit(f.limit ?? 500)
    .execute();
  if (rows.length === 0) return [];
  const versionIds = rows.map((r) => r.versionId);
  const comps = await db.selectFrom('procedure_component').selectAll().where('version_id', 'in', versionIds).orderBy('position').execute();
  const units = await db
    .selectFrom('unit_procedure')
    .select(['procedure_id', 'unit_id'])
    .where(
      'procedure_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const pubs = await findPublications(db, versionIds);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    versionId: r.versionId,
    version: r.version,
    name: r.name,
    field: r.field,
    level: r.level,
    legalBasis: r.legal_basis as ProcedureView['legalBasis'],
    processingDays: Number(r.processing_days),
    cutoffTime: r.cutoff_time,
    fee: r.fee as ProcedureView['fee'],
    steps: r.steps as ProcedureView['steps'],
    resultType: r.result_type,
    channels: r.channels as ProcedureView['channels'],
    onlineLevel: r.online_level,
    boundaryFree: r.boundary_free,
    formSchema: r.form_schema,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    notes: r.notes,
    components: comps
      .filter((c) => c.version_id === r.versionId)
      .map((c) => ({
        id: c.id,
        name: c.name,
        mandatory: c.mandatory,
        originals: c.originals,
        copies: c.copies,
        accepted: c.accepted,
        fromRegistry: c.from_registry,
      })),
    unitIds: units.filter((u) => u.procedure_id === r.id).map((u) => u.unit_id),
    publication: ((x) =>
      x
        ? {
            status: x.status,
            decisionNumber: x.decisionNumber,
            decisionDate: x.decisionDate,
            effectiveDate: x.effectiveDate,
            publishedAt: x.publishedAt,
          }
        : null)(pubs.find((x) => x.versionId === r.versionId)),
  }));
}

/**
 * One procedure version as ProcedureView, from the read cache: versions are immutable (a trigger refuses
 * UPDATE/DELETE), and what else the view holds (code, components, units) is dropped on change by NOTIFY.
 */
export async function findProcedureVersion(db: Db, versionId: string): Promise<ProcedureView | undefined> {
  return cacheOf(db).get(`procedure-version:${versionId}`, ['procedure', 'procedure_component', 'unit_procedure'], async () => {
    const [p] = await findProcedures(db, { versionIds: [versionId] });
    return p;
  });
}

/** The input form of a stored procedure: what export writes and import reads back. */
export function toInput(p: ProcedureView): ProcedureInput {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    legalBasis: p.legalBasis,
    processingDays: p.processingDays,
    cutoffTime: p.cutoffTime,
    fee: p.fee,
    components: p.components.map((c) => ({
      name: c.name,
      mandatory: c.mandatory,
      originals: c.originals,
      copies: c.copies,
      accepted: c.accepted as ProcedureInput['components'][number]['accepted'],
      fromRegistry: c.fromRegistry,
    })),
    steps: p.steps,
    resultType: p.resultType,
    channels: p.channels,
    onlineLevel: p.onlineLevel,
    boundaryFree: p.boundaryFree,
    ...(p.formSchema ? { formSchema: p.formSchema } : {}),
    ...(p.effectiveFrom ? { effectiveFrom: p.effectiveFrom } : {}),
    ...(p.effectiveTo ? { effectiveTo: p.effectiveTo } : {}),
    ...(p.notes ? { notes: p.notes } : {}),
  };
}

// ---- publication of versions (0023) -------------------------------------------------------------------------

export type PublicationRow = {
  versionId: string;
  procedureId: string;
  status: 'draft' | 'reviewed' | 'published' | 'withdrawn';
  createdAt: Date;
  reviewedAt: Date | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  effectiveDate: string | null;
  publishedAt: Date | null;
};

const publicationColumns = [
  'version_id as versionId',
  'procedure_id as procedureId',
  'status',
  'created_at as createdAt',
  'reviewed_at as reviewedAt',
  'decision_number as decisionNumber',
  'decision_date as decisionDate',
  'effective_date as effectiveDate',
  'published_at as publishedAt',
] as const;

/** The publication records of these versions (versions published before the workflow have none). */
export async function findPublications(db: Executor, versionIds: string[]): Promise<PublicationRow[]> {
  if (!versionIds.length) return [];
  return db.selectFrom('procedure_publication').select(publicationColumns).where('version_id', 'in', versionIds).execute();
}

/** The record of one version, locked for a change of status (in a transaction). */
export async function lockPublication(trx: Transaction<Database>, versionId: string): Promise<PublicationRow | undefined> {
  return trx
    .selectFrom('procedure_publication')
    .select(publicationColumns)
    .where('version_id', '=', versionId)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks the procedure (versions n+1, n+2 are never made twice) and answers the next version number. */
export async function lockNextVersion(trx: Transaction<Database>, procedureId: string): Promise<number> {
  const locked = await trx.selectFrom('procedure').select('id').where('id', '=', procedureId).forUpdate().executeTakeFirstOrThrow();
  const last = await trx
    .selectFrom('procedure_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('procedure_id', '=', locked.id)
    .executeTakeFirstOrThrow();
  return Number(last.v) + 1;
}

/** The draft or reviewed version being prepared for a procedure is withdrawn (a newer draft replaces it). */
export async function withdrawOpenDraft(trx: Transaction<Database>, procedureId: string): Promise<string | null> {
  const r = await trx
    .updateTable('procedure_publication')
    .set({ status: 'withdrawn' })
    .where('procedure_id', '=', procedureId)
    .where('status', 'in', ['draft', 'reviewed'])
    .returning('version_id')
    .executeTakeFirst();
  return r?.version_id ?? null;
}

export async function insertDraftPublication(
  trx: Transaction<Database>,
  procedureId: string,
  versionId: string,
  actorId: string,
): Promise<void> {
  await trx.insertInto('procedure_publication').values({ version_id: versionId, procedure_id: procedureId, created_by: actorId }).execute();
}

export async function setPublicationStatus(
  trx: Transaction<Database>,
  versionId: string,
  status: 'draft' | 'reviewed',
  actorId: string | null,
): Promise<void> {
  await trx
    .updateTable('procedure_publication')
    .set(
      status === 'reviewed' ? { status, reviewed_at: new Date(), reviewed_by: actorId } : { status, reviewed_at: null, reviewed_by: null },
    )
    .where('version_id', '=', versionId)
    .execute();
}

/** Publishes a reviewed version: the deciding document and dates recorded, and the version becomes the current one. */
export async function publishVersion(
  trx: Transaction<Database>,
  row: PublicationRow,
  d: { decisionNumber: string; decisionDate: string; effectiveDate: string },
  actorId: string,
): Promise<Date> {
  const at = new Date();
  await trx
    .updateTable('procedure_publication')
    .set({
      status: 'published',
      decision_number: d.decisionNumber.trim(),
      decision_date: d.decisionDate,
      effective_date: d.effectiveDate,
      published_at: at,
      published_by: actorId,
    })
    .where('version_id', '=', row.versionId)
    .execute();
  await trx.updateTable('procedure').set({ current_version_id: row.versionId }).where('id', '=', row.procedureId).execute();
  return at;
}

/** Every version of a procedure, newest first, with its publication record when it has one. */
export async function listVersionsWithPublication(db: Executor, procedureId: string) {
  return db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .leftJoin('procedure_publication as pp', 'pp.version_id', 'v.id')
    .select([
      'v.id as versionId',
      'v.version',
      'v.created_at as createdAt',
      'p.current_version_id as currentVersionId',
      'pp.status',
      'pp.reviewed_at as reviewedAt',
      'pp.decision_number as decisionNumber',
      'pp.decision_date as decisionDate',
      'pp.effective_date as effectiveDate',
      'pp.published_at as publishedAt',
    ])
    .where('v.procedure_id', '=', procedureId)
    .orderBy('v.version', 'desc')
    .execute();
}

/**
 * Whether a version is in use by this citizen's own applications or dossiers, or by dossiers of these units: who may
 * read a version that is not published (a draft, a reviewed or a withdrawn one).
 */
export async function versionUsedBy(db: Executor, versionId: string, by: { citizenId?: string; unitIds?: string[] }): Promise<boolean> {
  const checks: Promise<unknown>[] = [];
  if (by.citizenId) {
    checks.push(
      db
        .selectFrom('application')
        .select('id')
        .where('procedure_version_id', '=', versionId)
        .where('citizen_id', '=', by.citizenId)
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('dossier')
        .select('id')
        .where('procedure_version_id', '=', versionId)
        .where('citizen_id', '=', by.citizenId)
        .limit(1)
        .executeTakeFirst(),
    );
  }
  if (by.unitIds?.length)
    checks.push(
      db
        .selectFrom('dossier')
        .select('id')
        .where('procedure_version_id', '=', versionId)
        .where((eb) => eb.or([eb('unit_id', 'in', by.unitIds!), eb('received_unit_id', 'in', by.unitIds!)]))
        .limit(1)
        .executeTakeFirst(),
    );
  return (await Promise.all(checks)).some(Boolean);
}

/** The province a procedure belongs to. */
export async function procedureProvince(db: Executor, procedureId: string): Promise<string | undefined> {
  return (await db.selectFrom('procedure').select('province_id').where('id', '=', procedureId).executeTakeFirst())?.province_id;
}

/** Open citizen applications (not yet submitted) and open dossiers of a procedure, per version: they stay on it. */
export async function openUseByVersion(
  db: Executor,
  procedureId: string,
  openDossierStatuses: readonly string[],
): Promise<{ versionId: string; version: number; applications: number; dossiers: number }[]> {
  const apps = await db
    .selectFrom('application')
    .select(['procedure_version_id as versionId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('procedure_id', '=', procedureId)
    .where('status', 'in', ['draft', 'awaiting-otp', 'awaiting-payment'])
    .groupBy('procedure_version_id')
    .execute();
  const dossiers = await db
    .selectFrom('dossier')
    .select(['procedure_version_id as versionId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('procedure_id', '=', procedureId)
    .where('status', 'in', [...openDossierStatuses] as never)
    // The same rows (an open status has no finished_at: migration 0003's CHECK), so the partial index of open
    // dossiers answers (migration 0033).
    .where('finished_at', 'is', null)
    .groupBy('procedure_version_id')
    .execute();
  const ids = [...new Set([...apps, ...dossiers].map((r) => r.versionId))];
  if (!ids.length) return [];
  const versions = await db.selectFrom('procedure_version').select(['id', 'version']).where('id', 'in', ids).execute();
  return versions
    .map((v) => ({
      versionId: v.id,
      version: v.version,
      applications: Number(apps.find((a) => a.versionId === v.id)?.n ?? 0),
      dossiers: Number(dossiers.find((d) => d.versionId === v.id)?.n ?? 0),
    }))
    .sort((a, b) => b.version - a.version);
}

// ---- Decision 766 group 1 (indicators 1.1–1.3) ----------------------------------------------------------------

/** Procedures a set of units covers: handled by one of them, or of a province among them. */
const coveredBy = (unitIds: readonly string[]) => sql<boolean>`(
  p.province_id = ANY(${sql.val(unitIds)}::uuid[])
  OR EXISTS (SELECT 1 FROM unit_procedure up WHERE up.procedure_id = p.id AND up.unit_id = ANY(${sql.val(unitIds)}::uuid[])))`;

/** The published versions whose deciding document is dated in the period, with their dates (Vietnam days). */
export async function publicationRecordsIn(
  db: Executor,
  q: { unitIds: readonly string[]; from: string; to: string },
): Promise<{ procedureId: string; decisionDate: string; effectiveDate: string; publishedOn: string }[]> {
  if (!q.unitIds.length) return [];
  const r = await sql<{ procedureId: string; decisionDate: string; effectiveDate: string; publishedOn: string }>`
    SELECT pp.procedure_id AS "procedureId", to_char(pp.decision_date, 'YYYY-MM-DD') AS "decisionDate",
           to_char(pp.effective_date, 'YYYY-MM-DD') AS "effectiveDate",
           to_char((pp.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS "publishedOn"
    FROM procedure_publication pp JOIN procedure p ON p.id = pp.procedure_id
    WHERE pp.status = 'published' AND pp.decision_date BETWEEN ${q.from}::date AND ${q.to}::date AND ${coveredBy(q.unitIds)}
    ORDER BY pp.decision_date, pp.procedure_id`.execute(db);
  return r.rows;
}

/**
 * The version of each covered procedure in force at the end of `day` (Vietnam time): the newest one published by
 * then, or made before the workflow (no publication record) by then.
 */
export async function versionsInForceAt(db: Executor, q: { unitIds: readonly string[]; day: string }): Promise<string[]> {
  if (!q.unitIds.length) return [];
  const r = await sql<{ id: string }>`
    SELECT DISTINCT ON (v.procedure_id) v.id
    FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    LEFT JOIN procedure_publication pp ON pp.version_id = v.id
    WHERE ${coveredBy(q.unitIds)}
      AND CASE WHEN pp.version_id IS NULL THEN (v.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${q.day}::date
               ELSE pp.status = 'published' AND (pp.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${q.day}::date END
    ORDER BY v.procedure_id, v.version DESC`.execute(db);
  return r.rows.map((x) => x.id);
}

/** A procedure's versions, newest first. */
export async function listProcedureVersions(db: Executor, procedureId: string) {
  return db
    .selectFrom('procedure_version')
    .select(['id', 'version', 'name', 'created_at', 'processing_days'])
    .where('procedure_id', '=', procedureId)
    .orderBy('version', 'desc')
    .execute();
}

/** Whether the province's catalogue already has a procedure with this national code. */
export async function procedureCodeTaken(db: Executor, provinceId: string, code: string): Promise<boolean> {
  const r = await db.selectFrom('procedure').select('id').where('province_id', '=', provinceId).where('code', '=', code).executeTakeFirst();
  return r !== undefined;
}

export async function insertProcedure(trx: Executor, provinceId: string, code: string): Promise<string> {
  return (await trx.insertInto('procedure').values({ province_id: provinceId, code }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A unit handles the procedure (enabled) or no longer does. */
export async function setUnitProcedure(trx: Executor, unitId: string, procedureId: string, enabled: boolean): Promise<void> {
  if (enabled)
    await trx
      .insertInto('unit_procedure')
      .values({ unit_id: unitId, procedure_id: procedureId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  else await trx.deleteFrom('unit_procedure').where('unit_id', '=', unitId).where('procedure_id', '=', procedureId).execute();
}
