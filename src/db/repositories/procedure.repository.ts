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
  await trx.updateTable('procedure').set({ current_version_id: v.id }).where('id', '=', procedureId).execute();
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
