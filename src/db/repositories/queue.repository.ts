// The queue's SQL: the province's settings, the kiosk's counters and fields, the day's ticket numbers, the
// tickets and their timed events, the counter sessions, the call-next claim (two officers never take one
// ticket), the board, and the raw times the capacity figures are computed from. The rules are in
// src/domain/queue; the use cases in services/queue.service.ts and queue-stats.service.ts. The SQL of each
// function is snapshotted in test/db/sql/queue.sql.test.ts.
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../database';
import type { Database, QueueTicketTable } from '../schema';

type Q = Db | Transaction<Database>;

/** The next number of a field prefix's daily sequence at a unit: an in-place increment, safe under concurrency. */
export async function nextTicketSeq(trx: Transaction<Database>, unitId: string, day: string, prefix: string): Promise<number> {
  const r = await trx
    .insertInto('queue_number_counter')
    .values({ unit_id: unitId, day, prefix, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day', 'prefix']).doUpdateSet({ last: sql`queue_number_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/**
 * Claims the ticket a counter calls next, in the order `pickNext` (domain/queue/lifecycle.ts) specifies:
 * checked-in appointments whose slot has come, by slot; then walk-ins — on a priority turn by weight, else
 * ordinary before priority — by arrival; appointments not yet due last. `FOR UPDATE SKIP LOCKED`: a
 * ticket another officer is claiming at this moment is skipped, never waited for nor taken twice.
 */
export async function claimNextTicket(
  trx: Transaction<Database>,
  c: { counterId: string; receptionPointId: string; day: string; now: Date; priorityTurn: boolean },
): Promise<{ id: string } | undefined> {
  const weightOrder = c.priorityTurn ? sql`t.weight DESC` : sql`(t.weight > 0) ASC`;
  const r = await sql<{ id: string }>`
    SELECT t.id FROM queue_ticket t
    WHERE t.reception_point_id = ${c.receptionPointId} AND t.day = ${c.day} AND t.status = 'waiting'
      AND (t.target_counter_id = ${c.counterId}
           OR (t.target_counter_id IS NULL AND t.field_id IN (SELECT field_id FROM counter_field WHERE counter_id = ${c.counterId})))
    ORDER BY
      CASE WHEN t.slot_start IS NULL THEN 1 WHEN t.slot_start <= ${c.now} THEN 0 ELSE 2 END,
      CASE WHEN t.slot_start <= ${c.now} THEN t.slot_start END ASC NULLS LAST,
      ${weightOrder},
      t.arrived_at, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED`.execute(trx);
  return r.rows[0];
}

export type TimedTicket = {
  arrivedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

// ---- settings and the kiosk ----

/** The stored queue settings of the unit's province; undefined when the unit does not exist, `settings: null` when none are stored. */
export async function findQueueSettings(db: Q, unitId: string): Promise<{ settings: unknown } | undefined> {
  const u = await db.selectFrom('unit').select(['id', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
  if (!u) return undefined;
  const row = await db
    .selectFrom('queue_settings')
    .select('settings')
    .where('province_id', '=', u.parent_id ?? u.id)
    .executeTakeFirst();
  return { settings: row ? row.settings : null };
}

/** What a kiosk shows: the unit, its active counters, the fields each serves, those fields and the active reception points. */
export async function findKiosk(db: Q, unitId: string) {
  const unit = await db.selectFrom('unit').select(['id', 'name', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) return undefined;
  const counters = await db
    .selectFrom('counter')
    .select(['id', 'name', 'number', 'reception_point_id'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .orderBy('reception_point_id')
    .orderBy('number')
    .execute();
  const links = counters.length
    ? await db
        .selectFrom('counter_field')
        .select(['counter_id', 'field_id'])
        .where(
          'counter_id',
          'in',
          counters.map((c) => c.id),
        )
        .execute()
    : [];
  const fieldIds = [...new Set(links.map((l) => l.field_id))];
  const fields = fieldIds.length
    ? await db
        .selectFrom('service_field')
        .select(['id', 'name', 'prefix'])
        .where('id', 'in', fieldIds)
        .orderBy('position')
        .orderBy('name')
        .execute()
    : [];
  const points = await db
    .selectFrom('reception_point')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .execute();
  return { unit, counters, links, fields, points };
}

/**
 * The reception point of the unit whose active counters serve the field: the named one, or without a name the
 * unit's own premises first (not a point it keeps at another unit's centre), then the oldest.
 */
export async function findPointServing(db: Q, unitId: string, fieldId: string, receptionPointId?: string): Promise<string | undefined> {
  let q = db
    .selectFrom('counter as c')
    .innerJoin('counter_field as cf', 'cf.counter_id', 'c.id')
    .innerJoin('reception_point as p', 'p.id', 'c.reception_point_id')
    .select('c.reception_point_id')
    .where('c.unit_id', '=', unitId)
    .where('c.active', '=', true)
    .where('cf.field_id', '=', fieldId)
    .orderBy(sql`(p.host_unit_id = p.unit_id)`, 'desc')
    .orderBy('p.created_at')
    .orderBy('c.reception_point_id')
    .limit(1);
  if (receptionPointId) q = q.where('c.reception_point_id', '=', receptionPointId);
  return (await q.executeTakeFirst())?.reception_point_id;
}

export async function findFieldName(db: Q, fieldId: string): Promise<string | undefined> {
  return (await db.selectFrom('service_field').select('name').where('id', '=', fieldId).executeTakeFirst())?.name;
}

export async function getFieldPrefix(db: Q, fieldId: string): Promise<string> {
  return (await db.selectFrom('service_field').select(['prefix']).where('id', '=', fieldId).executeTakeFirstOrThrow()).prefix;
}

// ---- tickets ----

export async function insertTicket(trx: Transaction<Database>, values: Insertable<QueueTicketTable>): Promise<string> {
  return (await trx.insertInto('queue_ticket').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** One change of a ticket, timed, in the transaction of the change. */
export async function appendTicketEvent(
  trx: Transaction<Database>,
  e: {
    ticketId: string;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    counterId: string | null;
    officerId: string | null;
    details: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('queue_ticket_event')
    .values({
      ticket_id: e.ticketId,
      at: e.at,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      counter_id: e.counterId,
      officer_id: e.officerId,
      details: JSON.stringify(e.details),
    })
    .execute();
}

/** Waiting tickets of a field at a reception point that arrived before `before` (on `day`, when given). */
export async function countWaitingAhead(db: Q, w: { pointId: string; fieldId: string; day?: string; before: Date }): Promise<number> {
  let q = db
    .selectFrom('queue_ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reception_point_id', '=', w.pointId)
    .where('field_id', '=', w.fieldId);
  if (w.day !== undefined) q = q.where('day', '=', w.day);
  const r = await q.where('status', '=', 'waiting').where('arrived_at', '<', w.before).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counters of the reception point serving the field that an officer holds now. */
export async function countOpenCountersServing(db: Q, pointId: string, fieldId: string): Promise<number> {
  const r = await db
    .selectFrom('counter_session as s')
    .innerJoin('counter as c', 'c.id', 's.counter_id')
    .innerJoin('counter_field as cf', 'cf.counter_id', 'c.id')
    .select((eb) => eb.fn.count<number>('c.id').distinct().as('n'))
    .where('s.closed_at', 'is', null)
    .where('c.reception_point_id', '=', pointId)
    .where('cf.field_id', '=', fieldId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Start and finish of the field's last `limit` finished tickets at the unit, latest first. */
export function lastHandlingTimes(db: Q, unitId: string, fieldId: string, limit: number) {
  return db
    .selectFrom('queue_ticket')
    .select(['started_at', 'finished_at'])
    .where('unit_id', '=', unitId)
    .where('field_id', '=', fieldId)
    .where('status', '=', 'finished')
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
}

/** The call display: the last 12 tickets called or served today, and how many wait per field. */
export async function findBoard(db: Q, unitId: string, day: string) {
  const calling = await db
    .selectFrom('queue_ticket as t')
    .innerJoin('counter as c', 'c.id', 't.counter_id')
    .select(['t.number', 'c.number as counter', 'c.name as counterName', 't.field_id', 't.called_at', 't.call_count'])
    .where('t.unit_id', '=', unitId)
    .where('t.day', '=', day)
    .where('t.status', 'in', ['called', 'serving'])
    .orderBy('t.called_at', 'desc')
    .limit(12)
    .execute();
  const waiting = await db
    .selectFrom('queue_ticket')
    .select(['field_id'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('unit_id', '=', unitId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .groupBy('field_id')
    .execute();
  return { calling, waiting };
}

const TICKET_COLS = [
  't.id',
  't.number',
  't.unit_id',
  't.reception_point_id',
  't.field_id',
  't.status',
  't.priority',
  't.call_count',
  't.counter_id',
  't.dossier_id',
  't.appointment_id',
  't.slot_start',
  't.arrived_at',
  't.called_at',
  't.started_at',
  't.finished_at',
] as const;

/** A ticket as it is shown, with its counter's number. */
export function findTicketView(db: Q, id: string) {
  return db
    .selectFrom('queue_ticket as t')
    .leftJoin('counter as c', 'c.id', 't.counter_id')
    .select(TICKET_COLS)
    .select('c.number as counter_number')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** The counter's current ticket (called or being served), locked. */
export function lockCurrentTicket(trx: Transaction<Database>, counterId: string) {
  return trx
    .selectFrom('queue_ticket')
    .selectAll()
    .where('counter_id', '=', counterId)
    .where('status', 'in', ['called', 'serving'])
    .orderBy('called_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

/** The claimed ticket called to the counter; its fields the counter's priority turn and the near-notice need. */
export function markTicketCalled(trx: Transaction<Database>, id: string, c: { counterId: string; officerId: string; now: Date }) {
  return trx
    .updateTable('queue_ticket')
    .set({ status: 'called', call_count: 1, counter_id: c.counterId, officer_id: c.officerId, called_at: c.now, target_counter_id: null })
    .where('id', '=', id)
    .returning(['id', 'weight', 'slot_start', 'field_id', 'reception_point_id'])
    .executeTakeFirstOrThrow();
}

/** A change of a ticket's columns (recall, miss, start, finish, transfer, near notice); the rule that allows it is the caller's. */
export async function updateTicket(trx: Transaction<Database>, id: string, patch: Updateable<QueueTicketTable>): Promise<void> {
  await trx.updateTable('queue_ticket').set(patch).where('id', '=', id).execute();
}

/** The first `limit` waiting tickets of a field at a reception point on a day, by arrival. */
export function waitingLine(trx: Transaction<Database>, pointId: string, fieldId: string, day: string, limit: number) {
  return trx
    .selectFrom('queue_ticket')
    .select(['id', 'number', 'phone', 'near_notified'])
    .where('reception_point_id', '=', pointId)
    .where('field_id', '=', fieldId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .orderBy('arrived_at')
    .limit(limit)
    .execute();
}

/** A dossier a finished ticket names, with the unit of its reception point (left join: undefined unit when none). */
export function findDossierAtReception(trx: Transaction<Database>, dossierId: string) {
  return trx
    .selectFrom('dossier as d')
    .leftJoin('reception_point as rp', 'rp.id', 'd.reception_point_id')
    .select(['d.id', 'rp.unit_id'])
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
}

// ---- counters and their sessions ----

export function findCounter(db: Q, id: string) {
  return db.selectFrom('counter').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The counter row, locked: the officer's actions at one counter are serialised on it. */
export function lockCounter(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('counter').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function findTransferTarget(trx: Transaction<Database>, counterId: string) {
  return trx.selectFrom('counter').select(['id', 'reception_point_id', 'active']).where('id', '=', counterId).executeTakeFirst();
}

export async function setOrdinarySincePriority(trx: Transaction<Database>, counterId: string, n: number): Promise<void> {
  await trx.updateTable('counter').set({ ordinary_since_priority: n }).where('id', '=', counterId).execute();
}

/** Who holds each counter of the unit now. */
export function listOpenSessions(db: Q, unitId: string) {
  return db
    .selectFrom('counter_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.officer_id')
    .innerJoin('counter as c', 'c.id', 's.counter_id')
    .select(['s.counter_id', 's.officer_id', 'u.full_name'])
    .where('c.unit_id', '=', unitId)
    .where('s.closed_at', 'is', null)
    .execute();
}

/** The counter's open session and its officer's name, with the counter row locked first (two sign-ins serialise). */
export async function lockCounterSession(trx: Transaction<Database>, counterId: string) {
  await trx.selectFrom('counter').select('id').where('id', '=', counterId).forUpdate().execute();
  return trx
    .selectFrom('counter_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.officer_id')
    .select(['s.id', 's.officer_id', 'u.full_name'])
    .where('s.counter_id', '=', counterId)
    .where('s.closed_at', 'is', null)
    .executeTakeFirst();
}

/** Signs the officer in to the counter, closing any other session they held: never before it opened (a clock
 * set back, or a simulation replaying an earlier day). */
export async function openCounterSession(trx: Transaction<Database>, counterId: string, officerId: string, now: Date): Promise<void> {
  await trx
    .updateTable('counter_session')
    .set({ closed_at: sql<Date>`greatest(${now}::timestamptz, opened_at)` })
    .where('officer_id', '=', officerId)
    .where('closed_at', 'is', null)
    .execute();
  await trx.insertInto('counter_session').values({ counter_id: counterId, officer_id: officerId, opened_at: now }).execute();
}

/** Closes the officer's session at the counter; false when they held none. */
export async function closeCounterSession(trx: Transaction<Database>, counterId: string, officerId: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('counter_session')
    .set({ closed_at: sql<Date>`greatest(${now}::timestamptz, opened_at)` })
    .where('counter_id', '=', counterId)
    .where('officer_id', '=', officerId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function holdsCounter(trx: Transaction<Database>, counterId: string, officerId: string): Promise<boolean> {
  const s = await trx
    .selectFrom('counter_session')
    .select('id')
    .where('counter_id', '=', counterId)
    .where('officer_id', '=', officerId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return !!s;
}

// ---- what the times tell ----

export type CapacityRow = { dow: number; hour: number; days: number; arrivals: number; aht: number | null; staffed: number };

/**
 * Per ISO weekday and hour (Vietnam time) over a period of days: the days seen, arrivals, average handling
 * minutes of finished tickets, and counter-hours staffed (distinct counters that called in that hour).
 */
export async function capacityRows(db: Q, q: { unitId: string; from: string; to: string }): Promise<CapacityRow[]> {
  const r = await sql<CapacityRow>`
    WITH t AS (
      SELECT day, extract(isodow FROM arrived_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS dow,
             extract(hour FROM arrived_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS hour, started_at, finished_at, status
      FROM queue_ticket WHERE unit_id = ${q.unitId} AND day >= ${q.from}::date AND day <= ${q.to}::date
    ), days AS (
      SELECT extract(isodow FROM day)::int AS dow, count(DISTINCT day)::int AS days FROM t GROUP BY 1
    ), arr AS (
      SELECT dow, hour, count(*)::int AS arrivals,
             avg(extract(epoch FROM finished_at - started_at) / 60) FILTER (WHERE status = 'finished') AS aht
      FROM t GROUP BY 1, 2
    ), staffed AS (
      SELECT extract(isodow FROM e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS dow,
             extract(hour FROM e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS hour,
             count(DISTINCT (date_trunc('hour', e.at), e.counter_id))::int AS counter_hours
      FROM queue_ticket_event e JOIN queue_ticket qt ON qt.id = e.ticket_id
      WHERE qt.unit_id = ${q.unitId} AND qt.day >= ${q.from}::date AND qt.day <= ${q.to}::date AND e.action = 'call'
      GROUP BY 1, 2
    )
    SELECT arr.dow, arr.hour, days.days, arr.arrivals, arr.aht, coalesce(staffed.counter_hours, 0)::int AS staffed
    FROM arr JOIN days USING (dow) LEFT JOIN staffed USING (dow, hour)
    ORDER BY 1, 2`.execute(db);
  return r.rows;
}

/** Arrival, call and slot times of a unit's called tickets over a period (booked or walk-in only, when asked). */
export function calledTicketTimes(db: Q, unitId: string, from: string, to: string, booked?: boolean) {
  let qb = db
    .selectFrom('queue_ticket')
    .select(['arrived_at', 'called_at', 'slot_start'])
    .where('unit_id', '=', unitId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('called_at', 'is not', null);
  if (booked !== undefined) qb = qb.where('appointment_id', booked ? 'is not' : 'is', null);
  return qb.execute();
}

// ---- the citizen's rating at the counter ----

/** A ticket that is rated: where, by whom, and whether it was served. */
export function findTicketForRating(db: Q, ticketId: string) {
  return db
    .selectFrom('queue_ticket')
    .select(['id', 'unit_id', 'officer_id', 'counter_id', 'dossier_id', 'status'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
}

/** A dossier rated by its code: the unit of its reception point, who received it and when. */
export function findDossierForRating(db: Q, code: string) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('reception_point as p', 'p.id', 'd.reception_point_id')
    .select(['d.id', 'p.unit_id', 'd.received_by', 'd.received_at'])
    .where('d.code', '=', code)
    .executeTakeFirst();
}

export function findTicketOfDossier(db: Q, dossierId: string) {
  return db.selectFrom('queue_ticket').select(['id', 'counter_id']).where('dossier_id', '=', dossierId).executeTakeFirst();
}

/** Whether the visit is rated already: by its ticket, or (without a ticket) by its dossier. */
export async function ratingExists(db: Q, by: { ticketId: string | null; dossierId: string | null }): Promise<boolean> {
  const r = await db
    .selectFrom('counter_rating')
    .select('id')
    .where((eb) =>
      by.ticketId ? eb('ticket_id', '=', by.ticketId) : eb.and([eb('dossier_id', '=', by.dossierId), eb('ticket_id', 'is', null)]),
    )
    .executeTakeFirst();
  return !!r;
}

/** The rating row; the unique index on the visit refuses a second (error 23505, answered by the caller). */
export async function insertCounterRating(db: Q, values: Insertable<Database['counter_rating']>): Promise<string> {
  return (await db.insertInto('counter_rating').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setRatingFeedback(db: Q, ratingId: string, feedbackId: string): Promise<void> {
  await db.updateTable('counter_rating').set({ feedback_id: feedbackId }).where('id', '=', ratingId).execute();
}

/** A unit's ratings in [from, to), with each officer's name. */
export function listRatings(db: Q, unitId: string, from: Date, to: Date) {
  return db
    .selectFrom('counter_rating as r')
    .leftJoin('staff_user as u', 'u.id', 'r.officer_id')
    .select(['r.officer_id', 'u.full_name', 'r.contacts', 'r.bodies', 'r.publicity', 'r.attitude'])
    .where('r.unit_id', '=', unitId)
    .where('r.at', '>=', from)
    .where('r.at', '<', to)
    .execute();
}
