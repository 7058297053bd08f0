// Counter intake drafts: every query about `intake_draft` (and the dossier a draft became).
import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database, IntakeDraftTable } from '../schema';

type Q = Db | Transaction<Database>;
export type DraftRow = Selectable<IntakeDraftTable>;

/** The dossier already created from a draft, among the dossiers received by the given units. */
export async function dossierFromDraft(db: Q, draftId: string, unitIds: readonly string[]): Promise<string | undefined> {
  const r = await db
    .selectFrom('dossier')
    .select('id')
    .where('intake_draft_id', '=', draftId)
    .where('received_unit_id', 'in', [...unitIds])
    .executeTakeFirst();
  return r?.id;
}

/**
 * Inserts the draft, or updates it when the same owner sends a newer revision; an older revision arriving late
 * changes nothing. Returns the row as it is now (undefined when the id belongs to nobody).
 */
export async function upsertDraft(
  db: Q,
  d: { id: string; userId: string; unitId: string; data: Record<string, unknown>; revision: number },
): Promise<DraftRow | undefined> {
  const row = await db
    .insertInto('intake_draft')
    .values({ id: d.id, user_id: d.userId, unit_id: d.unitId, data: JSON.stringify(d.data), revision: d.revision })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ data: JSON.stringify(d.data), revision: d.revision, unit_id: d.unitId, updated_at: new Date() })
        // Only the owner's newer revision wins; an older one arriving late is ignored.
        .where('intake_draft.user_id', '=', d.userId)
        .where('intake_draft.revision', '<', d.revision),
    )
    .returningAll()
    .executeTakeFirst();
  return row ?? (await db.selectFrom('intake_draft').selectAll().where('id', '=', d.id).executeTakeFirst());
}

/** An officer's open drafts, newest first (at most 50). */
export function listOpenDrafts(db: Q, userId: string): Promise<DraftRow[]> {
  return db
    .selectFrom('intake_draft')
    .selectAll()
    .where('user_id', '=', userId)
    .where('dossier_id', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(50)
    .execute();
}

export async function deleteOwnDraft(db: Q, id: string, userId: string): Promise<void> {
  await db.deleteFrom('intake_draft').where('id', '=', id).where('user_id', '=', userId).execute();
}

/** Deletes drafts not saved since `before`; returns how many. */
export async function deleteDraftsBefore(db: Q, before: Date): Promise<number> {
  const r = await db.deleteFrom('intake_draft').where('updated_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** In the transaction creating dossier `dossierId` from draft `draftId`: delete the officer's draft and remember it. */
export async function closeDraftOf(trx: Transaction<Database>, draftId: string, userId: string, dossierId: string): Promise<void> {
  const draft = await trx.selectFrom('intake_draft').select('user_id').where('id', '=', draftId).forUpdate().executeTakeFirst();
  if (draft && draft.user_id !== userId) return;
  await trx.deleteFrom('intake_draft').where('id', '=', draftId).execute();
  await trx.updateTable('dossier').set({ intake_draft_id: draftId }).where('id', '=', dossierId).execute();
}
