// The citizen electronic data store (kho dữ liệu điện tử): the digitised components and the results of the
// citizen's earlier dossiers, and files they chose to keep, attached to a new application without uploading
// them again. A document is a citizen's link to a stored_file (unique per citizen and file). Only the citizen
// sees their store; an officer reads a document only where the file is visible to their unit (FileService
// rules), and every such read is logged as an access to personal data.
import type { Transaction } from 'kysely';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import {
  citizenDocumentOwner,
  citizenDocumentRows,
  citizenUploadFile,
  insertCitizenDocuments,
  keepCitizenDocument,
} from '../db/repositories/citizen-document.repository';
import { logPersonalDataAccess } from '../db/repositories/dossier.repository';
import { requireCitizen, type ServiceContext } from './context';
import { assertFilesOwned } from './ownership';
import type { FileService, Mime } from './file.service';

type Executor = Db | Transaction<Database>;

export type DocumentKind = 'component' | 'result' | 'receipt';

export type CitizenDocumentView = {
  id: string;
  title: string;
  kind: DocumentKind;
  fileId: string;
  fileName: string;
  mime: Mime;
  pages: number;
  sizeBytes: number;
  sha256: string;
  dossierId: string | null;
  dossierCode: string | null;
  createdAt: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_TITLE = 'Tài liệu';

const cleanTitle = (t: string | undefined) => (t ?? '').trim().slice(0, 200) || DEFAULT_TITLE;

export class CitizenDocumentsService {
  constructor(
    private readonly db: Db,
    private readonly files: FileService,
  ) {}

  /** The signed-in citizen's documents, newest first. */
  async list(ctx: ServiceContext): Promise<CitizenDocumentView[]> {
    const c = requireCitizen(ctx);
    return documents(this.db, c.citizenId);
  }

  /** One document of the signed-in citizen (404 for anyone else's). */
  async get(ctx: ServiceContext, documentId: string): Promise<CitizenDocumentView> {
    const c = requireCitizen(ctx);
    if (!UUID.test(documentId)) throw new Problem('not-found', { what: 'document' });
    const [d] = await documents(this.db, c.citizenId, documentId);
    if (!d) throw new Problem('not-found', { what: 'document' });
    return d;
  }

  /** A document's bytes: for its citizen, or for an officer of a unit the file is visible to (logged as an access
   * to personal data). Anyone else gets 404. */
  async read(ctx: ServiceContext, documentId: string): Promise<{ document: CitizenDocumentView; bytes: Buffer; mime: Mime }> {
    if (!ctx.citizen && !ctx.actor) throw new Problem('citizen-not-signed-in');
    if (!UUID.test(documentId)) throw new Problem('not-found', { what: 'document' });
    const row = await citizenDocumentOwner(this.db, documentId);
    if (!row) throw new Problem('not-found', { what: 'document' });
    if (ctx.citizen?.citizenId === row.citizen_id) {
      const [document] = await documents(this.db, row.citizen_id, documentId);
      const { bytes, file } = await this.files.read(ctx, document!.fileId);
      return { document: document!, bytes, mime: file.mime };
    }
    const actor = ctx.actor;
    if (!actor) throw new Problem('not-found', { what: 'document' });
    const [document] = await documents(this.db, row.citizen_id, documentId);
    // The officer sees the file only where FileService lets their unit see it (a citizen session is not theirs).
    const { bytes, file } = await this.files.read({ ...ctx, citizen: null }, document!.fileId);
    await logPersonalDataAccess(this.db, {
      actorId: actor.userId,
      actorName: actor.username,
      unitId: row.dossier_unit_id ?? null,
      idNumber: row.id_number,
      subjectType: 'citizen-document',
      subjectId: documentId,
      purpose: 'đọc tài liệu trong kho dữ liệu điện tử của công dân',
      requestId: ctx.requestId,
    });
    return { document: document!, bytes, mime: file.mime };
  }

  /** See `addFromDossier` below (the same, for callers holding the service). */
  addFromDossier(db: Executor, input: Parameters<typeof addFromDossier>[1]): Promise<number> {
    return addFromDossier(db, input);
  }

  /** See `addUploaded` below. */
  addUploaded(db: Executor, citizenId: string, storedFileId: string, title: string): Promise<string> {
    return addUploaded(db, citizenId, storedFileId, title);
  }

  /** See `assertOwnedFiles` below. */
  assertOwnedFiles(db: Executor, citizenId: string, fileIds: readonly string[]): Promise<void> {
    return assertOwnedFiles(db, citizenId, fileIds);
  }

  /** Keeps a file the signed-in citizen uploaded (by its complete upload or its file id) in their data store.
   * Keeping it again answers the same document. */
  async keep(ctx: ServiceContext, input: { uploadId?: string; fileId?: string; title: string }): Promise<CitizenDocumentView> {
    const c = requireCitizen(ctx);
    let fileId = input.fileId;
    if (input.uploadId) {
      if (!UUID.test(input.uploadId)) throw new Problem('not-found', { what: 'upload' });
      const u = await citizenUploadFile(this.db, c.citizenId, input.uploadId);
      if (!u) throw new Problem('not-found', { what: 'upload' });
      if (u.status !== 'complete' || !u.stored_file_id)
        throw new Problem('validation-failed', { summary: 'uploadId: the upload is not complete yet' });
      if (fileId && fileId !== u.stored_file_id)
        throw new Problem('validation-failed', { summary: 'uploadId and fileId name different files' });
      fileId = u.stored_file_id;
    }
    if (!fileId) throw new Problem('validation-failed', { summary: 'give uploadId or fileId' });
    const id = await addUploaded(this.db, c.citizenId, fileId, input.title);
    const [d] = await documents(this.db, c.citizenId, id);
    return d!;
  }
}

/** The documents of a citizen (one when `documentId` is given), newest first. */
async function documents(db: Executor, citizenId: string, documentId?: string): Promise<CitizenDocumentView[]> {
  const rows = await citizenDocumentRows(db, citizenId, documentId);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    fileId: r.stored_file_id,
    fileName: r.original_name,
    mime: r.mime,
    pages: r.pages,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    dossierId: r.dossier_id,
    dossierCode: r.dossier_code ?? null,
    createdAt: r.created_at,
  }));
}

