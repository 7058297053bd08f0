// Dossiers: every query on the dossier and what hangs on it (codes, events, components, the intake's reads,
// the action's load and write), personal-data access records, outbox rows. The rules are in src/domain/dossier;
// the use cases in src/services/dossier. The SQL of each function is snapshotted in dossier.repository.test.ts.
import { sql, type Expression, type ExpressionBuilder, type InferResult, type SqlBool, type Transaction } from 'kysely';
import { foldVietnamese } from '../../domain/catalogue/fee';
import type { DossierEffect, OutboxMessage } from '../../domain/dossier/effects';
import type { Status } from '../../domain/dossier/lifecycle';
import { relaxedOf, type Db } from '../database';
import type { Applicant, Database } from '../schema';
import { appendAudit } from './audit.repository';
import { insertDeadline, updateDeadline, type NewDeadline } from './deadline.repository';

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
  statuses?: readonly Status[];
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

/** How a search term is matched: each kind has its own index (see findWorkQueue). */
export type SearchTerm =
  { kind: 'id-number'; value: string } | { kind: 'code'; value: string } | { kind: 'name'; prefix: string; fragment: string };

/** The kind of a search term: a 12-digit ID number, a dossier code, or else a name (folded, LIKE-escaped). */
export function searchTerm(raw: string): SearchTerm {
  const term = raw.trim();
  if (/^[0-9]{12}$/.test(term)) return { kind: 'id-number', value: term };
  if (/^[0-9A-Z.]+-[0-9]{6}-[0-9]+$/i.test(term)) return { kind: 'code', value: term.toUpperCase() };
  const folded = foldVietnamese(term).replace(/[\\%_]/g, (c) => `\\${c}`);
  return { kind: 'name', prefix: `${folded}%`, fragment: `%${folded}%` };
}

type QueueEb = ExpressionBuilder<Database & { d: Database['dossier'] }, 'd'>;

/** Every condition of a work queue but the search term and the cursor. */
function queueConditions(eb: QueueEb, f: WorkQueueFilter): Expression<SqlBool>[] {
  // The competent unit's queue by default; `received` lists what the units received for others.
  const c: Expression<SqlBool>[] = [eb(f.received ? 'd.received_unit_id' : 'd.unit_id', 'in', f.units)];
  if (f.received) c.push(eb('d.received_unit_id', '!=', eb.ref('d.unit_id')));
  if (f.statuses) c.push(eb('d.status', 'in', [...f.statuses]));
  if (f.assigneeId) c.push(eb('d.assignee_id', '=', f.assigneeId), eb('d.finished_at', 'is', null));
  if (f.overdueAt) c.push(eb('d.finished_at', 'is', null), eb('d.due_at', '<', f.overdueAt));
  if (f.dueBetween) c.push(eb('d.finished_at', 'is', null), eb('d.due_at', '>=', f.dueBetween[0]), eb('d.due_at', '<=', f.dueBetween[1]));
  return c;
}

/** Keyset: the rows after (due_at, id) in the queue's order (due first, no due date last). */
function afterCursor(eb: QueueEb, c: { dueAt: Date | null; id: string }): Expression<SqlBool> {
  return c.dueAt === null
    ? eb.and([eb('d.due_at', 'is', null), eb('d.id', '>', c.id)])
    : eb.or([eb('d.due_at', '>', c.dueAt), eb.and([eb('d.due_at', '=', c.dueAt), eb('d.id', '>', c.id)]), eb('d.due_at', 'is', null)]);
}

const foldedName = sql<string>`motcua_fold(d.applicant_name)`;

