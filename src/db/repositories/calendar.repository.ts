// Working-day calendars per province and year, and the province a unit belongs to. The calendar itself is
// pure (src/domain/calendar); this file reads and writes the `calendar_year` rows.
import { sql, type Transaction } from 'kysely';
import type { CalendarYear } from '../../domain/calendar/year';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

export async function findCalendarYears(db: Executor, provinceId: string): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('calendar_year').selectAll().where('province_id', '=', provinceId).execute();
  return rows.map((r) => ({ year: r.year, holidays: r.holidays, workingDays: r.working_days, generated: r.generated }));
}

export async function findCalendarYear(db: Executor, provinceId: string, year: number) {
  return db.selectFrom('calendar_year').selectAll().where('province_id', '=', provinceId).where('year', '=', year).executeTakeFirst();
}

/** One writer per province at a time, so two administrators' edits cannot interleave recomputations. */
export async function lockProvinceCalendar(trx: Transaction<Database>, provinceId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(4242003, hashtext(${provinceId}))`.execute(trx);
}

export async function upsertCalendarYear(
  trx: Transaction<Database>,
  y: { provinceId: string; year: number; holidays: string[]; workingDays: string[]; source: string; updatedBy: string },
): Promise<void> {
  await trx
    .insertInto('calendar_year')
    .values({
      province_id: y.provinceId,
      year: y.year,
      holidays: y.holidays,
      working_days: y.workingDays,
      generated: false,
      source: y.source,
      updated_by: y.updatedBy,
    })
    .onConflict((oc) =>
      oc.columns(['province_id', 'year']).doUpdateSet({
        holidays: y.holidays,
        working_days: y.workingDays,
        generated: false,
        source: y.source,
        updated_at: new Date(),
        updated_by: y.updatedBy,
      }),
    )
    .execute();
}

/** The first province (a single-province installation's default). */
export async function findFirstProvinceId(db: Executor): Promise<string | undefined> {
  return (await db.selectFrom('unit').select('id').where('type', '=', 'province').orderBy('created_at').executeTakeFirst())?.id;
}

/** A province and its units, with their office hours (each unit's clock). */
export async function findProvinceUnitSchedules(db: Executor, provinceId: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'office_sessions', 'working_weekdays', 'cutoff_time'])
    .where((eb) => eb.or([eb('id', '=', provinceId), eb('parent_id', '=', provinceId)]))
    .execute();
}

/** Every unit with its office hours and province (the deadline watch goes unit by unit). */
export async function listUnitSchedules(db: Executor) {
  return db.selectFrom('unit').select(['id', 'parent_id', 'office_sessions', 'working_weekdays', 'cutoff_time']).execute();
}

/** One unit with its office hours and province, read from the database (not the cache). */
export async function findUnitClock(db: Executor, unitId: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'parent_id', 'office_sessions', 'working_weekdays', 'cutoff_time'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}
