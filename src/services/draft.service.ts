// Intake drafts: saved on the server as the officer types (the browser keeps its own copy too). Saving is
// idempotent by draft id and ordered by revision, so a late retry never overwrites newer typing. A draft is
// deleted when its dossier is created (a late save of it is then ignored), and drafts nobody touched for
// MOTCUA_DRAFT_MAX_AGE_DAYS are purged by the `draft-purge` job.
import type { Transaction } from 'kysely';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import {
  closeDraftOf,
  deleteDraftsBefore,
  deleteOwnDraft,
  dossierFromDraft,
  listOpenDrafts,
  upsertDraft,
  type DraftRow,
} from '../db/repositories/draft.repository';
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
    const done = await dossierFromDraft(
      this.db,
      id,
      actor.roles.map((g) => g.unitId),
    );
    if (done) return { id, unitId, data, revision, updatedAt: new Date(), dossierId: done };
    const current = await upsertDraft(this.db, { id, userId: actor.userId, unitId, data, revision });
    if (!current || current.user_id !== actor.userId) throw new Problem('not-found', { what: 'draft' });
    return this.view(current);
  }

  async list(ctx: ServiceContext): Promise<DraftView[]> {
    const actor = requireActor(ctx);
    return (await listOpenDrafts(this.db, actor.userId)).map((r) => this.view(r));
  }

  async remove(ctx: ServiceContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    await deleteOwnDraft(this.db, id, actor.userId);
  }

  /** Deletes drafts not saved for `maxAgeDays` (abandoned forms); returns how many. */
  static purgeStale(db: Db, maxAgeDays: number, now = new Date()): Promise<number> {
    return deleteDraftsBefore(db, new Date(now.getTime() - maxAgeDays * 86_400_000));
  }

  private view(r: DraftRow): DraftView {
    return { id: r.id, unitId: r.unit_id, data: r.data, revision: r.revision, updatedAt: r.updated_at, dossierId: r.dossier_id };
  }
}

/** In the transaction creating dossier `dossierId` from draft `draftId`: delete the officer's draft and remember it. */
export function closeDraft(trx: Transaction<Database>, draftId: string, userId: string, dossierId: string): Promise<void> {
  return closeDraftOf(trx, draftId, userId, dossierId);
}
