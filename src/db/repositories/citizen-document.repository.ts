// The citizen electronic data store's rows (citizen_document: a citizen's link to a stored file, unique per
// citizen and file). The rules (who may keep or read what) are in src/services/citizen-documents.service.ts.
import type { Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** A citizen's documents with their files (one when `documentId` is given), newest first. */
export async function citizenDocumentRows(db: Executor, citizenId: string, documentId?: string) {
  let q = db
    .selectFrom('citizen_document as cd')
    .innerJoin('stored_file as f', 'f.id', 'cd.stored_file_id')
    .leftJoin('dossier as d', 'd.id', 'cd.dossier_id')
    .select([
      'cd.id',
      'cd.title',
      'cd.kind',
      'cd.stored_file_id',
      'cd.dossier_id',
      'cd.created_at',
      'f.original_name',
      'f.mime',
      'f.pages',
      'f.size_bytes',
      'f.sha256',
      'd.code as dossier_code',
    ])
    .where('cd.citizen_id', '=', citizenId);
  if (documentId) q = q.where('cd.id', '=', documentId);
  return q.orderBy('cd.created_at', 'desc').orderBy('cd.id').execute();
}

/** Whose a document is (citizen, ID number) and the unit of the dossier it came from. */
export async function citizenDocumentOwner(db: Executor, documentId: string) {
  return db
    .selectFrom('citizen_document as cd')
    .innerJoin('citizen as c', 'c.id', 'cd.citizen_id')
    .leftJoin('dossier as d', 'd.id', 'cd.dossier_id')
    .select(['cd.citizen_id', 'c.id_number', 'd.unit_id as dossier_unit_id'])
    .where('cd.id', '=', documentId)
    .executeTakeFirst();
}

/** A citizen's own upload: its state and the stored file it produced. */
export async function citizenUploadFile(db: Executor, citizenId: string, uploadId: string) {
  return db
    .selectFrom('upload')
    .select(['status', 'stored_file_id'])
    .where('id', '=', uploadId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
}

export type NewCitizenDocument = {
  citizen_id: string;
  stored_file_id: string;
  kind: 'component' | 'result' | 'receipt';
  title: string;
  dossier_id: string;
};

/** Adds documents; a file the citizen already holds stays as it is. Returns how many were added. */
export async function insertCitizenDocuments(db: Executor, rows: NewCitizenDocument[]): Promise<number> {
  if (!rows.length) return 0;
  const added = await db
    .insertInto('citizen_document')
    .values(rows)
    .onConflict((oc) => oc.columns(['citizen_id', 'stored_file_id']).doNothing())
    .returning('id')
    .execute();
  return added.length;
}

/** Keeps a file in a citizen's store; answers the document id (the existing one when the file is already there). */
export async function keepCitizenDocument(
  db: Executor,
  d: { citizenId: string; storedFileId: string; kind: 'component' | 'result' | 'receipt'; title: string },
): Promise<string> {
  const inserted = await db
    .insertInto('citizen_document')
    .values({ citizen_id: d.citizenId, stored_file_id: d.storedFileId, kind: d.kind, title: d.title })
    .onConflict((oc) => oc.columns(['citizen_id', 'stored_file_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom('citizen_document')
    .select('id')
    .where('citizen_id', '=', d.citizenId)
    .where('stored_file_id', '=', d.storedFileId)
    .executeTakeFirstOrThrow();
  return existing.id;
}
