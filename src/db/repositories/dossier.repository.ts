// Dossiers: codes, events, components, personal-data access records, outbox rows.
import { sql, type Transaction } from 'kysely';
import { foldVietnamese } from '../../domain/catalogue/fee';
import { relaxedOf, type Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** YYMMDD of a moment in Vietnam time (UTC+7, no daylight saving). */
export function vnDay(at: Date): { iso: string; yymmdd: string } {
  const iso = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { iso, yymmdd: iso.slice(2).replaceAll('-', '') };
}

/**
 * The next number of a unit's daily sequence. An upsert that increments in place: concurrent intakes
 * serialise on the counter row, so a number is never handed out twice, even across server instances.
 */
export async function nextDailyNumber(trx: Transaction<Database>, unitId: string, day: string): Promise<number> {
  const r = await trx
    .insertInto('dossier_code_counter')
    .values({ unit_id: unitId, day, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`dossier_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/** Dossier code from the configured pattern: {agency}, {yymmdd}, {yyyy}, {seq} or {seqN} (zero-padded to N). */
export function formatDossierCode(pattern: string, agency: string, at: Date, seq: number): string {
  const { iso, yymmdd } = vnDay(at);
  return pattern
    .replaceAll('{agency}', agency)
    .replaceAll('{yymmdd}', yymmdd)
    .replaceAll('{yyyy}', iso.slice(0, 4))
    .replace(/\{seq(\d)?\}/g, (_m, n: string | undefined) => String(seq).padStart(Number(n ?? 4), '0'));
}

export type EventInput = {
  dossierId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  unitId: string | null;
  reason?: string;
  data?: Record<string, unknown>;
  at: Date;
};

export async function appendEvent(trx: Transaction<Database>, e: EventInput): Promise<void> {
  await trx
    .insertInto('dossier_event')
    .values({
      dossier_id: e.dossierId,
      seq: e.seq,
      at: e.at,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      unit_id: e.unitId,
      reason: e.reason ?? '',
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

export async function logPersonalDataAccess(
  db: Executor,
  e: {
    actorId: string | null;
    actorName: string;
    unitId: string | null;
    idNumber: string;
    subjectType: string;
    subjectId?: string;
    purpose: string;
    outcome?: string;
    requestId: string;
  },
): Promise<void> {
  // Outside a transaction the entry goes through the handle whose commit does not wait for the disk: the read
  // it records answers a flush sooner (loss window and shutdown: relaxedOf in ../database.ts).
  await (db.isTransaction ? db : relaxedOf(db as Db))
    .insertInto('personal_data_access')
    .values({
      actor_id: e.actorId,
      actor_name: e.actorName,
      unit_id: e.unitId,
      id_number: e.idNumber,
      subject_type: e.subjectType,
      subject_id: e.subjectId ?? '',
      purpose: e.purpose,
      outcome: e.outcome ?? 'ok',
      request_id: e.requestId,
    })
    .execute();
}

/** A message to an outside system, in the transaction of the change that causes it. Delivered later, at least once. */
export async function enqueueOutbox(
  trx: Transaction<Database>,
  topic: string,
  idempotencyKey: string,
  payload: Record<string, unknown>,
  /** Not before this time (an SMS that waits for working hours); now when absent. */
  availableAt?: Date,
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      topic,
      idempotency_key: idempotencyKey,
      payload: JSON.stringify(payload),
      ...(availableAt ? { available_at: availableAt } : {}),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/**
 * Everything the dossier page reads, in one round trip: the row, its competent unit's schedule and kind, the
 * reception and return points, the assignee's and assisting officer's names, the history and components
 * (json_agg in correlated subqueries, each on its (dossier_id …) index) and the national portal sync state.
 * The procedure version and the calendar come from the read cache (src/db/cache.ts).
 */
export async function findDossierPage(db: Executor, id: string) {
  const row = await db
    .selectFrom('dossier as d')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .innerJoin('reception_point as pp', 'pp.id', 'd.reception_point_id')
    .innerJoin('reception_point as rp', 'rp.id', 'd.return_point_id')
    .leftJoin('staff_user as a', 'a.id', 'd.assignee_id')
    .leftJoin('staff_user as s', 's.id', 'd.assisted_by')
    .selectAll('d')
    .select([
      'u.type as unit_type',
      'u.parent_id as unit_parent_id',
      'u.office_sessions as unit_office_sessions',
      'u.working_weekdays as unit_working_weekdays',
      'u.cutoff_time as unit_cutoff_time',
      'pp.name as reception_point_name',
      'rp.name as return_point_name',
      'rp.unit_id as return_point_unit_id',
      'a.full_name as assignee_name',
      's.full_name as assisted_name',
    ])
    .select((eb) => [
      sql<EventJson[]>`(SELECT coalesce(json_agg(e ORDER BY e.seq), '[]') FROM dossier_event e WHERE e.dossier_id = d.id)`.as(
        'events_json',
      ),
      sql<ComponentJson[]>`(SELECT coalesce(json_agg(c), '[]') FROM dossier_component c WHERE c.dossier_id = d.id)`.as('components_json'),
      eb
        .selectFrom('outbox')
        .select(
          sql<PortalSyncJson>`json_build_object(
            'pending', count(*) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL),
            'delivered', count(*) FILTER (WHERE delivered_at IS NOT NULL),
            'dead', count(*) FILTER (WHERE dead_at IS NOT NULL),
            'lastDeliveredAt', max(delivered_at))`.as('sync'),
        )
        .where('topic', '=', 'national-portal.status')
        .where(sql`split_part(idempotency_key, ':', 1)`, '=', sql`d.id::text`)
        .as('portal_sync_json'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { events_json, components_json, portal_sync_json, ...dossier } = row;
  const sync = portal_sync_json ?? { pending: 0, delivered: 0, dead: 0, lastDeliveredAt: null };
  return {
    ...dossier,
    events: events_json.map((e) => ({ ...e, at: new Date(e.at) })),
    components: components_json,
    portalSync: { ...sync, lastDeliveredAt: sync.lastDeliveredAt ? new Date(sync.lastDeliveredAt) : null },
  };
}

type EventJson = {
  seq: number;
  at: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_name: string;
  actor_role: string;
  reason: string;
  data: Record<string, unknown>;
};
type ComponentJson = { component_id: string; presented: boolean; from_registry: boolean; file_ids: string[] };
type PortalSyncJson = { pending: number; delivered: number; dead: number; lastDeliveredAt: string | null };

export type WorkQueueFilter = {
  /** The units whose queue this is (competent unit, or receiving unit with `received`). */
  units: string[];
  /** What the units received for others (to return there) instead of what they handle. */
  received: boolean;
  statuses?: readonly string[];
  assigneeId?: string;
  /** Open and due before this moment. */
  overdueAt?: Date;
  /** Open and due within [from, to]. */
  dueBetween?: [Date, Date];
  q?: string;
  /** Keyset: after this (due_at, id). */
  cursor?: { dueAt: Date | null; id: string };
  limit: number;
};

/** A work queue page in one query, due first, keyset-paged on (due_at, id): stable and index-friendly at millions of rows. */
export async function findWorkQueue(db: Executor, f: WorkQueueFilter) {
  let q = db
    .selectFrom('dossier as d')
    .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
    .leftJoin('staff_user as a', 'a.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.unit_id',
      'd.received_unit_id',
      'd.channel',
      'd.applicant_name',
      'd.received_at',
      'd.due_at',
      'd.finished_at',
      'd.supplement_count',
      'd.extension_count',
      'v.name as procedure_name',
      'a.full_name as assignee_name',
    ])
    // The competent unit's queue by default; `received` lists what the units received for others.
    .where(f.received ? 'd.received_unit_id' : 'd.unit_id', 'in', f.units);
  if (f.received) q = q.whereRef('d.received_unit_id', '!=', 'd.unit_id');
  if (f.statuses) q = q.where('d.status', 'in', [...f.statuses]);
  if (f.assigneeId) q = q.where('d.assignee_id', '=', f.assigneeId).where('d.finished_at', 'is', null);
  if (f.overdueAt) q = q.where('d.finished_at', 'is', null).where('d.due_at', '<', f.overdueAt);
  if (f.dueBetween)
    q = q.where('d.finished_at', 'is', null).where('d.due_at', '>=', f.dueBetween[0]).where('d.due_at', '<=', f.dueBetween[1]);
  const term = f.q?.trim();
  if (term) {
    // Each kind of term has its own index: ID number (btree), dossier code (unique btree), folded name (trigram).
    if (/^[0-9]{12}$/.test(term)) q = q.where('d.applicant_id_number', '=', term);
    else if (/^[0-9A-Z.]+-[0-9]{6}-[0-9]+$/i.test(term)) q = q.where('d.code', '=', term.toUpperCase());
    else q = q.where(sql`motcua_fold(d.applicant_name)`, 'like', `%${foldVietnamese(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const c = f.cursor;
  if (c) {
    q =
      c.dueAt === null
        ? q.where('d.due_at', 'is', null).where('d.id', '>', c.id)
        : q.where((eb) =>
            eb.or([
              eb('d.due_at', '>', c.dueAt!),
              eb.and([eb('d.due_at', '=', c.dueAt!), eb('d.id', '>', c.id)]),
              eb('d.due_at', 'is', null),
            ]),
          );
  }
  return q
    .orderBy(sql`d.due_at ASC NULLS LAST`)
    .orderBy('d.id')
    .limit(f.limit)
    .execute();
}

/** The public status page's read (code + ID number check in the service): what a citizen may see, nothing else personal. */
export async function findPublicStatus(db: Executor, code: string) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
    .leftJoin('staff_user as a', 'a.id', 'd.assignee_id')
    .innerJoin('reception_point as rp', 'rp.id', 'd.return_point_id')
    .select([
      'd.code',
      'd.status',
      'd.applicant_id_number',
      'd.received_at',
      'd.due_at',
      'd.finished_at',
      'd.returned_at',
      'u.name as unit_name',
      'v.name as procedure_name',
      'a.full_name as officer_name',
      'rp.name as return_point',
    ])
    .where('d.code', '=', code)
    .executeTakeFirst();
}

/** Whether the citizen has a dossier that the unit received or handles (grounds for a registry lookup there). */
export async function citizenHasDossierAt(db: Executor, idNumber: string, unitId: string): Promise<boolean> {
  const hit = await db
    .selectFrom('dossier')
    .select('id')
    .where('applicant_id_number', '=', idNumber)
    .where((eb) => eb.or([eb('unit_id', '=', unitId), eb('received_unit_id', '=', unitId)]))
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}
