// Compliance thresholds of a province (per unit and month, over the built-in defaults) and the threshold
// crossings recorded once per unit, kind and month (compliance_alert's primary key).
import type { Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** The thresholds a province set itself (all provinces when `provinceId` is omitted). */
export async function listThresholds(db: Executor, provinceId?: string) {
  let q = db.selectFrom('compliance_threshold').select(['province_id', 'kind', 'max_per_month']);
  if (provinceId) q = q.where('province_id', '=', provinceId);
  return q.execute();
}

export async function upsertThresholds(
  db: Executor,
  provinceId: string,
  items: { kind: string; maxPerMonth: number }[],
  now: Date,
): Promise<void> {
  if (!items.length) return;
  await db
    .insertInto('compliance_threshold')
    .values(items.map((i) => ({ province_id: provinceId, kind: i.kind, max_per_month: i.maxPerMonth, updated_at: now })))
    .onConflict((oc) =>
      oc.columns(['province_id', 'kind']).doUpdateSet((eb) => ({
        max_per_month: eb.ref('excluded.max_per_month'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Unacknowledged crossings of the units, newest first (200 at most). */
export async function openComplianceAlerts(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('compliance_alert as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['a.unit_id', 'u.name', 'a.kind', 'a.month', 'a.count', 'a.threshold', 'a.at'])
    .where('a.unit_id', 'in', unitIds)
    .where('a.acknowledged_at', 'is', null)
    .orderBy('a.at', 'desc')
    .orderBy('u.name')
    .limit(200)
    .execute();
}

/** Closes an open crossing; false when there was none. `month` is the month's first day (YYYY-MM-01). */
export async function acknowledgeComplianceAlert(
  db: Executor,
  q: { unitId: string; kind: string; month: string },
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('compliance_alert')
    .set({ acknowledged_at: now, acknowledged_by: by })
    .where('unit_id', '=', q.unitId)
    .where('kind', '=', q.kind)
    .where('month', '=', q.month)
    .where('acknowledged_at', 'is', null)
    .returning('unit_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** `unitId|kind` of the crossings already recorded for the month. */
export async function recordedCrossings(db: Executor, unitIds: string[], month: string): Promise<Set<string>> {
  if (!unitIds.length) return new Set();
  const rows = await db
    .selectFrom('compliance_alert')
    .select(['unit_id', 'kind'])
    .where('month', '=', month)
    .where('unit_id', 'in', unitIds)
    .execute();
  return new Set(rows.map((a) => `${a.unit_id}|${a.kind}`));
}

/** Records a crossing once; false when it was already recorded (a rerun or a second process). */
export async function insertCrossingOnce(
  trx: Executor,
  a: { unitId: string; kind: string; month: string; count: number; threshold: number; at: Date; recipients: unknown[] },
): Promise<boolean> {
  const r = await trx
    .insertInto('compliance_alert')
    .values({
      unit_id: a.unitId,
      kind: a.kind,
      month: a.month,
      count: a.count,
      threshold: a.threshold,
      at: a.at,
      recipients: JSON.stringify(a.recipients),
    })
    .onConflict((oc) => oc.columns(['unit_id', 'kind', 'month']).doNothing())
    .returning('unit_id')
    .executeTakeFirst();
  return r !== undefined;
}
