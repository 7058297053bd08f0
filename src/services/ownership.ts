// Every id a client sends is checked for ownership where it is used, not only where it first came in. This module is
// the one place that says whose a file is; services call it with the ids a request names, inside their transaction.
//
// - A unit's staff may attach files received by that unit (scanned at its counter) and files already attached to the
//   dossier they act on.
// - A citizen may attach only their own uploads and what their data store holds.
// Anything else — another unit's scan, another citizen's upload, an id that names nothing — is refused with one
// answer (422 `file-invalid` for staff, `file-not-owned` for citizens) listing the ids, so existence does not leak.
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { Problem } from '../domain/problems';

type Executor = Db | Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FileOwner =
  /** Staff acting for units (and, where there is one, on a dossier of a citizen). */
  | { kind: 'units'; unitIds: readonly string[]; dossierId?: string }
  /** A citizen acting for themselves. */
  | { kind: 'citizen'; citizenId: string };

/** The ids among `fileIds` that `owner` may not use (unknown ids included). */
export async function foreignFiles(db: Executor, fileIds: readonly string[], owner: FileOwner): Promise<string[]> {
  const ids = [...new Set(fileIds)];
  if (!ids.length) return [];
  const wellFormed = ids.filter((id) => UUID.test(id));
  const citizenId = owner.kind === 'citizen' ? owner.citizenId : null;
  const unitIds = owner.kind === 'units' ? owner.unitIds.filter((u) => UUID.test(u)) : [];
  const dossierId = owner.kind === 'units' && owner.dossierId && UUID.test(owner.dossierId) ? owner.dossierId : null;
  const rows = wellFormed.length
    ? await db
        .selectFrom('stored_file as f')
        .select('f.id')
        .where('f.id', 'in', wellFormed)
        .where((eb) => {
          const ors = [];
          if (unitIds.length) ors.push(eb('f.unit_id', 'in', unitIds));
          if (dossierId)
            ors.push(
              eb.exists(
                eb
                  .selectFrom('dossier_component as c')
                  .select('c.dossier_id')
                  .where('c.dossier_id', '=', dossierId)
                  .where(({ eb: e, ref }) => e(ref('f.id'), '=', e.fn.any('c.file_ids'))),
              ),
            );
          if (citizenId) {
            ors.push(eb('f.citizen_id', '=', citizenId));
            ors.push(
              eb.exists(
                eb
                  .selectFrom('citizen_document as cd')
                  .select('cd.id')
                  .whereRef('cd.stored_file_id', '=', 'f.id')
                  .where('cd.citizen_id', '=', citizenId),
              ),
            );
          }
          return ors.length ? eb.or(ors) : eb.lit(false);
        })
        .execute()
    : [];
  const have = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/** Refuses the request when any of `fileIds` is not the owner's to use (see the top of this file). */
export async function assertFilesOwned(db: Executor, fileIds: readonly string[], owner: FileOwner): Promise<void> {
  const foreign = await foreignFiles(db, fileIds, owner);
  if (foreign.length) throw new Problem(owner.kind === 'citizen' ? 'file-not-owned' : 'file-invalid', {}, { fileIds: foreign });
}
