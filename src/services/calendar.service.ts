// The working-day calendar of each province and the deadlines computed on it. Holidays and swapped
// working days are data per year; a year with no data is generated from the Labour Code rules. Changing
// a year recomputes every open deadline of the province in the same transaction and records each change.
import { sql, type Transaction } from 'kysely';
import { policies } from '../domain/access';
import {
  Calendar,
  computeDeadline,
  computeDueWithPauses,
  countingStart,
  DEFAULT_SCHEDULE,
  type CalendarYear,
  type UnitSchedule,
} from '../domain/calendar/index';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { cacheOf } from '../db/cache';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

export type YearView = CalendarYear & { provinceId: string; source: string };

type UnitRow = {
  id: string;
  parent_id: string | null;
  office_sessions: { start: string; end: string }[];
  working_weekdays: number[];
  cutoff_time: string;
};

export function scheduleOf(u: Pick<UnitRow, 'office_sessions' | 'working_weekdays' | 'cutoff_time'>, cutoff?: string): UnitSchedule {
  return { sessions: u.office_sessions, weekdays: u.working_weekdays, cutoff: cutoff ?? u.cutoff_time };
}

export class CalendarService {
  // Calendars per province are in the read cache (db/cache.ts), dropped in every process when a year changes.
  constructor(private readonly db: Db) {}

  async provinceOf(unitId?: string): Promise<string> {
    if (unitId) {
      const u = await this.db.selectFrom('unit').select(['id', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
      if (!u) throw new Problem('not-found', { what: 'unit' });
      return u.parent_id ?? u.id;
    }
    const p = await this.db.selectFrom('unit').select('id').where('type', '=', 'province').orderBy('created_at').executeTakeFirst();
    if (!p) throw new Problem('not-found', { what: 'province' });
    return p.id;
  }

  async calendarFor(provinceId: string, db: Db | Transaction<Database> = this.db): Promise<Calendar> {
    const load = async () => {
      const rows = await db.selectFrom('calendar_year').selectAll().where('province_id', '=', provinceId).execute();
      return new Calendar(rows.map((r) => ({ year: r.year, holidays: r.holidays, workingDays: r.working_days, generated: r.generated })));
    };
    // Inside a transaction the caller may read its own uncommitted year: never from the cache.
    return db === this.db ? cacheOf(this.db).get(`calendar:${provinceId}`, ['calendar_year'], load) : load();
  }

  async unitSchedule(unitId: string): Promise<{ schedule: UnitSchedule; provinceId: string }> {
    const u = await this.db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'office_sessions', 'working_weekdays', 'cutoff_time'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!u) throw new Problem('not-found', { what: 'unit' });
    return { schedule: scheduleOf(u), provinceId: u.parent_id ?? u.id };
  }

  /** The contract's POST /api/calendar/deadline. */
  async deadline(receivedAt: Date, workingDays: number, unitId?: string): Promise<{ countedFrom: Date; dueAt: Date }> {
    const { schedule, provinceId } = unitId
      ? await this.unitSchedule(unitId)
      : { schedule: DEFAULT_SCHEDULE, provinceId: await this.provinceOf() };
    return computeDeadline({ receivedAt, workingDays, schedule, calendar: await this.calendarFor(provinceId) });
  }

  async getYear(year: number, provinceId?: string): Promise<YearView> {
    const pid = provinceId ?? (await this.provinceOf());
    const row = await this.db
      .selectFrom('calendar_year')
      .selectAll()
      .where('province_id', '=', pid)
      .where('year', '=', year)
      .executeTakeFirst();
    if (row)
      return { provinceId: pid, year, holidays: row.holidays, workingDays: row.working_days, generated: row.generated, source: row.source };
    const y = (await this.calendarFor(pid)).getYear(year);
    return {
      provinceId: pid,
      ...y,
      holidays: [...y.holidays],
      workingDays: [...y.workingDays],
      source: 'Bộ luật Lao động 2019, Điều 112 (tự sinh)',
    };
  }

  /**
   * Replaces a year's holidays and swapped working days, then recomputes every open deadline of the
   * province's units in the same transaction, recording old and new due times with the reason.
   */
  async putYear(
    ctx: ServiceContext,
    year: number,
    body: { holidays: string[]; workingDays: string[]; source?: string },
    provinceId?: string,
  ): Promise<YearView & { recomputed: number }> {
    const actor = requireActor(ctx);
    const pid = provinceId ?? (await this.provinceOf());
    const tree = await listUnitTree(this.db);
    if (!actor.roles.some((r) => r.role === 'system-admin') && !policies.createUnit(actor, tree, pid)) throw new Problem('forbidden');
    const outside = [...body.holidays, ...body.workingDays].filter((d) => !d.startsWith(`${year}-`));
    if (outside.length) throw new Problem('calendar-date-outside-year', { year, dates: outside.slice(0, 5).join(', ') });
    const both = body.holidays.filter((d) => body.workingDays.includes(d));
    if (both.length) throw new Problem('calendar-date-conflict', { dates: both.join(', ') });
    const holidays = [...new Set(body.holidays)].sort();
    const workingDays = [...new Set(body.workingDays)].sort();
    const source = body.source ?? '';
    const recomputed = await this.db.transaction().execute(async (trx) => {
      // One writer per province at a time, so two administrators' edits cannot interleave recomputations.
      await sql`SELECT pg_advisory_xact_lock(4242003, hashtext(${pid}))`.execute(trx);
      await trx
        .insertInto('calendar_year')
        .values({ province_id: pid, year, holidays, working_days: workingDays, generated: false, source, updated_by: actor.userId })
        .onConflict((oc) =>
          oc.columns(['province_id', 'year']).doUpdateSet({
            holidays,
            working_days: workingDays,
            generated: false,
            source,
            updated_at: new Date(),
            updated_by: actor.userId,
          }),
        )
        .execute();
      const calendar = await this.calendarFor(pid, trx);
      const n = await recomputeOpenDeadlines(trx, pid, calendar, `calendar ${year} changed${source ? `: ${source}` : ''}`, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, pid),
        unitId: pid,
        action: 'calendar.year-replaced',
        subjectType: 'calendar-year',
        subjectId: String(year),
        requestId: ctx.requestId,
        details: { holidays, workingDays, source, recomputed: n },
      });
      return n;
    });
    cacheOf(this.db).forget('calendar_year');
    return { ...(await this.getYear(year, pid)), recomputed };
  }
}

