// Units and their reception points: every query about them.
import { cacheOf } from '../cache';
import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Db } from '../database';
import type { Database, ReceptionPointTable, UnitTable } from '../schema';
import type { UnitNode } from '../../domain/access';

export type UnitView = {
  id: string;
  slug: string;
  code: string;
  name: string;
  /** "Phường Hạc Thành" for "Trung tâm Phục vụ hành chính công phường Hạc Thành": for menus and tight places. */
  shortName: string;
  type: 'province' | 'ward' | 'commune';
  parentId: string | null;
  address: string;
  phone: string;
  email: string;
  officeSessions: { start: string; end: string }[];
  workingWeekdays: number[];
  cutoffTime: string;
  saturdayReception: boolean;
  /** A training unit (no real data; never sent to real systems nor counted). */
  training: boolean;
  receptionPoints: { id: string; name: string; address: string; hostUnitId: string; active: boolean }[];
};

export function shortUnitName(name: string): string {
  const rest = name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

// The unit tree is read on every scoped request and changes a few times a year: kept in the read cache
// (../cache.ts), dropped in every process when a unit changes.
export async function listUnitTree(db: Db): Promise<UnitNode[]> {
  return cacheOf(db).get('unit-tree', ['unit'], async () => {
    const rows = await db.selectFrom('unit').select(['id', 'parent_id', 'type', 'training']).execute();
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, type: r.type, ...(r.training ? { training: true } : {}) }));
  });
}

/** After a unit change in this process (other processes hear of it by NOTIFY). */
export function forgetUnitTree(db: Db): void {
  cacheOf(db).forget('unit');
}

/** A unit's office hours and province (the working-time clock of its deadlines), from the read cache. */
export async function findUnitSchedule(db: Db, unitId: string) {
  return cacheOf(db).get(`unit-schedule:${unitId}`, ['unit'], () =>
    db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'type', 'office_sessions', 'working_weekdays', 'cutoff_time'])
      .where('id', '=', unitId)
      .executeTakeFirst(),
  );
}

export async function listUnits(db: Db, ids?: ReadonlySet<string>): Promise<UnitView[]> {
  if (ids && ids.size === 0) return [];
  let q = db.selectFrom('unit').selectAll().orderBy('type', 'desc').orderBy('name');
  if (ids) q = q.where('id', 'in', [...ids]);
  const units = await q.execute();
  const points = units.length
    ? await db
        .selectFrom('reception_point')
        .selectAll()
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .orderBy('name')
        .execute()
    : [];
  return units.map((u) => ({
    id: u.id,
    slug: u.slug,
    code: u.code,
    name: u.name,
    shortName: shortUnitName(u.name),
    type: u.type,
    parentId: u.parent_id,
    address: u.address,
    phone: u.phone,
    email: u.email,
    officeSessions: u.office_sessions,
    workingWeekdays: u.working_weekdays,
    cutoffTime: u.cutoff_time,
    saturdayReception: u.saturday_reception,
    training: u.training,
    receptionPoints: points
      .filter((p) => p.unit_id === u.id)
      .map((p) => ({ id: p.id, name: p.name, address: p.address, hostUnitId: p.host_unit_id, active: p.active })),
  }));
}

export async function findUnit(db: Db, id: string): Promise<UnitView | undefined> {
  const [u] = await listUnits(db, new Set([id]));
  return u;
}

/** A unit's name and code (reports' headings); throws when the unit does not exist. */
export async function unitNameAndCode(db: Db, id: string): Promise<{ name: string; code: string }> {
  return db.selectFrom('unit').select(['name', 'code']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Every unit that is not a training unit: id, name, type and parent. */
export async function realUnits(db: Db) {
  return db.selectFrom('unit').select(['id', 'name', 'type', 'parent_id']).where('training', '=', false).execute();
}

type Executor = Db | Transaction<Database>;

export async function insertUnit(db: Executor, values: Insertable<UnitTable>): Promise<string> {
  return (await db.insertInto('unit').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUnit(db: Executor, id: string, changes: Updateable<UnitTable>): Promise<void> {
  await db.updateTable('unit').set(changes).where('id', '=', id).execute();
}

export async function insertReceptionPoint(db: Executor, values: Insertable<ReceptionPointTable>): Promise<string> {
  return (await db.insertInto('reception_point').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findReceptionPoint(db: Executor, id: string) {
  return db.selectFrom('reception_point').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateReceptionPoint(db: Executor, id: string, changes: Updateable<ReceptionPointTable>): Promise<void> {
  await db.updateTable('reception_point').set(changes).where('id', '=', id).execute();
}

/** What a form's heading and letterhead show of a unit; throws when the unit does not exist. */
export async function unitLetterhead(db: Db, id: string) {
  return db.selectFrom('unit').select(['name', 'code', 'address', 'phone', 'type']).where('id', '=', id).executeTakeFirstOrThrow();
}
