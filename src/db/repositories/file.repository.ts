// Stored files (scans at the counter, citizens' uploads, results): their rows, who holds them, and which
// dossiers link to them. The rules of who may use or see a file are in src/services/ownership.ts and
// src/services/file.service.ts; the queries are here.
import type { Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

export type NewStoredFile = {
  sha256: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  sizeBytes: number;
  pages: number;
  originalName: string;
  storageKey: string;
  unitId: string | null;
  citizenId: string | null;
  uploadedBy: string | null;
  uploadedAt: Date;
  officerSignature: string;
};

export async function insertStoredFile(db: Executor, f: NewStoredFile): Promise<{ id: string; uploaded_at: Date }> {
  return db
    .insertInto('stored_file')
    .values({
      sha256: f.sha256,
      mime: f.mime,
      size_bytes: f.sizeBytes,
      pages: f.pages,
      original_name: f.originalName,
      storage_key: f.storageKey,
      unit_id: f.unitId,
      citizen_id: f.citizenId,
      uploaded_by: f.uploadedBy,
      uploaded_at: f.uploadedAt,
      officer_signature: f.officerSignature,
    })
    .returning(['id', 'uploaded_at'])
    .executeTakeFirstOrThrow();
}

export async function findStoredFile(db: Executor, id: string) {
  return db.selectFrom('stored_file').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the citizen's data store holds the file. */
export async function citizenDocumentHoldsFile(db: Executor, citizenId: string, fileId: string): Promise<boolean> {
  const doc = await db
    .selectFrom('citizen_document')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where('stored_file_id', '=', fileId)
    .executeTakeFirst();
  return doc !== undefined;
}

/** The units of the dossiers whose components list the file. */
export async function unitsOfDossiersWithFile(db: Executor, fileId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dossier_component as c')
    .innerJoin('dossier as d', 'd.id', 'c.dossier_id')
    .select('d.unit_id')
    .where(({ eb, val }) => eb(val(fileId), '=', eb.fn.any('c.file_ids')))
    .execute();
  return rows.map((r) => r.unit_id);
}

/**
 * The ids among `ids` (well-formed UUIDs) that the holder may use: received by one of `unitIds`, attached to the
 * dossier `dossierId`, uploaded by the citizen `citizenId` or held in that citizen's data store.
 */
export async function usableFileIds(
  db: Executor,
  ids: readonly string[],
  holder: { unitIds: readonly string[]; dossierId: string | null; citizenId: string | null },
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('stored_file as f')
    .select('f.id')
    .where('f.id', 'in', ids)
    .where((eb) => {
      const ors = [];
      if (holder.unitIds.length) ors.push(eb('f.unit_id', 'in', holder.unitIds));
      if (holder.dossierId)
        ors.push(
          eb.exists(
            eb
              .selectFrom('dossier_component as c')
              .select('c.dossier_id')
              .where('c.dossier_id', '=', holder.dossierId)
              .where(({ eb: e, ref }) => e(ref('f.id'), '=', e.fn.any('c.file_ids'))),
          ),
        );
      if (holder.citizenId) {
        ors.push(eb('f.citizen_id', '=', holder.citizenId));
        ors.push(
          eb.exists(
            eb
              .selectFrom('citizen_document as cd')
              .select('cd.id')
              .whereRef('cd.stored_file_id', '=', 'f.id')
              .where('cd.citizen_id', '=', holder.citizenId),
          ),
        );
      }
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .execute();
  return new Set(rows.map((r) => r.id));
}