/**
 * Recomputes the open deadlines of a province's units on `calendar`, in batches, writing only those that
 * change, each with a deadline_change row. Reads only open deadlines through the partial index.
 */
export async function recomputeOpenDeadlines(
  trx: Transaction<Database>,
  provinceId: string,
  calendar: Calendar,
  reason: string,
  actorId: string | null,
  batch = 5_000,
): Promise<number> {
  const units = await trx
    .selectFrom('unit')
    .select(['id', 'office_sessions', 'working_weekdays', 'cutoff_time'])
    .where((eb) => eb.or([eb('id', '=', provinceId), eb('parent_id', '=', provinceId)]))
    .execute();
  const schedules = new Map(units.map((u) => [u.id, scheduleOf(u)]));
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await trx
      .selectFrom('deadline')
      .select([
        'id',
        'unit_id',
        'subject_type',
        'subject_id',
        'received_at',
        'working_days',
        'mode',
        'pauses',
        'counted_from',
        'due_at',
        'override_due_at',
      ])
      .where('closed_at', 'is', null)
      .where('unit_id', 'in', [...schedules.keys()])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates: {
      id: string;
      subjectType: string;
      subjectId: string;
      countedFrom: Date;
      dueAt: Date | null;
      old: Date;
      oldDue: Date | null;
    }[] = [];
    for (const r of rows) {
      const schedule = schedules.get(r.unit_id)!;
      const countedFrom = countingStart(r.received_at, schedule, calendar);
      const computed = computeDueWithPauses({
        countedFrom,
        workingDays: Number(r.working_days),
        pauses: r.pauses.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
        mode: r.mode,
        schedule,
        calendar,
      });
      // The one new date of an apology stays: it was promised to the citizen in writing.
      const dueAt = r.override_due_at ?? computed.dueAt;
      if (countedFrom.getTime() !== r.counted_from.getTime() || (dueAt?.getTime() ?? null) !== (r.due_at?.getTime() ?? null))
        updates.push({
          id: r.id,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          countedFrom,
          dueAt,
          old: r.counted_from,
          oldDue: r.due_at,
        });
    }
    if (updates.length === 0) continue;
    const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${u.countedFrom}::timestamptz, ${u.dueAt}::timestamptz)`));
    await sql`
      UPDATE deadline d SET counted_from = v.counted_from, due_at = v.due_at, updated_at = now()
      FROM (VALUES ${values}) AS v(id, counted_from, due_at) WHERE d.id = v.id`.execute(trx);
    // Dossiers keep their due time beside the deadline for the work queues' index.
    const dossiers = updates.filter((u) => u.subjectType === 'dossier');
    if (dossiers.length) {
      const dv = sql.join(dossiers.map((u) => sql`(${u.subjectId}::uuid, ${u.countedFrom}::timestamptz, ${u.dueAt}::timestamptz)`));
      await sql`
        UPDATE dossier d SET counted_from = v.counted_from, due_at = v.due_at, updated_at = now()
        FROM (VALUES ${dv}) AS v(id, counted_from, due_at) WHERE d.id = v.id`.execute(trx);
    }
    await trx
      .insertInto('deadline_change')
      .values(
        updates.map((u) => ({
          deadline_id: u.id,
          old_counted_from: u.old,
          new_counted_from: u.countedFrom,
          old_due_at: u.oldDue,
          new_due_at: u.dueAt,
          reason,
          actor_id: actorId,
        })),
      )
      .execute();
    changed += updates.length;
  }
  return changed;
}
