// Units and their reception points: every query about them.
import type { Db } from '../database';
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
  receptionPoints: { id: string; name: string; address: string; hostUnitId: string; active: boolean }[];
};

// The unit tree is read on every scoped request and changes a few times a year: cache it briefly per
// database handle. A new unit shows up everywhere within TREE_TTL_MS (and at once in this process).
const TREE_TTL_MS = 5_000;
const treeCache = new WeakMap<object, { at: number; tree: UnitNode[] }>();

export function shortUnitName(name: string): string {
  const rest = name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export async function listUnitTree(db: Db): Promise<UnitNode[]> {
  const hit = treeCache.get(db);
  if (hit && Date.now() - hit.at < TREE_TTL_MS) return hit.tree;
  const rows = await db.selectFrom('unit').select(['id', 'parent_id', 'type']).execute();
  const tree = rows.map((r) => ({ id: r.id, parentId: r.parent_id, type: r.type }));
  treeCache.set(db, { at: Date.now(), tree });
  return tree;
}

export function forgetUnitTree(db: Db): void {
  treeCache.delete(db);
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
    receptionPoints: points
      .filter((p) => p.unit_id === u.id)
      .map((p) => ({ id: p.id, name: p.name, address: p.address, hostUnitId: p.host_unit_id, active: p.active })),
  }));
}

export async function findUnit(db: Db, id: string): Promise<UnitView | undefined> {
  const [u] = await listUnits(db, new Set([id]));
  return u;
}
