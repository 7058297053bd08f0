// Dossier reads for people: the dossier page in one round trip, the work queues and name search (the ward's own
// name index first), the public status by code, the tracking book (form 07), who recorded an event. SQL
// snapshotted in test/db/sql/dossier.sql.test.ts.
import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type InferResult, type SqlBool, type Transaction } from 'kysely';
import { foldVietnamese } from '../../domain/catalogue/fee';
import type { Status } from '../../domain/dossier/lifecycle';
import { type Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/**
 * Everything the dossier page reads, in one round trip: the row, its competent unit's schedule and kind, the
 * reception and return points, the assignee's and assisting officer's names, the history and components
 * (json_agg in correlated subqueries, each on its (dossier_id …) index) and the national portal sync state.
 * The procedure version and the calendar come from the read cache (src/db/cache.ts).
 */
function dossierPageQuery(db: Executor, id: string) {
  return db
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
    .where('d.id', '=', id);
}

type PageRow = InferResult<ReturnType<typeof dossierPageQuery>>[number];
const PAGE_ID_PLACEHOLDER = '00000000-0000-4000-8000-00000000d05e';
let pageCompiled: CompiledQuery<PageRow> | null = null;

export async function findDossierPage(db: Executor, id: string) {
  // Built and compiled once per process: only the id changes from one page to the next, and building the query
  // (joins, selections, subqueries) took about a twentieth of the server's time per page under 16 clients.
  pageCompiled ??= dossierPageQuery(db, PAGE_ID_PLACEHOLDER).compile();
  const parameters = pageCompiled.parameters.map((p) => (p === PAGE_ID_PLACEHOLDER ? id : p));
  const row = (await db.executeQuery<PageRow>({ ...pageCompiled, parameters })).rows[0];
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
 * Up to this many distinct names containing a fragment are matched through the name index; beyond it (a fragment
 * as common as "thi") the queue is read in its own order with the fragment as a filter, which fills a page
 * quickly precisely because so many names match.
 */
export const FRAGMENT_NAMES_MAX = 1000;

/**
 * A work queue page, due first, keyset-paged on (due_at, id): stable and index-friendly at millions of rows. A
 * search term narrows it by its own index: ID number (B-tree), dossier code (unique B-tree), or name.
 * A name is matched from its start first, on the B-tree of (unit, folded name) that reads only the units' own
 * names (`dossier_unit_name_prefix`, migration 0030: the counter types a full name from the start), in one
 * statement. Only when no dossier of the queue has a name starting with the term are names containing it
 * anywhere listed: the names containing the fragment come from the province's name dictionary (`applicant_name`,
 * migration 0032: each name once, with its trigram index), and the queue's dossiers with exactly those names from
 * the same B-tree. Which way answers does not depend on the cursor, so the pages of one search never mix the two.
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
  const byPrefix = await page((eb) => eb(foldedName, 'like', term.prefix)).execute();
  if (byPrefix.length) return byPrefix;
  // Nothing on this page from the start of a name: past the last prefix match (a later page of such a search),
  // or none in the queue at all, which makes it a fragment search.
  if (f.cursor) {
    const anyPrefix = await db
      .selectFrom('dossier as d')
      .select(sql`1`.as('one'))
      .where((eb) => eb.and([...queueConditions(eb, f), eb(foldedName, 'like', term.prefix)]))
      .limit(1)
      .executeTakeFirst();
    if (anyPrefix) return [];
  }
  const names = await db
    .selectFrom('applicant_name')
    .select('folded')
    .where('folded', 'like', term.fragment)
    .limit(FRAGMENT_NAMES_MAX + 1)
    .execute();
  if (!names.length) return [];
  if (names.length > FRAGMENT_NAMES_MAX) return page((eb) => eb(foldedName, 'like', term.fragment)).execute();
  // Each name on its own through the (unit, folded name) B-tree, a page's worth at most per name, then the
  // page of them all. Written as a LATERAL join so that the plan does not depend on PostgreSQL's guess of how
  // many dossiers the names have (with names of the dictionary that no dossier of these units carries, it
  // guessed thousands and walked the unit's whole queue instead: 26 ms against 7 at 10 M with 840,000 names).
  const list = names.map((n) => n.folded);
  const perName = page((eb) => eb(foldedName, '=', sql.ref<string>('n.name')));
  type Row = InferResult<typeof perName>[number];
  const r = await sql<Row>`SELECT m.* FROM unnest(${list}::text[]) AS n(name) CROSS JOIN LATERAL (${perName}) AS m
    ORDER BY m.due_at ASC NULLS LAST, m.id LIMIT ${f.limit}`.execute(db);
  return r.rows;
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