/** Puts a dossier's files into its citizen's data store (digitised components, the result, a receipt), in the
 * caller's transaction. A file already there stays as it is. Returns how many documents were added.
 * `titles[i]` names `fileIds[i]` (one title names them all; a missing one falls back to the last given). */
export async function addFromDossier(
  db: Executor,
  input: { citizenId: string; dossierId: string; fileIds: readonly string[]; kind: DocumentKind; titles: string | readonly string[] },
): Promise<number> {
  const ids = [...new Set(input.fileIds)];
  if (!ids.length) return 0;
  const titles = typeof input.titles === 'string' ? [input.titles] : input.titles;
  const rows = ids.map((fileId) => {
    const i = input.fileIds.indexOf(fileId);
    return {
      citizen_id: input.citizenId,
      stored_file_id: fileId,
      kind: input.kind,
      title: cleanTitle(titles[Math.min(i, titles.length - 1)]),
      dossier_id: input.dossierId,
    };
  });
  const added = await insertCitizenDocuments(db, rows);
  return added;
}

/** Keeps a file the citizen uploaded in their data store; answers the document id (the existing one when the file
 * is already there). A file that is not the citizen's own upload is refused (`file-not-owned`). */
export async function addUploaded(db: Executor, citizenId: string, storedFileId: string, title: string): Promise<string> {
  await assertOwnedFiles(db, citizenId, [storedFileId]);
  return keepCitizenDocument(db, { citizenId, storedFileId, kind: 'component', title: cleanTitle(title) });
}

/** Refuses (422 `file-not-owned`, listing them) file ids that are neither the citizen's own uploads nor in their
 * data store: a citizen cannot attach another person's file to an application. */
export async function assertOwnedFiles(db: Executor, citizenId: string, fileIds: readonly string[]): Promise<void> {
  await assertFilesOwned(db, fileIds, { kind: 'citizen', citizenId });
}
