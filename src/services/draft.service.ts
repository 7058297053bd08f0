// Intake drafts: saved on the server as the officer types (the browser keeps its own copy too). Saving is
// idempotent by draft id and ordered by revision, so a late retry never overwrites newer typing. A draft is
// deleted when its dossier is created (a late save of it is then ignored), and drafts nobody touched for
// MOTCUA_DRAFT_MAX_AGE_DAYS are purged by the `draft-purge` job.
import type { Transaction } from 'kysely';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { requireActor, type ServiceContext } from './context';

export type DraftView = {
  id: string;
  unitId: string;
  data: Record<string, unknown>;
  revision: number;
  updatedAt: Date;
  dossierId: string | null;
};

export class DraftService {
  constructor(private readonly db: Db) {}

  async save(ctx: ServiceContext, id: string, unitId: string, revision: number, data: Record<string, unknown>): Promise<DraftView> {
    const actor = requireActor(ctx);
    if (!actor.roles.some((g) => g.unitId === unitId && g.role === 'reception-officer')) throw new Problem('forbidden');
    // The dossier was already created from this draft (an autosave that arrived after the submit): nothing to keep.
    const done = await this.db
      .selectFrom('dossier')
      .select('id')
      .where('intake_draft_id', '=', id)
      .where(
        'received_unit_id',
        'in',
        actor.roles.map((g) => g.unitId),
      )
      .executeTakeFirst();
    if (done) return { id, unitId, data, revision, updatedAt: new Date(), dossierId: done.id };
    const row = await this.db
      .insertInto('intake_draft')
      .values({ id, user_id: actor.userId, unit_id: unitId, data: JSON.stringify(data), revision })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ data: JSON.stringify(data), revision, unit_id: unitId, updated_at: new Date() })
          // Only the owner's newer revision wins; an older one arriving late is ignored.
          .where('intake_draft.user_id', '=', actor.userId)
          .where('intake_draft.revision', '<', revision),
      )
      .returningAll()
      .executeTakeFirst();
    const current = row ?? (await this.db.selectFrom('intake_draft').selectAll().where('id', '=', id).executeTakeFirst());
    if (!current || current.user_id !== actor.userId) throw new Problem('not-found', { what: 'draft' });
    return this.view(current);
  }

  async list(ctx: ServiceContext): Promise<DraftView[]> {
    const actor = requireActor(ctx);
    const rows = await this.db
      .selectFrom('intake_draft')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .where('dossier_id', 'is', null)
      .orderBy('updated_at', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => this.view(r));
  }

  async remove(ctx: ServiceContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    await this.db.deleteFrom('intake_draft').where('id', '=', id).where('user_id', '=', actor.userId).execute();
  }

  /** Deletes drafts not saved for `maxAgeDays` (abandoned forms); returns how many. */
  static async purgeStale(db: Db, maxAgeDays: number, now = new Date()): Promise<number> {
    const r = await db
      .deleteFrom('intake_draft')
      .where('updated_at', '<', new Date(now.getTime() - maxAgeDays * 86_400_000))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  private view(r: {
    id: string;
    unit_id: string;
    data: Record<string, unknown>;
    revision: number;
    updated_at: Date;
    dossier_id: string | null;
  }): DraftView {
    return { id: r.id, unitId: r.unit_id, data: r.data, revision: r.revision, updatedAt: r.updated_at, dossierId: r.dossier_id };
  }
}

/** In the transaction creating dossier `dossierId` from draft `draftId`: delete the officer's draft and remember it. */
export async function closeDraft(trx: Transaction<Database>, draftId: string, userId: string, dossierId: string): Promise<void> {
  const draft = await trx.selectFrom('intake_draft').select('user_id').where('id', '=', draftId).forUpdate().executeTakeFirst();
  if (draft && draft.user_id !== userId) return;
  await trx.deleteFrom('intake_draft').where('id', '=', draftId).execute();
  await trx.updateTable('dossier').set({ intake_draft_id: draftId }).where('id', '=', dossierId).execute();
}
