// The working-day calendar of each province and the deadlines computed on it. Holidays and swapped
// working days are data per year; a year with no data is generated from the Labour Code rules. Changing
// a year recomputes every open deadline of the province in the same transaction and records each change.
import type { Transaction } from 'kysely';
import { policies } from '../domain/access';
import {
  Calendar,
  DEFAULT_SCHEDULE,
  recomputeClock,
  scheduleOf,
  startClock,
  type CalendarYear,
  type UnitSchedule,
} from '../domain/calendar/index';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { cacheOf } from '../db/cache';
import {
  findCalendarYear,
  findCalendarYears,
  findFirstProvinceId,
  findProvinceUnitSchedules,
  findUnitClock,
  lockProvinceCalendar,
  upsertCalendarYear,
} from '../db/repositories/calendar.repository';
import { applyRecomputedDeadlines, findOpenDeadlines, type RecomputedDeadline } from '../db/repositories/deadline.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

// The schedule of a unit lives with the pure clock now; re-exported for the callers that import it from here.
export { scheduleOf };

export type YearView = CalendarYear & { provinceId: string; source: string };

export class CalendarService {
  // Calendars per province are in the read cache (db/cache.ts), dropped in every process when a year changes.
  constructor(private readonly db: Db) {}

  async provinceOf(unitId?: string): Promise<string> {
    if (unitId) {
      const u = await findUnitClock(this.db, unitId);
      if (!u) throw new Problem('not-found', { what: 'unit' });
      return u.parent_id ?? u.id;
    }
    const p = await findFirstProvinceId(this.db);
    if (!p) throw new Problem('not-found', { what: 'province' });
    return p;
  }

  async calendarFor(provinceId: string, db: Db | Transaction<Database> = this.db): Promise<Calendar> {
    const load = async () => new Calendar(await findCalendarYears(db, provinceId));
    // Inside a transaction the caller may read its own uncommitted year: never from the cache.
    return db === this.db ? cacheOf(this.db).get(`calendar:${provinceId}`, ['calendar_year'], load) : load();
  }

  async unitSchedule(unitId: string): Promise<{ schedule: UnitSchedule; provinceId: string }> {
    const u = await findUnitClock(this.db, unitId);
    if (!u) throw new Problem('not-found', { what: 'unit' });
    return { schedule: scheduleOf(u), provinceId: u.parent_id ?? u.id };
  }

  /** The contract's POST /api/calendar/deadline. */
  async deadline(receivedAt: Date, workingDays: number, unitId?: string): Promise<{ countedFrom: Date; dueAt: Date }> {
    const { schedule, provinceId } = unitId
      ? await this.unitSchedule(unitId)
      : { schedule: DEFAULT_SCHEDULE, provinceId: await this.provinceOf() };
    return startClock(receivedAt, workingDays, schedule, await this.calendarFor(provinceId));
  }

  async getYear(year: number, provinceId?: string): Promise<YearView> {
    const pid = provinceId ?? (await this.provinceOf());
    const row = await findCalendarYear(this.db, pid, year);
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
      await lockProvinceCalendar(trx, pid);
      await upsertCalendarYear(trx, { provinceId: pid, year, holidays, workingDays, source, updatedBy: actor.userId });
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
  const units = await findProvinceUnitSchedules(trx, provinceId);
  const schedules = new Map(units.map((u) => [u.id, scheduleOf(u)]));
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await findOpenDeadlines(trx, [...schedules.keys()], after, batch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates: RecomputedDeadline[] = [];
    for (const r of rows) {
      const { countedFrom, dueAt } = recomputeClock(
        {
          receivedAt: r.received_at,
          workingDays: r.working_days,
          mode: r.mode,
          pauses: r.pauses,
          countedFrom: r.counted_from,
          dueAt: r.due_at,
          overrideDueAt: r.override_due_at,
        },
        schedules.get(r.unit_id)!,
        calendar,
      );
      if (countedFrom.getTime() !== r.counted_from.getTime() || (dueAt?.getTime() ?? null) !== (r.due_at?.getTime() ?? null))
        updates.push({
          id: r.id,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          countedFrom,
          dueAt,
          oldCountedFrom: r.counted_from,
          oldDueAt: r.due_at,
        });
    }
    await applyRecomputedDeadlines(trx, updates, reason, actorId);
    changed += updates.length;
  }
  return changed;
}
