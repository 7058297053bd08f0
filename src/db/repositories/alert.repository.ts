// The deadline watch's notifications: one row per dossier and kind (a unique key makes "once" a fact of the
// database, whichever worker gets there first), the staff who receive them, and the in-app list.
import { type Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;
export type AlertRecipient = { userId: string | null; role: string; name: string; channel: 'in-app' | 'sms' | 'email'; to?: string };

/** Inserts the alert unless this dossier already has one of this kind; true when this call inserted it. */
export async function insertAlertOnce(
  trx: Transaction<Database>,
  a: {
    dossierId: string;
    unitId: string;
    kind: string;
    at: Date;
    dueAt: Date | null;
    recipients: AlertRecipient[];
    data: Record<string, unknown>;
  },
): Promise<boolean> {
  const r = await trx
    .insertInto('dossier_alert')
    .values({
      dossier_id: a.dossierId,
      unit_id: a.unitId,
      kind: a.kind,
      at: a.at,
      due_at: a.dueAt,
      recipients: JSON.stringify(a.recipients),
      data: JSON.stringify(a.data),
    })
    .onConflict((oc) => oc.constraint('dossier_alert_once').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Kinds already raised for these dossiers ("<dossier id>|<kind>"). */
export async function existingAlerts(db: Executor, dossierIds: string[]): Promise<Set<string>> {
  if (dossierIds.length === 0) return new Set();
  const rows = await db.selectFrom('dossier_alert').select(['dossier_id', 'kind']).where('dossier_id', 'in', dossierIds).execute();
  return new Set(rows.map((r) => `${r.dossier_id}|${r.kind}`));
}

export type StaffContact = { userId: string; name: string; phone: string; email: string; role: string; unitId: string };

/** Active staff holding one of `roles` in one of `unitIds`. */
export async function staffWithRoles(db: Executor, unitIds: string[], roles: string[]): Promise<StaffContact[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.full_name', 'u.phone', 'u.email', 'r.role', 'r.unit_id'])
    .where('r.unit_id', 'in', unitIds)
    .where('r.role', 'in', roles)
    .where('u.active', '=', true)
    .orderBy('u.username')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.full_name, phone: r.phone, email: r.email, role: r.role, unitId: r.unit_id }));
}

export async function staffById(db: Executor, id: string): Promise<StaffContact | undefined> {
  const r = await db
    .selectFrom('staff_user')
    .select(['id', 'full_name', 'phone', 'email'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return r ? { userId: r.id, name: r.full_name, phone: r.phone, email: r.email, role: 'assignee', unitId: '' } : undefined;
}

export async function listAlerts(db: Executor, unitIds: string[], limit: number, beforeId?: string) {
  if (unitIds.length === 0) return [];
  let q = db
    .selectFrom('dossier_alert as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .select(['a.id', 'a.dossier_id', 'a.unit_id', 'a.kind', 'a.at', 'a.due_at', 'a.recipients', 'a.data', 'd.code', 'd.status'])
    .where('a.unit_id', 'in', unitIds)
    .orderBy('a.id', 'desc')
    .limit(limit);
  if (beforeId) q = q.where('a.id', '<', beforeId);
  return q.execute();
}