/**
 * A work queue page in one query, due first, keyset-paged on (due_at, id): stable and index-friendly at millions
 * of rows. A search term narrows it by its own index: ID number (B-tree), dossier code (unique B-tree), or name.
 * A name is matched from its start first, on the B-tree of (unit, folded name) that reads only the units' own
 * names (`dossier_unit_name_prefix`, migration 0030: the counter types a full name from the start); only when no
 * dossier of the queue has a name starting with the term are names containing it anywhere listed (the trigram
 * index, which covers every unit). Both branches are in the one statement: the fragment branch carries the
 * "no prefix match" test as a one-time filter, so PostgreSQL runs its scan only when that test holds. Which
 * branch answers does not depend on the cursor, so the pages of one search never mix the two.
 */
export async function findWorkQueue(db: Executor, f: WorkQueueFilter) {
  const term = f.q?.trim() ? searchTerm(f.q) : undefined;
  const page = (match?: (eb: QueueEb) => Expression<SqlBool>) =>
    db
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
      .where((eb) => {
        const c = queueConditions(eb, f);
        if (match) c.push(match(eb));
        if (f.cursor) c.push(afterCursor(eb, f.cursor));
        return eb.and(c);
      })
      .orderBy(sql`d.due_at ASC NULLS LAST`)
      .orderBy('d.id')
      .limit(f.limit);
  if (!term) return page().execute();
  if (term.kind === 'id-number') return page((eb) => eb('d.applicant_id_number', '=', term.value)).execute();
  if (term.kind === 'code') return page((eb) => eb('d.code', '=', term.value)).execute();
  const prefix = page((eb) => eb(foldedName, 'like', term.prefix));
  const anyPrefix = db
    .selectFrom('dossier as d')
    .select(sql`1`.as('one'))
    .where((eb) => eb.and([...queueConditions(eb, f), eb(foldedName, 'like', term.prefix)]));
  const fragment = page((eb) => eb.and([eb(foldedName, 'like', term.fragment), eb.not(eb.exists(anyPrefix))]));
  type Row = InferResult<typeof prefix>[number];
  return db
    .selectFrom(sql<Row>`((${prefix}) UNION ALL (${fragment}))`.as('m'))
    .selectAll()
    .orderBy(sql`m.due_at ASC NULLS LAST`)
    .orderBy('m.id')
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

/** The outbox topic of each kind of message an effect describes (the adapters read these topics). */
export const MESSAGE_TOPICS = { portal: 'national-portal.status', sms: 'sms.send', email: 'email.send' } as const;

async function enqueueMessages(trx: Transaction<Database>, messages: readonly OutboxMessage[]): Promise<void> {
  for (const m of messages) await enqueueOutbox(trx, MESSAGE_TOPICS[m.channel], m.key, m.payload);
}

// ——— Intake ———

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

/** The dossier, locked for the action's transaction. */
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

/** The tracking book (form 07): the unit's dossiers received in [from, to), numbered by reception order. */
export async function trackingBookRows(db: Db, unitId: string, from: Date, to: Date) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('procedure_version as v', 'v.id', 'd.procedure_version_id')
    .select([
      sql<number>`row_number() OVER (ORDER BY d.received_at, d.code)::int`.as('no'),
      'd.code',
      'd.applicant_name',
      'v.name',
      'd.received_at',
      'd.due_at',
      'd.finished_at',
      'd.returned_at',
      'd.status',
      'd.extension_count',
      'd.supplement_count',
      'd.received_unit_id',
    ])
    .where('d.unit_id', '=', unitId)
    .where('d.received_at', '>=', from)
    .where('d.received_at', '<', to)
    .orderBy('d.received_at')
    .orderBy('d.code')
    .execute();
}

/** The title of the staff member who recorded the dossier's event `seq` (null when none or not a staff member). */
export async function eventActorTitle(db: Db, dossierId: string, seq: number): Promise<string | null> {
  const row = await db
    .selectFrom('dossier_event as e')
    .leftJoin('staff_user as u', 'u.id', 'e.actor_id')
    .select(['u.title'])
    .where('e.dossier_id', '=', dossierId)
    .where('e.seq', '=', seq)
    .executeTakeFirst();
  return row?.title ?? null;
}
