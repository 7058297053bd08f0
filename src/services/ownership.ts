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
import { usableFileIds } from '../db/repositories/file.repository';

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
  const have = await usableFileIds(db, wellFormed, { unitIds, dossierId, citizenId });
  return ids.filter((id) => !have.has(id));
}

/** Refuses the request when any of `fileIds` is not the owner's to use (see the top of this file). */
export async function assertFilesOwned(db: Executor, fileIds: readonly string[], owner: FileOwner): Promise<void> {
  const foreign = await foreignFiles(db, fileIds, owner);
  if (foreign.length) throw new Problem(owner.kind === 'citizen' ? 'file-not-owned' : 'file-invalid', {}, { fileIds: foreign });
}
